"""Figures of the chapter "The locus coeruleus and its projections" (chapters/locus_coeruleus/)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.patches import Ellipse, FancyArrowPatch, Polygon

from .. import adaptive_gain, locus_coeruleus as lc, logistic_gain as gain, projections
from ..interactive import Choice, InteractiveFigure, Slider
from ..interactive_render import is_phone
from ..style import COLORS, PALETTE
from ._live import touch, touch_legend

# ------------------------------------------------------------------ 1. spike trains
_N_TRIALS = 25
_TRIAL_S = 3.0
_STIM_S = 1.0
_BIN_S = 0.1
#: the LC model's phasic latency window, as the figures write it ("15-50 ms")
_LATENCY_TEXT = "-".join(f"{1000 * t:g}" for t in lc.PHASIC_LATENCY_WINDOW_S) + " ms"
_STATE_OPTIONS = {s: lc.STATE_LABELS[s] for s in lc.STATES}


def _spikes(state, salience):
    trials = lc.simulate_trials(state, salience, n_trials=_N_TRIALS, trial_duration_s=_TRIAL_S,
                                stimulus_time_s=_STIM_S, seed=1)
    t, rate = lc.peristimulus_rate_hz(trials, _BIN_S)
    return {"trials": trials, "t": t, "rate": rate}


def _raster_rows(trials):
    return [np.asarray(tr) - _STIM_S for tr in trials.spike_times_s]


def _psth_edges(result):
    return np.append(result["t"] - _BIN_S / 2, result["t"][-1] + _BIN_S / 2)


@lru_cache(maxsize=None)
def _rate_top():
    """One y range for the trial-averaged rate at every state and salience (the slider's grid), so that
    no bar leaves the axes: 10% above the highest bin, rounded up to 5 Hz."""
    salience = next(c for c in lc_spike_trains.controls if c.name == "salience")
    grid = np.round(np.arange(salience.n_steps + 1) * salience.step + salience.min, 10)
    highest = max(float(_spikes(s, float(v))["rate"].max()) for s in lc.STATES for v in grid)
    return 5.0 * np.ceil(1.1 * highest / 5.0)


def _silence_note(trials):
    return "no spikes: the LC is silent" if not any(len(t) for t in trials.spike_times_s) else ""


def _draw_spikes(fig, result, state, salience):
    ax_r, ax_p = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [1.6, 1]})
    trials = result["trials"]
    rows = ax_r.eventplot(_raster_rows(trials), colors=COLORS["ne"], linelengths=0.8, linewidths=1.2)
    for ax in (ax_r, ax_p):
        ax.axvspan(*lc.PHASIC_LATENCY_WINDOW_S, color=PALETTE[1], alpha=0.25, lw=0)
        ax.axvline(0.0, color=COLORS["neutral"], lw=1, ls="--")
    ax_r.set(ylabel="trial", ylim=(-1, _N_TRIALS), xlim=(-_STIM_S, _TRIAL_S - _STIM_S),
             title=f"{lc.STATE_LABELS[state]}, salience {salience:.1f}")
    silent = ax_r.text(0.66, 0.45, "", transform=ax_r.transAxes, ha="center", fontsize=11, color=PALETTE[3])
    silent.set_text(_silence_note(trials))
    bars = ax_p.stairs(result["rate"], _psth_edges(result), fill=True, color=COLORS["ne"], alpha=0.8)
    tonic = ax_p.axhline(trials.tonic_rate_hz, color=PALETTE[3], lw=1.5,
                         label=f"tonic rate {trials.tonic_rate_hz:.2g} Hz")
    ax_p.set(xlabel=f"time from stimulus (s): dashed, stimulus; shaded, {_LATENCY_TEXT} latency", ylabel="rate (Hz)",
             ylim=(0, _rate_top()))
    legend = ax_p.legend(loc="upper right")
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.12, top=0.92, hspace=0.15)
    return {"rows": rows, "bars": bars, "tonic": tonic, "legend": legend, "ax_r": ax_r, "silent": silent}


def _update_spikes(fig, st, result, state, salience):
    trials = result["trials"]
    for row, spikes in zip(st["rows"], _raster_rows(trials)):
        row.set_positions(spikes)
    st["bars"].set_data(result["rate"])
    st["tonic"].set_ydata([trials.tonic_rate_hz] * 2)
    st["legend"].get_texts()[0].set_text(f"tonic rate {trials.tonic_rate_hz:.2g} Hz")
    st["ax_r"].set_title(f"{lc.STATE_LABELS[state]}, salience {salience:.1f}")
    st["silent"].set_text(_silence_note(trials))
    touch(*st["rows"], st["bars"], st["tonic"], st["ax_r"].title, st["silent"])
    touch_legend(st["legend"])


def _alt_spikes(values, result):
    state, sal = values["state"], values["salience"]
    return (f"Raster of {_N_TRIALS} simulated LC trials in {lc.STATE_LABELS[state].lower()} with a stimulus of "
            f"salience {sal:.1f} at time 0, and below it the trial-averaged firing rate in {1000 * _BIN_S:g} ms bins; "
            f"tonic rate {result['trials'].tonic_rate_hz:.2g} Hz.")


lc_spike_trains = InteractiveFigure(
    "lc-spike-trains",
    title="LC firing: tonic rate set by state, phasic bursts to salient events",
    controls=[Choice("state", "Behavioural state", options=_STATE_OPTIONS, default="quiet_wake"),
              Slider("salience", "Stimulus salience (0 = none, 1 = maximal)", min=0.0, max=1.0, step=0.1,
                     default=0.8)],
    compute=_spikes, draw=_draw_spikes, update=_update_spikes, alt=_alt_spikes, figsize=(6.4, 4.2),
    caption=("<strong>Try</strong> stepping the state from active waking down to REM sleep, then move the salience. "
             "<strong>Notice</strong> that the background (tonic) firing falls with the state and stops in REM sleep; "
             f"that a salient stimulus evokes a short burst {_LATENCY_TEXT} later followed by a silent pause; and that "
             "weaker stimuli give smaller, less reliable bursts. Tonic rates: cat data; burst size and pause "
             "length are illustrative."),
)

# ------------------------------------------------------------------ 2. gain and signal detection
_GAIN_AXIS = np.round(np.arange(0.25, 6.0001, 0.25), 2)
_READOUT_OPTIONS = {"network": "Two-unit network", "single": "Single unit"}
_X_IN = np.linspace(-1.5, 2.5, 200)


@lru_cache(maxsize=None)
def _auc_curves():
    return {r: np.array([gain.detection_accuracy(float(g), r) for g in _GAIN_AXIS]) for r in gain.READOUTS}


def _gain_result(gain_value, readout):
    sim = gain.simulate_detection(gain_value, readout, n_trials=1500, seed=0)
    return {"sim": sim, "curve": gain.logistic_activation(_X_IN, gain_value),
            "auc": gain.detection_accuracy(gain_value, readout), "curves": _auc_curves(),
            "means": gain.mean_activation(gain_value)}


def _gauss(x, mu, sd):
    return np.exp(-0.5 * ((x - mu) / sd) ** 2)


_HIST_BINS = np.linspace(-0.4, 1.4, 37)


def _histograms(sim):
    return (np.histogram(sim.noise_trials, _HIST_BINS)[0], np.histogram(sim.signal_trials, _HIST_BINS)[0])


@lru_cache(maxsize=None)
def _hist_top():
    """One y range for the histograms at every gain and readout, so that moving a control never
    rescales the axes (10% above the tallest bin the controls can give)."""
    tallest = max(max(counts.max() for counts in _histograms(gain.simulate_detection(float(g), r, n_trials=1500,
                                                                                       seed=0)))
                  for g in _GAIN_AXIS for r in gain.READOUTS)
    return 1.1 * float(tallest)


def _draw_gain(fig, result, gain_value, readout):
    ax_u, ax_h, ax_a = fig.subplots(1, 3)
    (curve,) = ax_u.plot(_X_IN, result["curve"], color=COLORS["neutral"], label=f"gain {gain_value:g}")
    ax_u.fill_between(_X_IN, 0, 0.35 * _gauss(_X_IN, gain.NOISE_INPUT, gain.INPUT_NOISE_SD),
                      color=COLORS["noise"], alpha=0.5, lw=0, label="input, no signal")
    ax_u.fill_between(_X_IN, 0, 0.35 * _gauss(_X_IN, gain.SIGNAL_INPUT, gain.INPUT_NOISE_SD),
                      color=COLORS["signal"], alpha=0.4, lw=0, label="input, signal")
    s_mean, n_mean = result["means"]
    s_line = ax_u.axhline(s_mean, color=COLORS["signal"], lw=1, ls=":")
    n_line = ax_u.axhline(n_mean, color=COLORS["noise"], lw=1, ls=":")
    ax_u.set(xlabel="net input", ylabel="activation", ylim=(0, 1.6), yticks=[0, 0.25, 0.5, 0.75, 1.0],
             title="input unit (NE sets gain)")
    legend = ax_u.legend(loc="upper left", borderaxespad=0.2)
    noise_counts, signal_counts = _histograms(result["sim"])
    n_bars = ax_h.stairs(noise_counts, _HIST_BINS, fill=True, color=COLORS["noise"], alpha=0.6, label="no signal")
    s_bars = ax_h.stairs(signal_counts, _HIST_BINS, fill=True, color=COLORS["signal"], alpha=0.6, label="signal")
    ax_h.set(xlabel="decision variable", ylabel="trials (of 1500 each)", xlim=(-0.4, 1.4), ylim=(0, _hist_top()),
             title=f"readout: {_READOUT_OPTIONS[readout].lower()}")
    h_legend = ax_h.legend(loc="upper left")
    lines = {}
    for r, colour in (("single", PALETTE[1]), ("network", PALETTE[0])):
        (lines[r],) = ax_a.plot(_GAIN_AXIS, result["curves"][r], color=colour, lw=2.5 if r == readout else 1.2,
                                label=_READOUT_OPTIONS[r])
    (dot,) = ax_a.plot([gain_value], [result["auc"]], "o", color=PALETTE[3], ms=7)
    ax_a.set(xlabel="gain", ylabel="detection accuracy (AUC)", ylim=(0.5, 1.0), xlim=(0, 6.2),
             title=f"AUC {result['auc']:.3f}")
    a_legend = ax_a.legend(loc="lower right")
    fig.subplots_adjust(left=0.07, right=0.985, bottom=0.15, top=0.9, wspace=0.38)
    return {"curve": curve, "s_line": s_line, "n_line": n_line, "legend": legend, "n_bars": n_bars,
            "s_bars": s_bars, "ax_h": ax_h, "lines": lines, "dot": dot, "ax_a": ax_a, "h_legend": h_legend,
            "a_legend": a_legend}


def _update_gain(fig, st, result, gain_value, readout):
    st["curve"].set_ydata(result["curve"])
    s_mean, n_mean = result["means"]
    st["s_line"].set_ydata([s_mean] * 2)
    st["n_line"].set_ydata([n_mean] * 2)
    st["legend"].get_texts()[0].set_text(f"gain {gain_value:g}")
    noise_counts, signal_counts = _histograms(result["sim"])
    st["n_bars"].set_data(noise_counts)
    st["s_bars"].set_data(signal_counts)
    st["ax_h"].set_title(f"readout: {_READOUT_OPTIONS[readout].lower()}")
    handles = dict(zip((t.get_text() for t in st["a_legend"].get_texts()), st["a_legend"].get_lines()))
    for r, line in st["lines"].items():
        line.set_linewidth(2.5 if r == readout else 1.2)
        handles[_READOUT_OPTIONS[r]].set_linewidth(line.get_linewidth())
    st["dot"].set_data([gain_value], [result["auc"]])
    st["ax_a"].set_title(f"AUC {result['auc']:.3f}")
    # the same artists every time (blitting); legends whole, on top of the bars and lines they cover
    touch(st["curve"], st["s_line"], st["n_line"], st["n_bars"], st["s_bars"], *st["lines"].values(), st["dot"],
          st["ax_h"].title, st["ax_a"].title)
    for legend in (st["legend"], st["h_legend"], st["a_legend"]):
        touch_legend(legend)


def _alt_gain(values, result):
    g, r = values["gain_value"], values["readout"]
    return (f"Three panels at gain {g:g}, {_READOUT_OPTIONS[r].lower()}: the logistic activation curve over "
            f"the signal and no-signal input distributions; histograms of the output on signal and no-signal "
            f"trials; and detection accuracy against gain for both readouts, here "
            f"{result['auc']:.3f}; the single unit's accuracy, {result['curves']['single'][0]:.3f} at every gain, "
            f"is the ceiling.")


lc_gain_snr = InteractiveFigure(
    "lc-gain-snr",
    title="NE as gain: raising it helps detection in a network, never in one unit",
    controls=[Slider("gain_value", "Gain (slope of the logistic; NE raises it)", min=0.25, max=6.0, step=0.25,
                     default=1.0, static_values=[0.25, 0.5, 1.0, 2.0, 3.0, 4.0, 6.0]),
              Choice("readout", "Readout", options=_READOUT_OPTIONS, default="network")],
    compute=_gain_result, draw=_draw_gain, update=_update_gain, alt=_alt_gain, figsize=(9.6, 3.6),
    named_values=[{"gain_value": 1.0}, {"gain_value": 3.0}, {"readout": "single"}],
    caption=("<strong>Try</strong> raising the gain from 1 to 3 with the two-unit network, then switch to the "
             "single unit and do the same. <strong>Notice</strong> that higher gain pushes the signal response up "
             "and the background down (dotted lines) in both cases, yet only the network's accuracy changes: it "
             "climbs towards the single unit's, which stays the same at every gain because every threshold on "
             "one unit's output is just a threshold on the same noisy input. The single unit is the ceiling: "
             "gain adds no information, it protects the signal from the noise added at the next unit. "
             "In this toy network very high gain starts to hurt again, because the unit becomes an on/off switch. "
             "Task numbers are illustrative; the model follows Servan-Schreiber, Printz and Cohen (1990)."),
)

# ------------------------------------------------------------------ 3. adaptive gain, inverted U
_A_AXIS = np.linspace(0.0, 1.0, 201)
_MODE_TEXT = {"drowsy": "drowsy / disengaged", "phasic": "phasic mode: exploit", "tonic": "tonic mode: explore"}


def _inverted_u(difficulty, tonic_activity):
    return {"perf": adaptive_gain.task_performance(_A_AXIS, difficulty),
            "easy": adaptive_gain.task_performance(_A_AXIS, 0.0),
            "hard": adaptive_gain.task_performance(_A_AXIS, 1.0),
            "now": adaptive_gain.task_performance(tonic_activity, difficulty),
            "optimum": adaptive_gain.optimal_tonic_activity(difficulty),
            "mode": adaptive_gain.lc_mode(tonic_activity, difficulty),
            "phasic": adaptive_gain.phasic_response_amplitude(_A_AXIS),
            "phasic_now": adaptive_gain.phasic_response_amplitude(tonic_activity)}


def _u_title(result):
    return f"{_MODE_TEXT[result['mode']]}; performance {result['now']:.2f}"


def _draw_inverted_u(fig, result, difficulty, tonic_activity):
    ax, ax_p = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.7, 1]})
    ax.plot(_A_AXIS, result["easy"], color=COLORS["noise"], lw=1, ls="--", label="easiest task")
    ax.plot(_A_AXIS, result["hard"], color=COLORS["noise"], lw=1, ls=":", label="hardest task")
    (perf,) = ax.plot(_A_AXIS, result["perf"], color=COLORS["ne"], label=f"difficulty {difficulty:.1f}")
    (optimum,) = ax.plot([result["optimum"]] * 2, [0, 1.0], color=PALETTE[2], lw=1.2,
                         label=f"optimum {result['optimum']:.2f}")
    (dot,) = ax.plot([tonic_activity], [result["now"]], "o", color=PALETTE[3], ms=8)
    ax.set(xlabel="tonic LC activity (0 = silent, 1 = maximal)", ylabel="task performance", xlim=(0, 1),
           ylim=(0, 1.55), yticks=[0, 0.25, 0.5, 0.75, 1.0], title=_u_title(result))
    legend = ax.legend(loc="upper left", ncols=2, borderaxespad=0.2)
    ax_p.plot(_A_AXIS, result["phasic"], color=PALETTE[4])
    (pdot,) = ax_p.plot([tonic_activity], [result["phasic_now"]], "o", color=PALETTE[3], ms=8)
    ax_p.set(xlabel="tonic LC activity", ylabel="phasic burst size (relative)", xlim=(0, 1), ylim=(0, 1.05),
             title="task-locked bursts")
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.9, wspace=0.3)
    return {"ax": ax, "perf": perf, "optimum": optimum, "dot": dot, "legend": legend, "pdot": pdot}


def _update_inverted_u(fig, st, result, difficulty, tonic_activity):
    st["perf"].set_ydata(result["perf"])
    st["optimum"].set_xdata([result["optimum"]] * 2)
    st["dot"].set_data([tonic_activity], [result["now"]])
    st["pdot"].set_data([tonic_activity], [result["phasic_now"]])
    texts = st["legend"].get_texts()
    texts[2].set_text(f"difficulty {difficulty:.1f}")
    texts[3].set_text(f"optimum {result['optimum']:.2f}")
    st["ax"].set_title(_u_title(result))
    touch(st["perf"], st["optimum"], st["dot"], st["pdot"], st["ax"].title)
    touch_legend(st["legend"])


def _alt_inverted_u(values, result):
    d, a = values["difficulty"], values["tonic_activity"]
    return (f"Inverted-U curve of task performance against tonic LC activity for difficulty {d:.1f}, with its "
            f"optimum at {result['optimum']:.2f} and a dot at activity {a:.2f} "
            f"(performance {result['now']:.2f}, {result['mode']}); "
            f"right: relative phasic burst size against tonic activity.")


lc_inverted_u = InteractiveFigure(
    "lc-inverted-u",
    title="Adaptive gain: performance is an inverted U of tonic LC activity",
    controls=[Slider("difficulty", "Task difficulty (0 = easy, 1 = hard)", min=0.0, max=1.0, step=0.1, default=0.5,
                     static_values=[0.0, 0.5, 1.0]),   # 3 x 6 frames on the website keep the page light
              Slider("tonic_activity", "Tonic LC activity (normalised)", min=0.0, max=1.0, step=0.05,
                     default=0.45)],
    compute=_inverted_u, draw=_draw_inverted_u, update=_update_inverted_u, alt=_alt_inverted_u,
    figsize=(8.4, 3.6),
    caption=("<strong>Try</strong> sweeping tonic activity from 0 to 1, then make the task harder. "
             "<strong>Notice</strong> the three regimes: too little tonic activity (drowsy), a middle range where "
             "phasic bursts are large and performance peaks (phasic mode, exploitation), and high tonic activity "
             "where bursts shrink and performance falls (tonic mode, exploration). A harder task peaks lower and "
             "at a lower tonic activity, the direction Yerkes and Dodson saw in mice. The curve's shape is "
             "illustrative, after Aston-Jones and Cohen (2005)."),
)

# ------------------------------------------------------------------ 4. projection map
#: schematic sagittal positions (x: caudal -> rostral, y: ventral -> dorsal), arbitrary units; drawing only
_POSITIONS = {
    "brainstem": (3.2, 1.3), "cerebellum": (2.4, 3.0), "thalamus": (5.6, 3.4), "hypothalamus": (6.4, 2.2),
    "amygdala": (6.9, 1.6), "hippocampus": (4.7, 4.3), "basal_forebrain": (7.6, 2.6), "striatum": (7.2, 3.9),
    "frontal_cortex": (9.2, 4.6), "posterior_cortex": (3.8, 5.6), "spinal_cord": (0.35, 0.55),
}
_LC_XY = (3.6, 2.3)
#: bars sorted by path length (so by delay, at any velocity)
_BAR_ORDER = sorted(projections.TARGETS, key=lambda t: t.path_length_mm)
_VELOCITY_OPTIONS = {"rat": f"Rat ({projections.CONDUCTION_VELOCITY_M_PER_S['rat']:g} m/s, illustrative)",
                     "cat": f"Cat ({projections.CONDUCTION_VELOCITY_M_PER_S['cat']:g} m/s, Watabe 1982)"}
#: the longest delay at the slower velocity (the lumbar spinal cord), for the caption
_SLOWEST_DELAY_MS = max(projections.target_delays_ms(min(projections.CONDUCTION_VELOCITY_M_PER_S.values())).values())


def _delays(species):
    return projections.target_delays_ms(projections.CONDUCTION_VELOCITY_M_PER_S[species])


def _draw_map(fig, delays, species):
    ax, ax_b = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.5, 1]})
    ax.add_patch(Ellipse((6.0, 4.0), 8.4, 4.4, facecolor="#f2f2f2", edgecolor=COLORS["neutral"], lw=1))
    ax.add_patch(Ellipse((2.4, 2.9), 2.2, 1.6, facecolor="#e6e6e6", edgecolor=COLORS["neutral"], lw=1))
    ax.add_patch(Polygon([(2.6, 0.6), (4.2, 0.9), (4.6, 2.6), (3.4, 2.8)], closed=True,
                         facecolor="#e0e0e0", edgecolor=COLORS["neutral"], lw=1))
    ax.add_patch(Polygon([(0.0, 0.3), (2.7, 0.6), (2.8, 1.1), (0.0, 0.8)], closed=True,
                         facecolor="#e0e0e0", edgecolor=COLORS["neutral"], lw=1))
    top = max(delays.values())
    for t in projections.TARGETS:
        xy = _POSITIONS[t.key]
        sparse = t.density == "sparse"
        arrow = FancyArrowPatch(_LC_XY, xy, connectionstyle="arc3,rad=-0.25", arrowstyle="-|>", mutation_scale=9,
                                lw=0.8 if sparse else 1.4, ls="--" if sparse else "-",
                                color=COLORS["ne"], alpha=0.35 + 0.65 * delays[t.key] / top)
        ax.add_patch(arrow)
        ax.plot(*xy, "o", color=COLORS["ne"], ms=4)
        if not is_phone(fig):
            ax.annotate(t.label.replace(" (lumbar)", "").replace(" (sparse)", "*"), xy, xytext=(3, 3),
                        textcoords="offset points", fontsize=7)
    ax.plot(*_LC_XY, "o", color=PALETTE[3], ms=9)
    ax.annotate("LC", _LC_XY, xytext=(-22, 2), textcoords="offset points", color=PALETTE[3], fontweight="bold")
    ax.set(xlim=(-0.2, 10.4), ylim=(0, 6.5), aspect="equal", title="schematic sagittal view (* sparse)")
    ax.axis("off")
    bars = ax_b.barh([t.label for t in _BAR_ORDER], [delays[t.key] for t in _BAR_ORDER],
                     color=[COLORS["noise"] if t.density == "sparse" else COLORS["ne"] for t in _BAR_ORDER])
    ax_b.set(xlabel="conduction delay from LC (ms)", xlim=(0, 130), title=_VELOCITY_OPTIONS[species])
    ax_b.tick_params(axis="y", labelsize=7.5)
    fig.subplots_adjust(left=0.01, right=0.98, bottom=0.13, top=0.9, wspace=0.28)
    return {"bars": bars, "ax_b": ax_b}


def _update_map(fig, st, delays, species):
    """The map never changes; only the delays (bar lengths) and the title do."""
    for bar, t in zip(st["bars"], _BAR_ORDER):
        bar.set_width(delays[t.key])
    st["ax_b"].set_title(_VELOCITY_OPTIONS[species])


def _alt_map(values, d):
    return (f"Schematic side view of a brain with arrows from the locus coeruleus to eleven targets, and a bar "
            f"chart of conduction delays at {projections.CONDUCTION_VELOCITY_M_PER_S[values['species']]} m/s: "
            f"from {min(d.values()):.0f} ms (brainstem) to {max(d.values()):.0f} ms (spinal cord).")


lc_projection_map = InteractiveFigure(
    "lc-projection-map",
    title="One nucleus, the whole brain: LC targets and conduction delays",
    controls=[Choice("species", "Conduction velocity", options=_VELOCITY_OPTIONS, default="rat")],
    compute=_delays, draw=_draw_map, update=_update_map, alt=_alt_map, figsize=(9.6, 4.0),
    caption=("<strong>Try</strong> switching between the rat and cat conduction velocities. <strong>Notice</strong> "
             "that the thin, slow LC axons take tens of milliseconds to reach the cortex, longer than the "
             f"{_LATENCY_TEXT} it takes the LC itself to respond to a stimulus, and about {_SLOWEST_DELAY_MS:.0f} ms "
             "to reach the lumbar spinal "
             "cord at the slower speed. Path lengths are illustrative round numbers for a rat brain; the striatum "
             "(dashed) gets only sparse LC input."),
)
