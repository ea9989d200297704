"""Course diagrams drawn as code (presentation layer; no science numbers).

Four pictures, each written as a committed SVG file under ``images/diagrams/`` and shown on its page
with alt text:

==========================  =============================================  ==============================
file                        what it shows                                  page
==========================  =============================================  ==============================
synthesis_pathway.svg       tyrosine -> L-DOPA -> dopamine -> NE ->         chapters/synthesis/making_ne
                            adrenaline, structures drawn by RDKit
lc_projections.svg          the LC and its main targets on a brain outline chapters/locus_coeruleus/
                                                                           lc_anatomy_and_firing
noradrenergic_synapse.svg   vesicles, release, NET, MAO, COMT, receptors   chapters/receptors/
                                                                           clearing_ne
receptor_cascade.svg        receptor -> G protein -> second messenger      chapters/receptors/
                                                                           receptors_and_signaling
==========================  =============================================  ==============================

Regenerate after changing a drawing (needs RDKit, pinned in requirements/book.txt)::

    python -m ne_lib.diagrams            # rewrite images/diagrams/*.svg
    python -m ne_lib.diagrams --check    # exit 1 if a committed file differs

tests/test_diagrams.py regenerates every file and compares bytes, so a drawing and its committed
SVG cannot drift apart.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

OUT_DIR = Path(__file__).resolve().parents[2] / "images" / "diagrams"


def _pathway() -> str:
    from .pathway import synthesis_pathway
    return synthesis_pathway()


def _schematic(name: str) -> Callable[[], str]:
    def draw() -> str:
        from . import schematics
        return getattr(schematics, name)()
    return draw


#: file name -> (function that returns the SVG text, the page that shows it)
DIAGRAMS: dict[str, tuple[Callable[[], str], str]] = {
    "synthesis_pathway.svg": (_pathway, "chapters/synthesis/making_ne.ipynb"),
    "lc_projections.svg": (_schematic("lc_projections"),
                           "chapters/locus_coeruleus/lc_anatomy_and_firing.ipynb"),
    "noradrenergic_synapse.svg": (_schematic("noradrenergic_synapse"),
                                  "chapters/receptors/clearing_ne.ipynb"),
    "receptor_cascade.svg": (_schematic("receptor_cascade"),
                             "chapters/receptors/receptors_and_signaling.ipynb"),
}


def render(name: str) -> str:
    """The SVG text of one diagram, by file name."""
    if name not in DIAGRAMS:
        raise ValueError(f"name must be one of {sorted(DIAGRAMS)}, got {name!r}")
    return DIAGRAMS[name][0]()


def write_all(out_dir: Path = OUT_DIR) -> list[Path]:
    """Write every diagram to out_dir and return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in DIAGRAMS:
        path = out_dir / name
        path.write_text(render(name), encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def stale(out_dir: Path = OUT_DIR) -> list[str]:
    """Names of committed diagrams that differ from a fresh drawing (or are missing)."""
    return [name for name in DIAGRAMS
            if not (out_dir / name).exists()
            or (out_dir / name).read_text(encoding="utf-8") != render(name)]
