"""Automatic checks for the coding exercises of the chapter "Synthesis and metabolism of NE".

Each check computes the expected answer from the course's own models (the reference
solution) and explains typical mistakes. ``None`` means "not answered yet".
"""

from __future__ import annotations

from ne_lib import metabolism, synthesis
from ne_lib.check import Feedback, check_number

__all__ = ["dbh_deficiency_fold", "tyrosine_loading_percent", "urinary_mhpg_fold"]


def dbh_deficiency_fold(fold) -> Feedback:
    """Exercise syn-ex-dbh: tissue dopamine with DBH absent divided by normal dopamine."""
    normal = synthesis.steady_state()
    absent = synthesis.steady_state(dbh_activity=0.0)
    expected = absent.dopamine_uM / normal.dopamine_uM
    mistakes = {
        "This is normal divided by deficient: divide the deficient dopamine by the normal one.": 1.0 / expected,
        "This uses only vesicular dopamine; the question asks for tissue dopamine (.dopamine_uM: "
        "cytosol plus vesicles).": absent.dopamine_vesicle_uM / normal.dopamine_vesicle_uM,
        "This is the change in dopamine, not the fold: the fold is a ratio.": absent.dopamine_uM - normal.dopamine_uM,
    }
    return check_number("syn-ex-dbh", fold, expected, name="dopamine fold", units="fold",
                        hint="Compare steady_state(dbh_activity=0.0) with steady_state().", mistakes=mistakes)


def tyrosine_loading_percent(percent) -> Feedback:
    """Exercise syn-ex-tyrosine: % rise in TH flux when tyrosine goes from 100 to 200 µM."""
    low = synthesis.steady_state(tyrosine_uM=100.0).th_flux_uM_per_h
    high = synthesis.steady_state(tyrosine_uM=200.0).th_flux_uM_per_h
    expected = 100.0 * (high / low - 1.0)
    no_feedback = 100.0 * ((200.0 / (synthesis.TH_KM_TYROSINE_UM + 200.0))
                           / (100.0 / (synthesis.TH_KM_TYROSINE_UM + 100.0)) - 1.0)
    mistakes = {
        "This is the ratio high/low, not the percentage rise: subtract 1 and multiply by 100.": high / low,
        "This is the ratio times 100: subtract 100 to get the rise.": 100.0 * high / low,
        "This is the Michaelis-Menten rise alone; the model's answer also includes catecholamine "
        "feedback, so read th_flux_uM_per_h from the two steady states.": no_feedback,
    }
    return check_number("syn-ex-tyrosine", percent, expected, name="rise in TH flux", units="%",
                        rel_tol=0.03, hint="Use steady_state(tyrosine_uM=...).th_flux_uM_per_h.",
                        mistakes=mistakes)


def urinary_mhpg_fold(fold) -> Feedback:
    """Exercise syn-ex-mhpg: urinary MHPG fold when brain NE turnover doubles (brain share 20%)."""
    expected = metabolism.urinary_mhpg_fold(2.0, brain_share=0.2)
    mistakes = {
        "This assumes all urinary MHPG comes from the brain; under 20% does.": 2.0,
        "This is the rise (0.2), not the fold: the fold is 1 + the rise.": expected - 1.0,
        "This multiplies 2 by the brain share; the other 80% still comes from the body.": 0.4,
    }
    return check_number("syn-ex-mhpg", fold, expected, name="urinary MHPG fold", units="fold",
                        rel_tol=0.01, hint="Only the brain's share doubles; the rest stays the same.",
                        mistakes=mistakes)
