"""Interactive figures of the chapter "Synthesis and metabolism of NE".

* ``synthesis-pathway``: tyrosine supply and TH activity -> TH saturation curve and time course.
* ``synthesis-dbh-droxidopa``: DBH activity and droxidopa -> the DBH-deficiency pattern and its treatment.
* ``synthesis-metabolites``: MAO and COMT inhibition -> where NE's metabolites are made.

All model numbers come from :mod:`ne_lib.synthesis` and :mod:`ne_lib.metabolism`; the ratios of
the rate constants there are illustrative (their time scale is fitted to measured NE turnover), so
levels are shown as % of normal.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ne_lib import metabolism, style, synthesis
from ne_lib.interactive import InteractiveFigure, Slider

__all__ = ["pathway", "dbh_droxidopa", "metabolites"]

NE_COLOR = style.COLORS["ne"]
DA_COLOR = style.COLORS["dopamine"]
TH_COLOR = style.COLORS["neutral"]
_NORMAL = synthesis.steady_state()
_PATHWAY_HOURS, _DBH_HOURS = 24.0, 36.0    # how long after the change the time courses run
_NORMAL_ROUTING = metabolism.route_metabolites()
_TYROSINE_GRID_UM = np.linspace(0.0, 250.0, 51)
_TH_CURVE_NORMAL = np.array([synthesis.steady_state(tyrosine_uM=t).th_flux_uM_per_h for t in _TYROSINE_GRID_UM])


@dataclass(frozen=True)
class _PathwayResult:
    course: synthesis.PathwayTimeCourse
    tyrosine_grid_uM: np.ndarray | None = None
    th_curve: np.ndarray | None = None
    th_curve_normal: np.ndarray | None = None


def _pct(value, normal):
    return 100.0 * np.asarray(value) / normal


def _course_pct(course: synthesis.PathwayTimeCourse, ylim_max: float):
    """NE and dopamine in % of normal, clipped just above the axis (a line may leave the top)."""
    ne = np.minimum(_pct(course.ne_uM, _NORMAL.ne_uM), 1.05 * ylim_max)
    da = np.minimum(_pct(course.dopamine_uM, _NORMAL.dopamine_uM), 1.05 * ylim_max)
    return ne, da


def _draw_time_course(ax, course: synthesis.PathwayTimeCourse, ylim_max: float):
    t = course.time_h
    ne, da = _course_pct(course, ylim_max)
    ax.axhline(100.0, color="0.75", lw=1, ls=":")
    (ne_line,) = ax.plot(t, ne, color=NE_COLOR, label="NE")
    (da_line,) = ax.plot(t, da, color=DA_COLOR, ls="--", label="dopamine")
    ax.set_xlabel("time after the change (h)")
    ax.set_ylabel("tissue level (% of normal)")
    ax.set_xlim(t[0], t[-1])
    ax.set_ylim(0.0, ylim_max)
    ax.legend(loc="upper left", ncols=2, borderaxespad=0.2)   # in the band above the highest curve
    return ne_line, da_line


def _update_time_course(lines, course: synthesis.PathwayTimeCourse, ylim_max: float):
    ne, da = _course_pct(course, ylim_max)
    lines[0].set_ydata(ne)
    lines[1].set_ydata(da)


# ----------------------------------------------------------------------------- figure 1

@lru_cache(maxsize=64)
def _th_curve(th_activity: float) -> np.ndarray:
    """Steady TH flux over the tyrosine grid: depends on TH activity only, so moving the tyrosine
    slider reuses it (a pure function of a float; the cached array is never modified)."""
    curve = np.array([synthesis.steady_state(tyrosine_uM=t, th_activity=th_activity).th_flux_uM_per_h
                      for t in _TYROSINE_GRID_UM])
    curve.flags.writeable = False
    return curve


#: y ranges of the pathway figure: above the highest curve the sliders can give (both at their maximum:
#: TH flux about 250 % and dopamine about 305 % of normal), with a band on top for the legend
_PATHWAY_TOP = 260.0
_PATHWAY_YLIM = 430.0
_COURSE_YLIM = 400.0


def _compute_pathway(tyrosine_uM, th_activity):
    course = synthesis.simulate_pathway(duration_h=_PATHWAY_HOURS, n_points=49, tyrosine_uM=tyrosine_uM,
                                        th_activity=th_activity)
    return _PathwayResult(course, _TYROSINE_GRID_UM, _th_curve(float(th_activity)), _TH_CURVE_NORMAL)


def _draw_pathway(fig, result: _PathwayResult, tyrosine_uM, th_activity):
    ax1, ax2 = fig.subplots(1, 2)
    normal_flux = _NORMAL.th_flux_uM_per_h
    ax1.plot(result.tyrosine_grid_uM, _pct(result.th_curve_normal, normal_flux), color="0.6", lw=1.5,
             label="normal TH")
    (curve,) = ax1.plot(result.tyrosine_grid_uM, _pct(result.th_curve, normal_flux), color=TH_COLOR,
                        label="chosen TH activity")
    ax1.plot([synthesis.TH_KM_TYROSINE_UM] * 2, [0, _PATHWAY_TOP], color="0.6", ls=":", lw=1)
    ax1.text(synthesis.TH_KM_TYROSINE_UM + 3, 5, "Km", color="0.4", fontsize=9)
    (point,) = ax1.plot([tyrosine_uM], [_pct(result.course.steady.th_flux_uM_per_h, normal_flux)], "o",
                        color=NE_COLOR, ms=8, label="chosen tyrosine")
    ax1.set_xlabel("tyrosine (µM)")
    ax1.set_ylabel("TH flux, steady state (% of normal)")
    ax1.set_xlim(0, 250)
    ax1.set_ylim(0, _PATHWAY_YLIM)
    ax1.set_yticks([0, 100, 200, 300])
    ax1.legend(loc="upper left", borderaxespad=0.2)   # in the band above the highest curve
    ax1.set_title("Synthesis saturates in tyrosine")
    lines = _draw_time_course(ax2, result.course, ylim_max=_COURSE_YLIM)
    ax2.set_title("Stores after the change")
    return {"curve": curve, "point": point, "lines": lines}


def _update_pathway(fig, state, result: _PathwayResult, tyrosine_uM, th_activity):
    normal_flux = _NORMAL.th_flux_uM_per_h
    state["curve"].set_ydata(_pct(result.th_curve, normal_flux))
    state["point"].set_data([tyrosine_uM], [_pct(result.course.steady.th_flux_uM_per_h, normal_flux)])
    _update_time_course(state["lines"], result.course, _COURSE_YLIM)


pathway = InteractiveFigure(
    name="synthesis-pathway",
    title="From tyrosine to stored NE: what sets the rate of synthesis",
    controls=[Slider("tyrosine_uM", "Tyrosine supply (µM)", min=5, max=200, step=5, default=100,
                     static_values=[5, 20, 50, 100, 150, 200]),
              Slider("th_activity", "TH activity, x normal (phosphorylation)", min=0.25, max=4, step=0.25,
                     default=1, static_values=[0.25, 0.5, 1, 2, 4])],
    compute=_compute_pathway,
    draw=_draw_pathway,
    update=_update_pathway,
    named_values=[{"tyrosine_uM": 50}, {"tyrosine_uM": 100}, {"tyrosine_uM": 200}, {"th_activity": 0.5},
                  {"th_activity": 2}],
    alt=lambda v, result: (f"Left: steady-state TH flux against tyrosine, rising steeply below the Km of "
                   f"{synthesis.TH_KM_TYROSINE_UM:g} µM and "
                   f"flattening above it, with the current point at {v['tyrosine_uM']:g} µM tyrosine and TH "
                   f"activity {v['th_activity']:g} times normal. Right: tissue NE and dopamine, in % of normal, "
                   f"over {_PATHWAY_HOURS:g} hours after the change."),
    caption=(f"<b>Try</b> halving and doubling the tyrosine supply around its normal "
             f"{synthesis.NORMAL_TYROSINE_UM:g} µM, then do the same "
             "with TH activity. <b>Notice</b> that above TH's Km (dotted line) extra tyrosine changes synthesis "
             "and stores by only a few per cent, while a change in TH activity moves them much more, though "
             "less than in proportion, because the extra catecholamine feeds back on TH. Levels are in % of "
             "normal; the ratios of the rate constants are illustrative, their time scale comes from measured "
             "NE turnover."),
    figsize=(8.4, 3.6),
)


# ----------------------------------------------------------------------------- figure 2
_DBH_FOLD_TEXT = "-".join(f"{v:g}" for v in synthesis.DBH_DEFICIENCY_DOPAMINE_FOLD) + "x"

def _compute_dbh(dbh_activity, droxidopa_uM_per_h):
    course = synthesis.simulate_pathway(duration_h=_DBH_HOURS, n_points=37, dbh_activity=dbh_activity,
                                        droxidopa_uM_per_h=droxidopa_uM_per_h)
    return _PathwayResult(course)


def _draw_dbh(fig, result: _PathwayResult, dbh_activity, droxidopa_uM_per_h):
    ax1, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.5, 1]})
    lines = _draw_time_course(ax1, result.course, ylim_max=1000.0)
    low, high = synthesis.DBH_DEFICIENCY_DOPAMINE_FOLD
    ax1.axhspan(100.0 * low, 100.0 * high, color=DA_COLOR, alpha=0.12, lw=0)
    ax1.text(35, 840, f"dopamine in DBH\ndeficiency: {_DBH_FOLD_TEXT}", ha="right", va="center", fontsize=8.5,
             color="0.3")
    ax1.set_title("After the change")
    values = _dbh_bar_values(result)
    bars = ax2.bar(["NE", "dopamine", "TH flux"], values, color=[NE_COLOR, DA_COLOR, TH_COLOR])
    ax2.axhline(100.0, color="0.5", ls=":", lw=1)
    texts = [ax2.text(bar.get_x() + bar.get_width() / 2, 0, "", ha="center", va="bottom", fontsize=9)
             for bar in bars]
    _label_bars(bars, texts, values, 900.0)
    ax2.set_ylim(0, 900)
    ax2.set_ylabel("steady state (% of normal)")
    ax2.set_title("New steady state")
    return {"lines": lines, "bars": bars, "texts": texts}


def _dbh_bar_values(result: _PathwayResult) -> list[float]:
    steady = result.course.steady
    return [float(_pct(steady.ne_uM, _NORMAL.ne_uM)), float(_pct(steady.dopamine_uM, _NORMAL.dopamine_uM)),
            float(_pct(steady.th_flux_uM_per_h, _NORMAL.th_flux_uM_per_h))]


def _label_bars(bars, texts, values, top):
    """Set bar heights (clipped to the axis) and their value labels: above the bar, lifted above the
    dotted 100 % line when they would cross it (a label is about 7.5 % of the axis high)."""
    for bar, text, v in zip(bars, texts, values):
        bar.set_height(min(v, top))
        y = min(v, 0.9 * top) + 0.015 * top
        if y < 100.0 < y + 0.085 * top:
            y = 100.0 + 0.015 * top
        text.set_position((bar.get_x() + bar.get_width() / 2, y))
        text.set_text(f"{v:.0f}%")


def _update_dbh(fig, state, result: _PathwayResult, dbh_activity, droxidopa_uM_per_h):
    _update_time_course(state["lines"], result.course, 1000.0)
    _label_bars(state["bars"], state["texts"], _dbh_bar_values(result), 900.0)


dbh_droxidopa = InteractiveFigure(
    name="synthesis-dbh-droxidopa",
    title="DBH deficiency, and how droxidopa bypasses the missing step",
    controls=[Slider("dbh_activity", "DBH activity (fraction of normal)", min=0, max=1, step=0.05, default=1,
                     static_values=[0, 0.1, 0.25, 0.5, 1]),
              Slider("droxidopa_uM_per_h", "Droxidopa supply (µM/h, illustrative)", min=0, max=2, step=0.1,
                     default=0, static_values=[0, 0.5, 1, 1.5, 2])],
    compute=_compute_dbh,
    draw=_draw_dbh,
    update=_update_dbh,
    named_values=[{"dbh_activity": 0}, {"dbh_activity": 0.5}, {"dbh_activity": 0, "droxidopa_uM_per_h": 1}],
    alt=lambda v, result: (f"Left: tissue NE and dopamine in % of normal over {_DBH_HOURS:g} hours after DBH activity is set to "
                   f"{v['dbh_activity']:g} of normal with droxidopa at {v['droxidopa_uM_per_h']:g} µM/h; a shaded "
                   f"band marks the {_DBH_FOLD_TEXT} dopamine of DBH deficiency. Right: bars of the new steady-state NE, "
                   f"dopamine and TH flux."),
    caption=("<b>Try</b> moving DBH activity to zero, then add droxidopa. <b>Notice</b> that without DBH the "
             "stores fill with dopamine instead of NE (about seven-fold, inside the band reported for patients) "
             "while TH flux hardly changes, and that droxidopa brings NE back without lowering dopamine much, "
             "because AADC turns it straight into NE. Small DBH losses matter little: try 0.5. "
             "The dose scale and the ratios of the rate constants are illustrative."),
    figsize=(8.4, 3.6),
)


# ----------------------------------------------------------------------------- figure 3

_METABOLITE_ROWS = [
    # (label, attribute, compartment colour)
    ("DHPG made (neuron, MAO-A)", "dhpg_formed", style.PALETTE[0]),
    ("MHPG made (outside, COMT)", "mhpg_formed", style.PALETTE[2]),
    ("normetanephrine (outside, COMT)", "normetanephrine", style.PALETTE[2]),
    ("VMA (liver)", "vma", style.PALETTE[4]),
    ("DHPG left unmethylated", "dhpg_unchanged", "0.55"),
    ("NE spilling over unchanged", "ne_spillover", "0.55"),
]


def _compute_metabolites(mao_inhibition, comt_inhibition):
    return metabolism.route_metabolites(mao_inhibition=mao_inhibition, comt_inhibition=comt_inhibition)


def _draw_metabolites(fig, result: metabolism.MetaboliteRouting, mao_inhibition, comt_inhibition):
    ax1, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [3, 1]})
    turnover = _NORMAL_ROUTING.ne_turnover
    y = np.arange(len(_METABOLITE_ROWS))[::-1]
    now = [min(float(_pct(getattr(result, attr), turnover)), 100.0) for _, attr, _ in _METABOLITE_ROWS]
    before = [_pct(getattr(_NORMAL_ROUTING, attr), turnover) for _, attr, _ in _METABOLITE_ROWS]
    bars = ax1.barh(y, now, color=[c for *_, c in _METABOLITE_ROWS], height=0.6)
    ax1.barh(y, before, fill=False, edgecolor="0.2", ls="--", lw=1, height=0.6)
    ax1.set_yticks(y, [label for label, *_ in _METABOLITE_ROWS], fontsize=9)
    ax1.set_xlim(0, 100)
    ax1.set_xlabel("flux (% of normal NE turnover); dashed: normal")
    ax1.set_title("Where NE's metabolites are made")
    ne = float(_pct(result.pathway.ne_uM, _NORMAL.ne_uM))
    ne_bar = ax2.bar(["NE stores"], [ne], color=NE_COLOR, width=0.6)
    ax2.axhline(100.0, color="0.5", ls=":", lw=1)
    ne_text = ax2.text(0, 0, "", ha="center", va="bottom", fontsize=9)
    _label_bars(ne_bar, [ne_text], [ne], 500.0)
    ax2.set_ylim(0, 500)
    ax2.set_ylabel("% of normal")
    return {"bars": bars, "ne_bar": ne_bar, "ne_text": ne_text}


def _update_metabolites(fig, state, result: metabolism.MetaboliteRouting, mao_inhibition, comt_inhibition):
    turnover = _NORMAL_ROUTING.ne_turnover
    for bar, (_, attr, _) in zip(state["bars"], _METABOLITE_ROWS):
        bar.set_width(min(float(_pct(getattr(result, attr), turnover)), 100.0))
    ne = float(_pct(result.pathway.ne_uM, _NORMAL.ne_uM))
    _label_bars(state["ne_bar"], [state["ne_text"]], [ne], 500.0)


metabolites = InteractiveFigure(
    name="synthesis-metabolites",
    title="Where the metabolites of NE come from: neuron, outside the neuron, liver",
    controls=[Slider("mao_inhibition", "MAO inhibition (fraction blocked)", min=0, max=1, step=0.05, default=0,
                     static_values=[0, 0.25, 0.5, 0.75, 0.9, 1]),
              Slider("comt_inhibition", "COMT inhibition (fraction blocked)", min=0, max=1, step=0.05, default=0,
                     static_values=[0, 0.25, 0.5, 0.75, 0.9, 1])],
    compute=_compute_metabolites,
    draw=_draw_metabolites,
    update=_update_metabolites,
    alt=lambda v, result: (f"Horizontal bars of NE metabolite fluxes (DHPG, MHPG, normetanephrine, VMA, unmethylated "
                   f"DHPG, spillover) in % of normal NE turnover, with MAO {v['mao_inhibition']:g} and COMT "
                   f"{v['comt_inhibition']:g} blocked, dashed outlines showing normal; a side bar shows NE "
                   f"stores in % of normal."),
    caption=("<b>Try</b> blocking MAO, then COMT, then both. <b>Notice</b> that DHPG, made inside the neuron, "
             "is the largest flux and that it starts mostly from NE leaking out of vesicles; blocking MAO cuts "
             "DHPG and everything made from it (MHPG, VMA) while NE stores grow and a little more NE escapes "
             "to become normetanephrine. Blocking COMT leaves DHPG formation alone but stops MHPG, "
             "normetanephrine and VMA. Branch shares are illustrative."),
    figsize=(8.4, 3.6),
)
