"""Interactive figures of the chapter "Receptors and signaling, and how the signal ends".

This module holds the page "How the signal ends": NE after a burst of LC spikes, and steady NE
against firing rate with NET and alpha2 drugs. The first page's figures (receptor occupancy with an
antagonist, second messengers) live in :mod:`ne_lib.figures.receptors_and_signaling` and are
re-exported here, so ``from ne_lib.figures.receptors import occupancy_antagonist`` keeps working.

Draw code only: every number comes from ne_lib.synapse, ne_lib.receptors and ne_lib.locus_coeruleus.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.legend import Legend
from matplotlib.lines import Line2D

from .. import locus_coeruleus, receptors, synapse
from ..interactive import Choice, InteractiveFigure, Slider
from ..style import COLORS
from ._axes import lean_log_axis, receptor_color
from ._live import touch, touch_legend
from .receptors_and_signaling import occupancy_antagonist, second_messengers

__all__ = ["synapse_burst", "synapse_steady", "occupancy_antagonist", "second_messengers"]


# ----------------------------------------------------------------------------- 1 burst time course
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


# ----------------------------------------------------------------------------- 2 steady levels
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
        ax.axhline(receptors.NE_AFFINITY_nM[k], color=receptor_color(k), lw=0.8, ls=":")
        ax.text(1.01, receptors.NE_AFFINITY_nM[k], f"{k} K", color=receptor_color(k), fontsize=8,
                ha="left", va="center", transform=beside, clip_on=False)
    ax.set(xlabel="LC firing rate (Hz)", ylabel="steady extracellular NE (nM)", ylim=(0.2, 5e5),
           xlim=(0, _RATE_AXIS_HZ[-1]))
    legend = ax.legend(loc="upper left", borderaxespad=0.2)
    lean_log_axis(ax.yaxis)
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
