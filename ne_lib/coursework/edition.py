"""The student edition of the website: the same book with every solution removed.

``python -m ne_lib.coursework edition --out _build/student-edition`` (``make book EDITION=student``)
stages a copy of the book's sources in which every chapter notebook is replaced by its student
copy (solutions and solution markers removed, no answer cells) and every ``{solution}`` is removed
from the Markdown pages; the instructor guide, whose rubrics describe the answers, becomes a short
note (its sub-pages under ``instructors/`` are left out). Jupyter Book then builds the staged copy like the full site, so the pages, the search index
and the downloadable notebooks (``_sources``) hold no solution.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat

from ._paths import MARKER_FILE, repo_root, skip
from .solutions import strip_solution_markdown
from .student import student_notebook

__all__ = ["stage_student_edition"]

_LINKED = ("node_modules", "ne_lib")           # large or live: linked, not copied
_SKIPPED = {"_build", ".venv", ".git", "tests", "tools", "benchmarks", "binder", "requirements"}
_INSTRUCTORS_NOTE = """# For instructors

This is the **student edition** of the course website: the exercises have no solutions here. The
instructor guide, with the answer keys, rubrics and grading tools, is in the full edition of the
website and in the course repository ({url}).
"""


def stage_student_edition(out_dir: str | Path, root: str | Path | None = None) -> Path:
    """Write the student edition's sources to ``out_dir`` (replaced if it is an earlier edition)."""
    from ._paths import course_repository

    root = Path(root or repo_root())
    out_dir = Path(out_dir)
    if not (root / "_config.yml").is_file():
        raise ValueError(f"root: {root} has no _config.yml (not the course repository)")
    if out_dir.exists():
        if not (out_dir / MARKER_FILE).exists():
            raise ValueError(f"out_dir: {out_dir} exists and is not an earlier student edition; choose a new folder")
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    (out_dir / MARKER_FILE).write_text("Student edition sources written by `python -m ne_lib.coursework edition`.\n")
    for item in sorted(root.iterdir()):
        if item.name in _SKIPPED or item.name.startswith(".") or item.name.endswith(".egg-info"):
            continue
        target = out_dir / item.name
        if item.name in _LINKED:
            os.symlink(item.resolve(), target)
        elif item.is_dir():
            shutil.copytree(item, target, ignore=shutil.ignore_patterns("_build", ".*", "__pycache__"))
        else:
            shutil.copy2(item, target)
    for nb_path in sorted((out_dir / "chapters").rglob("*.ipynb")):
        if skip(nb_path.relative_to(out_dir)):
            continue
        nb = nbformat.read(nb_path, as_version=4)
        nbformat.write(student_notebook(nb, source=nb_path.relative_to(out_dir).as_posix(), answer_cells=False),
                       nb_path)
    for md in sorted(out_dir.rglob("*.md")):
        if md.is_symlink() or any(p in _LINKED for p in md.relative_to(out_dir).parts):
            continue
        text = md.read_text(encoding="utf-8")
        if "solution" in text:
            md.write_text(strip_solution_markdown(text, where=str(md.relative_to(out_dir)))[0], encoding="utf-8")
    (out_dir / "instructors.md").write_text(_INSTRUCTORS_NOTE.format(url=course_repository(root)[0]),
                                            encoding="utf-8")
    _drop_instructor_sub_pages(out_dir)
    return out_dir


def _drop_instructor_sub_pages(out_dir: Path) -> None:
    """The guide's sub-pages (grading, rubrics...) describe the answers: gone, with their toc entries."""
    import yaml

    shutil.rmtree(out_dir / "instructors", ignore_errors=True)
    toc_path = out_dir / "_toc.yml"
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))

    def walk(entries):
        for entry in entries or []:
            if entry.get("file") == "instructors":
                entry.pop("sections", None)
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    toc_path.write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
