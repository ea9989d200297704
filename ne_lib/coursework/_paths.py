"""Shared names of the coursework tools: metadata keys, where the course lives, which files to skip."""

from __future__ import annotations

from pathlib import Path

from ne_lib import contract

METADATA_KEY = contract.COURSEWORK_METADATA_KEY
CHECK_MIME = contract.CHECK_MIME_TYPE
NOTEBOOK_ROW = "(notebook)"
MARKER_FILE = ".ne-student-copy"
DEFAULT_REPOSITORY = (contract.DEFAULT_REPOSITORY_URL, contract.DEFAULT_BRANCH)


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent.parent


def default_chapters() -> Path:
    here = Path.cwd() / "chapters"
    return here if here.is_dir() else repo_root() / "chapters"


def skip(path: Path) -> bool:
    """Hidden folders, build output and caches are never course files."""
    return any(part.startswith((".", "_build", "__pycache__")) for part in path.parts)


def chapter_notebooks(chapters_dir: Path) -> list[Path]:
    return sorted(p for p in Path(chapters_dir).rglob("*.ipynb") if not skip(p.relative_to(chapters_dir)))


def chapter_data_files(chapter_dir: Path) -> list[Path]:
    """Files a chapter's notebooks may read when run: everything except notebooks and pages."""
    return sorted(p for p in chapter_dir.rglob("*")
                  if p.is_file() and p.suffix not in {".ipynb", ".md"} and not skip(p.relative_to(chapter_dir)))


def course_repository(root: str | Path | None = None) -> tuple[str, str]:
    """(url, branch) of the course repository, read from ``_config.yml`` (:func:`ne_lib.contract.course_repository`)."""
    return contract.course_repository(root or repo_root())


def course_ref() -> str:
    """The pinned git ref (tag) of this course version, ``v`` + ``ne_lib.__version__``.

    Links and student requirements use it, never the moving ``main`` branch.
    """
    return contract.course_ref()
