"""Validation cases for the chapter "The locus coeruleus and its projections" (see ne_lib.cases.registry)."""

from __future__ import annotations

import numpy as np

from ne_lib import adaptive_gain, locus_coeruleus as lc, logistic_gain as gain
from ne_lib.cases import Case

_LONG_S = 2000.0   # long enough that a Poisson rate estimate is within ~3% (1 SD) at 0.5 Hz


def _measured_rate(state: str) -> float:
    return lc.simulate_spike_train(state, _LONG_S, seed=2024).mean_rate_hz


def _rem_rate_with_stimuli() -> float:
    stims = np.arange(1.0, 600.0, 2.0)
    return lc.simulate_spike_train("rem_sleep", 600.0, stimulus_times_s=stims, salience=1.0, seed=2024).mean_rate_hz


def _mean_latency_ms() -> float:
    stims = np.arange(1.0, 300.0, 1.0)
    train = lc.simulate_spike_train("active_wake", 300.0, stimulus_times_s=stims, salience=1.0, seed=2024)
    return 1e3 * float(np.mean(train.burst_onsets_s - stims))


def _interior_optimum() -> float:
    return adaptive_gain.optimal_tonic_activity(0.5)


def _optimum_hard_over_easy() -> float:
    return adaptive_gain.optimal_tonic_activity(1.0) / adaptive_gain.optimal_tonic_activity(0.0)


def _single_unit_gain_change() -> float:
    return gain.detection_accuracy(3.0, "single") - gain.detection_accuracy(1.0, "single")


def _network_gain_change() -> float:
    return gain.detection_accuracy(3.0, "network") - gain.detection_accuracy(1.0, "network")


_RATE_WHY = ("The model's rate is set to the midpoint of the reported range, so this checks that the "
             "simulated spike train (2000 s, seeded) reproduces it; the acceptance window is the reported range.")

CASES = [
    Case(key="lc-tonic-active-wake", chapter="locus_coeruleus", source="NitzSiegel1997",
         claim="Tonic LC firing rate in active waking (cat)", reported="1-2 Hz", reported_range=(1.0, 2.0),
         units="Hz", model=lambda: _measured_rate("active_wake"), accept=(1.0, 2.0),
         tolerance_why=_RATE_WHY, figure="lc-spike-trains"),
    Case(key="lc-tonic-quiet-wake", chapter="locus_coeruleus", source="NitzSiegel1997",
         claim="Tonic LC firing rate in quiet waking (cat)", reported="0.5-1.5 Hz", reported_range=(0.5, 1.5),
         units="Hz", model=lambda: _measured_rate("quiet_wake"), accept=(0.5, 1.5),
         tolerance_why=_RATE_WHY, figure="lc-spike-trains"),
    Case(key="lc-tonic-slow-wave-sleep", chapter="locus_coeruleus", source="NitzSiegel1997",
         claim="Tonic LC firing rate in slow-wave sleep (cat)", reported="0.3-0.7 Hz", reported_range=(0.3, 0.7),
         units="Hz", model=lambda: _measured_rate("slow_wave_sleep"), accept=(0.3, 0.7),
         tolerance_why=_RATE_WHY, figure="lc-spike-trains"),
    Case(key="lc-rem-silent", chapter="locus_coeruleus", source="NitzSiegel1997",
         claim="LC firing in REM sleep, even with salient stimuli every 2 s", reported="silent",
         reported_range=(0.0, 0.0), units="Hz", model=_rem_rate_with_stimuli, accept=(0.0, 0.0),
         tolerance_why="'Silent' is taken literally: not a single spike in 10 simulated minutes. That stimuli "
                       "evoke nothing in REM sleep is a simplification of the model.",
         figure="lc-spike-trains", assumptions=("no phasic responses in REM sleep",)),
    Case(key="lc-phasic-latency", chapter="locus_coeruleus", source="AstonJonesBloom1981",
         claim="Mean latency of the phasic LC response to a salient stimulus (rat)",
         reported="15-50 ms", reported_range=(15.0, 50.0), units="ms", model=_mean_latency_ms,
         accept=(15.0, 50.0),
         tolerance_why="The model draws latencies uniformly from the reported window, so its mean must lie "
                       "inside it; the case guards the spike-train code, not an independent prediction.",
         figure="lc-spike-trains"),
    Case(key="adaptive-gain-interior-optimum", chapter="locus_coeruleus", source="AstonJones2005",
         claim="Tonic LC activity (0-1) at which task performance peaks (inverted U), task difficulty 0.5",
         reported="an intermediate tonic rate (phasic mode), qualitative", units="normalised tonic activity",
         model=_interior_optimum, accept=(0.1, 0.9),
         tolerance_why="The theory is qualitative; any optimum clearly away from both ends (drowsy, tonic "
                       "mode) counts. The curve's shape parameters are illustrative.",
         figure="lc-inverted-u"),
    Case(key="yerkes-dodson-harder-lower-optimum", chapter="locus_coeruleus", source="YerkesDodson1908",
         claim="Optimum for the hardest task divided by the optimum for the easiest",
         reported="the best stimulus strength was lower for the harder discrimination (qualitative)",
         units="ratio", model=_optimum_hard_over_easy, accept=(0.0, 0.95),
         tolerance_why="Only the direction is reported (and for shock strength in mice, not LC activity); "
                       "a ratio below 0.95 counts as a clearly lower optimum.",
         figure="lc-inverted-u",
         assumptions=("tonic LC activity stands in for Yerkes and Dodson's stimulus strength",)),
    Case(key="gain-single-unit-no-benefit", chapter="locus_coeruleus", source="ServanSchreiber1990",
         claim="Change in a single unit's detection accuracy (AUC) when its gain goes from 1 to 3",
         reported="no improvement in a single unit", reported_range=(0.0, 0.0), units="AUC difference",
         model=_single_unit_gain_change, accept=(-0.005, 0.005),
         tolerance_why="Exactly zero in theory (a monotonic output cannot change the ROC); 0.005 allows "
                       "for rounding.", figure="lc-gain-snr"),
    Case(key="gain-network-benefit", chapter="locus_coeruleus", source="ServanSchreiber1990",
         claim="Change in a two-unit network's detection accuracy (AUC) when gain goes from 1 to 3",
         reported="gain improves detection in the network (qualitative)", units="AUC difference",
         model=_network_gain_change, accept=(0.01, 0.5),
         tolerance_why="Only the direction is reported; an improvement of at least 0.01 AUC (clearly above "
                       "numerical error) counts. Noise levels are illustrative.", figure="lc-gain-snr"),
]
