"""Automatic checks for the coding exercises of the chapter "The locus coeruleus and its projections".

Each check computes the expected answer from the course's own models (the reference
solution) and explains typical mistakes. ``None`` means "not answered yet".
"""

from __future__ import annotations

import numpy as np

from ne_lib import adaptive_gain, logistic_gain as gain, projections
from ne_lib.check import Feedback, check_number
from ne_lib.check.registry import exercise, written

__all__ = ["frontal_cortex_delay_ms", "hard_task_optimum", "network_gain_benefit", "waking_to_sleep_rate_ratio",
           "arrival_spread_ms", "alpha2_block_rate_ratio", "optimum_shift_with_difficulty", "stressed_performance_share"]

_FRONTAL_MM = {t.key: t.path_length_mm for t in projections.TARGETS}["frontal_cortex"]


@exercise("lc-ex-delay", answers=("delay_ms",), points=1)
def frontal_cortex_delay_ms(delay_ms) -> Feedback:
    """Exercise lc-ex-delay: delay (ms) from the rat LC to the frontal cortex at the rat velocity."""
    velocity = projections.CONDUCTION_VELOCITY_M_PER_S["rat"]
    expected = projections.conduction_delay_ms(_FRONTAL_MM, velocity)
    mistakes = {
        "You multiplied length by velocity: a delay is length divided by velocity.": _FRONTAL_MM * velocity,
        "This uses the cat's conduction velocity (1.2 m/s); the question is about the rat.":
            projections.conduction_delay_ms(_FRONTAL_MM, projections.CONDUCTION_VELOCITY_M_PER_S["cat"]),
        "This is velocity divided by length, upside down.": velocity / _FRONTAL_MM,
    }
    return check_number("lc-ex-delay", delay_ms, expected, name="conduction delay", units="ms",
                        hint="1 mm at 1 m/s takes 1 ms.",
                        mistakes=mistakes)


@exercise("lc-ex-optimum", answers=("best_activity",), points=1, variants={"difficulty": (0.6, 0.7, 0.8, 0.9)},
          reference=lambda difficulty: adaptive_gain.optimal_tonic_activity(difficulty))
def hard_task_optimum(tonic_activity, difficulty: float = 0.8) -> Feedback:
    """Exercise lc-ex-optimum: the tonic activity (0-1) that maximises performance at ``difficulty`` (website: 0.8)."""
    expected = adaptive_gain.optimal_tonic_activity(difficulty)
    default = adaptive_gain.optimal_tonic_activity(0.5)
    mistakes = {
        f"That is the optimum of the default task (difficulty 0.5): use the difficulty of your exercise cell "
        f"({difficulty:g}).": default,
        "That is the best performance itself; the question asks for the tonic activity at which it occurs "
        "(use np.argmax on the performance, then index the activity grid).":
            adaptive_gain.peak_performance(difficulty),
        "That is the index of the maximum, not the activity: index your activity grid with it.":
            float(np.round(expected * 1000)),
    }
    if difficulty != 0.8:
        mistakes[f"That is the optimum of the website's task (difficulty 0.8); use the difficulty of your own "
                 f"exercise cell ({difficulty:g})."] = adaptive_gain.optimal_tonic_activity(0.8)
    return check_number("lc-ex-optimum", tonic_activity, expected, name="optimal tonic activity",
                        units="(normalised)", rel_tol=0.0, abs_tol=0.003,
                        hint="Evaluate the performance on a fine grid of activities and find where it peaks.",
                        mistakes=mistakes)


@exercise("lc-ex-gain", answers=("auc_gain",), points=1)
def network_gain_benefit(auc_gain) -> Feedback:
    """Exercise lc-ex-gain: rise in network detection accuracy (AUC) when gain goes from 1 to 2."""
    expected = gain.detection_accuracy(2.0, "network") - gain.detection_accuracy(1.0, "network")
    mistakes = {
        "That is the single-unit readout, where gain changes nothing; use readout='network'.": 0.0,
        "That is the ratio of the two accuracies; the question asks for the difference.":
            gain.detection_accuracy(2.0, "network") / gain.detection_accuracy(1.0, "network"),
        "That is the accuracy at gain 2 itself; subtract the accuracy at gain 1.":
            gain.detection_accuracy(2.0, "network"),
    }
    return check_number("lc-ex-gain", auc_gain, expected, name="gain benefit (AUC difference)", units="",
                        rel_tol=0.02, abs_tol=1e-4,
                        hint="Take the network's accuracy at the higher gain minus its accuracy at the lower gain.",
                        mistakes=mistakes)


# Written exercises (marked by hand with the rubric in the instructor guide) and their points.
written("lc-ex-rem", points=2, module=__name__)
written("lc-ex-broadcast", points=2, module=__name__)
written("lc-ex-yerkes", points=2, module=__name__)
written("lc-ex-pupil", points=2, module=__name__)


@exercise("lc-ex-states", answers=("rate_ratio",), points=1)
def waking_to_sleep_rate_ratio(ratio) -> Feedback:
    """Exercise lc-ex-states: tonic rate in active waking divided by the rate in slow-wave sleep."""
    from ne_lib import locus_coeruleus as lc

    wake, sws = lc.tonic_rate_hz("active_wake"), lc.tonic_rate_hz("slow_wave_sleep")
    expected = wake / sws
    mistakes = {
        "This is sleep divided by waking: put active waking on top.": sws / wake,
        "This is the difference in Hz, not the ratio.": wake - sws,
        "This uses quiet waking; the question asks for active waking.": lc.tonic_rate_hz("quiet_wake") / sws,
    }
    return check_number("lc-ex-states", ratio, expected, name="waking/sleep rate ratio", units="",
                        hint="A ratio of two firing rates: the faster state on top.", mistakes=mistakes)


@exercise("lc-ex-spread", answers=("spread_ms",), points=1)
def arrival_spread_ms(spread_ms) -> Feedback:
    """Exercise lc-ex-spread: ms between an LC spike's arrival at the nearest and the farthest target (rat)."""
    rat = projections.target_delays_ms(projections.CONDUCTION_VELOCITY_M_PER_S["rat"])
    cat = projections.target_delays_ms(projections.CONDUCTION_VELOCITY_M_PER_S["cat"])
    expected = max(rat.values()) - min(rat.values())
    mistakes = {
        "That is the delay to the farthest target alone; subtract the delay to the nearest one.": max(rat.values()),
        "That is a ratio of the two delays; the question asks how many milliseconds separate them.":
            max(rat.values()) / min(rat.values()),
        "This uses the cat's conduction velocity (1.2 m/s); the question is about the rat.":
            max(cat.values()) - min(cat.values()),
        "That is the difference in path length (mm), not in time: divide by the velocity.":
            max(t.path_length_mm for t in projections.TARGETS) - min(t.path_length_mm for t in projections.TARGETS),
    }
    return check_number("lc-ex-spread", spread_ms, expected, name="spread of arrival times", units="ms",
                        hint="Work out the delay to every target at the rat's velocity, then compare the largest "
                             "with the smallest.", mistakes=mistakes)


@exercise("lc-ex-brake", answers=("rate_ratio",), points=1)
def alpha2_block_rate_ratio(ratio) -> Feedback:
    """Exercise lc-ex-brake: quiet-waking LC rate with its alpha2A autoreceptors fully blocked, over the
    drug-free rate."""
    from ne_lib import locus_coeruleus as lc

    rate = lc.tonic_rate_hz("quiet_wake")
    blocked = lc.autoinhibited_rate_hz(rate, alpha2_block=1.0)
    expected = blocked / rate
    mistakes = {
        "This is the drug-free rate divided by the blocked one: put the blocked rate on top.": rate / blocked,
        "This is the difference in Hz, not the ratio.": blocked - rate,
        "This is an alpha2 agonist (alpha2_agonist), which slows the LC; the question blocks the receptors.":
            lc.autoinhibited_rate_hz(rate, alpha2_agonist=1.0) / rate,
        "This blocks half of the receptors; the question blocks all of them (1.0).":
            lc.autoinhibited_rate_hz(rate, alpha2_block=0.5) / rate,
    }
    return check_number("lc-ex-brake", ratio, expected, name="rate ratio (blocked / drug-free)", units="",
                        hint="Compare the quiet-waking rate with the brake removed against the rate with it.",
                        mistakes=mistakes)


@exercise("lc-ex-shift", answers=("shift",), points=1)
def optimum_shift_with_difficulty(shift) -> Feedback:
    """Exercise lc-ex-shift: best tonic activity of an easy task (difficulty 0.1) minus that of a hard one (0.9)."""
    easy, hard = adaptive_gain.optimal_tonic_activity(0.1), adaptive_gain.optimal_tonic_activity(0.9)
    expected = easy - hard
    mistakes = {
        "The sign is the wrong way round: the easy task's optimum minus the hard task's.": -expected,
        "That is the ratio of the two optima; the question asks for the difference.": easy / hard,
        "That is the difference in best performance, not in the tonic activity where it occurs.":
            adaptive_gain.peak_performance(0.1) - adaptive_gain.peak_performance(0.9),
        "This uses the website's difficulty of exercise lc-ex-optimum (0.8) for the hard task; use 0.9.":
            easy - adaptive_gain.optimal_tonic_activity(0.8),
    }
    return check_number("lc-ex-shift", shift, expected, name="shift of the optimum", units="(normalised)",
                        rel_tol=0.0, abs_tol=0.003,
                        hint="Find where each task's performance peaks on the activity axis, then subtract.",
                        mistakes=mistakes)


@exercise("lc-ex-stress", answers=("share",), points=1)
def stressed_performance_share(share) -> Feedback:
    """Exercise lc-ex-stress: performance at tonic activity 0.9 as a fraction of the best performance,
    medium task (difficulty 0.5)."""
    stressed = float(adaptive_gain.task_performance(0.9, 0.5))
    best = adaptive_gain.peak_performance(0.5)
    expected = stressed / best
    mistakes = {
        "That is the performance at 0.9 itself; divide it by the best performance of the same task.": stressed,
        "That is the best performance divided by the stressed one: put the stressed performance on top.":
            best / stressed,
        "That is the drop (best minus stressed), not the share that is kept.": best - stressed,
        "This uses a hard task; the question is about a medium one (difficulty 0.5).":
            float(adaptive_gain.task_performance(0.9, 0.9)) / adaptive_gain.peak_performance(0.9),
    }
    return check_number("lc-ex-stress", share, expected, name="share of the best performance", units="",
                        rel_tol=0.02, abs_tol=1e-4,
                        hint="Performance at the stressed activity over the performance at the task's optimum.",
                        mistakes=mistakes)
