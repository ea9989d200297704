"""Student copies: every chapter notebook with its solutions removed.

* cells between a gated ``{solution-start}`` and ``{solution-end}`` are dropped, except code
  cells containing a ``### BEGIN SOLUTION`` block; those become the student's workspace;
* a ``### BEGIN SOLUTION`` .. ``### END SOLUTION`` block is replaced by its ``# stub:`` lines
  (prefix removed); the lines after the block (the check call) stay;
* text ``{solution}`` directives are removed; a Markdown cell left empty is dropped;
* everything else is kept as it is; outputs and execution counts are cleared;
* the Markdown is then turned from MyST into plain Markdown by the conversion of the copies for
  JupyterLab (:func:`ne_lib.plain_markdown.jupyter_converter`): glossary terms become words, with the
  course's definitions of the terms the notebook uses in a "Terms used on this page" cell at the end;
  citations become author and year, with a "References" cell; exercises, admonitions and other
  directives become plain Markdown. A student copy so reads the same in JupyterLab with or without
  jupyterlab-myst, in Notebook 7 and on any hub (:func:`student_copy`);
* the chapter's other files (quiz JSON, data, images; not ``*.md`` pages) are copied beside
  the notebooks, and the course images the notebooks show into ``images/`` of the copies' folder
  (links rewritten), so a copy runs and shows its figures where it lands.

Each workspace cell is labelled with its exercise in the cell metadata
(``ne_coursework.exercise``), and the notebook lists its exercises and its source in the notebook
metadata (``ne_coursework``).

Seam for other output forms: ``make_student_copies(..., transform=f)`` passes every finished
student copy through ``f(nb, source) -> nb`` before it is written.

:func:`student_notebook` alone (solutions removed, MyST kept) is what the student edition of the website
builds from (:mod:`.edition`).
"""

from __future__ import annotations

import copy
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import nbformat

from ._paths import (
    MARKER_FILE,
    METADATA_KEY,
    chapter_data_files,
    chapter_notebooks,
    course_repository,
    repo_root,
)
from .solutions import strip_solution_code, strip_solution_markdown, text_solution_labels

__all__ = ["student_notebook", "student_copy", "make_student_copies", "student_requirements", "RUNTIME_PACKAGES"]

# Packages a student copy needs at run time (their pins: binder/requirements.txt).
RUNTIME_PACKAGES = ("numpy", "scipy", "matplotlib", "ipywidgets", "ipykernel", "pillow", "jupyterquiz")


def binder_runtime() -> str:
    """runtime.txt for repo2docker: the Python version every client environment uses."""
    from ne_lib import release
    return f"python-{release.PYTHON_VERSION}\n"

NotebookTransform = Callable[[nbformat.NotebookNode, str], nbformat.NotebookNode]


def _answer_cell(label: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(f"**Your answer** (exercise `{label}`; double-click to write here):\n\n"
                                         "...")
    cell["id"] = "answer-" + re.sub(r"[^A-Za-z0-9_-]", "-", label)[:56]   # stable: the same copy each time
    cell.metadata[METADATA_KEY] = {"answer_for": label}
    return cell


def student_notebook(nb: nbformat.NotebookNode, *, source: str = "", student_id: str | None = None,
                     salt: str = "", answer_cells: bool = True) -> nbformat.NotebookNode:
    """Return a student copy of ``nb`` (the input is not changed). ``source`` names it in errors.

    With ``student_id``, each exercise's ``# variant`` lines get that student's values (see
    :mod:`.variants`), and the copy records the id. Each written exercise gets an answer cell in
    place of its solution.
    """
    from ne_lib.check.registry import all_exercises

    from .variants import apply_variant, variant_for

    nb = copy.deepcopy(nb)
    registry = all_exercises() if student_id is not None else {}
    name = source or "notebook"
    cells = []
    gate: str | None = None
    exercises: list[str] = []
    for index, cell in enumerate(nb.cells, start=1):
        where = f"{name}, cell {index}"
        if cell.cell_type == "markdown":
            answered = [] if gate is not None else text_solution_labels(cell.source)
            text, gate, _ = strip_solution_markdown(cell.source, gate, where=where)
            if text.strip():
                cell.source = text.strip("\n")
                cells.append(cell)
            if answer_cells:
                cells.extend(_answer_cell(label) for label in answered)
        elif cell.cell_type == "code":
            new_source, blocks = strip_solution_code(cell.source, where=where)
            if gate is not None and not blocks:
                continue  # other code inside a solution (plots of the answer, ...) is dropped
            cell.source = new_source
            cell.outputs = []
            cell.execution_count = None
            if blocks:
                label = gate or f"cell-{index}"
                if label in registry and registry[label].variants:
                    values = variant_for(registry[label], student_id, salt)
                    cell.source = apply_variant(cell.source, values, f" (variant for {student_id})")
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
    if student_id is not None:
        nb.metadata[METADATA_KEY]["student_id"] = student_id
    nbformat.validate(nb)
    return nb


def student_copy(nb: nbformat.NotebookNode, *, source: str, root: str | Path | None = None,
                 student_id: str | None = None, salt: str = "", convert=None,
                 image_link=None) -> nbformat.NotebookNode:
    """The notebook a student is handed: :func:`student_notebook` (solutions removed, workspaces, answer
    cells, variants) with its MyST turned into plain Markdown (:func:`ne_lib.plain_markdown.jupyter_converter`).

    ``source`` is the notebook's path in the course repository ``root`` (default: this checkout);
    ``convert`` a converter made once for many notebooks; ``image_link`` rewrites image paths (see
    :func:`ne_lib.plain_markdown.plain_notebook`)."""
    from ne_lib.plain_markdown import jupyter_converter

    if not isinstance(source, str) or not source.endswith(".ipynb"):
        raise ValueError(f"source: expected the notebook's path in the course repository, got {source!r}")
    convert = convert or jupyter_converter(root or repo_root())
    student = student_notebook(nb, source=source, student_id=student_id, salt=salt)
    return convert(student, source, image_link)


def _image_linker(chapters_dir: Path, root: Path, base: Path, nb_target: Path, needed: dict[Path, Path]):
    """image_link for a copy written to ``nb_target`` in the folder ``base``: a chapter's file sits at its
    path under ``base`` (copied with the chapter's data), any other file of the repository too (recorded
    in ``needed`` to be copied); the link is relative to the copy."""
    chapters, repo = chapters_dir.resolve(), root.resolve()

    def link(target: Path) -> str | None:
        if not target.is_file():
            return None
        if chapters in target.parents:
            dest = base / target.relative_to(chapters)
        elif repo in target.parents:
            dest = base / target.relative_to(repo)
            needed[target] = dest
        else:
            return None
        return Path(os.path.relpath(dest, nb_target.parent)).as_posix()

    return link


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

One folder per chapter. Open a notebook and run it from the top. Where to answer what:

* **Coding exercises**: in the exercise's code cell, replace `None` by your calculation and keep the
  variable's name (for example `fold = ...`): the grader reads that variable. Some cells start with a
  value marked "your value" (for example `net_block = 0.85`): it is yours, and may differ from the
  website's and your classmates'. The check at the end of the cell tells you at once what is right or
  wrong; you may run it as often as you like.
* **Written exercises**: in the "Your answer" cell below the exercise (double-click it to write).
* **The quiz** at the end of a notebook is for self-checking and is not graded.
* Words in the course glossary are defined in the "Terms used on this page" cell at the end of each
  notebook, and the works it cites are listed under "References".

Before you hand a notebook in, use "Restart kernel and run all cells": it is graded by running it
from the top in a fresh kernel.

The course website with the full text is built from {url}.
"""


def make_student_copies(chapters_dir: str | Path, out_dir: str | Path, *,
                        transform: NotebookTransform | None = None, roster: str | Path | None = None,
                        salt: str = "", answer_key: str | Path | None = None) -> list[Path]:
    """Write a student copy of every notebook under ``chapters_dir`` into ``out_dir``.

    ``out_dir`` is replaced if it holds an earlier student build; a non-empty folder that does
    not is refused (``ValueError``), so nothing else is deleted by mistake. ``transform``, if
    given, is applied to each finished copy (``transform(nb, source)``) before it is written.
    With a ``roster`` (CSV with an ``id`` column), one folder per student is written
    (``out_dir/<id>/...``), each with that student's variants; a roster with an empty or duplicate
    id is refused (ValueError naming the lines). ``answer_key`` (a CSV path outside ``out_dir``)
    receives every student's variant values and expected answers.
    """
    students: list[str | None] = [None]
    if roster is not None:
        from .variants import read_roster

        people, problems = read_roster(roster)
        if problems:
            raise ValueError("roster: " + "; ".join(problems))
        if not people:
            raise ValueError(f"roster: {roster} lists no student")
        students = [p["id"] for p in people]
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
    from ne_lib.plain_markdown import jupyter_converter

    convert = jupyter_converter(root)
    written = []
    for sid in students:
        base = out_dir if sid is None else out_dir / sid
        needed: dict[Path, Path] = {}
        for nb_path in chapter_notebooks(chapters_dir):
            nb = nbformat.read(nb_path, as_version=4)
            source = nb_path.relative_to(root).as_posix()
            target = base / nb_path.relative_to(chapters_dir)
            student = student_copy(nb, source=source, root=root, student_id=sid, salt=salt, convert=convert,
                                   image_link=_image_linker(chapters_dir, root, base, target, needed))
            if transform is not None:
                student = transform(student, source)
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(student, target)
            written.append(target)
        for data in chapter_data_files(chapters_dir):
            target = base / data.relative_to(chapters_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(data, target)
        for image, target in sorted(needed.items()):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(image, target)
    if answer_key is not None:
        write_answer_key(answer_key, [s for s in students if s is not None], salt)
    return written


def write_answer_key(path: str | Path, students: list[str], salt: str = "") -> Path:
    """CSV of every variant: exercise, parameters, expected answer, and which students have it."""
    import csv

    from ne_lib.check.registry import all_exercises

    from .variants import variant_for

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = []
    for label, ex in sorted(all_exercises().items()):
        if not ex.variants or ex.reference is None:
            continue
        names = sorted(ex.variants)
        combos: list[dict] = [{}]
        for n in names:
            combos = [dict(c, **{n: v}) for c in combos for v in ex.variants[n]]
        for combo in combos:
            who = [s for s in students if variant_for(ex, s, salt) == combo]
            default = " (website)" if combo == ex.default_variant() else ""
            rows.append((label, "; ".join(f"{k}={v!r}" for k, v in combo.items()) + default,
                         f"{ex.reference(**combo):.6g}", " ".join(who)))
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(("exercise", "variant", "expected_answer", "students"))
        w.writerows(rows)
    return path
