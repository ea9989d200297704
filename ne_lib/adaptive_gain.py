"""Adaptive gain theory: task performance as an inverted U of tonic LC activity.

Aston-Jones and Cohen (2005) (# AstonJones2005) proposed that the locus coeruleus (LC)
works in two modes. In the *phasic mode* (moderate tonic firing, strong bursts locked to
task events) behaviour is focused on the task at hand: exploitation. In the *tonic mode*
(high tonic firing, weak phasic bursts) attention is labile and the animal samples other
options: exploration. With very low tonic activity the animal is drowsy and disengaged.
Performance on a focused task therefore follows an inverted U against tonic LC activity.

This module is a deliberately small, transparent *illustrative* model of that inverted U,
not a fit to data. Normalised tonic LC activity ``a`` (0 = silent, 1 = the highest tonic
rate) enters two factors:

* ``engagement(a) = a ** ENGAGEMENT_EXPONENT``: the chance of being alert and on task,
  which rises with arousal;
* ``focus(a, difficulty) = (1 - a) ** beta(difficulty)``: the chance that a trial is not
  disrupted by task-irrelevant events, which falls as tonic activity (distractibility,
  exploration) rises. Harder tasks need longer, more selective processing, so they are
  disrupted more easily: ``beta`` grows with difficulty.

Their product, rescaled so that its peak equals ``peak_performance(difficulty)``, is the
performance. The optimum ``a* = alpha / (alpha + beta)`` is interior (0 < a* < 1) and moves
to *lower* tonic activity as the task gets harder, the direction Yerkes and Dodson (1908)
found for the strength of shock against the difficulty of a discrimination in mice
(# YerkesDodson1908). All shape numbers below are illustrative.

Public interface used by other chapters (keep stable):

``task_performance(tonic_activity, difficulty=0.5)`` -> performance in [0, 1]
``optimal_tonic_activity(difficulty)`` -> the interior optimum a* in (0, 1)
"""

from __future__ import annotations

import numpy as np

from ne_lib import input_checks

#: Assumptions and simplifications, shown on the book's validation page.
ASSUMPTIONS: tuple[str, ...] = (
    "A deliberately small illustrative model of the inverted U of adaptive gain theory (AstonJones2005), "
    "not a fit to data.",
    "Performance is the product of an engagement factor that rises with tonic activity and a focus factor "
    "that falls with it, with all exponents and the difficulty scaling illustrative.",
    "Tonic LC activity is a normalised 0-1 scale, not a firing rate; ne_lib.locus_coeruleus maps 2 Hz, the top of the "
    "active-waking range, to 1.",
    "Harder tasks are assumed to be disrupted more easily, which moves the optimum to lower activity, the "
    "direction Yerkes and Dodson found in mice (YerkesDodson1908), with tonic LC activity standing in for "
    "their shock strength.",
    "The phasic-response curve (peaking at activity 0.5) and the 80% threshold that names the drowsy, "
    "phasic and tonic modes are illustrative.",
    "Performance is a deterministic function of tonic activity and difficulty, with no switching dynamics "
    "between modes and no trial-to-trial variability.",
)


__all__ = [
    "ENGAGEMENT_EXPONENT", "DISTRACTIBILITY_EASIEST", "DISTRACTIBILITY_PER_DIFFICULTY",
    "PEAK_LOSS_PER_DIFFICULTY", "MODE_THRESHOLD",
    "engagement", "focus", "distractibility_exponent", "peak_performance",
    "task_performance", "optimal_tonic_activity", "phasic_response_amplitude", "lc_mode",
]

#: exponent of engagement(a) = a**alpha                                   # illustrative
ENGAGEMENT_EXPONENT = 2.0
#: beta at difficulty 0 (easiest task)                                    # illustrative
DISTRACTIBILITY_EASIEST = 1.0
#: increase of beta from the easiest (0) to the hardest (1) task           # illustrative
DISTRACTIBILITY_PER_DIFFICULTY = 3.0
#: best achievable performance falls from 1 (easiest) to 1 - this (hardest) # illustrative
PEAK_LOSS_PER_DIFFICULTY = 0.4
#: below this fraction of the peak, the model calls the LC "drowsy" or "tonic mode"  # illustrative
MODE_THRESHOLD = 0.8


def _activity(name: str, value):
    """Validate a tonic activity (scalar or array) in [0, 1]; return (array, was_scalar)."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if np.isscalar(value) or isinstance(value, (bool, np.bool_)):
        return np.asarray(input_checks.fraction(name, value)), True
    input_checks.finite_array(name, value)           # type and finiteness, naming the parameter
    arr = np.asarray(value, dtype=float)         # keep the caller's shape
    if np.any(arr < 0) or np.any(arr > 1):
        raise ValueError(f"{name} must contain only values between 0 and 1 (normalised tonic LC activity)")
    return arr, False


def _out(arr: np.ndarray, scalar: bool):
    return float(arr) if scalar else arr


def distractibility_exponent(difficulty: float = 0.5) -> float:
    """beta(difficulty) = 1 + 3 * difficulty (illustrative); difficulty in [0, 1]."""
    difficulty = input_checks.fraction("difficulty", difficulty)
    return DISTRACTIBILITY_EASIEST + DISTRACTIBILITY_PER_DIFFICULTY * difficulty


def peak_performance(difficulty: float = 0.5) -> float:
    """Best achievable performance on a task of this difficulty (1 for the easiest; illustrative)."""
    difficulty = input_checks.fraction("difficulty", difficulty)
    return 1.0 - PEAK_LOSS_PER_DIFFICULTY * difficulty


def engagement(tonic_activity):
    """Chance of being alert and on task, a**alpha, for normalised tonic activity a in [0, 1]."""
    a, scalar = _activity("tonic_activity", tonic_activity)
    return _out(a ** ENGAGEMENT_EXPONENT, scalar)


def focus(tonic_activity, difficulty: float = 0.5):
    """Chance a trial is not disrupted by distraction, (1 - a)**beta(difficulty)."""
    a, scalar = _activity("tonic_activity", tonic_activity)
    beta = distractibility_exponent(difficulty)
    return _out((1.0 - a) ** beta, scalar)


def optimal_tonic_activity(difficulty: float = 0.5) -> float:
    """Tonic LC activity (normalised, 0-1) at which task performance peaks.

    Analytic optimum of a**alpha * (1 - a)**beta: a* = alpha / (alpha + beta). It is always
    strictly between 0 and 1 and decreases as ``difficulty`` (0 = easiest, 1 = hardest) rises.
    """
    beta = distractibility_exponent(difficulty)
    return ENGAGEMENT_EXPONENT / (ENGAGEMENT_EXPONENT + beta)


def task_performance(tonic_activity, difficulty: float = 0.5):
    """Task performance (0 = none, 1 = best possible on the easiest task) against tonic LC activity.

    Parameters
    ----------
    tonic_activity : float or array of floats in [0, 1]
        Normalised tonic LC firing: 0 = silent (as in REM sleep), 1 = the highest tonic rate.
    difficulty : float in [0, 1]
        0 = easiest task, 1 = hardest.

    Returns
    -------
    float (for a scalar input) or ndarray of the input's shape, with values in [0, 1]:
    an inverted U with its maximum ``peak_performance(difficulty)`` at
    ``optimal_tonic_activity(difficulty)``. Illustrative model after AstonJones2005.
    """
    a, scalar = _activity("tonic_activity", tonic_activity)
    alpha = ENGAGEMENT_EXPONENT
    beta = distractibility_exponent(difficulty)
    a_opt = alpha / (alpha + beta)
    shape = a ** alpha * (1.0 - a) ** beta
    shape_at_optimum = a_opt ** alpha * (1.0 - a_opt) ** beta
    perf = peak_performance(difficulty) * shape / shape_at_optimum
    return _out(np.clip(perf, 0.0, 1.0), scalar)


def phasic_response_amplitude(tonic_activity):
    """Relative size of task-locked phasic LC bursts (0-1) against tonic activity.

    Bursts are weak when the LC is nearly silent (drowsy), largest at moderate tonic rates
    (phasic mode) and shrink at high tonic rates (tonic mode) (# AstonJones2005; Usher1999).
    Shape a * (1 - a) rescaled to peak 1 at a = 0.5: illustrative.
    """
    a, scalar = _activity("tonic_activity", tonic_activity)
    return _out(4.0 * a * (1.0 - a), scalar)


def lc_mode(tonic_activity: float, difficulty: float = 0.5) -> str:
    """Name the regime: "drowsy", "phasic" (exploitation) or "tonic" (exploration).

    "phasic" while performance stays within MODE_THRESHOLD (80%, illustrative) of its peak;
    below that, "drowsy" on the low side of the optimum and "tonic" on the high side.
    """
    a = input_checks.fraction("tonic_activity", tonic_activity)
    perf = task_performance(a, difficulty)
    if perf >= MODE_THRESHOLD * peak_performance(difficulty):
        return "phasic"
    return "drowsy" if a < optimal_tonic_activity(difficulty) else "tonic"
