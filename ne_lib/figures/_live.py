"""Helpers for the ``update`` functions of interactive figures (live redraws by blitting).

A live update redraws only the artists it changed, over a saved background, as long as it
changes the same artists every time and no axis limit, label or scale moves
(see :func:`ne_lib.interactive._rasterise`). These helpers keep updates within those rules.
"""

from __future__ import annotations


def touch(*artists) -> None:
    """Mark artists as changed even if their new value equals the old one, so that every live
    update redraws the same set of artists (a new member would force a full redraw)."""
    for artist in artists:
        artist.stale = True


def touch_legend(legend) -> None:
    """Redraw a legend whose texts changed as one artist.

    The legend draws its own texts and sizes its frame to them, also into the saved background;
    left marked as changed, the texts would be drawn a second time on top of it (old and new text
    overlapping, or the same text looking bold). So the legend is marked, its parts are not.
    """
    for child in legend.findobj():
        child.stale = False
    legend.stale = True
