"""Shared names of the coursework tools: metadata keys, where the course lives, which files to skip."""

from __future__ import annotations

import re
from pathlib import Path

METADATA_KEY = "ne_coursework"
CHECK_MIME = "application/vnd.ne-check+json"  # = ne_lib.check.MIME_TYPE (kept importable without numpy)
NOTEBOOK_ROW = "(notebook)"
MARKER_FILE = ".ne-student-copy"
DEFAULT_REPOSITORY = ("https://github.com/ne-course/norepinephrine-course", "main")


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
    """(url, branch) of the course repository, read from ``_config.yml`` (``repository:``)."""
    config = Path(root or repo_root()) / "_config.yml"
    url, branch = DEFAULT_REPOSITORY
    if config.is_file():
        block = re.search(r"^repository:[ \t]*\n((?:[ \t]+.*\n?)*)", config.read_text(encoding="utf-8"), re.M)
        if block:
            m = re.search(r"^[ \t]+url:[ \t]*(\S+)", block.group(1), re.M)
            b = re.search(r"^[ \t]+branch:[ \t]*(\S+)", block.group(1), re.M)
            url, branch = (m.group(1) if m else url), (b.group(1) if b else branch)
    return url, branch


def course_ref() -> str:
    """The pinned git ref (tag) of this course version, ``v`` + ``ne_lib.__version__``.

    Links and student requirements use it, never the moving ``main`` branch.
    """
    import importlib

    import ne_lib

    holders = [ne_lib]
    try:  # the contract module (issue 20), once it exists, is the one place for it
        holders.insert(0, importlib.import_module("ne_lib.contract"))
    except ImportError:
        pass
    for holder in holders:
        for name in ("course_ref", "COURSE_REF", "COURSE_TAG"):
            value = getattr(holder, name, None)
            value = value() if callable(value) else value
            if isinstance(value, str) and value:
                return value
    return f"v{ne_lib.__version__}"
