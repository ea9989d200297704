"""Automatic checks for the coding exercises of the chapter "Synthesis and metabolism of NE".

Each check computes the expected answer from the course's own models (the reference
solution) and explains typical mistakes. ``None`` means "not answered yet".
"""

from __future__ import annotations

from ne_lib import metabolism, synthesis
from ne_lib.check import Feedback, check_number
from ne_lib.check.registry import exercise, written

__all__ = ["dbh_deficiency_fold", "tyrosine_loading_percent", "urinary_mhpg_fold"]


@exercise("syn-ex-dbh", answers=("fold",), points=1)
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
                        hint="A fold change is the new level divided by the normal level, both at steady state.", mistakes=mistakes)


@exercise("syn-ex-tyrosine", answers=("rise_percent",), points=1)
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
                        rel_tol=0.03, hint="A per cent rise is 100 x (new / old - 1), with both fluxes read from the model.",
                        mistakes=mistakes)


@exercise("syn-ex-mhpg", answers=("urine_fold",), points=1, variants={"turnover_fold": (1.5, 2.0, 2.5, 3.0)},
          reference=lambda turnover_fold: metabolism.urinary_mhpg_fold(turnover_fold, brain_share=0.2))
def urinary_mhpg_fold(fold, turnover_fold: float = 2.0) -> Feedback:
    """Exercise syn-ex-mhpg: urinary MHPG fold when brain NE turnover rises ``turnover_fold`` times (brain share 20%)."""
    expected = metabolism.urinary_mhpg_fold(turnover_fold, brain_share=0.2)
    mistakes = {
        "This assumes all urinary MHPG comes from the brain; under 20% does.": turnover_fold,
        "This is the rise, not the fold: the fold is 1 + the rise.": expected - 1.0,
        "This multiplies the turnover fold by the brain share; the other 80% still comes from the body.":
            turnover_fold * 0.2,
    }
    if turnover_fold != 2.0:
        mistakes["This is the answer for the website's doubling; use the turnover_fold of your own exercise "
                 f"cell ({turnover_fold:g})."] = metabolism.urinary_mhpg_fold(2.0, brain_share=0.2)
    return check_number("syn-ex-mhpg", fold, expected, name="urinary MHPG fold", units="fold",
                        rel_tol=0.01, hint="Only the brain's share doubles; the rest stays the same.",
                        mistakes=mistakes)


# Written exercises (marked by hand with the rubric in the instructor guide) and their points.
written("syn-ex-ldopa", points=3, module=__name__)
written("syn-ex-maoi", points=2, module=__name__)


@exercise("syn-ex-dhpg", answers=("dhpg_fraction",), points=1)
def mao_block_dhpg_fraction(fraction) -> Feedback:
    """Exercise syn-ex-dhpg: DHPG formation with 90% of MAO blocked, as a fraction of normal."""
    normal = metabolism.route_metabolites()
    blocked = metabolism.route_metabolites(mao_inhibition=0.9)
    expected = blocked.dhpg_formed / normal.dhpg_formed
    mistakes = {
        "This is the remaining enzyme activity alone (10%): blocking MAO also raises cytosolic NE, the "
        "enzyme's substrate, so read the model's DHPG flux.": 0.1,
        "This is normal divided by blocked: divide the blocked flux by the normal one.": 1.0 / expected,
        "This uses MHPG instead of DHPG formation.": blocked.mhpg_formed / normal.mhpg_formed,
        "This is the fall (1 - fraction), not the fraction that remains.": 1.0 - expected,
    }
    return check_number("syn-ex-dhpg", fraction, expected, name="DHPG formation (fraction of normal)", units="",
                        hint="Compare the DHPG formed inside the neuron with and without the MAO block.",
                        mistakes=mistakes)
