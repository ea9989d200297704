"""Interactive figures of the chapter "Disorders and drugs of the NE system".

``selectivity``: which transporter a drug holds at a given free concentration, beside a
comparison of all drugs' NET-versus-SERT selectivity (ne_lib.drugs).
``treatment``: the treatment simulator (ne_lib.treatment) for three illustrative
starting states on the inverted U, with the receptor occupancies behind it.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import NullLocator

from .. import adaptive_gain, drugs, treatment
from ..interactive import Choice, InteractiveFigure, Slider, si
from ..style import COLORS, PALETTE

# ------------------------------------------------------------------------- selectivity
_SELECTIVITY_DRUGS = drugs.drug_names(with_transporter_data=True)
# drugs offered in the control (all are compared in the left panel); six keep the static page light
_SELECTIVITY_CHOICES = ("atomoxetine", "reboxetine", "desipramine", "duloxetine", "venlafaxine", "bupropion")
_CONC_AXIS_nM = np.logspace(-1, 5, 241)
_TRANSPORTER_COLORS = {"NET": COLORS["ne"], "SERT": PALETTE[4], "DAT": COLORS["dopamine"]}


def _selectivity_compute(drug, log10_conc_nM):
    conc = 10.0 ** log10_conc_nM
    table = drugs.drug(drug)
    curves = {t: drugs.transporter_occupancy(_CONC_AXIS_nM, a.value_nM) for t, a in table.affinities.items()}
    return {
        "drug": drug, "conc_nM": conc, "curves": curves,
        "now": drugs.occupancies(drug, conc),
        "ratios": {d: drugs.selectivity_ratio(d) for d in _SELECTIVITY_DRUGS},
        "k_nM": {t: a.value_nM for t, a in table.affinities.items()},
        "kind": next(iter(table.affinities.values())).kind,
        "source": next(iter(table.affinities.values())).source,
    }


def _selectivity_title(result):
    shown = ", ".join(f"{t} {100 * o:.0f}%" if o is not None else f"{t} not measured"
                      for t, o in result["now"].items())
    return f"{result['drug']} at {si(result['conc_nM'], 'nM')} ({result['kind']}: {result['source']})\n{shown}"


def _selectivity_draw(fig, result, drug, log10_conc_nM):
    ax_ratio, ax_occ = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.35]})
    names = list(result["ratios"])
    ratios = np.array([result["ratios"][n] for n in names])
    colors = [COLORS["ne"] if r > 1 else PALETTE[4] for r in ratios]
    y = np.arange(len(names))
    bars = ax_ratio.barh(y, np.log10(ratios), color=colors, edgecolor="black", linewidth=0.0)
    ax_ratio.set_yticks(y, names)
    ax_ratio.invert_yaxis()
    ax_ratio.axvline(0, color=COLORS["neutral"], lw=1)
    ax_ratio.set_xticks([-3, -2, -1, 0, 1, 2], ["1000", "100", "10", "1", "10", "100"])
    ax_ratio.set(xlim=(-3.8, 2.6), xlabel="\u2190 prefers SERT   (fold)   prefers NET \u2192")
    ax_ratio.set_title("Selectivity, K_SERT / K_NET", fontsize=10)

    lines, dots = {}, {}
    for t in drugs.TRANSPORTERS:
        lines[t], = ax_occ.semilogx(_CONC_AXIS_nM, np.zeros_like(_CONC_AXIS_nM), color=_TRANSPORTER_COLORS[t],
                                    label=t)
        dots[t], = ax_occ.plot([1.0], [0.0], "o", color=_TRANSPORTER_COLORS[t], ms=6)
    ax_occ.xaxis.set_minor_locator(NullLocator())   # minor log ticks cost most of the drawing time
    (marker,) = ax_occ.plot([1.0, 1.0], [0, 100], color=COLORS["neutral"], lw=1, ls="--")
    # the legend sits in a band above 100 % that no curve enters
    ax_occ.set(xlabel="free drug concentration (nM)", ylabel="transporters occupied (%)", ylim=(-2, 130),
               xlim=(_CONC_AXIS_nM[0], _CONC_AXIS_nM[-1]), yticks=[0, 25, 50, 75, 100])
    ax_occ.legend(loc="upper left", ncols=3, borderaxespad=0.2)
    title = ax_occ.set_title(" \n ", fontsize=9.5)
    return {"bars": bars, "names": names, "lines": lines, "dots": dots, "marker": marker,
            "title": title, "ax_ratio": ax_ratio}


def _selectivity_update(fig, state, result, drug, log10_conc_nM):
    """Move the curves, dots and marker; outline the chosen drug."""
    for bar, name in zip(state["bars"], state["names"]):
        bar.set_linewidth(2.0 if name == drug else 0.0)
    for label, name in zip(state["ax_ratio"].get_yticklabels(), state["names"]):
        label.set_fontweight("bold" if name == drug else "normal")
    conc = result["conc_nM"]
    for t in drugs.TRANSPORTERS:
        has = t in result["curves"]
        state["lines"][t].set_visible(has)
        state["dots"][t].set_visible(has)
        if has:
            state["lines"][t].set_ydata(100 * result["curves"][t])
            state["dots"][t].set_data([conc], [100 * result["now"][t]])
    state["marker"].set_xdata([conc, conc])
    state["title"].set_text(_selectivity_title(result))


def _selectivity_alt(values, result):
    d, conc = values["drug"], result["conc_nM"]
    shown = ", ".join(f"{t} {100 * o:.0f}%" for t, o in result["now"].items() if o is not None)
    return (f"Left: horizontal bars of NET-versus-SERT selectivity for {len(_SELECTIVITY_DRUGS)} drugs on a log "
            f"scale, {d} outlined. Right: occupancy curves of the transporters by {d} against free concentration; "
            f"at {si(conc, 'nM')}: {shown}.")


selectivity = InteractiveFigure(
    "disorders-selectivity",
    title="Which transporter does the drug hold?",
    controls=[Choice("drug", "Drug", options={d: d for d in _SELECTIVITY_CHOICES}, default="atomoxetine"),
              Slider("log10_conc_nM", "Free drug concentration", min=-1.0, max=5.0, step=0.5, default=1.5,
                     value_format=lambda v: si(10.0 ** v, "nM"),
                     static_values=[0.0, 1.0, 1.5, 2.0, 3.0, 4.0])],
    compute=_selectivity_compute,
    draw=_selectivity_draw,
    update=_selectivity_update,
    alt=_selectivity_alt,
    figsize=(8.6, 3.9),
    caption=("<strong>Try</strong> atomoxetine, then venlafaxine and bupropion, and slide the concentration "
             "across its range. <strong>Notice</strong> that every curve has the same shape "
             "(single-site binding: half the transporters are held when the concentration equals the Ki); "
             "only its position differs. Venlafaxine holds most SERT long before it touches NET, and bupropion "
             "needs tens of micromolar to hold NET in vitro. Affinities were measured on cloned human "
             "transporters; free brain concentrations in patients are not shown by a dose."),
)


# ------------------------------------------------------------------------- treatment
# six of treatment.TREATMENT_DRUGS (one of each kind of action) keep the static page light
_TREATMENT_CHOICES = {k: (f"{k} ({treatment.TREATMENT_DRUGS[k]})" if k != "none" else "no drug")
                      for k in ("none", "atomoxetine", "venlafaxine", "bupropion", "clonidine", "prazosin")}
_ACTIVITY_AXIS = np.linspace(0.0, 1.0, 201)
_SCENARIO_COLORS = {"under_aroused": PALETTE[5], "typical": COLORS["neutral"], "over_aroused": COLORS["drug"]}
_RECEPTORS = ("alpha2A", "alpha1", "beta1")


def _treatment_compute(drug, log10_conc_nM):
    conc = 0.0 if drug == "none" else 10.0 ** log10_conc_nM
    return {"conc_nM": conc,
            "runs": {sc: treatment.simulate_treatment(drug, conc, sc) for sc in treatment.SCENARIOS}}


def _treatment_draw(fig, result, drug, log10_conc_nM):
    ax_u, ax_r = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.3, 1]})
    diff = treatment.REFERENCE_DIFFICULTY
    ax_u.plot(_ACTIVITY_AXIS, adaptive_gain.task_performance(_ACTIVITY_AXIS, diff), color=COLORS["neutral"],
              lw=1.5, zorder=1)
    before, after, arrows = {}, {}, {}
    for sc in treatment.SCENARIOS:
        c = _SCENARIO_COLORS[sc]
        before[sc], = ax_u.plot([0.5], [0.5], "o", mfc="white", mec=c, mew=2, ms=9, zorder=3)
        after[sc], = ax_u.plot([0.5], [0.5], "o", color=c, ms=9, zorder=4,
                               label=treatment.SCENARIOS[sc].label.replace(" (illustrative)", ""))
        arrows[sc] = ax_u.annotate("", xy=(0.5, 0.5), xytext=(0.5, 0.5), zorder=2,
                                   arrowprops={"arrowstyle": "->", "color": c, "lw": 1.5})
    ax_u.set(xlim=(0, 1), ylim=(0, 1.5), xlabel="equivalent tonic LC activity (illustrative map)",
             ylabel="task performance", xticks=[0, 0.25, 0.5, 0.75, 1], yticks=[0, 0.5, 1])
    title_u = ax_u.set_title("", fontsize=9.5)
    # in the band above the curve's top (performance 1)
    ax_u.legend(loc="upper center", ncols=3, title="open = before, filled = with drug", borderaxespad=0.2,
                columnspacing=0.8, handletextpad=0.3)

    width = 0.26
    x = np.arange(len(_RECEPTORS))
    ne_bars, agonist_bars = {}, {}
    for i, sc in enumerate(treatment.SCENARIOS):
        c = _SCENARIO_COLORS[sc]
        ne_bars[sc] = ax_r.bar(x + (i - 1) * width, [0.0] * len(_RECEPTORS), width, color=c)
        agonist_bars[sc] = ax_r.bar([x[0] + (i - 1) * width], [0.0], width, bottom=[0.0], color="white",
                                    edgecolor=c, hatch="///", lw=0.8)[0]
    ax_r.set_xticks(x, ["alpha2A\n(high affinity)", "alpha1", "beta1"])
    ax_r.set(ylim=(0, 100), ylabel="receptors held (%)", yticks=[0, 25, 50, 75, 100])
    ax_r.set_title("NE at receptors (hatched: agonist drug)", fontsize=9.5)
    return {"before": before, "after": after, "arrows": arrows, "title_u": title_u, "ne_bars": ne_bars,
            "agonist_bars": agonist_bars}


def _treatment_update(fig, state, result, drug, log10_conc_nM):
    """Move the scenario markers, arrows and bars; the curve never changes."""
    for sc, r in result["runs"].items():
        state["before"][sc].set_data([r.tonic_activity_untreated], [r.performance_untreated])
        state["after"][sc].set_data([r.tonic_activity], [r.performance])
        arrow = state["arrows"][sc]
        arrow.xy = (r.tonic_activity, r.performance)
        arrow.set_position((r.tonic_activity_untreated, r.performance_untreated))
        arrow.set_visible(abs(r.tonic_activity - r.tonic_activity_untreated) > 0.01)
        heights = [100 * r.receptor_occupancy[name] for name in _RECEPTORS]
        for bar, h in zip(state["ne_bars"][sc], heights):
            bar.set_height(h)
        extra = 100 * (r.alpha2A_agonist_total - r.receptor_occupancy["alpha2A"])
        state["agonist_bars"][sc].set_y(heights[0])
        state["agonist_bars"][sc].set_height(max(extra, 0.0))
    typ = result["runs"]["typical"]
    head = "no drug" if drug == "none" else f"{drug} {si(result['conc_nM'], 'nM')}"
    state["title_u"].set_text(f"{head}: NET {100 * typ.net_occupancy:.0f}% held, NE x{typ.ne_fold:.2f}")


def _treatment_alt(values, result):
    drug = values["drug"]
    parts = [f"{treatment.SCENARIOS[sc].label}: performance {r.performance_untreated:.2f} -> {r.performance:.2f}"
             for sc, r in result["runs"].items()]
    typ = result["runs"]["typical"]
    return (f"Left: inverted U of task performance against tonic LC activity with three scenarios moved by "
            f"{drug} at {si(result['conc_nM'], 'nM')} ({'; '.join(parts)}). Right: bars of alpha2A, alpha1 and beta1 "
            f"occupancy by NE for each scenario; in the typical scenario NE changes {typ.ne_fold:.2f}-fold.")


treatment_simulator = InteractiveFigure(
    "disorders-treatment",
    title="Treatment simulator: from drug to the inverted U",
    controls=[Choice("drug", "Drug", options=_TREATMENT_CHOICES, default="atomoxetine"),
              Slider("log10_conc_nM", "Free drug concentration", min=-1.0, max=4.0, step=0.25, default=0.5,
                     value_format=lambda v: si(10.0 ** v, "nM"),
                     static_values=[0.0, 0.5, 1.0, 1.5, 2.5, 4.0])],
    compute=_treatment_compute,
    draw=_treatment_draw,
    update=_treatment_update,
    alt=_treatment_alt,
    figsize=(8.6, 3.9),
    caption=("<strong>Try</strong> atomoxetine from low to high concentration, then clonidine, then prazosin. "
             "<strong>Notice</strong> that blocking NET moves every starting state to the right: the "
             "under-aroused one climbs towards the top while the over-aroused one falls further down the far "
             "side, and too much drug overshoots even from below. Clonidine moves everyone to the left (less "
             "release) but fills alpha2A receptors itself (hatched). Prazosin leaves the position unchanged and "
             "only empties alpha1. The three starting states and the map onto the activity axis are "
             "illustrative, not diagnoses."),
)
