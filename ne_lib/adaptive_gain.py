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

from dataclasses import dataclass

import numpy as np

from ne_lib import input_checks

#: Assumptions and simplifications, shown on the book's validation page.
ASSUMPTIONS: tuple[str, ...] = (
    "A deliberately small illustrative model of the inverted U of adaptive gain theory (AstonJones2005), "
    "not a fit to data.",
    "Performance is the product of an engagement factor that rises with tonic activity and a focus factor "
    "that falls with it, with all exponents and the difficulty scaling illustrative.",
    "Tonic LC activity is a normalised 0-1 scale, not a firing rate; a firing rate x times the basal rate "
    "is placed on it by the illustrative map a = x / (x + K), with K putting the basal rate at the "
    "optimum of a medium-difficulty task.",
    "Harder tasks are assumed to be disrupted more easily, which moves the optimum to lower activity, the "
    "direction Yerkes and Dodson found in mice (YerkesDodson1908), with tonic LC activity standing in for "
    "their shock strength.",
    "The phasic-response curve (peaking at activity 0.5) and the 80% threshold that names the drowsy, "
    "phasic and tonic modes are illustrative.",
    "Performance is a deterministic function of tonic activity and difficulty, with no switching dynamics "
    "between modes and no trial-to-trial variability.",
)


__all__ = [
    "AdaptiveGainParams", "DEFAULT_PARAMS", "tonic_activity_from_rate_ratio", "ENGAGEMENT_EXPONENT", "DISTRACTIBILITY_EASIEST", "DISTRACTIBILITY_PER_DIFFICULTY",
    "PEAK_LOSS_PER_DIFFICULTY", "MODE_THRESHOLD",
    "engagement", "focus", "distractibility_exponent", "peak_performance",
    "task_performance", "optimal_tonic_activity", "phasic_response_amplitude", "lc_mode",
]

@dataclass(frozen=True)
class AdaptiveGainParams:
    """Shape numbers of the inverted U (all illustrative; see the module docstring)."""

    engagement_exponent: float = 2.0              # illustrative: alpha of engagement(a) = a**alpha
    distractibility_easiest: float = 1.0          # illustrative: beta at difficulty 0 (easiest task)
    distractibility_per_difficulty: float = 3.0   # illustrative: rise of beta from difficulty 0 to 1
    peak_loss_per_difficulty: float = 0.4         # illustrative: best performance falls to 1 - this
    mode_threshold: float = 0.8                   # illustrative: below this share of the peak, drowsy/tonic
    reference_difficulty: float = 0.5             # illustrative: the task at whose optimum the basal rate sits

    def __post_init__(self):
        input_checks.in_range("engagement_exponent", self.engagement_exponent, 0.1, 20.0)
        input_checks.in_range("distractibility_easiest", self.distractibility_easiest, 0.1, 20.0)
        input_checks.in_range("distractibility_per_difficulty", self.distractibility_per_difficulty, 0.0, 20.0)
        input_checks.in_range("peak_loss_per_difficulty", self.peak_loss_per_difficulty, 0.0, 0.99)
        input_checks.fraction("mode_threshold", self.mode_threshold)
        input_checks.fraction("reference_difficulty", self.reference_difficulty)


#: The course's defaults.
DEFAULT_PARAMS = AdaptiveGainParams()

# The defaults under their historical names (read-only by convention; vary them through AdaptiveGainParams).
ENGAGEMENT_EXPONENT = DEFAULT_PARAMS.engagement_exponent
DISTRACTIBILITY_EASIEST = DEFAULT_PARAMS.distractibility_easiest
DISTRACTIBILITY_PER_DIFFICULTY = DEFAULT_PARAMS.distractibility_per_difficulty
PEAK_LOSS_PER_DIFFICULTY = DEFAULT_PARAMS.peak_loss_per_difficulty
MODE_THRESHOLD = DEFAULT_PARAMS.mode_threshold


def _params(params) -> AdaptiveGainParams:
    return input_checks.parameter_set(params, DEFAULT_PARAMS)


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


def distractibility_exponent(difficulty: float = 0.5, params: AdaptiveGainParams | None = None) -> float:
    """beta(difficulty) = 1 + 3 * difficulty with the defaults (illustrative); difficulty in [0, 1]."""
    p = _params(params)
    difficulty = input_checks.fraction("difficulty", difficulty)
    return p.distractibility_easiest + p.distractibility_per_difficulty * difficulty


def peak_performance(difficulty: float = 0.5, params: AdaptiveGainParams | None = None) -> float:
    """Best achievable performance on a task of this difficulty (1 for the easiest; illustrative)."""
    p = _params(params)
    difficulty = input_checks.fraction("difficulty", difficulty)
    return 1.0 - p.peak_loss_per_difficulty * difficulty


def engagement(tonic_activity, params: AdaptiveGainParams | None = None):
    """Chance of being alert and on task, a**alpha, for normalised tonic activity a in [0, 1]."""
    p = _params(params)
    a, scalar = _activity("tonic_activity", tonic_activity)
    return _out(a ** p.engagement_exponent, scalar)


def focus(tonic_activity, difficulty: float = 0.5, params: AdaptiveGainParams | None = None):
    """Chance a trial is not disrupted by distraction, (1 - a)**beta(difficulty)."""
    a, scalar = _activity("tonic_activity", tonic_activity)
    beta = distractibility_exponent(difficulty, params)
    return _out((1.0 - a) ** beta, scalar)


def optimal_tonic_activity(difficulty: float = 0.5, params: AdaptiveGainParams | None = None) -> float:
    """Tonic LC activity (normalised, 0-1) at which task performance peaks.

    Analytic optimum of a**alpha * (1 - a)**beta: a* = alpha / (alpha + beta). It is always
    strictly between 0 and 1 and decreases as ``difficulty`` (0 = easiest, 1 = hardest) rises.
    """
    alpha = _params(params).engagement_exponent
    beta = distractibility_exponent(difficulty, params)
    return alpha / (alpha + beta)


def task_performance(tonic_activity, difficulty: float = 0.5, params: AdaptiveGainParams | None = None):
    """Task performance (0 = none, 1 = best possible on the easiest task) against tonic LC activity.

    Parameters
    ----------
    tonic_activity : float or array of floats in [0, 1]
        Normalised tonic LC firing: 0 = silent (as in REM sleep), 1 = the highest tonic rate.
    difficulty : float in [0, 1]
        0 = easiest task, 1 = hardest.
    params : AdaptiveGainParams, optional
        The shape numbers (default: the course's illustrative values).

    Returns
    -------
    float (for a scalar input) or ndarray of the input's shape, with values in [0, 1]:
    an inverted U with its maximum ``peak_performance(difficulty)`` at
    ``optimal_tonic_activity(difficulty)``. Illustrative model after AstonJones2005.
    """
    a, scalar = _activity("tonic_activity", tonic_activity)
    alpha = _params(params).engagement_exponent
    beta = distractibility_exponent(difficulty, params)
    a_opt = optimal_tonic_activity(difficulty, params)
    shape = engagement(a, params) * focus(a, difficulty, params)
    shape_at_optimum = a_opt ** alpha * (1.0 - a_opt) ** beta
    perf = peak_performance(difficulty, params) * shape / shape_at_optimum
    return _out(np.clip(perf, 0.0, 1.0), scalar)


def phasic_response_amplitude(tonic_activity):
    """Relative size of task-locked phasic LC bursts (0-1) against tonic activity.

    Bursts are weak when the LC is nearly silent (drowsy), largest at moderate tonic rates
    (phasic mode) and shrink at high tonic rates (tonic mode) (# AstonJones2005; Usher1999).
    Shape a * (1 - a) rescaled to peak 1 at a = 0.5: illustrative.
    """
    a, scalar = _activity("tonic_activity", tonic_activity)
    return _out(4.0 * a * (1.0 - a), scalar)


def lc_mode(tonic_activity: float, difficulty: float = 0.5, params: AdaptiveGainParams | None = None) -> str:
    """Name the regime: "drowsy", "phasic" (exploitation) or "tonic" (exploration).

    "phasic" while performance stays within MODE_THRESHOLD (80%, illustrative) of its peak;
    below that, "drowsy" on the low side of the optimum and "tonic" on the high side.
    """
    a = input_checks.fraction("tonic_activity", tonic_activity)
    perf = task_performance(a, difficulty, params)
    if perf >= _params(params).mode_threshold * peak_performance(difficulty, params):
        return "phasic"
    return "drowsy" if a < optimal_tonic_activity(difficulty, params) else "tonic"


def tonic_activity_from_rate_ratio(rate_ratio: float, params: AdaptiveGainParams | None = None) -> float:
    """The one map from firing rate to the activity axis: a = x / (x + K) for a rate ``x`` times basal.

    ``K = (1 - a*) / a*`` with ``a*`` the optimum at ``params.reference_difficulty``, so the basal
    rate (x = 1) sits at that optimum; 0 for a silent LC, approaching 1 for very high rates
    (illustrative: no chapter measures this bridge).
    """
    x = input_checks.non_negative("rate_ratio", rate_ratio)
    a_star = optimal_tonic_activity(_params(params).reference_difficulty, params)
    return x / (x + (1.0 - a_star) / a_star)
