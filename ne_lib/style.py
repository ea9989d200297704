"""One plotting style for the whole course: colour-blind-safe colours and readable sizes.

The palette is Okabe and Ito's (2008) set of eight colours that stay distinct for the
common forms of colour-vision deficiency.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, cast

import matplotlib as mpl
from cycler import cycler

#: Okabe-Ito palette, in matplotlib's cycle order.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

#: Fixed colours for the molecules and signals that recur across chapters.
COLORS = {
    "ne": "#0072B2",          # norepinephrine: blue
    "dopamine": "#E69F00",    # orange
    "tyrosine": "#999999",
    "dopa": "#CC79A7",
    "metabolite": "#009E73",  # green
    "drug": "#D55E00",        # vermillion
    "alpha1": "#D55E00",
    "alpha2": "#0072B2",
    "beta1": "#009E73",
    "beta2": "#CC79A7",
    "signal": "#0072B2",
    "noise": "#999999",
    "neutral": "#444444",
}

RC: dict[str, Any] = {
    "axes.prop_cycle": cycler(color=PALETTE),
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 9.5,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 2.0,
    "figure.dpi": 100,
    "savefig.bbox": "standard",
}


@contextmanager
def course_style():
    """Context manager applying the course style to figures made inside it."""
    with mpl.rc_context(RC):
        yield


def use_course_style() -> None:
    """Apply the course style globally (for plain matplotlib cells in notebooks)."""
    mpl.rcParams.update(cast("dict[Any, Any]", RC))   # matplotlib types its keys as literals
