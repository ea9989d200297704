"""Student copies: every chapter notebook with its solutions removed.

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
metadata (``ne_coursework``).

Seam for other output forms: ``make_student_copies(..., transform=f)`` passes every finished
student notebook through ``f(nb, source) -> nb`` before it is written (for example a MyST to plain
Markdown conversion for clients without MyST).
"""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import nbformat

from ._paths import (MARKER_FILE, METADATA_KEY, chapter_data_files, chapter_notebooks, course_ref,
                     course_repository, repo_root)
from .solutions import strip_solution_code, strip_solution_markdown

__all__ = ["student_notebook", "make_student_copies", "student_requirements", "RUNTIME_PACKAGES"]

# Packages a student copy needs at run time (their pins: binder/requirements.txt).
RUNTIME_PACKAGES = ("numpy", "scipy", "matplotlib", "ipywidgets", "ipykernel", "pillow", "jupyterquiz")


def binder_runtime() -> str:
    """runtime.txt for repo2docker: the Python version every client environment uses."""
    from ne_lib import release
    return f"python-{release.PYTHON_VERSION}\n"

NotebookTransform = Callable[[nbformat.NotebookNode, str], nbformat.NotebookNode]


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


def _binder_lock(root: Path | None) -> Path:
    candidates = ([Path(root)] if root else []) + [repo_root()]
    for c in candidates:
        if (c / "binder" / "requirements.txt").is_file():
            return c / "binder" / "requirements.txt"
    raise ValueError(f"root: neither {' nor '.join(map(str, candidates))} has binder/requirements.txt "
                     "(the pinned Jupyter environment)")


def student_requirements(root: str | Path | None = None) -> str:
    """requirements.txt for a folder of student copies (Binder, JupyterHub, ``pip install -r``).

    The same fully pinned Jupyter environment as the course's Binder (``binder/requirements.txt``:
    science stack, JupyterLab, Notebook 7, jupyterlab-myst, jupyterquiz), with the course library
    installed from this course version's tag instead of the checkout (never the moving branch).
    """
    from ne_lib import release
    lock = _binder_lock(Path(root) if root else None)
    pins = [line for line in lock.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#") and line.strip() != "."]
    lines = [f"# Environment for the student copies of the norepinephrine course (Python {release.PYTHON_VERSION},",
             "# see runtime.txt). Used by Binder and by `pip install -r requirements.txt` on a JupyterHub.",
             release.install_requirement()]
    return "\n".join(lines + pins) + "\n"


_STUDENT_README = """# Norepinephrine course: student notebooks

One folder per chapter. Open a notebook, run it from the top, and fill in each exercise cell
where a value is `None`; the check at the end of the cell tells you at once what is right or
wrong. Before you hand a notebook in, use "Restart kernel and run all cells": it is graded by
running it from the top in a fresh kernel.

The course website with the full text is built from {url}.
"""


def make_student_copies(chapters_dir: str | Path, out_dir: str | Path, *,
                        transform: NotebookTransform | None = None) -> list[Path]:
    """Write a student copy of every notebook under ``chapters_dir`` into ``out_dir``.

    ``out_dir`` is replaced if it holds an earlier student build; a non-empty folder that does
    not is refused (``ValueError``), so nothing else is deleted by mistake. ``transform``, if
    given, is applied to each finished copy (``transform(nb, source)``) before it is written.
    """
    chapters_dir, out_dir = Path(chapters_dir), Path(out_dir)
    if not chapters_dir.is_dir():
        raise ValueError(f"chapters_dir: {chapters_dir} is not a folder")
    if transform is not None and not callable(transform):
        raise TypeError(f"transform must be callable(nb, source) or None, got {type(transform).__name__}")
    if out_dir.exists():
        if (out_dir / MARKER_FILE).exists():
            shutil.rmtree(out_dir)
        elif any(out_dir.iterdir()):
            raise ValueError(f"out_dir: {out_dir} is not empty and is not an earlier student build; "
                             "choose an empty or new folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MARKER_FILE).write_text("Student copies written by `python -m ne_lib.coursework student`.\n")
    root = chapters_dir.parent
    (out_dir / "requirements.txt").write_text(student_requirements(root), encoding="utf-8")
    (out_dir / "runtime.txt").write_text(binder_runtime(), encoding="utf-8")
    (out_dir / "README.md").write_text(_STUDENT_README.format(url=course_repository(root)[0]), encoding="utf-8")
    written = []
    for nb_path in chapter_notebooks(chapters_dir):
        nb = nbformat.read(nb_path, as_version=4)
        source = nb_path.relative_to(root).as_posix()
        student = student_notebook(nb, source=source)
        if transform is not None:
            student = transform(student, source)
        target = out_dir / nb_path.relative_to(chapters_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(student, target)
        written.append(target)
    for data in chapter_data_files(chapters_dir):
        target = out_dir / data.relative_to(chapters_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(data, target)
    return written
