"""The demonstration figure of the tour page (chapters/how_to_use.ipynb)."""

from __future__ import annotations

import numpy as np

from .. import receptors
from ..interactive import InteractiveFigure, Slider, si
from ..style import COLORS

_SUBTYPES = ("alpha2A", "alpha1", "beta1")
_GREEK = {"alpha2A": "α2A", "alpha1": "α1", "beta1": "β1"}
_CONC_AXIS_nM = np.logspace(0, 4, 161)
_LOG10_NE_RANGE = (0.0, 4.0)      # the slider's range, log10 nM


def _occupancies(log10_ne_nM: float) -> dict:
    conc_nM = 10.0 ** log10_ne_nM
    return {
        "conc_nM": conc_nM,
        "curves": {r: receptors.occupancy(_CONC_AXIS_nM, r) for r in _SUBTYPES},
        "now": {r: float(receptors.occupancy(conc_nM, r)) for r in _SUBTYPES},
    }


def _draw(fig, result, log10_ne_nM):
    ax_curve, ax_bar = fig.subplots(1, 2, gridspec_kw={"width_ratios": [2.2, 1]})
    for r in _SUBTYPES:
        ax_curve.semilogx(_CONC_AXIS_nM, 100 * result["curves"][r], color=COLORS[r[:6]], label=_GREEK[r])
    (marker,) = ax_curve.plot([result["conc_nM"]] * 2, [0, 100], color=COLORS["neutral"], lw=1, ls="--")
    # the legend sits in a band above 100 % that no curve or marker enters
    ax_curve.set(xlabel="NE concentration (nM)", ylabel="receptors occupied (%)", ylim=(0, 128),
                 yticks=[0, 25, 50, 75, 100])
    ax_curve.legend(loc="upper left", ncols=3, borderaxespad=0.2)
    now = [100 * result["now"][r] for r in _SUBTYPES]
    bars = ax_bar.bar(range(3), now, color=[COLORS[r[:6]] for r in _SUBTYPES])
    ax_bar.set_xticks(range(3), [_GREEK[r] for r in _SUBTYPES])
    ax_bar.set(ylim=(0, 100))
    return {"marker": marker, "bars": bars, "ax_bar": ax_bar}


def _update(fig, state, result, log10_ne_nM):
    """Move the marker and the bars; the curves never change."""
    state["marker"].set_xdata([result["conc_nM"]] * 2)
    for bar, r in zip(state["bars"], _SUBTYPES):
        bar.set_height(100 * result["now"][r])
    state["ax_bar"].set_title(f"at {si(result['conc_nM'], 'nM')}")


def _alt(values, result):
    occ = ", ".join(f"{r} {100 * result['now'][r]:.0f}%" for r in _SUBTYPES)
    return (f"Left: occupancy curves of alpha2A, alpha1 and beta1 receptors against NE concentration on a "
            f"log axis, with a dashed line at {si(result['conc_nM'], 'nM')}. Right: bars of occupancy at that "
            f"concentration: {occ}.")


receptor_spotlight = InteractiveFigure(
    "intro-receptor-spotlight",
    title="Which receptors does NE reach first?",
    controls=[Slider("log10_ne_nM", "NE concentration", min=_LOG10_NE_RANGE[0], max=_LOG10_NE_RANGE[1], step=0.25,
                     default=1.0,
                     value_format=lambda v: si(10.0 ** v, "nM"))],
    named_values=[{"log10_ne_nM": v} for v in _LOG10_NE_RANGE],
    compute=_occupancies,
    draw=_draw,
    update=_update,
    alt=_alt,
    caption=(f"<strong>Try</strong> moving NE from {si(10.0 ** _LOG10_NE_RANGE[0], 'nM')} up to "
             f"{si(10.0 ** _LOG10_NE_RANGE[1], 'nM')}. <strong>Notice</strong> that the "
             "high-affinity alpha2A receptors fill first, while alpha1 and beta1 receptors need "
             "roughly ten times more NE: a rise in NE changes not just how much signal there is but which "
             "receptors carry it. Affinities as in chapter 3 (some are illustrative)."),
)
