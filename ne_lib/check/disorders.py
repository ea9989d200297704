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


@exercise("dis-ex-occupancy", answers=("sert_occupancy",), points=2)
def atomoxetine_sert_occupancy(occupancy) -> Feedback:
    """Exercise dis-ex-occupancy: SERT occupancy (fraction) at the concentration giving 80% NET occupancy."""
    conc = drugs.concentration_for_occupancy_nM("atomoxetine", 0.8, "NET")
    k_sert = drugs.affinity_nM("atomoxetine", "SERT")
    expected = drugs.transporter_occupancy(conc, k_sert)
    wrong_ratio = conc / k_sert   # forgot the "+ K" in the denominator
    return check_number(
        "dis-ex-occupancy", occupancy, expected, name="SERT occupancy", units="",
        hint="First find C with C / (C + K_NET) = 0.8, then use C / (C + K_SERT).",
        mistakes={"That is the NET occupancy: use the SERT Ki for the SERT occupancy.": 0.8,
                  "You computed C / K_SERT: occupancy is C / (C + K_SERT).": wrong_ratio,
                  "You used 80 nM as the concentration; 80% is an occupancy, not a concentration.":
                      drugs.transporter_occupancy(80.0, k_sert)})


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
