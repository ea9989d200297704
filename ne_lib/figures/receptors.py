"""Interactive figures of the chapter "Receptors and signaling, and how the signal ends".

Draw code only: every number comes from ne_lib.receptors, ne_lib.synapse and ne_lib.signaling.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedFormatter, FixedLocator, LogLocator, NullLocator

from .. import locus_coeruleus, receptors, signaling, synapse
from ..interactive import Choice, InteractiveFigure, Slider, si
from ..style import COLORS
from ._live import touch, touch_legend

_RECEPTORS = ("alpha2A", "alpha1", "beta1", "beta2")
_NE_AXIS_nM = np.logspace(-1, 5, 121)


def _lean_log_axis(axis, decades_per_tick: int = 1) -> None:
    """Major ticks only on a log axis: minor ticks cost most of the drawing time."""
    axis.set_major_locator(LogLocator(base=10.0 ** decades_per_tick))
    axis.set_minor_locator(NullLocator())


def _color(receptor: str) -> str:
    return COLORS["alpha2"] if receptor.startswith("alpha2") else COLORS[receptor]


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
        ax.semilogx(_NE_AXIS_nM, 100 * result["curves"][r], color=_color(r), lw=1.0, ls=":", alpha=0.8)
        (lines[r],) = ax.semilogx(_NE_AXIS_nM, 100 * result["shifted"][r], color=_color(r),
                                  label=_occupancy_label(r, result["ratios"][r]))
    for conc, text in ((synapse.BASAL_NE_nM, "basal"), (synapse.SLICE_PEAK_nM, "burst peak")):
        ax.plot([conc, conc], [0, 100], color=COLORS["neutral"], lw=0.8, ls="--")
        ax.text(conc * 1.1, 101, text, fontsize=8, color=COLORS["neutral"], va="bottom")
    # above 100 %: a band for the marker labels and the legend, which no curve enters
    ax.set(xlabel="NE concentration (nM)", ylabel="receptors occupied by NE (%)", ylim=(0, 165),
           yticks=[0, 25, 50, 75, 100], xlim=(_NE_AXIS_nM[0], _NE_AXIS_nM[-1]))
    legend = ax.legend(loc="upper left", ncols=2, borderaxespad=0.2, columnspacing=1.0)
    _lean_log_axis(ax.xaxis)

    schild = {}
    for drug, curves in _schild_curves().items():
        drug_lines, points = [], {}
        for r, (b_axis, log_dr) in curves.items():
            (line,) = ax_s.semilogx(b_axis, log_dr, color=_color(r), label=r)
            drug_lines.append(line)
            (points[r],) = ax_s.plot([1.0], [0.0], "o", color=_color(r))
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
    _lean_log_axis(ax_s.xaxis, 2)
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
             "without lowering their top (more NE overcomes it); the shift is the dose ratio 1 + [B]/K_B, and "
             "the Schild plot of log(dose ratio - 1) against log[B] is a line of slope 1 crossing zero at K_B. "
             "Prazosin and yohimbine leave the other receptors alone; propranolol shifts beta2 more than beta1. "
             "The alpha2A, beta1 and beta2 affinities and the yohimbine and propranolol constants are "
             "illustrative."),
    figsize=(7.6, 3.8),
)


# ----------------------------------------------------------------------------- 2 burst time course
_CONDITION_ARGS = {"control": {}, "net_block": {"net_block": 0.9}, "alpha2_block": {"alpha2_block": 1.0},
                   "alpha2_agonist": {"alpha2_agonist": 0.4}}     # illustrative drug conditions
_CONDITIONS = {"control": "No drug",
               "net_block": f"NET {100 * _CONDITION_ARGS['net_block']['net_block']:.0f}% blocked (desipramine-like)",
               "alpha2_block": "alpha2 fully blocked (yohimbine-like)",
               "alpha2_agonist": f"alpha2 agonist, {100 * _CONDITION_ARGS['alpha2_agonist']['alpha2_agonist']:.0f}% "
                                 f"occupancy (clonidine-like)"}
BURST_SPIKES = 10        # illustrative phasic burst (the number of spikes in LC bursts is not in the fact base)
BURST_RATE_HZ = locus_coeruleus.BURST_RATE_HZ      # the LC model's rate inside a burst (illustrative there)
_WINDOW_S, _BURST_START_S = 40.0, 2.0               # what the figure shows: 40 s, the burst at 2 s
_BURST_KW = dict(burst_spikes=BURST_SPIKES, burst_rate_hz=BURST_RATE_HZ, duration_s=_WINDOW_S,
                 burst_start_s=_BURST_START_S, n_points=161)


@lru_cache(maxsize=128)
def _burst(condition, tonic_rate_hz):
    """One simulated burst (a pure function of hashable arguments: reused when only the other control moves)."""
    result = synapse.simulate_burst(tonic_rate_hz, **_BURST_KW, **_CONDITION_ARGS[condition])
    result.time_s.flags.writeable = False
    result.ne_nM.flags.writeable = False
    return result


def _burst_compute(condition, tonic_rate_hz):
    return {"control": _burst("control", float(tonic_rate_hz)), "drug": _burst(condition, float(tonic_rate_hz))}


def _fmt_half(t):
    return "never" if not np.isfinite(t) else f"{t:.1f} s"


def _burst_labels(result, condition):
    c, d = result["control"], result["drug"]
    return (f"no drug\npeak {c.peak_nM:.0f} nM, half-time {_fmt_half(c.half_time_s)}",
            f"{_CONDITIONS[condition]}\npeak {d.peak_nM:.0f} nM, half-time {_fmt_half(d.half_time_s)}")


def _burst_title(tonic_rate_hz):
    return f"LC fires {tonic_rate_hz:g} Hz, plus a burst of {BURST_SPIKES} spikes at {BURST_RATE_HZ:g} Hz"


@lru_cache(maxsize=None)
def _burst_top(condition, tonic_rate_hz):
    """The y range: the higher of the two curves shown (with and without the drug, at this rate) plus a
    band for the legend, rounded up to a step of 1, 2 or 5 x 10^n nM, so the burst fills the axes at
    every rate (the tick labels say when the scale changes)."""
    highest = max(float(np.max(_burst(k, float(tonic_rate_hz)).ne_nM)) for k in {"control", condition})
    target = 1.75 * highest
    step = 10.0 ** np.floor(np.log10(target / 5.0))
    step *= next(m for m in (1, 2, 5, 10) if target / (m * step) <= 6)
    return float(step * np.ceil(target / step))


def _burst_color(condition):
    return COLORS["drug"] if condition != "control" else COLORS["ne"]


def _burst_draw(fig, result, condition, tonic_rate_hz):
    """Fixed axes for every drug and rate: updates move the curves and rewrite the legend and title."""
    ax = fig.subplots()
    c, d = result["control"], result["drug"]
    (line_c,) = ax.plot(c.time_s, c.ne_nM, color=COLORS["neutral"], lw=1.2, ls="--")
    (line_d,) = ax.plot(d.time_s, d.ne_nM, color=_burst_color(condition))
    ax.axvspan(d.burst_start_s, d.burst_start_s + d.burst_duration_s, color=COLORS["neutral"], alpha=0.15, lw=0)
    ax.set(xlabel="time (s)", ylabel="NE next to the terminals (nM)", ylim=(0, _burst_top(condition, tonic_rate_hz)),
           xlim=(0, c.time_s[-1]))
    # two legends, one shown: the drug-free run alone, or the drug-free run (dashed) beside the drug's
    solo = Legend(ax, [Line2D([], [], color=_burst_color("control"))], [""], loc="upper right", fontsize=8)
    pair = Legend(ax, [Line2D([], [], color=COLORS["neutral"], lw=1.2, ls="--"),
                       Line2D([], [], color=_burst_color("net_block"))], ["", ""], loc="upper right", fontsize=8)
    for legend in (solo, pair):
        ax.add_artist(legend)
    title = ax.set_title(_burst_title(tonic_rate_hz), fontsize=10)
    return {"lines": (line_c, line_d), "legends": (solo, pair), "title": title, "ax": ax}


def _burst_update(fig, state, result, condition, tonic_rate_hz):
    """New curves, legend texts and title on the same axes."""
    line_c, line_d = state["lines"]
    state["ax"].set_ylim(0, _burst_top(condition, tonic_rate_hz))
    line_c.set_ydata(result["control"].ne_nM)
    line_c.set_visible(condition != "control")
    line_d.set_ydata(result["drug"].ne_nM)
    line_d.set_color(_burst_color(condition))
    labels = _burst_labels(result, condition)
    solo, pair = state["legends"]
    for legend, shown, texts in ((solo, condition == "control", labels[1:]), (pair, condition != "control", labels)):
        legend.set_visible(shown)
        for text, label in zip(legend.get_texts(), texts):
            text.set_text(label)
            text.set_visible(shown)
        touch_legend(legend)
    state["title"].set_text(_burst_title(tonic_rate_hz))
    touch(line_c, line_d, state["title"])


def _burst_alt(values, res):
    d = res["drug"]
    return (f"NE next to the terminals over {_WINDOW_S:g} s: steady at {d.baseline_nM:.0f} nM with tonic firing at "
            f"{values['tonic_rate_hz']:g} Hz, a rise to {d.peak_nM:.0f} nM during a burst at {_BURST_START_S:g} s, "
            f"then a decay "
            f"with half-time {_fmt_half(d.half_time_s)} ({_CONDITIONS[values['condition']]}).")


synapse_burst = InteractiveFigure(
    "receptors-synapse-burst",
    title="How fast the signal ends: NE after a burst of LC spikes",
    controls=[Choice("condition", "Drug", options=_CONDITIONS, default="net_block"),
              Slider("tonic_rate_hz", "Tonic LC firing rate (Hz)", min=0.0, max=5.0, step=0.5, default=1.0)],
    compute=_burst_compute,
    draw=_burst_draw,
    update=_burst_update,
    alt=_burst_alt,
    caption=("<strong>Try</strong> each drug, and set tonic firing to zero (like a brain slice). "
             "<strong>Notice</strong> that with NET working, NE falls to half within a few seconds (close to "
             f"the {synapse.SLICE_HALF_TIME_S:g} s measured in LC slices), so a burst stays a brief, local "
             "signal. With NET mostly blocked, the same burst lingers several times longer and the baseline is "
             "higher: NE can spread "
             "further (volume transmission). Blocking alpha2 autoreceptors raises both baseline and peak, an "
             f"agonist lowers them. The burst ({BURST_SPIKES} spikes at {BURST_RATE_HZ:g} Hz) is illustrative."),
    figsize=(7.0, 3.8),
)


# ----------------------------------------------------------------------------- 3 steady levels
_RATE_AXIS_HZ = np.linspace(0.1, 10.0, 34)


def _alpha2_args(alpha2_drug):
    return ({"alpha2_block": alpha2_drug} if alpha2_drug > 0 else {"alpha2_agonist": -alpha2_drug}
            if alpha2_drug < 0 else {})


@lru_cache(maxsize=None)
def _steady_control():
    """The drug-free curve and basal level: the same at every slider position, solved once."""
    control = np.array([synapse.steady_state_ne_nM(r) for r in _RATE_AXIS_HZ])
    control.flags.writeable = False
    return control, synapse.steady_state_ne_nM()


def _steady_compute(net_block, alpha2_drug):
    a2 = _alpha2_args(alpha2_drug)
    control, basal = _steady_control()
    drug = np.array([synapse.steady_state_ne_nM(r, net_block=net_block, **a2) for r in _RATE_AXIS_HZ])
    basal_drug = synapse.steady_state_ne_nM(net_block=net_block, **a2)
    return {"control": control, "drug": drug, "basal": basal, "basal_drug": basal_drug}


def _alpha2_text(alpha2_drug):
    if alpha2_drug > 0:
        return f"alpha2 antagonist {100 * alpha2_drug:.0f}%"
    if alpha2_drug < 0:
        return f"alpha2 agonist {-100 * alpha2_drug:.0f}%"
    return "no alpha2 drug"


def _steady_labels(result, net_block, alpha2_drug):
    fold = result["basal_drug"] / result["basal"]
    return (f"NET block {100 * net_block:.0f}%, {_alpha2_text(alpha2_drug)}",
            f"at {synapse.BASAL_RATE_HZ:g} Hz: {result['basal_drug']:.3g} nM = {fold:.2f} x basal")


def _steady_draw(fig, result, net_block, alpha2_drug):
    ax = fig.subplots()
    label_curve, label_point = _steady_labels(result, net_block, alpha2_drug)
    ax.semilogy(_RATE_AXIS_HZ, result["control"], color=COLORS["neutral"], ls="--", lw=1.2, label="no drug")
    (curve,) = ax.semilogy(_RATE_AXIS_HZ, result["drug"], color=COLORS["ne"], label=label_curve)
    (point,) = ax.plot([synapse.BASAL_RATE_HZ], [result["basal_drug"]], "o", color=COLORS["drug"], label=label_point)
    beside = ax.get_yaxis_transform()      # x in axes fraction, y in data
    for k in ("alpha2A", "alpha1"):
        ax.axhline(receptors.NE_AFFINITY_nM[k], color=_color(k), lw=0.8, ls=":")
        ax.text(1.01, receptors.NE_AFFINITY_nM[k], f"{k} K", color=_color(k), fontsize=8,
                ha="left", va="center", transform=beside, clip_on=False)
    ax.set(xlabel="LC firing rate (Hz)", ylabel="steady extracellular NE (nM)", ylim=(0.2, 5e5),
           xlim=(0, _RATE_AXIS_HZ[-1]))
    legend = ax.legend(loc="upper left", borderaxespad=0.2)
    _lean_log_axis(ax.yaxis)
    return {"curve": curve, "point": point, "legend": legend}


def _steady_update(fig, state, result, net_block, alpha2_drug):
    state["curve"].set_ydata(result["drug"])
    state["point"].set_ydata([result["basal_drug"]])
    texts = state["legend"].get_texts()
    for text, label in zip(texts[1:], _steady_labels(result, net_block, alpha2_drug)):
        text.set_text(label)
    touch(state["curve"], state["point"])
    touch_legend(state["legend"])


def _steady_alt(values, res):
    return (f"Steady extracellular NE (log axis) against LC firing rate from {_RATE_AXIS_HZ[0]:g} to "
            f"{_RATE_AXIS_HZ[-1]:g} Hz, without drug (dashed) and with NET block {100 * values['net_block']:.0f}% "
            f"and {_alpha2_text(values['alpha2_drug'])} (solid); at {synapse.BASAL_RATE_HZ:g} Hz NE is "
            f"{res['basal_drug']:.3g} nM, "
            f"{res['basal_drug'] / res['basal']:.2f} times the drug-free level.")


synapse_steady = InteractiveFigure(
    "receptors-synapse-steady",
    title="Steady NE levels: firing rate, NET block and alpha2 autoreceptors",
    controls=[Slider("net_block", "NET blocked (fraction)", min=0.0, max=1.0, step=0.1, default=0.0),
              Slider("alpha2_drug", "alpha2 drug: agonist (< 0) or antagonist (> 0), occupancy",
                     min=-1.0, max=1.0, step=0.2, default=0.0)],
    compute=_steady_compute,
    draw=_steady_draw,
    update=_steady_update,
    alt=_steady_alt,
    caption=("<strong>Try</strong> blocking NET fully, then add an alpha2 antagonist (positive values) or an "
             "agonist (negative values). <strong>Notice</strong> that NE rises less than in proportion to "
             f"firing rate because autoreceptors brake release; a full alpha2 block raises basal NE about "
             f"{synapse.YOHIMBINE_FOLD:.1f} times and full NET block about {synapse.NET_BLOCK_FOLD:g} times (the "
             "model is calibrated to these rat microdialysis results), and the two together far more, because each removes a brake the other leaves. "
             "Dotted lines: NE affinities of alpha2A and alpha1 receptors."),
    figsize=(6.8, 3.9),
)


# ----------------------------------------------------------------------------- 4 second messengers
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
        _lean_log_axis(a.xaxis)
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
