"""Automatic checks for the coding exercises of the chapter "Disorders and drugs of the NE system".

Each check computes the expected answer from the course's own models (:mod:`ne_lib.drugs`,
:mod:`ne_lib.treatment`) and explains typical mistakes.
"""

from __future__ import annotations

from ne_lib import drugs
from ne_lib.check import Feedback, check_number
from ne_lib.check.registry import exercise, written

__all__ = ["duloxetine_sert_preference", "atomoxetine_sert_occupancy", "reboxetine_ne_fold",
           "atomoxetine_performance_change", "venlafaxine_ne_fold", "prazosin_alpha1_occupancy"]


@exercise("dis-ex-selectivity", answers=("sert_preference",), points=1)
def duloxetine_sert_preference(ratio) -> Feedback:
    """Exercise dis-ex-selectivity: how many times more strongly duloxetine binds SERT than NET."""
    expected = drugs.affinity_nM("duloxetine", "NET") / drugs.affinity_nM("duloxetine", "SERT")
    return check_number(
        "dis-ex-selectivity", ratio, expected, name="SERT preference", units="",
        hint="A smaller Ki means tighter binding; compare the two Ki values so that a stronger hold on SERT "
             "gives a number above 1.",
        mistakes={"You divided the wrong way round: that is the NET preference (below 1 here).": 1 / expected,
                  "You subtracted the two Ki values; selectivity is a ratio.":
                      drugs.affinity_nM("duloxetine", "NET") - drugs.affinity_nM("duloxetine", "SERT")})


def _sert_at(net_occupancy: float) -> float:
    conc = drugs.concentration_for_occupancy_nM("atomoxetine", net_occupancy, "NET")
    return drugs.transporter_occupancy(conc, drugs.affinity_nM("atomoxetine", "SERT"))


@exercise("dis-ex-occupancy", answers=("sert_occupancy",), points=2,
          variants={"net_occupancy": (0.6, 0.7, 0.8, 0.9)}, reference=_sert_at)
def atomoxetine_sert_occupancy(occupancy, net_occupancy: float = 0.8) -> Feedback:
    """Exercise dis-ex-occupancy: SERT occupancy (fraction) where atomoxetine occupies ``net_occupancy`` of NET."""
    conc = drugs.concentration_for_occupancy_nM("atomoxetine", net_occupancy, "NET")
    k_sert = drugs.affinity_nM("atomoxetine", "SERT")
    expected = drugs.transporter_occupancy(conc, k_sert)
    wrong_ratio = conc / k_sert   # forgot the "+ K" in the denominator
    return check_number(
        "dis-ex-occupancy", occupancy, expected, name="SERT occupancy", units="",
        hint="First find the concentration that gives the NET occupancy, then the SERT occupancy there.",
        mistakes={"That is the NET occupancy: use the SERT Ki for the SERT occupancy.": net_occupancy,
                  "You computed C / K_SERT: occupancy is C / (C + K_SERT).": wrong_ratio,
                  f"You used {100 * net_occupancy:g} nM as the concentration; {100 * net_occupancy:g}% is an "
                  "occupancy, not a concentration.": drugs.transporter_occupancy(100.0 * net_occupancy, k_sert),
                  **({f"That is the answer for the website's 80%; use the net_occupancy of your own exercise cell "
                      f"({net_occupancy:g}).": _sert_at(0.8)} if net_occupancy != 0.8 else {})})


@exercise("dis-ex-simulator", answers=("fold",), points=2)
def reboxetine_ne_fold(fold) -> Feedback:
    """Exercise dis-ex-simulator: NE fold change for reboxetine at 90% NET occupancy, typical scenario."""
    from ne_lib import treatment

    conc = drugs.concentration_for_occupancy_nM("reboxetine", 0.9, "NET")
    expected = treatment.ne_fold_change("reboxetine", conc, "typical")
    conc_atx = drugs.concentration_for_occupancy_nM("atomoxetine", 0.9, "NET")
    return check_number(
        "dis-ex-simulator", fold, expected, name="NE fold change", units="",
        hint="First find the free reboxetine concentration for 90% NET occupancy; the fold change "
             "is computed from that concentration.",
        mistakes={"You passed 0.9 nM as the concentration: 0.9 is the occupancy.":
                      treatment.ne_fold_change("reboxetine", 0.9),
                  "You used atomoxetine's NET Ki to get the concentration.":
                      treatment.ne_fold_change("reboxetine", conc_atx),
                  "You gave the change (fold - 1), not the fold.": expected - 1.0})


def _performance(drug: str, conc_nM: float, scenario: str) -> tuple[float, float]:
    """(treated, untreated) task performance in the simulator."""
    from ne_lib import treatment

    result = treatment.simulate_treatment(drug, conc_nM, scenario)
    return result.performance, result.performance_untreated


def _performance_change(drug: str, conc_nM: float, scenario: str) -> float:
    treated, untreated = _performance(drug, conc_nM, scenario)
    return treated - untreated


@exercise("dis-ex-arousal", answers=("performance_change",), points=2)
def atomoxetine_performance_change(change) -> Feedback:
    """Exercise dis-ex-arousal: change in task performance (treated minus untreated) with atomoxetine at
    50% NET occupancy, over-aroused scenario."""
    conc = drugs.concentration_for_occupancy_nM("atomoxetine", 0.5, "NET")
    treated, untreated = _performance("atomoxetine", conc, "over_aroused")
    expected = treated - untreated
    return check_number(
        "dis-ex-arousal", change, expected, name="change in performance", units="", abs_tol=0.005,
        hint="Run the simulator once for the over-aroused scenario: its result holds the task performance "
             "with the drug and without it.",
        mistakes={"That is the change for the under-aroused scenario; this one asks for the over-aroused one.":
                      _performance_change("atomoxetine", conc, "under_aroused"),
                  "That is the change in the typical scenario.": _performance_change("atomoxetine", conc, "typical"),
                  "The sign is the wrong way round: subtract the untreated performance from the treated one.":
                      -expected,
                  "That is the treated performance itself, not its change.": treated,
                  "You used 0.5 nM as the concentration: 0.5 is the occupancy.":
                      _performance_change("atomoxetine", 0.5, "over_aroused")})


def _venlafaxine_fold(conc_nM: float) -> float:
    from ne_lib import treatment

    return treatment.ne_fold_change("venlafaxine", conc_nM, "typical")


@exercise("dis-ex-snri", answers=("fold",), points=2)
def venlafaxine_ne_fold(fold) -> Feedback:
    """Exercise dis-ex-snri: NE fold change (typical scenario) with venlafaxine at the free concentration
    that occupies 80% of SERT."""
    conc = drugs.concentration_for_occupancy_nM("venlafaxine", 0.8, "SERT")
    expected = _venlafaxine_fold(conc)
    return check_number(
        "dis-ex-snri", fold, expected, name="NE fold change", units="",
        hint="Find the concentration from SERT (the transporter the dose is aimed at), then ask the "
             "simulator what that concentration does to NE.",
        mistakes={"You found the concentration for 80% of NET, not of SERT.":
                      _venlafaxine_fold(drugs.concentration_for_occupancy_nM("venlafaxine", 0.8, "NET")),
                  "You passed 0.8 nM as the concentration: 0.8 is the occupancy.": _venlafaxine_fold(0.8),
                  "You gave the change (fold - 1), not the fold.": expected - 1.0})


def _alpha1_by_ne(conc_nM: float, scenario: str) -> float:
    from ne_lib import treatment

    return treatment.simulate_treatment("prazosin", conc_nM, scenario).receptor_occupancy["alpha1"]


@exercise("dis-ex-prazosin", answers=("alpha1_occupancy",), points=2)
def prazosin_alpha1_occupancy(occupancy) -> Feedback:
    """Exercise dis-ex-prazosin: fraction of alpha1 receptors NE holds with 10 nM free prazosin, over-aroused."""
    from ne_lib import treatment

    expected = _alpha1_by_ne(10.0, "over_aroused")
    untreated = treatment.simulate_treatment("none", 0.0, "over_aroused").receptor_occupancy["alpha1"]
    return check_number(
        "dis-ex-prazosin", occupancy, expected, name="alpha1 occupancy by NE", units="", abs_tol=1e-4,
        hint="Run the simulator with prazosin at 10 nM in the over-aroused scenario; its result holds the "
             "receptors' occupancy by NE with the drug and without it.",
        mistakes={"That is the occupancy without prazosin (receptor_occupancy_untreated).": untreated,
                  "That is the typical scenario; this one asks for the over-aroused one.":
                      _alpha1_by_ne(10.0, "typical"),
                  "That looks like a percentage: give a fraction between 0 and 1.": 100.0 * expected})


# Written exercises (marked by hand with the rubric in the instructor guide) and their points.
written("dis-ex-reading", points=2, module=__name__)
written("dis-ex-evidence", points=3, module=__name__)
written("dis-ex-guanfacine", points=3, module=__name__)
