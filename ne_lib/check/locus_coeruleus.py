"""Automatic checks for the coding exercises of the chapter "The locus coeruleus and its projections".

Each check computes the expected answer from the course's own models (the reference
solution) and explains typical mistakes. ``None`` means "not answered yet".
"""

from __future__ import annotations

import numpy as np

from ne_lib import adaptive_gain, logistic_gain as gain, projections
from ne_lib.check import Feedback, check_number
from ne_lib.check.registry import exercise, written

__all__ = ["frontal_cortex_delay_ms", "hard_task_optimum", "network_gain_benefit"]

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
