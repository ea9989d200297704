"""Automatic checks for the coding exercises of the chapter "Disorders and drugs of the NE system".

Each check computes the expected answer from the course's own models (:mod:`ne_lib.drugs`,
:mod:`ne_lib.treatment`) and explains typical mistakes.
"""

from __future__ import annotations

from ne_lib import drugs
from ne_lib.check import Feedback, check_number
from ne_lib.check.registry import exercise, written

__all__ = ["duloxetine_sert_preference", "atomoxetine_sert_occupancy", "reboxetine_ne_fold"]


@exercise("dis-ex-selectivity", answers=("sert_preference",), points=1)
def duloxetine_sert_preference(ratio) -> Feedback:
    """Exercise dis-ex-selectivity: how many times more strongly duloxetine binds SERT than NET."""
    expected = drugs.affinity_nM("duloxetine", "NET") / drugs.affinity_nM("duloxetine", "SERT")
    return check_number(
        "dis-ex-selectivity", ratio, expected, name="SERT preference", units="",
        hint="A smaller Ki means tighter binding: divide the NET Ki by the SERT Ki.",
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


# Written exercises (marked by hand with the rubric in the instructor guide) and their points.
written("dis-ex-reading", points=2, module=__name__)
written("dis-ex-evidence", points=3, module=__name__)
written("dis-ex-guanfacine", points=3, module=__name__)
