"""NE as gain: logistic units, signal detection, single unit versus network (Servan-Schreiber et al. 1990).

Servan-Schreiber, Printz and Cohen (1990) (# ServanSchreiber1990) modelled the effect of
catecholamines as a change in the *gain* (slope) of the logistic activation function of model
neurons. Their key result, reproduced here: raising the gain of a single unit does not improve
its ability to tell signal from noise (the logistic is monotonic, so any threshold on the output
is a threshold on the noisy input), but raising gain in a chain of units with noise entering at
each stage does improve detection.

The task: on each trial the input unit receives either a *signal* (net input SIGNAL_INPUT) or
*no signal* (NOISE_INPUT), plus Gaussian input noise. In the ``"single"`` readout the decision is
made from that unit's activation. In the ``"network"`` readout its activation is passed (weight 1)
to a second, readout unit whose net input receives further, independent noise. Detection is
scored as the area under the ROC curve (AUC): the proportion correct of an ideal observer choosing
which of two trials contained the signal (0.5 = chance, 1 = perfect). All task numbers are
illustrative.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit, ndtr, ndtri

from ne_lib import input_checks

#: Assumptions and simplifications, shown on the book's validation page.
ASSUMPTIONS: tuple[str, ...] = (
    "NE is represented only as a change in the gain (slope) of a logistic activation function, following "
    "ServanSchreiber1990.",
    "All task numbers (signal and no-signal inputs, threshold, input and readout noise) are illustrative.",
    "Gain multiplies the whole net input, bias included, so the midpoint of the curve stays where it is "
    "as gain changes.",
    "The network is a chain of two units joined with weight 1, with independent Gaussian noise at the "
    "input and at the readout, not a population of neurons.",
    "Detection is scored as the area under the ROC curve of an ideal observer, computed by quadrature; "
    "the seeded Monte-Carlo trials only illustrate it.",
    "Each trial is a single static pass from input to output, with no time course of NE release or of the "
    "gain change.",
)


__all__ = [
    "LogisticGainParams", "DEFAULT_PARAMS", "SIGNAL_INPUT", "NOISE_INPUT", "THRESHOLD", "INPUT_NOISE_SD", "READOUT_NOISE_SD", "READOUTS",
    "GAIN_RANGE", "logistic_activation", "DetectionTrials", "simulate_detection", "detection_accuracy",
    "mean_activation", "single_unit_accuracy",
]

@dataclass(frozen=True)
class LogisticGainParams:
    """The detection task's numbers (all illustrative)."""

    signal_input: float = 1.0        # illustrative: net input on signal trials (arbitrary units)
    noise_input: float = 0.0         # illustrative: net input on no-signal trials
    threshold: float = 0.5           # illustrative: net input at which activation is 0.5 (midway)
    input_noise_sd: float = 0.5      # illustrative: SD of Gaussian noise on the input unit's net input
    readout_noise_sd: float = 0.1    # illustrative: SD of noise added at the readout unit (network only)

    def __post_init__(self):
        input_checks.number("signal_input", self.signal_input)
        input_checks.number("noise_input", self.noise_input)
        input_checks.number("threshold", self.threshold)
        input_checks.in_range("input_noise_sd", self.input_noise_sd, 1e-3, 100.0)
        input_checks.in_range("readout_noise_sd", self.readout_noise_sd, 1e-3, 100.0)


#: The course's defaults.
DEFAULT_PARAMS = LogisticGainParams()

# The defaults under their historical names (vary them through LogisticGainParams).
SIGNAL_INPUT = DEFAULT_PARAMS.signal_input
NOISE_INPUT = DEFAULT_PARAMS.noise_input
THRESHOLD = DEFAULT_PARAMS.threshold
INPUT_NOISE_SD = DEFAULT_PARAMS.input_noise_sd
READOUT_NOISE_SD = DEFAULT_PARAMS.readout_noise_sd
READOUTS = ("single", "network")
#: gains accepted by the public functions (gain 1 = baseline, as in ServanSchreiber1990's units)
GAIN_RANGE = (0.05, 20.0)

_N_QUAD = 240  # equal-probability quadrature points per noise source


def _params(params) -> LogisticGainParams:
    return input_checks.parameter_set(params, DEFAULT_PARAMS)


def _gain(gain) -> float:
    return input_checks.in_range("gain", gain, *GAIN_RANGE)


@input_checks.domain(net_input=input_checks.Interval(-1e6, 1e6, shape="either"))  # a bound, not a value
def logistic_activation(net_input, gain: float = 1.0, threshold: float = THRESHOLD):
    """Activation 1 / (1 + exp(-gain * (net_input - threshold))), between 0 and 1.

    ``gain`` multiplies the whole net input (bias included), so raising it makes the curve steeper
    around the same midpoint: inputs above threshold drive the unit harder, inputs below it drive
    it less (the SNR effect ascribed to NE; # ServanSchreiber1990). Works on arrays.
    """
    gain = _gain(gain)
    threshold = input_checks.number("threshold", threshold)
    try:
        x = np.asarray(net_input, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"net_input must be a number or an array of numbers, got {type(net_input).__name__}") from None
    if not np.all(np.isfinite(x)):
        raise ValueError("net_input must contain only finite numbers")
    out = expit(gain * (x - threshold))
    return float(out) if out.ndim == 0 else out


@input_checks.domain(gain=input_checks.Interval(0.0), readout=input_checks.Fixed("network"))
@dataclass(frozen=True)
class DetectionTrials:
    """Monte-Carlo trials: the decision variable on signal and on no-signal trials."""

    gain: float
    readout: str
    signal_trials: np.ndarray      # decision variable, signal present (see simulate_detection)
    noise_trials: np.ndarray       # same, signal absent

    @property
    def empirical_auc(self) -> float:
        """P(signal-trial value > no-signal-trial value), from ranks (Mann-Whitney)."""
        both = np.concatenate([self.signal_trials, self.noise_trials])
        ranks = np.empty(both.size)
        ranks[np.argsort(both, kind="mergesort")] = np.arange(1, both.size + 1)
        n_s, n_n = self.signal_trials.size, self.noise_trials.size
        return float((ranks[:n_s].sum() - n_s * (n_s + 1) / 2) / (n_s * n_n))


def _readout(readout: str) -> str:
    return input_checks.one_of("readout", readout, READOUTS)


def simulate_detection(gain: float = 1.0, readout: str = "network", *, n_trials: int = 2000,
                       seed: int = 0, params: LogisticGainParams | None = None) -> DetectionTrials:
    """Simulate ``n_trials`` signal and ``n_trials`` no-signal trials (seeded).

    "single": the decision variable is the input unit's activation. "network": it is the net input of the
    readout unit, activation_1 + readout noise. (The readout's own activation, a logistic of that net input
    with the same gain, is a monotonic function of it and so carries exactly the same information; the
    net input is returned because it does not pile up at 0 and 1.)
    """
    gain = _gain(gain)
    readout = _readout(readout)
    n_trials = input_checks.integer("n_trials", n_trials, 2, 1_000_000)
    seed = input_checks.integer("seed", seed, 0)
    p = _params(params)
    rng = np.random.default_rng(seed)
    out = []
    for mean in (p.signal_input, p.noise_input):
        a1 = expit(gain * (mean + p.input_noise_sd * rng.standard_normal(n_trials) - p.threshold))
        if readout == "network":
            out.append(a1 + p.readout_noise_sd * rng.standard_normal(n_trials))
        else:
            out.append(a1)
    return DetectionTrials(gain, readout, out[0], out[1])


def _equal_probability_normals(n: int = _N_QUAD) -> np.ndarray:
    return ndtri((np.arange(n) + 0.5) / n)


def single_unit_accuracy(params: LogisticGainParams | None = None) -> float:
    """AUC of one unit: Phi(d' / sqrt 2) with d' = (signal - noise) / input noise SD, for ANY gain."""
    p = _params(params)
    d_prime = (p.signal_input - p.noise_input) / p.input_noise_sd
    return float(ndtr(d_prime / np.sqrt(2.0)))


def detection_accuracy(gain: float = 1.0, readout: str = "network", params: LogisticGainParams | None = None) -> float:
    """Area under the ROC curve for the detection task (0.5 chance, 1 perfect), computed by quadrature.

    For the network, AUC = E[Phi((a1(signal) - a1(no signal)) / (sqrt 2 * READOUT_NOISE_SD))]
    over the input noise on the two trials (the readout's own logistic is monotonic, so it drops out).
    """
    gain = _gain(gain)
    readout = _readout(readout)
    p = _params(params)
    if readout == "single":
        return single_unit_accuracy(p)
    z = _equal_probability_normals()
    a_signal = expit(gain * (p.signal_input + p.input_noise_sd * z - p.threshold))
    a_noise = expit(gain * (p.noise_input + p.input_noise_sd * z - p.threshold))
    diff = a_signal[:, None] - a_noise[None, :]
    return float(ndtr(diff / (np.sqrt(2.0) * p.readout_noise_sd)).mean())


def mean_activation(gain: float = 1.0, params: LogisticGainParams | None = None) -> tuple[float, float]:
    """Mean activation of the input unit on (signal, no-signal) trials at this gain.

    Higher gain pushes the two apart: the response to the signal grows while background activity
    on no-signal trials falls ("quieting the noise").
    """
    gain = _gain(gain)
    p = _params(params)
    z = _equal_probability_normals()
    return (float(expit(gain * (p.signal_input + p.input_noise_sd * z - p.threshold)).mean()),
            float(expit(gain * (p.noise_input + p.input_noise_sd * z - p.threshold)).mean()))
