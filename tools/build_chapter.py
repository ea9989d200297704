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


def main(chapter: str) -> int:
    folder = ROOT / "chapters" / chapter
    if not (folder / "index.md").exists():
        print(f"ERROR: {folder}/index.md not found (chapters: synthesis, locus_coeruleus, receptors, disorders)")
        return 2
    sections = sorted(p.stem for p in folder.glob("*.ipynb")) + sorted(
        p.stem for p in folder.glob("*.md") if p.stem != "index" and not p.stem.startswith("_"))
    toc = ["format: jb-book", "root: intro", "chapters:", f"  - file: chapters/{chapter}/index"]
    if sections:
        toc.append("    sections:")
        toc += [f"      - file: chapters/{chapter}/{s}" for s in sections]
    toc += ["  - file: glossary", "  - file: bibliography"]
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False, dir=ROOT / "_build") as fh:
        fh.write("\n".join(toc) + "\n")
    out = ROOT / "_build" / f"chapter-{chapter}"
    cmd = [str(ROOT / ".venv/bin/jupyter-book"), "build", str(ROOT), "--toc", fh.name, "--path-output", str(out), "-n"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    Path(fh.name).unlink()
    log = proc.stdout + proc.stderr
    mine = [line for line in log.splitlines() if f"chapters/{chapter}" in line and ("WARNING" in line or "ERROR" in line)]
    print("\n".join(mine) if mine else f"No warnings in chapters/{chapter}.")
    print(f"Site: {out}/_build/html/index.html (exit {proc.returncode})")
    if proc.returncode and not mine:
        print(log[-4000:])
    return proc.returncode or (1 if mine else 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
