"""Grading: run each submitted notebook in a fresh kernel and turn its results into rows.

``grade`` runs every ``*.ipynb`` under a folder in a fresh kernel of the current Python
environment (nbclient), in a scratch folder holding the chapter's data files, with a time limit
per notebook. Errors are recorded and execution goes on with the next cell; a notebook that
runs out of time or whose kernel dies is stopped and the next notebook is graded.

Grading executes students' code with your permissions: run it inside a container, a virtual
machine or an unprivileged hub account.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .. import contract
from .gradebook import write_grades_csv
from ._paths import CHECK_MIME, METADATA_KEY, NOTEBOOK_ROW, chapter_data_files, default_chapters, skip

__all__ = ["GradeRow", "grade_notebook", "grade_folder"]


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
    stems = {p.stem: p.parent for p in chapters_dir.rglob("*.ipynb") if not skip(p.relative_to(chapters_dir))}
    if nb_path.stem in stems:
        return stems[nb_path.stem]
    inside = [s for s in stems if s in nb_path.stem]
    if inside:
        return stems[max(inside, key=len)]
    for part in reversed(nb_path.parent.parts):
        if "/" not in part and "\\" not in part and not skip(Path(part)) and (chapters_dir / part).is_dir():
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
    chapter = _find_chapter_dir(nb, path, Path(chapters_dir) if chapters_dir else default_chapters())

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
            for data in chapter_data_files(chapter):
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
            env = contract.without_build_flag()
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
    paths = sorted(p for p in submissions.rglob("*.ipynb") if not skip(p.relative_to(submissions)))
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
        write_grades_csv(rows, out_csv)
    return rows
