"""Locus coeruleus (LC) spike trains: tonic firing set by behavioural state, phasic bursts to salient stimuli.

Tonic firing is modelled as a Poisson process whose rate depends on behavioural state
(cat single units: active waking > quiet waking > slow-wave sleep; silent in REM sleep).
A salient stimulus evokes a short *phasic* burst 15-50 ms later followed by a pause in
firing (burst, then inhibition; # AstonJonesBloom1981). Numbers are sourced next to each
value or marked illustrative. Randomness comes only from a seeded ``numpy.random.Generator``.

Two mechanisms give the LC a state beyond its behavioural state:

* **Somatodendritic alpha2 autoinhibition** (:func:`autoinhibited_rate_hz`). NE released from
  LC dendrites and collaterals acts on alpha2A receptors on the LC neurons themselves (the
  somatodendritic autoreceptor is alpha2A: an agonist no longer slows firing when alpha2A
  cannot signal, Lakhlani1997) and slows firing: ``rate = drive / (1 + G_sd A_2A(c_sd))`` with
  local NE ``c_sd`` proportional to the rate. An alpha2 agonist in the LC can therefore silence
  it, which lowers forebrain NE far more than terminal feedback alone; an antagonist speeds it.
  (alpha2C receptors act on terminals at low firing rates, :mod:`ne_lib.synapse`.)
* **Habituation** (:func:`phasic_response_strengths`). A stimulus that is repeated without
  consequence loses its power to evoke a burst, and a new stimulus evokes a full response
  again (Vankov1995; Rasmussen1986b). Each stimulus identity carries a freshness ``h`` (1 =
  novel); a presentation multiplies it by ``1 - d`` and it recovers towards 1 with time
  constant ``tau``. Habituation acts as a loss of effective salience: the stimulus evokes a
  burst as if its salience were ``salience * h``.

Parameters of these mechanisms: :class:`LCParams` (all illustrative, chosen before the
held-out cases in :mod:`ne_lib.cases.held_out` were run).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
from scipy.optimize import brentq

from ne_lib import adaptive_gain, input_checks as validate, synapse

#: Assumptions and simplifications, shown on the book's validation page.
ASSUMPTIONS: tuple[str, ...] = (
    "Somatodendritic alpha2A autoinhibition is instantaneous and its strength (a full agonist slows firing "
    "to about 5%, full block speeds it by about 40%) is illustrative; local NE around the LC is "
    "proportional to its own firing rate.",
    "Habituation is stimulus-specific: each presentation halves a stimulus's freshness, which recovers "
    "over about 10 minutes (both illustrative); it scales the stimulus's effective salience.",
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
    "LCParams", "DEFAULT_PARAMS", "autoinhibited_rate_hz", "habituation_freshness", "phasic_response_strengths",
    "expected_burst_spikes",
]

#: behavioural states, in order of falling tonic LC activity
STATES = ("active_wake", "quiet_wake", "slow_wave_sleep", "rem_sleep")
STATE_LABELS = MappingProxyType({"active_wake": "Active waking", "quiet_wake": "Quiet waking",
                                 "slow_wave_sleep": "Slow-wave sleep", "rem_sleep": "REM sleep"})

#: Tonic LC firing ranges in the cat, Hz (# NitzSiegel1997, summarising earlier cat unit recordings;
#: ordering # Rasmussen1986)
TONIC_RATE_RANGE_HZ = MappingProxyType({
    "active_wake": (1.0, 2.0),
    "quiet_wake": (0.5, 1.5),
    "slow_wave_sleep": (0.3, 0.7),
    "rem_sleep": (0.0, 0.0),      # silent in REM sleep
})
#: Default tonic rate per state: the midpoint of the reported range (# NitzSiegel1997)
TONIC_RATE_HZ = MappingProxyType({state: 0.5 * (lo + hi) for state, (lo, hi) in TONIC_RATE_RANGE_HZ.items()})

#: Latency of the first burst spike after a salient stimulus, s (rat, 15-50 ms; # AstonJonesBloom1981)
PHASIC_LATENCY_WINDOW_S = (0.015, 0.050)
#: Probability that a stimulus of salience 1 evokes a burst, by state: sleep blunts sensory
#: responses and the silent REM LC gives none                        # illustrative simplification
STATE_RESPONSIVENESS = MappingProxyType({"active_wake": 1.0, "quiet_wake": 1.0, "slow_wave_sleep": 0.3,
                                         "rem_sleep": 0.0})


@dataclass(frozen=True)
class LCParams:
    """Parameters of the LC model: phasic bursts, autoinhibition and habituation (units in the names)."""

    burst_rate_hz: float = 15.0                   # illustrative: firing inside a burst (often quoted 10-20 Hz)
    max_extra_burst_spikes: float = 2.0           # illustrative: mean extra spikes (after the first), salience 1
    post_burst_pause_s: float = 0.3               # illustrative: silence after a burst (the "pause")
    somatodendritic_gain: float = 20.0            # illustrative: a full alpha2 agonist slows firing to 1/21 (~5%)
    somatodendritic_ne_nM_per_hz: float = 1.16    # illustrative: full alpha2 block then speeds firing by ~40%
    alpha2a_k_nM: float = 56.0                    # illustrative: NE's alpha2A Ki (fact base grade B)
    agonist_efficacy: float = 1.0                 # illustrative: a full agonist
    habituation_decrement: float = 0.5            # illustrative: each presentation halves a stimulus's freshness
    habituation_recovery_s: float = 600.0         # illustrative: freshness recovers over ~10 minutes

    def __post_init__(self):
        validate.in_range("burst_rate_hz", self.burst_rate_hz, 1.0, 1000.0)
        validate.in_range("max_extra_burst_spikes", self.max_extra_burst_spikes, 0.0, 100.0)
        validate.in_range("post_burst_pause_s", self.post_burst_pause_s, 0.0, 10.0)
        validate.in_range("somatodendritic_gain", self.somatodendritic_gain, 0.0, 1e3)
        validate.in_range("somatodendritic_ne_nM_per_hz", self.somatodendritic_ne_nM_per_hz, 0.0, 1e4)
        validate.positive("alpha2a_k_nM", self.alpha2a_k_nM)
        validate.fraction("agonist_efficacy", self.agonist_efficacy)
        validate.fraction("habituation_decrement", self.habituation_decrement)
        validate.in_range("habituation_recovery_s", self.habituation_recovery_s, 1e-3, 1e7)


DEFAULT_PARAMS = LCParams()
# The burst constants under their old names (the default values)
BURST_RATE_HZ = DEFAULT_PARAMS.burst_rate_hz
MAX_EXTRA_BURST_SPIKES = DEFAULT_PARAMS.max_extra_burst_spikes
POST_BURST_PAUSE_S = DEFAULT_PARAMS.post_burst_pause_s
LC_KNOCKOUTS = synapse.KNOCKOUTS   # the same mice as the synapse model


def _lc_params(params) -> LCParams:
    return validate.parameter_set(params, DEFAULT_PARAMS)


def _ratio(name, fraction):
    f = validate.fraction(name, fraction)
    return np.inf if f >= 1.0 else f / (1.0 - f)


def autoinhibited_rate_hz(drug_free_rate_hz: float, *, alpha2_block: float = 0.0, alpha2_agonist: float = 0.0,
                          knockout=None, params: LCParams | None = None) -> float:
    """LC firing rate (Hz) with somatodendritic alpha2A autoinhibition and alpha2 drugs.

    ``drug_free_rate_hz`` (0-20 Hz) is the rate the neuron fires at without drugs (wild type);
    its excitatory drive is worked out from it. ``alpha2_block`` / ``alpha2_agonist`` are lone
    occupancies (0..1) of the somatodendritic receptors. ``knockout`` "alpha2A" (or both)
    removes the autoreceptor, so drugs no longer change the rate; "alpha2C" changes nothing here.
    Solves ``r (1 + G A(k r)) = drive`` (left side increasing in r) by bracketing.
    """
    p = _lc_params(params)
    r0 = validate.in_range("drug_free_rate_hz", drug_free_rate_hz, 0.0, 20.0)
    x_ant = _ratio("alpha2_block", alpha2_block)
    x_ag = _ratio("alpha2_agonist", alpha2_agonist)
    if knockout not in LC_KNOCKOUTS:
        raise ValueError(f"knockout must be one of {LC_KNOCKOUTS}, got {knockout!r}")
    if r0 == 0.0:
        return 0.0
    k, g, kd, e = p.somatodendritic_ne_nM_per_hz, p.somatodendritic_gain, p.alpha2a_k_nM, p.agonist_efficacy

    def act(r, xa, xb):
        c = k * r / kd
        if np.isinf(xb):
            return 0.0
        if np.isinf(xa):
            return e
        return (c + e * xa) / (1.0 + c + xa + xb)

    drive = r0 * (1.0 + g * act(r0, 0.0, 0.0))
    if knockout in ("alpha2A", "alpha2A+alpha2C"):
        return float(drive)
    return float(brentq(lambda r: r * (1.0 + g * act(r, x_ag, x_ant)) - drive, 0.0, drive, xtol=1e-12, rtol=1e-12))


#: Domains of a stimulus sequence (the ids are not drawn: they must match the times one to one)
_TIMES = validate.Interval(0.0, shape="either")
_IDS = validate.Fixed(lambda: np.array([0]))


@validate.domain(stimulus_times_s=_TIMES, stimulus_ids=_IDS)
def habituation_freshness(stimulus_times_s, stimulus_ids, *, params: LCParams | None = None) -> np.ndarray:
    """Freshness (0..1, 1 = novel) of each stimulus at the moment it is presented.

    ``stimulus_ids`` are integer labels: equal labels are the same stimulus. Times must be
    non-decreasing. Deterministic: ``h <- h (1 - d)`` after each presentation, recovering as
    ``1 - (1 - h) exp(-dt / tau)`` in between.
    """
    p = _lc_params(params)
    times = validate.finite_array("stimulus_times_s", stimulus_times_s, min_value=0.0)
    ids = np.asarray(stimulus_ids)
    if ids.shape != times.shape:
        raise ValueError("stimulus_ids must have one label per stimulus time")
    if ids.size and not np.issubdtype(ids.dtype, np.integer):
        raise TypeError("stimulus_ids must be integers")
    if np.any(np.diff(times) < 0):
        raise ValueError("stimulus_times_s must be non-decreasing")
    state: dict[int, tuple[float, float]] = {}
    out = np.empty(times.shape)
    for i, (t, sid) in enumerate(zip(times, ids.tolist())):
        h, t_last = state.get(sid, (1.0, t))
        h = 1.0 - (1.0 - h) * np.exp(-(t - t_last) / p.habituation_recovery_s)
        out[i] = h
        state[sid] = (h * (1.0 - p.habituation_decrement), t)
    return out


@validate.domain(salience=validate.Interval(0.0, 1.0, shape="either"))
def expected_burst_spikes(salience, *, params: LCParams | None = None) -> np.ndarray | float:
    """Expected number of burst spikes a stimulus of (effective) salience 0..1 evokes in waking:
    ``salience * (1 + max_extra_burst_spikes * salience)`` (chance of a burst times its mean size)."""
    p = _lc_params(params)
    s = np.asarray(salience, dtype=float)
    if np.any(~np.isfinite(s)) or np.any(s < 0) or np.any(s > 1):
        raise ValueError("salience must lie in [0, 1]")
    out = s * (1.0 + p.max_extra_burst_spikes * s)
    return out if out.ndim else float(out)


@validate.domain(stimulus_times_s=_TIMES, stimulus_ids=_IDS, salience=validate.Interval(0.0, 1.0))
def phasic_response_strengths(stimulus_times_s, stimulus_ids, *, salience: float = 1.0,
                              params: LCParams | None = None) -> np.ndarray:
    """Expected burst spikes evoked by each stimulus in a sequence, with habituation (waking).

    Repeating a stimulus (same id) lowers its response; a new id evokes a full response.
    """
    s = validate.fraction("salience", salience)
    fresh = habituation_freshness(stimulus_times_s, stimulus_ids, params=params)
    return np.asarray(expected_burst_spikes(s * fresh, params=params), dtype=float)


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
    """A tonic rate on the 0-1 activity axis of :mod:`ne_lib.adaptive_gain`, by that module's one map
    (:func:`ne_lib.adaptive_gain.tonic_activity_from_rate_ratio`) of the rate over the synapse model's basal
    rate, as :mod:`ne_lib.treatment` uses it: 0 Hz -> 0, basal -> the optimum, fast firing -> towards 1."""
    rate_hz = validate.non_negative("rate_hz", rate_hz)
    return adaptive_gain.tonic_activity_from_rate_ratio(rate_hz / synapse.BASAL_RATE_HZ)


def _poisson_times(rng: np.random.Generator, rate_hz: float, t0: float, t1: float) -> np.ndarray:
    if rate_hz <= 0 or t1 <= t0:
        return np.empty(0)
    n = rng.poisson(rate_hz * (t1 - t0))
    return np.sort(rng.uniform(t0, t1, n))


def _burst(rng, stim_t, salience, responsiveness, latency_window_s, p: LCParams):
    """Spike times of one phasic response (may be empty) and its pause end."""
    if salience <= 0 or rng.random() >= salience * responsiveness:
        return np.empty(0)
    latency = rng.uniform(*latency_window_s)
    n_extra = rng.poisson(p.max_extra_burst_spikes * salience)
    return stim_t + latency + np.arange(1 + n_extra) / p.burst_rate_hz


def simulate_spike_train(state: str = "quiet_wake", duration_s: float = 10.0, *, rate_hz: float | None = None,
                         stimulus_times_s=(), salience: float = 1.0,
                         latency_window_s: tuple[float, float] = PHASIC_LATENCY_WINDOW_S,
                         seed: int = 0, stimulus_ids=None, params: LCParams | None = None) -> SpikeTrain:
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
    stimulus_ids : optional integer label per stimulus (in the order of ``stimulus_times_s``);
        when given, repeated stimuli habituate (see :func:`habituation_freshness`).

    params : :class:`LCParams` (None = the defaults): burst size and rate, pause, habituation.

    Each burst is followed by a pause (``params.post_burst_pause_s``) in which tonic spikes are removed.
    """
    p = _lc_params(params)
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

    saliences = np.full(stims.shape, salience)
    if stimulus_ids is not None:
        raw_t = np.atleast_1d(np.asarray(stimulus_times_s, dtype=float))
        ids = np.atleast_1d(np.asarray(stimulus_ids))
        if ids.shape != raw_t.shape:
            raise ValueError("stimulus_ids must have one label per stimulus time")
        order = np.argsort(raw_t, kind="stable")
        saliences = salience * habituation_freshness(raw_t[order], ids[order], params=params)
    rng = np.random.default_rng(seed)
    tonic = _poisson_times(rng, rate, 0.0, duration_s)
    bursts, onsets, ends = [], [], []
    keep = np.ones(tonic.shape, dtype=bool)
    for stim_t, sal in zip(stims, saliences):
        spikes = _burst(rng, stim_t, float(sal), STATE_RESPONSIVENESS[state], (lat_lo, lat_hi), p)
        if spikes.size:
            onsets.append(spikes[0])
            ends.append(spikes[-1])
            bursts.append(spikes)
            # tonic spikes inside the burst are absorbed by it; the pause silences the cell afterwards
            keep &= ~((tonic >= stim_t) & (tonic < spikes[-1] + p.post_burst_pause_s))
    allspikes = np.concatenate([tonic[keep], *bursts]) if bursts else tonic
    allspikes = np.sort(allspikes[allspikes < duration_s])
    return SpikeTrain(allspikes, stims, np.array(onsets), np.array(ends), duration_s, state, rate)


def simulate_trials(state: str = "quiet_wake", salience: float = 0.8, *, n_trials: int = 20,
                    trial_duration_s: float = 2.0, stimulus_time_s: float = 0.5,
                    rate_hz: float | None = None, seed: int = 0, params: LCParams | None = None) -> Trials:
    """Repeat a stimulus ``n_trials`` times (for a raster and a peri-stimulus rate)."""
    validate.one_of("state", state, STATES)
    n_trials = validate.integer("n_trials", n_trials, 1, 1000)
    trial_duration_s = validate.in_range("trial_duration_s", trial_duration_s, 0.1, 60.0)
    stimulus_time_s = validate.in_range("stimulus_time_s", stimulus_time_s, 0.0, trial_duration_s)
    if stimulus_time_s >= trial_duration_s:
        raise ValueError("stimulus_time_s must be < trial_duration_s")
    seed = validate.integer("seed", seed, 0)
    trains = [simulate_spike_train(state, trial_duration_s, rate_hz=rate_hz, stimulus_times_s=[stimulus_time_s],
                                   salience=salience, seed=seed * 1000 + k, params=params).spike_times_s
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
    rate = np.asarray(counts, dtype=float) / (len(trials.spike_times_s) * bin_s)
    centres = 0.5 * (edges[1:] + edges[:-1]) - trials.stimulus_time_s
    return centres, rate
