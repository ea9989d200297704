"""Locus coeruleus (LC) spike trains: tonic firing set by behavioural state, phasic bursts to salient stimuli.

Tonic firing is modelled as a Poisson process whose rate depends on behavioural state
(cat single units: active waking > quiet waking > slow-wave sleep; silent in REM sleep).
A salient stimulus evokes a short *phasic* burst 15-50 ms later followed by a pause in
firing (burst, then inhibition; # AstonJonesBloom1981). Numbers are sourced next to each
value or marked illustrative. Randomness comes only from a seeded ``numpy.random.Generator``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ne_lib import validate

#: Assumptions and simplifications, shown on the book's validation page.
ASSUMPTIONS: tuple[str, ...] = (
    "Tonic firing is a Poisson process with a constant rate in each behavioural state, set to the "
    "midpoint of the range reported for cat LC units (NitzSiegel1997).",
    "Species are mixed: tonic rates come from the cat (NitzSiegel1997) and the phasic latency window of "
    "15-50 ms from the rat (AstonJonesBloom1981).",
    "Latencies are drawn uniformly from the reported window, so the mean latency is built in rather than "
    "predicted.",
    "Burst rate, burst size, the post-burst pause and the state-dependent chance of a burst are "
    "illustrative.",
    "Stimuli evoke no phasic response at all in REM sleep, a simplification of the model.",
    "Each neuron is simulated alone, in one behavioural state per train, with no coupling between LC "
    "neurons and no refractory period other than the post-burst pause.",
    "Spike trains are stochastic but reproducible, since all randomness comes from a seeded NumPy "
    "generator.",
)


__all__ = [
    "STATES", "STATE_LABELS", "TONIC_RATE_RANGE_HZ", "TONIC_RATE_HZ", "PHASIC_LATENCY_WINDOW_S",
    "BURST_RATE_HZ", "MAX_EXTRA_BURST_SPIKES", "POST_BURST_PAUSE_S", "STATE_RESPONSIVENESS",
    "SpikeTrain", "Trials", "tonic_rate_hz", "simulate_spike_train", "simulate_trials",
    "peristimulus_rate_hz", "normalised_tonic_activity",
]

#: behavioural states, in order of falling tonic LC activity
STATES = ("active_wake", "quiet_wake", "slow_wave_sleep", "rem_sleep")
STATE_LABELS = {"active_wake": "Active waking", "quiet_wake": "Quiet waking",
                "slow_wave_sleep": "Slow-wave sleep", "rem_sleep": "REM sleep"}

#: Tonic LC firing ranges in the cat, Hz (# NitzSiegel1997, summarising earlier cat unit recordings;
#: ordering # Rasmussen1986)
TONIC_RATE_RANGE_HZ = {
    "active_wake": (1.0, 2.0),
    "quiet_wake": (0.5, 1.5),
    "slow_wave_sleep": (0.3, 0.7),
    "rem_sleep": (0.0, 0.0),      # silent in REM sleep
}
#: Default tonic rate per state: the midpoint of the reported range (# NitzSiegel1997)
TONIC_RATE_HZ = {state: 0.5 * (lo + hi) for state, (lo, hi) in TONIC_RATE_RANGE_HZ.items()}

#: Latency of the first burst spike after a salient stimulus, s (rat, 15-50 ms; # AstonJonesBloom1981)
PHASIC_LATENCY_WINDOW_S = (0.015, 0.050)
#: Instantaneous firing rate inside a burst, Hz                     # illustrative (often quoted 10-20 Hz; not verified)
BURST_RATE_HZ = 15.0
#: Mean number of extra burst spikes (after the first) for a maximally salient stimulus  # illustrative
MAX_EXTRA_BURST_SPIKES = 2.0
#: Silence after a burst (the "pause"), s                            # illustrative
POST_BURST_PAUSE_S = 0.3
#: Probability that a stimulus of salience 1 evokes a burst, by state: sleep blunts sensory
#: responses and the silent REM LC gives none                        # illustrative simplification
STATE_RESPONSIVENESS = {"active_wake": 1.0, "quiet_wake": 1.0, "slow_wave_sleep": 0.3, "rem_sleep": 0.0}


@validate.domain(duration_s=validate.Interval(1e-3, 3600.0), state=validate.OneOf(STATES),
                 tonic_rate_hz=validate.Interval(0.0))
@dataclass(frozen=True)
class SpikeTrain:
    """One simulated LC neuron. Times in seconds from the start of the recording."""

    spike_times_s: np.ndarray      # all spikes, sorted
    stimulus_times_s: np.ndarray   # stimulus onsets
    burst_onsets_s: np.ndarray     # first burst spike for each stimulus that evoked a burst
    burst_ends_s: np.ndarray       # last burst spike of the same bursts (the pause starts here)
    duration_s: float
    state: str
    tonic_rate_hz: float

    @property
    def mean_rate_hz(self) -> float:
        return len(self.spike_times_s) / self.duration_s


@validate.domain(spike_times_s=validate.Fixed(lambda: [np.array([0.1, 0.5])]),
                 trial_duration_s=validate.Interval(0.1, 60.0), stimulus_time_s=validate.Interval(0.0),
                 state=validate.OneOf(STATES), salience=validate.Interval(0.0, 1.0), tonic_rate_hz=validate.Interval(0.0))
@dataclass(frozen=True)
class Trials:
    """Repeated stimulus trials: one spike-time array per trial, stimulus at ``stimulus_time_s``."""

    spike_times_s: list
    trial_duration_s: float
    stimulus_time_s: float
    state: str
    salience: float
    tonic_rate_hz: float


@validate.domain(state=validate.OneOf(STATES))
def tonic_rate_hz(state: str) -> float:
    """Tonic LC firing rate (Hz) for a behavioural state (cat; midpoint of the reported range)."""
    validate.one_of("state", state, STATES)
    return TONIC_RATE_HZ[state]


def normalised_tonic_activity(rate_hz: float) -> float:
    """Map a tonic rate to the 0-1 scale of :mod:`ne_lib.adaptive_gain` (0 Hz -> 0, top of active waking -> 1)."""
    rate_hz = validate.non_negative("rate_hz", rate_hz)
    return min(rate_hz / TONIC_RATE_RANGE_HZ["active_wake"][1], 1.0)


def _poisson_times(rng: np.random.Generator, rate_hz: float, t0: float, t1: float) -> np.ndarray:
    if rate_hz <= 0 or t1 <= t0:
        return np.empty(0)
    n = rng.poisson(rate_hz * (t1 - t0))
    return np.sort(rng.uniform(t0, t1, n))


def _burst(rng, stim_t, salience, responsiveness, latency_window_s):
    """Spike times of one phasic response (may be empty) and its pause end."""
    if salience <= 0 or rng.random() >= salience * responsiveness:
        return np.empty(0)
    latency = rng.uniform(*latency_window_s)
    n_extra = rng.poisson(MAX_EXTRA_BURST_SPIKES * salience)
    return stim_t + latency + np.arange(1 + n_extra) / BURST_RATE_HZ


def simulate_spike_train(state: str = "quiet_wake", duration_s: float = 10.0, *, rate_hz: float | None = None,
                         stimulus_times_s=(), salience: float = 1.0,
                         latency_window_s: tuple[float, float] = PHASIC_LATENCY_WINDOW_S,
                         seed: int = 0) -> SpikeTrain:
    """Simulate one LC neuron: Poisson tonic firing plus stimulus-locked bursts and pauses.

    Parameters
    ----------
    state : one of STATES; sets the tonic rate (unless ``rate_hz`` is given) and whether stimuli
        evoke bursts (STATE_RESPONSIVENESS).
    duration_s : recording length, s (> 0, <= 3600).
    rate_hz : optional tonic rate override, Hz (0-20).
    stimulus_times_s : stimulus onsets, s (within [0, duration_s)).
    salience : 0-1; the chance of a burst and its size grow with it (illustrative scaling).
    latency_window_s : (min, max) latency of the first burst spike, s.
    seed : integer seed for ``numpy.random.default_rng``.

    Each burst is followed by a pause of POST_BURST_PAUSE_S in which tonic spikes are removed.
    """
    validate.one_of("state", state, STATES)
    duration_s = validate.in_range("duration_s", duration_s, 1e-3, 3600.0)
    rate = tonic_rate_hz(state) if rate_hz is None else validate.in_range("rate_hz", rate_hz, 0.0, 20.0)
    salience = validate.fraction("salience", salience)
    seed = validate.integer("seed", seed, 0)
    if not isinstance(latency_window_s, (tuple, list)) or len(latency_window_s) != 2:
        raise TypeError("latency_window_s must be a (min, max) pair in seconds")
    lat_lo = validate.in_range("latency_window_s[0]", latency_window_s[0], 0.0, 1.0)
    lat_hi = validate.in_range("latency_window_s[1]", latency_window_s[1], lat_lo, 1.0)
    stims = np.sort(validate.finite_array("stimulus_times_s", stimulus_times_s, min_value=0.0)) \
        if len(np.atleast_1d(stimulus_times_s)) else np.empty(0)
    if np.any(stims >= duration_s):
        raise ValueError(f"stimulus_times_s must lie in [0, duration_s={duration_s:g}) s")

    rng = np.random.default_rng(seed)
    tonic = _poisson_times(rng, rate, 0.0, duration_s)
    bursts, onsets, ends = [], [], []
    keep = np.ones(tonic.shape, dtype=bool)
    for stim_t in stims:
        spikes = _burst(rng, stim_t, salience, STATE_RESPONSIVENESS[state], (lat_lo, lat_hi))
        if spikes.size:
            onsets.append(spikes[0])
            ends.append(spikes[-1])
            bursts.append(spikes)
            # tonic spikes inside the burst are absorbed by it; the pause silences the cell afterwards
            keep &= ~((tonic >= stim_t) & (tonic < spikes[-1] + POST_BURST_PAUSE_S))
    allspikes = np.concatenate([tonic[keep], *bursts]) if bursts else tonic
    allspikes = np.sort(allspikes[allspikes < duration_s])
    return SpikeTrain(allspikes, stims, np.array(onsets), np.array(ends), duration_s, state, rate)


def simulate_trials(state: str = "quiet_wake", salience: float = 0.8, *, n_trials: int = 20,
                    trial_duration_s: float = 2.0, stimulus_time_s: float = 0.5,
                    rate_hz: float | None = None, seed: int = 0) -> Trials:
    """Repeat a stimulus ``n_trials`` times (for a raster and a peri-stimulus rate)."""
    validate.one_of("state", state, STATES)
    n_trials = validate.integer("n_trials", n_trials, 1, 1000)
    trial_duration_s = validate.in_range("trial_duration_s", trial_duration_s, 0.1, 60.0)
    stimulus_time_s = validate.in_range("stimulus_time_s", stimulus_time_s, 0.0, trial_duration_s)
    if stimulus_time_s >= trial_duration_s:
        raise ValueError("stimulus_time_s must be < trial_duration_s")
    seed = validate.integer("seed", seed, 0)
    trains = [simulate_spike_train(state, trial_duration_s, rate_hz=rate_hz, stimulus_times_s=[stimulus_time_s],
                                   salience=salience, seed=seed * 1000 + k).spike_times_s
              for k in range(n_trials)]
    rate = tonic_rate_hz(state) if rate_hz is None else float(rate_hz)
    return Trials(trains, trial_duration_s, stimulus_time_s, state, float(salience), rate)


@validate.domain(trials=validate.Fixed(lambda: simulate_trials(n_trials=3)))
def peristimulus_rate_hz(trials: Trials, bin_s: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Trial-averaged firing rate (Hz) in bins; returns (bin centres relative to the stimulus, rate)."""
    if not isinstance(trials, Trials):
        raise TypeError("trials must be a Trials object from simulate_trials")
    bin_s = validate.in_range("bin_s", bin_s, 1e-3, trials.trial_duration_s)
    edges = np.arange(0.0, trials.trial_duration_s + 1e-12, bin_s)
    counts = sum(np.histogram(t, edges)[0] for t in trials.spike_times_s)
    rate = counts / (len(trials.spike_times_s) * bin_s)
    centres = 0.5 * (edges[1:] + edges[:-1]) - trials.stimulus_time_s
    return centres, rate
