"""Grading that the notebook cannot forge.

For each submission the grader

1. finds which course notebook it is (its metadata, else its file name) and takes the list of
   exercises from the course's own copy of that notebook, never from the submission;
2. runs the submission in a fresh Python, in a process of its own with a time and memory limit
   (:mod:`.warm_runner` forks it from a warm server on Linux; elsewhere :mod:`.limited_process` and
   :mod:`.runner` start a Jupyter kernel for it), after inserting, behind each exercise cell and at the
   end, a small cell that writes the *values* of the exercise's answer variables (numbers and arrays
   only) to a file (:mod:`.capture`);
3. evaluates every check itself, in the grading process, with its own copy of the course models,
   from those values, the student's variant parameters and their earlier answers.

Nothing the student's kernel displays is read: a forged ``Feedback``, a patched check module or a
monkeypatched ``ne_lib`` function change only what the student sees. Errors are recorded and the run
goes on with the next cell; a notebook that runs out of time, memory or crashes is stopped and the
next one is graded.

Grading executes students' code with your permissions: run it inside a container, a virtual
machine or an unprivileged hub account.
"""

from __future__ import annotations

import queue
import re
import secrets
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import nbformat

from ._paths import METADATA_KEY, NOTEBOOK_ROW, chapter_data_files, chapter_notebooks, default_chapters, skip
from .capture import MISSING, decode, prepare_run, read_captures
from .gradebook import write_grades_csv
from .limited_process import run_isolated
from .solutions import has_solution_block, strip_solution_markdown
from .warm_runner import WarmRunner, fork_available

__all__ = ["GradeRow", "grade_notebook", "grade_folder", "DEFAULT_MEMORY_MB", "RUNNERS"]

DEFAULT_MEMORY_MB = 4096
RUNNERS = ("auto", "fork", "kernel")   # how a submission is run: see :func:`grade_folder`
_OUTPUT_NOTE_BYTES = 2_000_000


@dataclass(frozen=True)
class GradeRow:
    """One line of the grades CSV. ``passed`` is None for a written exercise (marked by hand)."""

    student_file: str
    exercise: str
    passed: bool | None
    message: str
    student: str = ""
    points: float = 0.0
    max_points: float = 0.0


# ---- which notebook, which exercises ---------------------------------------------------------

def _course_notebook(nb, nb_path: Path, chapters_dir: Path | None) -> Path | None:
    """The course notebook a submission is a copy of: notebook metadata first, then its file name."""
    if chapters_dir is None or not chapters_dir.is_dir():
        return None
    known = chapter_notebooks(chapters_dir)
    source = nb.metadata.get(METADATA_KEY, {}).get("source", "") if isinstance(nb.metadata.get(METADATA_KEY), dict) else ""
    if isinstance(source, str) and source:
        candidate = (chapters_dir.parent / source).resolve()
        if candidate in {p.resolve() for p in known}:
            return candidate
    resolved = nb_path.resolve()
    if resolved in {p.resolve() for p in known}:
        return resolved
    stems = {p.stem: p for p in known}
    if nb_path.stem in stems:
        return stems[nb_path.stem]
    inside = [s for s in stems if s in nb_path.stem]
    return stems[max(inside, key=len)] if inside else None


def gated_exercise_cells(nb) -> dict[int, str]:
    """{cell index: label} of the coding-exercise cells of an instructor notebook or a student copy."""
    found, gate = {}, None
    for i, cell in enumerate(nb.cells):
        label = cell.metadata.get(METADATA_KEY, {}).get("exercise") if isinstance(
            cell.metadata.get(METADATA_KEY), dict) else None
        if cell.cell_type == "markdown":
            try:
                _, gate, _ = strip_solution_markdown(cell.source, gate)
            except ValueError:
                gate = None
        elif cell.cell_type == "code":
            if isinstance(label, str) and label:
                found[i] = label
            elif gate is not None and has_solution_block(cell.source):
                found[i] = gate
    return found


@lru_cache(maxsize=64)
def _expected_exercises(course_nb: str, _mtime: float) -> tuple[str, ...]:
    nb = nbformat.read(course_nb, as_version=4)
    return tuple(dict.fromkeys(gated_exercise_cells(nb).values()))


# ---- grading one notebook --------------------------------------------------------------------

def _first_line(source: str) -> str:
    for line in source.splitlines():
        if line.strip():
            return line.strip()[:60]
    return ""


def grade_notebook(path: str | Path, *, student_file: str | None = None, timeout: float = 120.0,
                   chapters_dir: str | Path | None = None, student_id: str | None = None, salt: str = "",
                   chapter: str | None = None, memory_mb: int = DEFAULT_MEMORY_MB,
                   variants: bool = False, runner: str | WarmRunner = "auto") -> list[GradeRow]:
    """Run one submitted notebook in its own limited process and grade its answers here.

    ``timeout`` (s, > 0) limits the notebook's execution (kernel start-up excluded); ``memory_mb``
    limits the memory of the process that runs it; with ``variants`` (per-student copies were
    handed out), ``student_id`` and ``salt`` pick the student's variants, else the default variant
    is expected; ``chapter``, if given, refuses a notebook of another chapter; ``runner`` is one of
    :data:`RUNNERS` (see :func:`grade_folder`) or a :class:`.warm_runner.WarmRunner` to reuse. Never
    raises for problems in the submission: they become rows.
    """
    from ne_lib.check.registry import all_exercises, all_written

    if not (isinstance(timeout, (int, float)) and timeout > 0):
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
    if not (isinstance(memory_mb, int) and memory_mb >= 256):
        raise ValueError(f"memory_mb must be an integer >= 256 (MB), got {memory_mb!r}")
    use = _runner_kind(runner) if not isinstance(runner, WarmRunner) else "fork"
    path = Path(path)
    who = student_file or path.name
    sid = student_id or ""
    try:
        nb = nbformat.read(path, as_version=4)
        if not isinstance(nb.get("cells"), list):
            raise ValueError("no cells")
    except Exception as exc:  # noqa: BLE001 - anything unreadable is the submission's problem
        return [GradeRow(who, NOTEBOOK_ROW, False, f"not a readable notebook: {type(exc).__name__}: {exc}"[:300], sid)]

    chapters = Path(chapters_dir) if chapters_dir else default_chapters()
    course_nb = _course_notebook(nb, path, chapters)
    if course_nb is None:
        return [GradeRow(who, NOTEBOOK_ROW, False, "not a notebook of this course (neither its metadata nor its "
                         "file name matches a chapter notebook); not graded", sid)]
    chapter_of_nb = course_nb.parent.name if course_nb.parent != chapters.resolve() else ""
    if chapter is not None and chapter_of_nb != chapter:
        return [GradeRow(who, NOTEBOOK_ROW, False, f"this is {course_nb.name} of chapter "
                         f"{chapter_of_nb or '(none)'}, not a notebook of chapter {chapter}; not graded", sid)]

    registry = all_exercises()
    expected = [e for e in _expected_exercises(str(course_nb), course_nb.stat().st_mtime) if e in registry]
    answers = {label: registry[label].answers for label in expected}
    cells = gated_exercise_cells(nb)
    meta = nb.metadata.get(METADATA_KEY) if isinstance(nb.metadata.get(METADATA_KEY), dict) else {}
    note = ""
    copy_for = meta.get("student_id") if isinstance(meta.get("student_id"), str) else ""
    if copy_for and sid and copy_for != sid:
        note = f" Note: this copy was made for student {copy_for!r}; graded with {sid!r}'s variants."
    elif copy_for and not sid:
        sid = copy_for

    token = secrets.token_hex(16)
    # (a process the submission started may still be writing there when the run ends)
    with tempfile.TemporaryDirectory(prefix="ne-grade-", ignore_cleanup_errors=True) as tmp:
        work_dir = Path(tmp) / "work"
        work_dir.mkdir()
        for data in chapter_data_files(course_nb.parent):
            target = work_dir / data.relative_to(course_nb.parent)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(data, target)
        capture = Path(tmp) / f"answers-{token[:8]}.jsonl"
        run_nb, origin = prepare_run(nb, cells, answers, capture, token)
        run_path = Path(tmp) / "submission.ipynb"
        nbformat.write(run_nb, run_path)
        if isinstance(runner, WarmRunner):
            summary = runner.run(run_path, work_dir, float(timeout), memory_mb)
        elif use == "fork":
            with WarmRunner() as warm:
                summary = warm.run(run_path, work_dir, float(timeout), memory_mb)
        else:
            summary = run_isolated(run_path, work_dir, float(timeout), memory_mb)
        captured = read_captures(capture, token)

    rows: list[GradeRow] = []
    if isinstance(summary, str):
        rows.append(GradeRow(who, NOTEBOOK_ROW, False, summary + "." + note, sid))
        summary = {"stop": ("dead", summary), "current": None, "started": [], "finished": [], "errors": {},
                   "elapsed_s": 0.0, "output_bytes": 0}
    def cell(i) -> int | None:
        """The submission's cell behind the run's cell ``i`` (None for inserted cells and nonsense)."""
        try:
            return origin[int(i)] if 0 <= int(i) < len(origin) else None
        except (TypeError, ValueError):
            return None

    started: set[int] = {c for i in summary["started"] if (c := cell(i)) is not None}
    finished = {c for i in summary["finished"] if (c := cell(i)) is not None}
    errors = {c: e for i, e in summary["errors"].items() if (c := cell(i)) is not None}
    stop = summary["stop"]
    current = cell(summary["current"]) if summary["current"] is not None else None
    if not rows:
        big = summary.get("output_bytes", 0)
        extra = f" It printed {big / 1e6:.1f} MB of output (not kept)." if big > _OUTPUT_NOTE_BYTES else ""
        if stop is not None:
            where = ""
            if current is not None and current not in finished and stop[0] != "failed":
                where = f" in cell {current + 1} ({_first_line(nb.cells[current].source)!r}); later cells were not run"
            rows.append(GradeRow(who, NOTEBOOK_ROW, False, f"{stop[1]}{where}.{extra}{note}", sid))
        elif errors:
            first = min(errors)
            rows.append(GradeRow(who, NOTEBOOK_ROW, False,
                                 f"ran to the end in {summary['elapsed_s']:.1f} s, but {len(errors)} cell(s) raised "
                                 f"errors; first: cell {first + 1} ({_first_line(nb.cells[first].source)!r}) {errors[first]}."
                                 f"{extra}{note}", sid))
        else:
            rows.append(GradeRow(who, NOTEBOOK_ROW, True,
                                 f"ran to the end without errors in {summary['elapsed_s']:.1f} s.{extra}{note}", sid))

    from .variants import variant_for

    cell_of = {label: i for i, label in cells.items()}
    values_of: dict[str, list] = {}
    for label in expected:
        ex = registry[label]
        got = captured.get(label) or captured.get("(end)" + label)
        i = cell_of.get(label)
        values = [(decode(got.get(n)) if got else MISSING) for n in ex.answers]
        values_of[label] = values
        missing = [n for n, v in zip(ex.answers, values) if v is MISSING]
        if i is not None and i in errors and (missing or all(v is None for v in values)):
            rows.append(GradeRow(who, label, False, f"your code raised {errors[i]}", sid, 0.0, ex.points))
            continue
        if not got:
            if i is None:
                msg = "the exercise cell is missing from the submission"
                if stop is not None:
                    msg += f" (and the notebook stopped early: {stop[1]})"
            elif stop is not None and i == current and i not in finished:
                msg = (f"this cell did not finish within the notebook's {timeout:g} s time limit"
                       if stop[0] == "timeout" else f"this cell was running when {stop[1]}")
            elif i not in started:
                msg = "not run: the notebook stopped earlier (" + (stop[1] if stop else "unknown reason") + ")"
            else:
                msg = "no answer was recorded for this exercise"
            rows.append(GradeRow(who, label, False, msg, sid, 0.0, ex.points))
            continue
        if missing and i is None:
            rows.append(GradeRow(who, label, False, "the exercise cell is missing from the submission (and "
                                 + " and ".join(f"`{n}`" for n in missing) + " is not defined)", sid, 0.0, ex.points))
            continue
        if missing:
            rows.append(GradeRow(who, label, False, "no answer: the variable " + " and ".join(f"`{n}`" for n in missing)
                                 + " is not defined (keep the names given in the exercise cell)", sid, 0.0, ex.points))
            continue
        params = variant_for(ex, (sid or None) if variants else None, salt)
        carried = {}
        for arg, earlier in ex.carried.items():
            earlier, _, param = earlier.partition(":")   # "label": its answer; "label:name": its variant
            prev = values_of.get(earlier)
            if param and earlier in registry:
                carried[arg] = variant_for(registry[earlier], (sid or None) if variants else None, salt)[param]
            elif not param and prev and len(prev) == 1 and isinstance(prev[0], float):
                carried[arg] = prev[0]
        try:
            feedback = ex.check(*values, **params, **carried)
        except Exception as exc:  # noqa: BLE001 - an odd value must not stop the run
            rows.append(GradeRow(who, label, False, f"the check could not use this answer ({type(exc).__name__}: "
                                 f"{exc})"[:300], sid, 0.0, ex.points))
            continue
        shown = ", ".join(f"{k} = {v!r}" for k, v in params.items())
        message = feedback.message + (f" [variant: {shown}]" if shown and variants else "")
        rows.append(GradeRow(who, label, bool(feedback.passed), message, sid,
                             ex.points if feedback.passed else 0.0, ex.points))
    for label, item in all_written().items():
        if item.chapter == chapter_of_nb and _written_in(course_nb, label):
            rows.append(GradeRow(who, label, None, "written answer: mark it with the rubric in the instructor guide",
                                 sid, 0.0, item.points))
    return rows


@lru_cache(maxsize=64)
def _written_labels(course_nb: str, _mtime: float) -> frozenset[str]:

    nb = nbformat.read(course_nb, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return frozenset(re.findall(r"^:label:[ \t]*(\S+)", text, re.M))


def _written_in(course_nb: Path, label: str) -> bool:
    return label in _written_labels(str(course_nb), course_nb.stat().st_mtime)


# ---- grading a folder ------------------------------------------------------------------------

def _runner_kind(runner: object) -> str:
    if runner not in RUNNERS:
        raise ValueError(f"runner must be one of {', '.join(RUNNERS)}, got {runner!r}")
    if runner == "fork" and not fork_available():
        raise ValueError("runner='fork' needs Linux; use runner='kernel' (or 'auto') here")
    return ("fork" if fork_available() else "kernel") if runner == "auto" else str(runner)


def _student_of(rel: Path) -> str | None:
    """The student a submission belongs to: its first folder (``submissions/<student>/...``)."""
    return rel.parts[0] if len(rel.parts) > 1 else None


def grade_folder(submissions: str | Path, out_csv: str | Path | None = None, *, timeout: float = 120.0,
                 chapters_dir: str | Path | None = None, jobs: int = 1, salt: str = "",
                 chapter: str | None = None, memory_mb: int = DEFAULT_MEMORY_MB,
                 roster: str | Path | None = None, variants: bool | None = None,
                 runner: str = "auto") -> list[GradeRow]:
    """Grade every ``*.ipynb`` under ``submissions`` (recursively) and write the CSV to ``out_csv``.

    Each notebook runs in its own process (``jobs`` at a time) with the time and memory limits.
    ``runner``: ``"fork"`` forks each from one warm server per job (:mod:`.warm_runner`; Linux, about
    ten times less CPU), ``"kernel"`` starts a Jupyter kernel for each (:mod:`.runner`), ``"auto"``
    forks where it can.
    ``variants`` (default: True when a ``roster`` is given) grades each student against their own
    variant (see :mod:`.variants`). With a ``roster``, a roster line with an empty or duplicate id gets a row of its own, and a
    student with no submission a row saying so.
    """
    from ne_lib.check.registry import all_exercises

    submissions = Path(submissions)
    if not submissions.is_dir():
        raise ValueError(f"submissions: {submissions} is not a folder")
    if not (isinstance(jobs, int) and jobs >= 1):
        raise ValueError(f"jobs must be an integer >= 1, got {jobs!r}")
    per_student = (roster is not None) if variants is None else bool(variants)
    use = _runner_kind(runner)
    all_exercises()   # import every check module here, once, before the workers start
    paths = sorted(p for p in submissions.rglob("*.ipynb") if not skip(p.relative_to(submissions)))

    warm: queue.SimpleQueue = queue.SimpleQueue()
    servers = [WarmRunner() for _ in range(min(jobs, len(paths)))] if use == "fork" else []
    for server in servers:
        warm.put(server)

    def one(p: Path) -> list[GradeRow]:
        rel = p.relative_to(submissions)
        server = warm.get() if servers else None
        try:
            return grade_notebook(p, student_file=rel.as_posix(), timeout=timeout, chapters_dir=chapters_dir,
                                  student_id=_student_of(rel), salt=salt, chapter=chapter, memory_mb=memory_mb,
                                  variants=per_student, runner=server or "kernel")
        finally:
            if server is not None:
                warm.put(server)

    rows: list[GradeRow] = []
    if roster is not None:
        from .variants import read_roster

        students, problems = read_roster(roster)
        rows.extend(GradeRow("(roster)", NOTEBOOK_ROW, False, problem) for problem in problems)
        submitted = {_student_of(p.relative_to(submissions)) for p in paths}
        rows.extend(GradeRow("(none)", NOTEBOOK_ROW, False, "no submission found for this student", s["id"])
                    for s in students if s["id"] not in submitted)
    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for result in pool.map(one, paths):
                rows.extend(result)
    finally:
        for server in servers:
            server.close()
    if out_csv is not None:
        write_grades_csv(rows, out_csv)
    return rows
