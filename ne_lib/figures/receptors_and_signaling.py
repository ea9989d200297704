"""Interactive figures of the page "Receptors and signaling" (chapter 3): which receptors NE occupies,
how a competitive antagonist shifts the curve, and the second messengers inside the cell.

Draw code only: every number comes from ne_lib.receptors, ne_lib.synapse and ne_lib.signaling.
The chapter's notebooks import these figures from :mod:`ne_lib.figures.receptors`, which re-exports them.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.legend import Legend
from matplotlib.ticker import FixedFormatter, FixedLocator, NullLocator

from .. import receptors, signaling, synapse
from ..interactive import Choice, InteractiveFigure, Slider, si
from ..style import COLORS
from ._axes import lean_log_axis, receptor_color
from ._live import touch, touch_legend

__all__ = ["occupancy_antagonist", "second_messengers"]

_RECEPTORS = ("alpha2A", "alpha1", "beta1", "beta2")
_NE_AXIS_nM = np.logspace(-1, 5, 121)


# ----------------------------------------------------------------------------- 1 occupancy + antagonist
_ANTAGONIST_OPTIONS = {"none": "No antagonist", "prazosin": "Prazosin (alpha1 blocker)",
                       "yohimbine": "Yohimbine (alpha2 blocker)", "propranolol": "Propranolol (beta blocker)"}


_SCHILD_B_nM = np.logspace(-2, 4, 61)


@lru_cache(maxsize=None)
def _schild_curves():
    """Schild lines of every antagonist and the receptors it blocks (they do not depend on the sliders)."""
    return {drug: {r: (_SCHILD_B_nM, receptors.schild_log_dr_minus_1(_SCHILD_B_nM, k_b))
                   for r, k_b in a.k_b_nM.items()}
            for drug, a in receptors.ANTAGONISTS.items()}


def _schild_ylim():
    values = np.concatenate([log_dr for curves in _schild_curves().values() for _, log_dr in curves.values()])
    pad = 0.05 * (values.max() - values.min())
    return float(values.min() - pad), float(values.max() + pad)


def _occupancy_compute(antagonist, log10_antagonist_nM):
    b_nM = 10.0 ** log10_antagonist_nM
    drug = antagonist if antagonist != "none" else "none"
    curves = {r: receptors.occupancy(_NE_AXIS_nM, r) for r in _RECEPTORS}
    shifted = {r: receptors.occupancy_with_antagonist(_NE_AXIS_nM, r, drug, b_nM) for r in _RECEPTORS}
    ratios = {r: receptors.ec50_shifted_nM(r, drug, b_nM) / receptors.NE_AFFINITY_nM[r] for r in _RECEPTORS}
    schild = None if drug == "none" else _schild_curves()[drug]
    return {"b_nM": b_nM, "curves": curves, "shifted": shifted, "ratios": ratios, "schild": schild, "drug": drug}


def _occupancy_label(r, ratio):
    return r if ratio == 1.0 else f"{r} (dose ratio {si(ratio, '')})"


def _occupancy_draw(fig, result, antagonist, log10_antagonist_nM):
    """Both panels keep fixed limits and labels for every antagonist: the Schild panel holds every
    antagonist's lines, points and legend, and shows only the chosen one's."""
    ax, ax_s = fig.subplots(1, 2, gridspec_kw={"width_ratios": [2.0, 1.0]})
    lines = {}
    for r in _RECEPTORS:
        ax.semilogx(_NE_AXIS_nM, 100 * result["curves"][r], color=receptor_color(r), lw=1.0, ls=":", alpha=0.8)
        (lines[r],) = ax.semilogx(_NE_AXIS_nM, 100 * result["shifted"][r], color=receptor_color(r),
                                  label=_occupancy_label(r, result["ratios"][r]))
    for conc, text in ((synapse.BASAL_NE_nM, "basal"), (synapse.SLICE_PEAK_nM, "burst peak")):
        ax.plot([conc, conc], [0, 100], color=COLORS["neutral"], lw=0.8, ls="--")
        ax.text(conc * 1.1, 101, text, fontsize=8, color=COLORS["neutral"], va="bottom")
    # above 100 %: a band for the marker labels and the legend, which no curve enters
    ax.set(xlabel="NE concentration (nM)", ylabel="receptors occupied by NE (%)", ylim=(0, 165),
           yticks=[0, 25, 50, 75, 100], xlim=(_NE_AXIS_nM[0], _NE_AXIS_nM[-1]))
    legend = ax.legend(loc="upper left", ncols=2, borderaxespad=0.2, columnspacing=1.0)
    lean_log_axis(ax.xaxis)

    schild = {}
    for drug, curves in _schild_curves().items():
        drug_lines, points = [], {}
        for r, (b_axis, log_dr) in curves.items():
            (line,) = ax_s.semilogx(b_axis, log_dr, color=receptor_color(r), label=r)
            drug_lines.append(line)
            (points[r],) = ax_s.plot([1.0], [0.0], "o", color=receptor_color(r))
        drug_legend = Legend(ax_s, drug_lines, [ln.get_label() for ln in drug_lines], loc="upper left",
                             fontsize=7.5)
        ax_s.add_artist(drug_legend)
        schild[drug] = {"lines": drug_lines, "points": points, "legend": drug_legend}
    ax_s.axhline(0.0, color=COLORS["neutral"], lw=0.8)
    message = ax_s.text(0.5, 0.5, "Choose an antagonist\nto see its Schild plot", ha="center", va="center",
                        transform=ax_s.transAxes, fontsize=9)
    ax_s.set(xlabel="antagonist (nM)", ylabel="log(dose ratio − 1)", xlim=(_SCHILD_B_nM[0], _SCHILD_B_nM[-1]),
             ylim=_schild_ylim())
    title = ax_s.set_title("Schild plot")
    lean_log_axis(ax_s.xaxis, 2)
    return {"lines": lines, "legend": legend, "schild": schild, "message": message, "title": title}


def _show_schild(state, result):
    """Show the chosen antagonist's Schild lines, points and legend (none: a hint instead)."""
    drug = result["drug"]
    for name, parts in state["schild"].items():
        shown = name == drug
        for line in parts["lines"]:
            line.set_visible(shown)
        parts["legend"].set_visible(shown)
        for text in parts["legend"].get_texts():
            text.set_visible(shown)
        for r, point in parts["points"].items():
            point.set_visible(shown)
            if shown:
                k_b = receptors.ANTAGONISTS[drug].k_b_nM[r]
                point.set_data([result["b_nM"]], [np.log10(result["b_nM"] / k_b)])
        touch(*parts["lines"], *parts["points"].values())
        touch_legend(parts["legend"])
    state["message"].set_visible(drug == "none")
    state["title"].set_text("Schild plot" if drug == "none" else f"Schild plot: {drug}")
    touch(state["message"], state["title"])


def _occupancy_update(fig, state, result, antagonist, log10_antagonist_nM):
    """Move the shifted curves, relabel them and show the chosen antagonist's Schild plot."""
    for r, text in zip(_RECEPTORS, state["legend"].get_texts()):
        state["lines"][r].set_ydata(100 * result["shifted"][r])
        text.set_text(_occupancy_label(r, result["ratios"][r]))
    touch_legend(state["legend"])
    _show_schild(state, result)


def _occupancy_alt(values, res):
    shifts = ", ".join(f"{r} x{si(res['ratios'][r], '')}" for r in _RECEPTORS)
    drug = values["antagonist"]
    return (f"Occupancy of alpha2A, alpha1, beta1 and beta2 receptors against NE concentration (log axis), "
            f"dotted without drug and solid with {drug}"
            + ("" if drug == "none" else f" at {si(res['b_nM'], 'nM')}") +
            f". Curves shift right by the dose ratios: {shifts}. Dashed lines mark basal NE "
            f"({synapse.BASAL_NE_nM:g} nM) and a burst peak ({synapse.SLICE_PEAK_nM:g} nM)."
            + ("" if drug == "none" else
                                              " Right: Schild plot, a straight line of slope 1."))


occupancy_antagonist = InteractiveFigure(
    "receptors-occupancy-antagonist",
    title="Which receptors NE occupies, and how a competitive antagonist shifts the curve",
    controls=[Choice("antagonist", "Antagonist", options=_ANTAGONIST_OPTIONS, default="prazosin"),
              Slider("log10_antagonist_nM", "Antagonist concentration", min=-1.0, max=3.0, step=0.25, default=0.0,
                     value_format=lambda v: si(10.0 ** v, "nM"),
                     static_values=[-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0])],
    compute=_occupancy_compute,
    draw=_occupancy_draw,
    update=_occupancy_update,
    alt=_occupancy_alt,
    caption=("<strong>Try</strong> each antagonist and raise its concentration. <strong>Notice</strong> "
             f"that at basal NE ({synapse.BASAL_NE_nM:g} nM) only alpha2A receptors are appreciably occupied, "
             "while a burst peak reaches alpha1 and beta1. A competitive antagonist slides its own receptors' curves to the right "
             "without lowering their top (more NE overcomes it); the shift is the dose ratio 1 + [B]/K<sub>B</sub>, and "
             "the Schild plot of log(dose ratio - 1) against log[B] is a line of slope 1 crossing zero at K<sub>B</sub>. "
             "Prazosin and yohimbine leave the other receptors alone; propranolol shifts beta2 more than beta1. "
             "The alpha2A, beta1 and beta2 affinities and the yohimbine and propranolol constants are "
             "illustrative."),
    figsize=(7.6, 3.8),
)


# ----------------------------------------------------------------------------- 2 second messengers
_CELLS = {"pfc": "Neuron with alpha2A, alpha1 and beta1", "beta_only": "Cell with beta1 only",
          "alpha2_only": "Cell with alpha2A only"}
_MSG_AXIS_nM = np.logspace(0, 5, 101)


def _messenger_compute(cell, log10_ne_nM):
    curve = signaling.cell_response(_MSG_AXIS_nM, cell)
    now = signaling.cell_response([10.0 ** log10_ne_nM], cell)
    return {"curve": curve, "now": now, "ne_nM": 10.0 ** log10_ne_nM}


#: cAMP relative to no NE spans 0.2x (alpha2A only, Gi) to 10x (beta1 only, Gs) over the slider range:
#: a fixed log axis shows both and a dip is as visible as a rise
_CAMP_YLIM = (0.15, 15.0)
_CAMP_TICKS = (0.2, 0.5, 1, 2, 5, 10)
_CALCIUM_YLIM = (0, 1100)


def _messenger_draw(fig, result, cell, log10_ne_nM):
    """Same axes for every cell (fixed limits): a new cell or NE level only moves the lines,
    markers and titles, so live updates redraw just those."""
    ax_c, ax_ca = fig.subplots(1, 2)
    cur, now = result["curve"], result["now"]
    (l_c,) = ax_c.semilogx(_MSG_AXIS_nM, cur.camp_relative, color=COLORS["beta1"])
    ax_c.axhline(1.0, color=COLORS["neutral"], lw=0.8, ls=":")
    (p_c,) = ax_c.plot([result["ne_nM"]], [now.camp_relative[0]], "o", color=COLORS["drug"], clip_on=False)
    ax_c.set_yscale("log")
    ax_c.set(xlabel="NE (nM)", ylabel="cAMP (relative to no NE, log)", ylim=_CAMP_YLIM,
             xlim=(_MSG_AXIS_nM[0], _MSG_AXIS_nM[-1]))
    ax_c.yaxis.set_major_locator(FixedLocator(_CAMP_TICKS))
    ax_c.yaxis.set_major_formatter(FixedFormatter([f"{v:g}" for v in _CAMP_TICKS]))
    ax_c.yaxis.set_minor_locator(NullLocator())
    t_c = ax_c.set_title(f"cAMP: {now.camp_relative[0]:.2f}x")
    (l_ca,) = ax_ca.semilogx(_MSG_AXIS_nM, cur.calcium_nM, color=COLORS["alpha1"])
    (p_ca,) = ax_ca.plot([result["ne_nM"]], [now.calcium_nM[0]], "o", color=COLORS["drug"], clip_on=False)
    ax_ca.set(xlabel="NE (nM)", ylabel="cytosolic Ca2+ (nM)", ylim=_CALCIUM_YLIM,
              xlim=(_MSG_AXIS_nM[0], _MSG_AXIS_nM[-1]))
    t_ca = ax_ca.set_title(f"Ca2+: {now.calcium_nM[0]:.0f} nM")
    for a in (ax_c, ax_ca):
        lean_log_axis(a.xaxis)
    return {"curves": (l_c, l_ca), "points": (p_c, p_ca), "titles": (t_c, t_ca)}


def _messenger_update(fig, state, result, cell, log10_ne_nM):
    """Move the curves (the cell's response), the markers and the titles; nothing else changes."""
    cur, now = result["curve"], result["now"]
    l_c, l_ca = state["curves"]
    l_c.set_ydata(cur.camp_relative)
    l_ca.set_ydata(cur.calcium_nM)
    p_c, p_ca = state["points"]
    p_c.set_data([result["ne_nM"]], [now.camp_relative[0]])
    p_ca.set_data([result["ne_nM"]], [now.calcium_nM[0]])
    state["titles"][0].set_text(f"cAMP: {now.camp_relative[0]:.2f}x")
    state["titles"][1].set_text(f"Ca2+: {now.calcium_nM[0]:.0f} nM")
    touch(*state["curves"], *state["points"], *state["titles"])


def _messenger_alt(values, res):
    return (f"{_CELLS[values['cell']]}: cAMP relative to no NE (log scale) and cytosolic Ca2+ against NE (log axis); at "
            f"{si(res['ne_nM'], 'nM')} NE, cAMP is {res['now'].camp_relative[0]:.2f} times baseline and Ca2+ "
            f"{res['now'].calcium_nM[0]:.0f} nM.")


second_messengers = InteractiveFigure(
    "receptors-second-messengers",
    title="Inside the cell: cAMP from Gs against Gi, Ca2+ from Gq",
    controls=[Choice("cell", "Receptors on the cell", options=_CELLS, default="pfc"),
              Slider("log10_ne_nM", "NE concentration", min=0.0, max=5.0, step=0.25, default=1.5,
                     value_format=lambda v: si(10.0 ** v, "nM"),
                     static_values=[0.0, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0])],
    compute=_messenger_compute,
    draw=_messenger_draw,
    update=_messenger_update,
    alt=_messenger_alt,
    caption=("<strong>Try</strong> sweeping NE in the neuron that carries all three receptors, then in the "
             "single-receptor cells. <strong>Notice</strong> that cAMP first dips (high-affinity alpha2A, via "
             "Gi, is engaged at tens of nM) and rises only at hundreds of nM, when beta1 (Gs) takes over; "
             "Ca2+ climbs once alpha1 (Gq, IP3) is occupied. The gains and Ca2+ levels are illustrative: the "
             "shapes, not the numbers, are the point."),
    figsize=(7.2, 3.4),
)
