"""What crosses a boundary between the course's parts, defined once.

* The **build flag**: the book build (``_ext/ne_build.py``) sets ``NE_BOOK_BUILD=1`` for
  its notebook kernels. One rule reads it everywhere: :func:`in_book_build` is true when
  the variable is set to anything but ``""`` or ``"0"``. In the build, interactive figures
  pre-render flipbooks and checks leave out the grader's copy of their result; in every
  other kernel (student, grader, JupyterLab, Colab) neither happens.
* The **frame cache**: the build names a folder under ``_build`` in ``NE_FRAME_CACHE`` for its
  kernels, where flipbook frames are kept by the hash of the code that draws them.
* The **check MIME type** that an exercise check writes and the grader reads.
* The **notebook metadata key** under which student copies record their exercises.
* The **figure marker**: the attribute and anchor an interactive figure's static HTML carries,
  from which the build finds the page showing each figure.
* The **course repository** (URL and branch, from ``_config.yml``) and the **course version**.

Standard library only (no numpy), so the grader and the build import it cheaply. Every
other module imports these names from here; ``tests/test_contract.py`` checks that none
writes its own copy.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

__all__ = [
    "BUILD_ENV", "FRAME_CACHE_ENV", "in_book_build", "build_environment", "without_build_flag", "CHECK_MIME_TYPE",
    "COURSEWORK_METADATA_KEY", "DEFAULT_REPOSITORY_URL", "DEFAULT_BRANCH", "course_repository", "course_version",
    "course_ref", "FIGURE_ATTRIBUTE", "figure_anchor",
]

#: environment variable the book build sets for its kernels
BUILD_ENV = "NE_BOOK_BUILD"
#: environment variable naming the flipbook frame cache folder (the build sets it under _build;
#: unset: no cache). ne_lib.interactive_frames reads it
FRAME_CACHE_ENV = "NE_FRAME_CACHE"
_OFF = ("", "0")

#: MIME type of the machine-readable copy of a check's result (ne_lib.check writes, the grader reads)
CHECK_MIME_TYPE = "application/vnd.ne-check+json"

#: key of the notebook and cell metadata that student copies carry (ne_lib.coursework)
COURSEWORK_METADATA_KEY = "ne_coursework"

#: attribute naming the InteractiveFigure on its static HTML element (ne_lib.interactive writes it)
FIGURE_ATTRIBUTE = "data-ne-flipbook"


def figure_anchor(name: str) -> str:
    """The HTML id of a figure's static element: ``ne-fig-`` + its name, non-alphanumerics as ``-``."""
    return "ne-fig-" + "".join(ch if ch.isalnum() else "-" for ch in name)


#: the course repository when no _config.yml is at hand (an installed ne_lib, as in Colab);
#: tests/test_contract.py checks that it equals _config.yml's ``repository:``
DEFAULT_REPOSITORY_URL = "https://github.com/ne-course/norepinephrine-course"
DEFAULT_BRANCH = "main"


def in_book_build(environ: Mapping[str, str] | None = None) -> bool:
    """True inside the book build: ``NE_BOOK_BUILD`` set to anything but ``""`` or ``"0"``."""
    env = os.environ if environ is None else environ
    return env.get(BUILD_ENV, "") not in _OFF


def build_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """A copy of the environment with the build flag set (what the build gives its kernels)."""
    env = dict(os.environ if environ is None else environ)
    env[BUILD_ENV] = "1"
    return env


def without_build_flag(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """A copy of the environment without the build flag (a student's, grader's or test's kernel)."""
    env = dict(os.environ if environ is None else environ)
    env.pop(BUILD_ENV, None)
    return env


def _repository_root() -> Path:
    return Path(__file__).resolve().parent.parent


def course_repository(root: str | Path | None = None) -> tuple[str, str]:
    """(url, branch) of the course repository from ``_config.yml``'s ``repository:`` block.

    ``root`` is the folder holding ``_config.yml`` (default: the checkout ne_lib lives in).
    Without a ``_config.yml`` there (an installed package), the defaults above.
    """
    config = Path(root) if root is not None else _repository_root()
    config = config / "_config.yml"
    if not config.is_file():
        return DEFAULT_REPOSITORY_URL, DEFAULT_BRANCH
    import yaml  # the build and the tooling have PyYAML; a student's kernel never gets here

    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    repo = data.get("repository") or {}
    if not isinstance(repo, dict):
        raise ValueError(f"{config}: 'repository:' must be a mapping with url and branch")
    return str(repo.get("url") or DEFAULT_REPOSITORY_URL), str(repo.get("branch") or DEFAULT_BRANCH)


def course_version() -> str:
    """The course version (``ne_lib.__version__``)."""
    import ne_lib

    return ne_lib.__version__


def course_ref() -> str:
    """The git ref (tag) of this course version, ``v`` + :func:`course_version`: links pin it, never ``main``."""
    return f"v{course_version()}"


#: all contract constants by name (for documentation and the single-definition test)
CONSTANTS = MappingProxyType({
    "BUILD_ENV": BUILD_ENV, "CHECK_MIME_TYPE": CHECK_MIME_TYPE,
    "COURSEWORK_METADATA_KEY": COURSEWORK_METADATA_KEY, "DEFAULT_REPOSITORY_URL": DEFAULT_REPOSITORY_URL,
    "FIGURE_ATTRIBUTE": FIGURE_ATTRIBUTE, "FRAME_CACHE_ENV": FRAME_CACHE_ENV,
})
