"""Coursework tools: student copies of the chapter notebooks, and grading of submissions.

Command line (run from the repository root)::

    python -m ne_lib.coursework student --out _build/student
    python -m ne_lib.coursework grade SUBMISSIONS_DIR --out grades.csv [--timeout 120] [--jobs 4]

``student`` writes a copy of every notebook under ``chapters/`` with the solutions removed
(see the "Exercises" section of CONTRIBUTING.md for the convention it reads):

* cells between a gated ``{solution-start}`` and ``{solution-end}`` are dropped, except code
  cells containing a ``### BEGIN SOLUTION`` block; those become the student's workspace;
* a ``### BEGIN SOLUTION`` .. ``### END SOLUTION`` block is replaced by its ``# stub:`` lines
  (prefix removed); the lines after the block (the check call) stay;
* text ``{solution}`` directives are removed; a Markdown cell left empty is dropped;
* everything else is kept as it is; outputs and execution counts are cleared;
* the chapter's other files (quiz JSON, data, images; not ``*.md`` pages) are copied beside
  the notebooks, so a copy runs where it lands.

Each workspace cell is labelled with its exercise in the cell metadata
(``ne_coursework.exercise``), and the notebook lists its exercises and its source in the notebook
metadata (``ne_coursework``), so the grader can report an exercise whose check never ran.

``grade`` runs every ``*.ipynb`` under SUBMISSIONS_DIR in a fresh kernel of the current Python
environment (nbclient), in a scratch folder holding the chapter's data files, with a time limit
per notebook. Errors are recorded and execution goes on with the next cell; a notebook that
runs out of time or whose kernel dies is stopped and the next notebook is graded. The CSV has
one row per check result (read from the ``application/vnd.ne-check+json`` output of
:class:`ne_lib.check.Feedback`), one row per exercise cell whose check did not report (with the
reason), and one ``(notebook)`` row per submission saying whether it ran to the end.

Grading executes students' code with your permissions: run it inside a container, a virtual
machine or an unprivileged hub account.
"""

from __future__ import annotations

import argparse
import copy
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import astuple, dataclass
from pathlib import Path

import nbformat

__all__ = [
    "GradeRow", "CSV_HEADER", "NOTEBOOK_ROW", "strip_solution_code", "strip_solution_markdown",
    "student_notebook", "make_student_copies", "grade_notebook", "grade_folder", "main",
]

METADATA_KEY = "ne_coursework"
CHECK_MIME = "application/vnd.ne-check+json"  # = ne_lib.check.MIME_TYPE (kept importable without numpy)
NOTEBOOK_ROW = "(notebook)"
CSV_HEADER = ("student_file", "exercise", "passed", "message")
_MARKER_FILE = ".ne-student-copy"

_BEGIN = re.compile(r"^(?P<indent>[ \t]*)#+[ \t]*BEGIN SOLUTION[ \t\r]*$")
_END = re.compile(r"^[ \t]*#+[ \t]*END SOLUTION[ \t\r]*$")
_STUB = re.compile(r"^(?P<indent>[ \t]*)#[ \t]*stub:[ \t]?(?P<code>.*?)\r?$")
_MD_BEGIN = re.compile(r"^[ \t]*(#+|<!--)[ \t]*BEGIN SOLUTION[ \t]*(-->)?[ \t\r]*$")
_MD_END = re.compile(r"^[ \t]*(#+|<!--)[ \t]*END SOLUTION[ \t]*(-->)?[ \t\r]*$")
_FENCE_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,}|:{3,})[ \t]*(?:\{(?P<name>[A-Za-z][\w-]*)\})?(?P<arg>.*)$")


# --------------------------------------------------------------------------------------------
# Student copies
# --------------------------------------------------------------------------------------------

def strip_solution_code(source: str, *, where: str = "code cell") -> tuple[str, int]:
    """Replace each ``### BEGIN SOLUTION`` .. ``### END SOLUTION`` block by its ``# stub:`` lines.

    Returns the new source and the number of blocks replaced. A block without a stub line
    becomes ``# YOUR CODE HERE`` (plus ``pass`` when indented, so the code stays valid) and
    a warning is issued. An unterminated or stray marker raises ``ValueError`` naming ``where``.
    """
    out: list[str] = []
    blocks = 0
    in_block = False
    indent = ""
    stubs: list[str] = []
    for line in source.split("\n"):
        if not in_block:
            m = _BEGIN.match(line)
            if m:
                in_block, indent, stubs = True, m.group("indent"), []
                continue
            if _END.match(line):
                raise ValueError(f"{where}: '### END SOLUTION' without a matching '### BEGIN SOLUTION'")
            out.append(line)
            continue
        if _BEGIN.match(line):
            raise ValueError(f"{where}: '### BEGIN SOLUTION' inside another solution block")
        if _END.match(line):
            if not stubs:
                warnings.warn(f"{where}: solution block without a '# stub:' line; the student gets "
                              "an empty workspace", stacklevel=2)
                stubs = [indent + "# YOUR CODE HERE"] + ([indent + "pass"] if indent else [])
            out.extend(stubs)
            blocks += 1
            in_block = False
            continue
        s = _STUB.match(line)
        if s:
            stubs.append(s.group("indent") + s.group("code"))
    if in_block:
        raise ValueError(f"{where}: '### BEGIN SOLUTION' without a matching '### END SOLUTION'")
    return "\n".join(out), blocks


def _fence_end(lines: list[str], start: int, fence: str) -> int:
    """Index of the line closing the fenced block opened at ``start`` (last line if unclosed)."""
    char, n = fence[0], len(fence)
    closing = re.compile(r"^ {0,3}" + re.escape(char) + "{" + str(n) + r",}[ \t\r]*$")
    for j in range(start + 1, len(lines)):
        if closing.match(lines[j]):
            return j
    return len(lines) - 1


def strip_solution_markdown(text: str, in_gate: str | None = None, *,
                            where: str = "markdown cell") -> tuple[str, str | None, list[str]]:
    """Remove solution material from one Markdown cell.

    ``in_gate`` is the label of a gated solution opened in an earlier cell (or ``None``).
    Drops ``{solution}`` directives, ``{solution-start}``/``{solution-end}`` markers and all
    text between them, and nbgrader-style ``BEGIN SOLUTION``/``END SOLUTION`` regions.
    Fenced blocks are read as whole units, so directive syntax shown inside a code fence is
    left alone. Returns (new text, gate label still open after this cell, labels of the
    gated solutions opened here).
    """
    lines = text.split("\n")
    out: list[str] = []
    opened: list[str] = []
    in_region = False
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _FENCE_OPEN.match(line)
        if m and not in_region:
            j = _fence_end(lines, i, m.group("fence"))
            name = m.group("name")
            if in_gate is not None:
                if name == "solution-start":
                    raise ValueError(f"{where}: solution-start inside the open solution '{in_gate}'")
                if name == "solution-end":
                    in_gate = None
            elif name == "solution":
                pass
            elif name == "solution-start":
                in_gate = m.group("arg").strip() or "(unlabelled)"
                opened.append(in_gate)
            elif name == "solution-end":
                raise ValueError(f"{where}: solution-end without a solution-start")
            else:
                out.extend(lines[i:j + 1])
            i = j + 1
            continue
        if in_gate is None:
            if _MD_BEGIN.match(line):
                in_region = True
            elif _MD_END.match(line):
                if not in_region:
                    raise ValueError(f"{where}: END SOLUTION without BEGIN SOLUTION")
                in_region = False
            elif not in_region:
                out.append(line)
        i += 1
    if in_region:
        raise ValueError(f"{where}: BEGIN SOLUTION without END SOLUTION")
    return "\n".join(out), in_gate, opened


def student_notebook(nb: nbformat.NotebookNode, *, source: str = "") -> nbformat.NotebookNode:
    """Return a student copy of ``nb`` (the input is not changed). ``source`` names it in errors."""
    nb = copy.deepcopy(nb)
    name = source or "notebook"
    cells = []
    gate: str | None = None
    exercises: list[str] = []
    for index, cell in enumerate(nb.cells, start=1):
        where = f"{name}, cell {index}"
        if cell.cell_type == "markdown":
            text, gate, _ = strip_solution_markdown(cell.source, gate, where=where)
            if text.strip():
                cell.source = text.strip("\n")
                cells.append(cell)
        elif cell.cell_type == "code":
            new_source, blocks = strip_solution_code(cell.source, where=where)
            if gate is not None and not blocks:
                continue  # other code inside a solution (plots of the answer, ...) is dropped
            cell.source = new_source
            cell.outputs = []
            cell.execution_count = None
            if blocks:
                label = gate or f"cell-{index}"
                cell.metadata[METADATA_KEY] = {"exercise": label}
                exercises.append(label)
            cells.append(cell)
        else:  # raw cells
            if gate is None:
                cells.append(cell)
    if gate is not None:
        raise ValueError(f"{name}: solution-start '{gate}' has no solution-end")
    nb.cells = cells
    nb.metadata[METADATA_KEY] = {"student_copy": True, "source": source, "exercises": exercises}
    nbformat.validate(nb)
    return nb


def _repo_root() -> Path:
    return Path(__file__).resolve().parent.parent




def course_repository(root: str | Path | None = None) -> tuple[str, str]:
    """(url, ref) of the course release that student copies and links install (ne_lib.release)."""
    from ne_lib import release
    return release.REPOSITORY_URL, release.RELEASE_REF


def student_requirements(root: str | Path | None = None) -> str:
    """requirements.txt for a folder of student copies (Binder, JupyterHub, ``pip install -r``).

    The same fully pinned Jupyter environment as the course's Binder (binder/requirements.txt),
    with the course itself installed from its release tag instead of the checkout.
    """
    from ne_lib import release
    candidates = [Path(root)] if root else []
    candidates.append(_repo_root())
    locks = [c / "binder" / "requirements.txt" for c in candidates if (c / "binder" / "requirements.txt").is_file()]
    if not locks:
        raise ValueError(f"root: neither {' nor '.join(map(str, candidates))} has binder/requirements.txt "
                         "(the pinned Jupyter environment)")
    lock = locks[0]
    pins = [line for line in lock.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#") and line.strip() != "."]
    lines = ["# Environment for the student copies of the norepinephrine course (Python "
             f"{release.PYTHON_VERSION}, see runtime.txt).",
             "# Used by Binder and by `pip install -r requirements.txt` on a JupyterHub.",
             release.install_requirement()]
    return "\n".join(lines + pins) + "\n"


_STUDENT_README = """# Norepinephrine course: student notebooks

One folder per chapter. Open a notebook, run it from the top, and fill in each exercise cell
where a value is `None`; the check at the end of the cell tells you at once what is right or
wrong. Before you hand a notebook in, use "Restart kernel and run all cells": it is graded by
running it from the top in a fresh kernel.

The course website with the full text is built from {url}.
"""


def _default_chapters() -> Path:
    here = Path.cwd() / "chapters"
    return here if here.is_dir() else _repo_root() / "chapters"


def _skip(path: Path) -> bool:
    return any(part.startswith((".", "_build", "__pycache__")) for part in path.parts)


def _chapter_data_files(chapter_dir: Path) -> list[Path]:
    """Files a chapter's notebooks may read when run: everything except notebooks and pages."""
    return sorted(p for p in chapter_dir.rglob("*")
                  if p.is_file() and p.suffix not in {".ipynb", ".md"} and not _skip(p.relative_to(chapter_dir)))


def make_student_copies(chapters_dir: str | Path, out_dir: str | Path) -> list[Path]:
    """Write a student copy of every notebook under ``chapters_dir`` into ``out_dir``.

    ``out_dir`` is replaced if it holds an earlier student build; a non-empty folder that does
    not is refused (``ValueError``), so nothing else is deleted by mistake.
    """
    chapters_dir, out_dir = Path(chapters_dir), Path(out_dir)
    if not chapters_dir.is_dir():
        raise ValueError(f"chapters_dir: {chapters_dir} is not a folder")
    if out_dir.exists():
        if (out_dir / _MARKER_FILE).exists():
            shutil.rmtree(out_dir)
        elif any(out_dir.iterdir()):
            raise ValueError(f"out_dir: {out_dir} is not empty and is not an earlier student build; "
                             "choose an empty or new folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / _MARKER_FILE).write_text("Student copies written by `python -m ne_lib.coursework student`.\n")
    root = chapters_dir.parent
    (out_dir / "requirements.txt").write_text(student_requirements(root), encoding="utf-8")
    from ne_lib import release
    (out_dir / "runtime.txt").write_text(f"python-{release.PYTHON_VERSION}\n", encoding="utf-8")
    (out_dir / "README.md").write_text(_STUDENT_README.format(url=course_repository(root)[0]), encoding="utf-8")
    written = []
    base = chapters_dir.parent
    for nb_path in sorted(p for p in chapters_dir.rglob("*.ipynb") if not _skip(p.relative_to(chapters_dir))):
        nb = nbformat.read(nb_path, as_version=4)
        student = student_notebook(nb, source=nb_path.relative_to(base).as_posix())
        target = out_dir / nb_path.relative_to(chapters_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(student, target)
        written.append(target)
    for data in _chapter_data_files(chapters_dir):
        target = out_dir / data.relative_to(chapters_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(data, target)
    return written


# --------------------------------------------------------------------------------------------
# Grading
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GradeRow:
    """One line of the grades CSV."""

    student_file: str
    exercise: str
    passed: bool
    message: str


def _current_env_kernel_manager_class():
    """A kernel manager class that starts IPython in the grader's own Python environment.

    Passed to nbclient as a class (not an instance) so that nbclient owns the kernel and shuts
    it down after each notebook.
    """
    import ipykernel.kernelspec
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class _CurrentEnvSpecs(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            return self.kernel_spec_class(resource_dir=ipykernel.kernelspec.RESOURCES,
                                          **ipykernel.kernelspec.get_kernel_dict())

    class _CurrentEnvKernelManager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _kernel_spec_manager_default(self):
            return _CurrentEnvSpecs(data_dir=self.data_dir)

    return _CurrentEnvKernelManager


def _find_chapter_dir(nb: nbformat.NotebookNode, nb_path: Path, chapters_dir: Path | None) -> Path | None:
    """The chapter folder a submission comes from: notebook metadata first, then its file name."""
    if chapters_dir is None or not chapters_dir.is_dir():
        return None
    source = nb.metadata.get(METADATA_KEY, {}).get("source", "")
    if source:
        candidate = chapters_dir.parent / source
        if candidate.parent.is_dir():
            return candidate.parent
    try:
        nb_path.resolve().relative_to(chapters_dir.resolve())
        return nb_path.parent                      # an instructor notebook graded in place
    except ValueError:
        pass
    stems = {p.stem: p.parent for p in chapters_dir.rglob("*.ipynb") if not _skip(p.relative_to(chapters_dir))}
    if nb_path.stem in stems:
        return stems[nb_path.stem]
    inside = [s for s in stems if s in nb_path.stem]
    if inside:
        return stems[max(inside, key=len)]
    for part in reversed(nb_path.parent.parts):
        if "/" not in part and "\\" not in part and not _skip(Path(part)) and (chapters_dir / part).is_dir():
            return chapters_dir / part
    return None


def _first_line(source: str) -> str:
    for line in source.splitlines():
        if line.strip():
            return line.strip()[:60]
    return ""


def _check_results(cell) -> list[dict]:
    found = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if CHECK_MIME in data:
            payload = data[CHECK_MIME]
            if isinstance(payload, str):
                try:
                    payload = json.loads(payload)
                except ValueError:
                    continue
            if isinstance(payload, dict) and "exercise" in payload:
                found.append(payload)
    return found


def _error(cell) -> str | None:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip()
    return None


def grade_notebook(path: str | Path, *, student_file: str | None = None, timeout: float = 120.0,
                   chapters_dir: str | Path | None = None) -> list[GradeRow]:
    """Run one submitted notebook in a fresh kernel and turn its check outputs into rows.

    ``timeout`` (s, > 0) limits the whole notebook's execution (kernel start-up excluded).
    Never raises for problems in the submission: they become rows.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    if not (isinstance(timeout, (int, float)) and timeout > 0):
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
    path = Path(path)
    who = student_file or path.name
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # noqa: BLE001 - anything unreadable is the submission's problem
        return [GradeRow(who, NOTEBOOK_ROW, False, f"could not read the notebook: {type(exc).__name__}: {exc}")]

    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    chapter = _find_chapter_dir(nb, path, Path(chapters_dir) if chapters_dir else _default_chapters())

    started: set[int] = set()
    finished: set[int] = set()
    state = {"deadline": None, "current": None}

    def remaining(cell):
        if state["deadline"] is None:
            state["deadline"] = time.monotonic() + timeout
        return max(0.01, state["deadline"] - time.monotonic())

    def on_execute(cell, cell_index, **_):
        started.add(cell_index)
        state["current"] = cell_index

    def on_executed(cell, cell_index, **_):
        finished.add(cell_index)

    stop = None  # why the run ended early, or None
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ne-grade-") as work:
        work_dir = Path(work)
        if chapter is not None:
            for data in _chapter_data_files(chapter):
                target = work_dir / data.relative_to(chapter)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(data, target)
        client = NotebookClient(
            nb, kernel_manager_class=_current_env_kernel_manager_class(), kernel_name="python3",
            timeout_func=remaining, allow_errors=True,
            interrupt_on_timeout=False, shutdown_kernel="immediate", startup_timeout=60,
            resources={"metadata": {"path": str(work_dir)}},
            on_cell_execute=on_execute, on_cell_executed=on_executed,
        )
        try:
            # A student's kernel: never in book-build mode (the build leaves the checks' JSON out);
            # its own start-up chatter on stderr is dropped.
            env = {k: v for k, v in os.environ.items() if k != "NE_BOOK_BUILD"}
            client.execute(stderr=subprocess.DEVNULL, env=env)
        except CellTimeoutError:
            stop = ("timeout", f"stopped at the {timeout:g} s time limit")
        except DeadKernelError:
            stop = ("dead", "the Python kernel died (a crash or out of memory)")
        except Exception as exc:  # noqa: BLE001 - kernel start-up failures and the like
            stop = ("failed", f"could not be run: {type(exc).__name__}: {exc}")
    elapsed = time.monotonic() - t0

    rows: list[GradeRow] = []
    code_cells = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    errors = [(i, _error(c)) for i, c in code_cells if _error(c)]
    if stop is not None:
        where = ""
        if state["current"] is not None and state["current"] not in finished and stop[0] != "failed":
            cur = state["current"]
            where = f" in cell {cur + 1} ({_first_line(nb.cells[cur].source)!r}); later cells were not run"
        head = GradeRow(who, NOTEBOOK_ROW, False, f"{stop[1]}{where}.")
    elif errors:
        i, err = errors[0]
        head = GradeRow(who, NOTEBOOK_ROW, False,
                        f"ran to the end in {elapsed:.1f} s, but {len(errors)} cell(s) raised errors; "
                        f"first: cell {i + 1} ({_first_line(nb.cells[i].source)!r}) {err}")
    else:
        head = GradeRow(who, NOTEBOOK_ROW, True, f"ran to the end without errors in {elapsed:.1f} s.")
    rows.append(head)

    meta = nb.metadata.get(METADATA_KEY, {})
    expected = [e for e in meta.get("exercises", []) if isinstance(e, str)]
    seen: set[str] = set()
    for i, cell in code_cells:
        results = _check_results(cell)
        for r in results:
            rows.append(GradeRow(who, str(r["exercise"]), bool(r.get("passed")), str(r.get("message", ""))))
        label = cell.metadata.get(METADATA_KEY, {}).get("exercise")
        if not label:
            continue
        seen.add(label)
        if results:
            continue
        err = _error(cell)
        if err:
            msg = f"your code raised {err}"
        elif not cell.source.strip():
            msg = "the exercise cell is empty"
        elif stop is not None and i == state["current"] and i not in finished:
            msg = (f"this cell did not finish within the notebook's {timeout:g} s time limit"
                   if stop[0] == "timeout" else f"this cell was running when {stop[1]}")
        elif i not in finished:
            msg = "not run: the notebook stopped earlier (" + (stop[1] if stop else "unknown reason") + ")"
        else:
            msg = ("no check result: keep the check call as the last line of the exercise cell "
                   "(without a trailing ';')")
        rows.append(GradeRow(who, label, False, msg))
    for label in expected:
        if label not in seen:
            rows.append(GradeRow(who, label, False, "the exercise cell is missing from the submission"))
    return rows


def _grade_one(args):
    path, rel, timeout, chapters_dir = args
    return grade_notebook(path, student_file=rel, timeout=timeout, chapters_dir=chapters_dir)


def grade_folder(submissions: str | Path, out_csv: str | Path | None = None, *, timeout: float = 120.0,
                 chapters_dir: str | Path | None = None, jobs: int = 1) -> list[GradeRow]:
    """Grade every ``*.ipynb`` under ``submissions`` (recursively) and write the CSV to ``out_csv``."""
    submissions = Path(submissions)
    if not submissions.is_dir():
        raise ValueError(f"submissions: {submissions} is not a folder")
    if not (isinstance(jobs, int) and jobs >= 1):
        raise ValueError(f"jobs must be an integer >= 1, got {jobs!r}")
    paths = sorted(p for p in submissions.rglob("*.ipynb") if not _skip(p.relative_to(submissions)))
    tasks = [(p, p.relative_to(submissions).as_posix(), timeout, chapters_dir) for p in paths]
    rows: list[GradeRow] = []
    if jobs == 1 or len(tasks) < 2:
        for task in tasks:
            rows.extend(_grade_one(task))
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for result in pool.map(_grade_one, tasks):
                rows.extend(result)
    if out_csv is not None:
        out_csv = Path(out_csv)
        out_csv.parent.mkdir(parents=True, exist_ok=True)
        with out_csv.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(CSV_HEADER)
            writer.writerows(astuple(r) for r in rows)
    return rows


# --------------------------------------------------------------------------------------------
# Links for Binder and JupyterHub (nbgitpuller)
# --------------------------------------------------------------------------------------------

def binder_link(repo_url: str, branch: str, path: str, *, binderhub: str = "https://mybinder.org") -> str:
    """A Binder link that opens ``path`` (relative to the repository) in JupyterLab."""
    from urllib.parse import quote

    gh = re.match(r"^https://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?$", repo_url)
    spec = f"gh/{gh.group(1)}/{gh.group(2)}/{branch}" if gh else f"git/{quote(repo_url, safe='')}/{branch}"
    return f"{binderhub.rstrip('/')}/v2/{spec}?urlpath={quote('lab/tree/' + path, safe='')}"


def nbgitpuller_link(hub_url: str, repo_url: str, branch: str, path: str) -> str:
    """A JupyterHub link that clones/updates ``repo_url`` for the user and opens ``path`` in JupyterLab."""
    from urllib.parse import quote

    if not re.match(r"^https?://", hub_url):
        raise ValueError(f"hub_url must start with http:// or https://, got {hub_url!r}")
    folder = repo_url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    return (f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?repo={quote(repo_url, safe='')}"
            f"&branch={quote(branch, safe='')}&urlpath={quote(f'lab/tree/{folder}/{path}', safe='')}")


def chapter_links(notebooks: list[str], repo_url: str, branch: str, hub_url: str | None = None) -> str:
    """A Markdown table of Binder (and, given ``hub_url``, nbgitpuller) links, one row per notebook."""
    head = "| notebook | Binder |" + (" JupyterHub (nbgitpuller) |" if hub_url else "")
    rule = "| --- | --- |" + (" --- |" if hub_url else "")
    rows = [head, rule]
    for path in notebooks:
        row = f"| `{path}` | [launch]({binder_link(repo_url, branch, path)}) |"
        if hub_url:
            row += f" [open on the hub]({nbgitpuller_link(hub_url, repo_url, branch, path)}) |"
        rows.append(row)
    return "\n".join(rows)


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ne_lib.coursework", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    st = sub.add_parser("student", help="write student copies (solutions removed) of every chapter notebook")
    st.add_argument("--out", default="_build/student", help="output folder (default: _build/student)")
    st.add_argument("--chapters", default=None, help="chapters folder (default: ./chapters)")
    gr = sub.add_parser("grade", help="run submitted notebooks and write a CSV of check results")
    gr.add_argument("submissions", help="folder of submitted notebooks (searched recursively)")
    gr.add_argument("--out", default="grades.csv", help="CSV file to write (default: grades.csv)")
    gr.add_argument("--timeout", type=float, default=120.0, help="time limit per notebook, s (default: 120)")
    gr.add_argument("--jobs", type=int, default=1, help="notebooks graded in parallel (default: 1)")
    gr.add_argument("--chapters", default=None, help="chapters folder with the data files (default: ./chapters)")
    li = sub.add_parser("links", help="print per-notebook Binder and nbgitpuller links")
    li.add_argument("--repo", default=None,
                    help="git repository holding the notebooks (default: the course repository; give your own "
                         "repository of student copies to hand out copies without solutions)")
    li.add_argument("--branch", default=None, help="branch (default: the course's branch, or main)")
    li.add_argument("--hub", default=None, help="your JupyterHub's address, e.g. https://hub.example.edu")
    li.add_argument("--student-dir", default="_build/student",
                    help="folder of student copies whose notebooks are listed when --repo is given")
    args = parser.parse_args(argv)

    chapters = Path(args.chapters) if getattr(args, "chapters", None) else _default_chapters()
    try:
        if args.command == "student":
            written = make_student_copies(chapters, args.out)
            print(f"Wrote {len(written)} student notebook(s) to {args.out}")
            for p in written:
                print(f"  {p}")
            return 0
        if args.command == "links":
            url, branch = course_repository(chapters.parent)
            if args.repo:
                base = Path(args.student_dir)
                if not base.is_dir():
                    raise ValueError(f"--student-dir: {base} not found; run `make student` first")
                url, branch, folder = args.repo, args.branch or "main", base
            else:
                base, branch, folder = chapters.parent, args.branch or branch, chapters
            notebooks = sorted(p.relative_to(base).as_posix() for p in folder.rglob("*.ipynb")
                               if not _skip(p.relative_to(base)))
            print(chapter_links(notebooks, url, branch, args.hub))
            return 0
        if args.timeout <= 0:
            raise ValueError(f"--timeout must be > 0 seconds, got {args.timeout}")
        rows = grade_folder(args.submissions, args.out, timeout=args.timeout, chapters_dir=chapters,
                            jobs=args.jobs)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    files = sorted({r.student_file for r in rows})
    print(f"Graded {len(files)} notebook(s); wrote {args.out}")
    for name in files:
        mine = [r for r in rows if r.student_file == name and r.exercise != NOTEBOOK_ROW]
        head = next(r for r in rows if r.student_file == name and r.exercise == NOTEBOOK_ROW)
        print(f"  {name}: {sum(r.passed for r in mine)}/{len(mine)} checks passed; {head.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
