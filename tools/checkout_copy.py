"""Copy this checkout's files (tracked, and new files not ignored) into another folder.

What a fresh clone of the working tree would hold, uncommitted edits included: the benchmarks build
the book from such a copy (`make bench`) and the client tests make a release-tagged repository of one
(tests/test_binder_colab.py). Ignored files (_build/, .venv/, node_modules/) are left out.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def checkout_files(root: Path = ROOT) -> list[str]:
    """Paths (relative, POSIX) of the checkout's tracked files and its new, not ignored ones."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=root, capture_output=True,
                            text=True, check=True).stdout.splitlines()
    return [name for name in listed if (root / name).is_file()]   # a deleted, not yet committed file is listed


def copy_checkout(dest: Path, root: Path = ROOT) -> Path:
    """Copy the files of :func:`checkout_files` into ``dest`` (created if missing) and return ``dest``."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for name in checkout_files(root):
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, dest / name)
    return dest
