"""Quick build of one chapter for authors: `make chapter CH=synthesis`.

Builds the introduction, the tour, the chapter and the reference pages into
_build/chapter-<CH>/ (warnings shown, not fatal), and lists the warnings that point
into the chapter. The full, warnings-as-errors build is `make book`.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # ne_lib from this checkout, even without the editable install

from ne_lib import chapters  # noqa: E402


def chapter_toc(chapter: str) -> str:
    """A table of contents with the introduction, the chapter's pages (from ne_lib.chapters) and the references."""
    entry = chapters.chapter(chapter)
    toc = ["format: jb-book", "root: intro", "chapters:", f"  - file: {entry.folder}/index"]
    if entry.pages:
        toc.append("    sections:")
        toc += [f"      - file: {entry.folder}/{page}" for page in entry.pages]
    toc += ["  - file: glossary", "  - file: bibliography", "  - file: validation",  # chapters link to it
            "    sections:", "      - file: validation/calibration", "      - file: validation/held_out"]
    return "\n".join(toc) + "\n"


def main(chapter: str) -> int:
    if chapter not in chapters.CHAPTER_KEYS:
        print(f"ERROR: unknown chapter {chapter!r} (chapters: {', '.join(chapters.CHAPTER_KEYS)})")
        return 2
    toc_text = chapter_toc(chapter)
    (ROOT / "_build").mkdir(exist_ok=True)   # a fresh clone has no _build yet
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False, dir=ROOT / "_build") as fh:
        fh.write(toc_text)
    out = ROOT / "_build" / f"chapter-{chapter}"
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--toc", fh.name,
           "--path-output", str(out), "-n"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    Path(fh.name).unlink()
    log = proc.stdout + proc.stderr
    mine = [line for line in log.splitlines()
            if f"chapters/{chapter}" in line and ("WARNING" in line or "ERROR" in line)]
    print("\n".join(mine) if mine else f"No warnings in chapters/{chapter}.")
    print(f"Site: {out}/_build/html/index.html (exit {proc.returncode})")
    if proc.returncode and not mine:
        print(log[-4000:])
    return proc.returncode or (1 if mine else 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
