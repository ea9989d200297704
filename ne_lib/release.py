"""The course's release: its version, repository and the pinned reference every client installs.

The version (``ne_lib.__version__``) and the repository URL are defined in :mod:`ne_lib.contract`;
this module derives from them what the clients install. The install cell of every notebook, the student copies'
``requirements.txt``, the Binder, Colab and nbgitpuller links and the book's repository button all
read these names (tests check each), so an assigned notebook never changes under a student
mid-term: they all point at the release tag, not at the moving ``main`` branch.

To release: raise ``__version__`` in ``ne_lib/__init__.py``, run ``python -m ne_lib.release sync``
(rewrites the install cells), commit, and tag the commit ``v<version>``.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ne_lib import contract

#: The public repository of the course (also the book's repository button); defined in ne_lib.contract.
REPOSITORY_URL = contract.DEFAULT_REPOSITORY_URL
#: The git tag of this version of the course (``v`` + ne_lib.__version__): what Binder, Colab and hubs install.
RELEASE_REF = contract.course_ref()
#: The Python version every client environment uses (Binder's runtime.txt, student copies).
PYTHON_VERSION = "3.11"
#: Where the plain-Markdown copies of the notebooks (for Colab) are published: a branch of the
#: repository with the same paths as main (made by the publishing workflow).
PLAIN_NOTEBOOKS_BRANCH = "colab"
#: Where the copies for JupyterLab and Notebook 7 are published (what the Binder button opens): the
#: notebooks in plain Markdown with solutions in MyST dropdowns, their images, and a binder/ folder that
#: installs this release (``python -m ne_lib.plain_markdown --jupyter``; made by the publishing workflow).
JUPYTER_NOTEBOOKS_BRANCH = "jupyter"


def install_requirement(repository_url: str = REPOSITORY_URL, ref: str = RELEASE_REF) -> str:
    """The pip requirement that installs this release of ``ne_lib`` from its git repository."""
    if not isinstance(repository_url, str) or not repository_url.startswith(("https://", "file://")):
        raise ValueError(f"repository_url: expected an https:// or file:// URL, got {repository_url!r}")
    if not isinstance(ref, str) or not ref or any(c.isspace() for c in ref):
        raise ValueError(f"ref: expected a git tag or commit without spaces, got {ref!r}")
    return f"ne_lib @ git+{repository_url.rstrip('/')}@{ref}"


def install_cell_source(requirement: str | None = None) -> str:
    """The hidden first code cell of every notebook: installs the course where it is missing."""
    requirement = requirement or install_requirement()
    return ("try:\n"
            "    import ne_lib\n"
            "except ImportError:  # Google Colab and other environments without the course installed\n"
            f"    %pip install --quiet \"{requirement}\"")


def is_install_cell(cell) -> bool:
    return cell.get("cell_type") == "code" and "import ne_lib" in "".join(cell.get("source", "")) \
        and "%pip install" in "".join(cell.get("source", ""))


def sync_install_cells(root: str | Path) -> list[Path]:
    """Rewrite the install cell of every notebook under ``root/chapters`` to this release."""
    changed = []
    for path in sorted(Path(root, "chapters").rglob("*.ipynb")):
        if any(part.startswith((".", "_")) for part in path.relative_to(root).parts):
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if is_install_cell(cell) and "".join(cell["source"]) != install_cell_source():
                cell["source"] = install_cell_source().splitlines(keepends=True)
                path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
                changed.append(path)
    return changed


if __name__ == "__main__":  # python -m ne_lib.release sync
    if sys.argv[1:] != ["sync"]:
        sys.exit("usage: python -m ne_lib.release sync")
    for p in sync_install_cells(Path(__file__).resolve().parent.parent):
        print(f"updated {p}")
