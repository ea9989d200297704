"""Automatic checks for the coding exercises of the chapter "Synthesis and metabolism of NE".

Each check computes the expected answer from the course's own models (the reference
solution) and explains typical mistakes. ``None`` means "not answered yet".
"""

from __future__ import annotations

from ne_lib import metabolism, synthesis
from ne_lib.check import Feedback, check_number, wrong_earlier_answer
from ne_lib.check.registry import exercise, written

__all__ = ["dbh_deficiency_fold", "tyrosine_loading_percent", "urinary_mhpg_fold", "mao_block_dhpg_fraction",
           "th_halving_fall_percent", "half_dbh_ne_percent", "comt_block_dhpg_fold", "turnover_for_detectable_urine"]


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
                        rel_tol=0.01, hint="Only the brain's share of the MHPG changes; the rest stays the same.",
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


@exercise("syn-ex-th", answers=("fall_percent",), points=1)
def th_halving_fall_percent(percent) -> Feedback:
    """Exercise syn-ex-th: % fall in TH flux when TH activity is halved (feedback on)."""
    normal = synthesis.steady_state().th_flux_uM_per_h
    half = synthesis.steady_state(th_activity=0.5).th_flux_uM_per_h
    expected = 100.0 * (1.0 - half / normal)
    no_feedback = synthesis.steady_state(th_activity=0.5, feedback_strength=0.0).th_flux_uM_per_h
    mistakes = {
        "This is the flux that remains (per cent of normal), not the fall: subtract it from 100.": 100.0 * half / normal,
        "A 50% fall would mean nothing else changes; read the flux from the model, where the feedback on TH "
        "weakens as less product is made.": 50.0,
        "This is the fall with the feedback switched off; the question keeps the feedback.":
            100.0 * (1.0 - no_feedback / synthesis.steady_state(feedback_strength=0.0).th_flux_uM_per_h),
        "This is a fraction, not a per cent: multiply by 100.": 1.0 - half / normal,
    }
    return check_number("syn-ex-th", percent, expected, name="fall in TH flux", units="%", rel_tol=0.03,
                        hint="A per cent fall is 100 x (1 - new / old), both fluxes read from the model's steady states.",
                        mistakes=mistakes)


@exercise("syn-ex-halfdbh", answers=("ne_percent",), points=1)
def half_dbh_ne_percent(percent) -> Feedback:
    """Exercise syn-ex-halfdbh: tissue NE with half the DBH activity, per cent of normal."""
    normal = synthesis.steady_state()
    half = synthesis.steady_state(dbh_activity=0.5)
    expected = 100.0 * half.ne_uM / normal.ne_uM
    mistakes = {
        "This is the loss, not what remains: the question asks for the NE left, as per cent of normal.":
            100.0 - expected,
        "Half the enzyme does not halve the product in this model; read NE from the two steady states.": 50.0,
        "This is the dopamine change, not NE.": 100.0 * half.dopamine_uM / normal.dopamine_uM,
        "This is a fraction, not a per cent: multiply by 100.": expected / 100.0,
    }
    return check_number("syn-ex-halfdbh", percent, expected, name="NE with half the DBH", units="% of normal",
                        rel_tol=0.01, hint="Compare tissue NE (cytosol and vesicles) at half DBH activity with normal.",
                        mistakes=mistakes)


@exercise("syn-ex-comt", answers=("dhpg_fold",), points=1)
def comt_block_dhpg_fold(fold) -> Feedback:
    """Exercise syn-ex-comt: DHPG leaving unchanged with COMT fully blocked, over normal."""
    normal = metabolism.route_metabolites()
    blocked = metabolism.route_metabolites(comt_inhibition=1.0)
    expected = blocked.dhpg_unchanged / normal.dhpg_unchanged
    mistakes = {
        "This compares DHPG *formed*, which COMT does not touch; the question asks about DHPG left unchanged.":
            blocked.dhpg_formed / normal.dhpg_formed,
        "This is normal divided by blocked: put the COMT-blocked value on top.": 1.0 / expected,
        "This is the MHPG made, which a full COMT block stops.": blocked.mhpg_formed / normal.mhpg_formed,
    }
    return check_number("syn-ex-comt", fold, expected, name="fold change of unchanged DHPG", units="fold",
                        hint="Without COMT, DHPG has one way left to go; compare how much of it is left unchanged.",
                        mistakes=mistakes)


def _turnover_for_urine_fold(urine_fold: float, brain_share: float = 0.2) -> float:
    """Brain turnover fold that makes urinary MHPG change ``urine_fold`` times (solves the model's mixing rule)."""
    from scipy.optimize import brentq

    return float(brentq(lambda f: metabolism.urinary_mhpg_fold(f, brain_share=brain_share) - urine_fold, 1.0, 100.0))


DETECTABLE_URINE_FOLD = 1.5   # the urinary change of exercise syn-ex-detect (illustrative: "above day-to-day variation")
BRAIN_SHARE = 0.2             # the exercises' brain share of urinary MHPG: illustrative, "under 20%" of MHPG1984


@exercise("syn-ex-detect", answers=("turnover_needed",), points=1,
          carried={"previous_urine_fold": "syn-ex-mhpg", "previous_turnover_fold": "syn-ex-mhpg:turnover_fold"})
def turnover_for_detectable_urine(turnover_needed, previous_urine_fold=None,
                                  previous_turnover_fold: float = 2.0) -> Feedback:
    """Exercise syn-ex-detect: brain turnover fold needed for a 1.5-fold change in urinary MHPG (brain share 20%).

    The exercise builds on syn-ex-mhpg: ``previous_urine_fold`` is the student's answer there and
    ``previous_turnover_fold`` that exercise's (variant) turnover fold. The urinary rise is proportional to
    the brain's rise, so the right method here gives 1 + 0.5 x (turnover fold - 1) / (urine fold - 1).
    """
    expected = _turnover_for_urine_fold(DETECTABLE_URINE_FOLD, BRAIN_SHARE)
    carried = {}
    earlier = wrong_earlier_answer(previous_urine_fold, urinary_mhpg_fold, turnover_fold=previous_turnover_fold)
    if earlier is not None and earlier != 1.0:
        from_theirs = 1.0 + (DETECTABLE_URINE_FOLD - 1.0) * (float(previous_turnover_fold) - 1.0) / (earlier - 1.0)
        carried[f"the proportional rise scaled from your urinary fold of exercise syn-ex-mhpg "
                f"(urine_fold = {earlier:.3g})"] = from_theirs
    urine, rise = DETECTABLE_URINE_FOLD, DETECTABLE_URINE_FOLD - 1.0
    mistakes = {
        "This is the urinary fold itself; the question asks how much the brain's turnover must change.": urine,
        "This divides the urinary fold by the brain share; only the rise (0.5) is carried by the brain.":
            urine / BRAIN_SHARE,
        "This is the rise the brain must add (0.5 / 0.2), not the fold: the fold is 1 + that rise.": rise / BRAIN_SHARE,
        "This uses the body's share (80%) instead of the brain's (20%).": _turnover_for_urine_fold(urine, 1.0 - BRAIN_SHARE),
    }
    return check_number("syn-ex-detect", turnover_needed, expected, name="brain turnover fold", units="fold",
                        rel_tol=0.01, hint="The rise in urinary MHPG (its fold minus 1) is proportional to the rise "
                                           "in brain turnover: scale the rise of the previous exercise to the one "
                                           "wanted here.",
                        mistakes=mistakes, carried_over=carried)
