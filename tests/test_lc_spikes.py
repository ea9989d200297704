"""Science tests for ne_lib.locus_coeruleus (LC spike trains)."""

import numpy as np
import pytest

from ne_lib import locus_coeruleus as lc


@pytest.mark.parametrize("state", ["active_wake", "quiet_wake", "slow_wave_sleep"])
def test_tonic_count_matches_rate_within_poisson_tolerance(state):
    # Without stimuli the train is Poisson: count ~ Poisson(rate * T); allow 4 standard deviations
    duration = 2000.0
    train = lc.simulate_spike_train(state, duration, seed=3)
    expected = lc.tonic_rate_hz(state) * duration
    assert abs(len(train.spike_times_s) - expected) < 4 * np.sqrt(expected)


def test_tonic_rates_follow_behavioural_state_and_sit_in_reported_ranges():
    # Cat: active waking 1-2 Hz, quiet waking 0.5-1.5 Hz, slow-wave sleep 0.3-0.7 Hz (NitzSiegel1997)
    reported = {"active_wake": (1.0, 2.0), "quiet_wake": (0.5, 1.5), "slow_wave_sleep": (0.3, 0.7)}
    for state, (lo, hi) in reported.items():
        assert lo <= lc.tonic_rate_hz(state) <= hi
    rates = [lc.tonic_rate_hz(s) for s in lc.STATES]
    assert rates == sorted(rates, reverse=True) and rates[0] > rates[1] > rates[2] > rates[3]


def test_rem_sleep_is_silent_even_with_salient_stimuli():
    train = lc.simulate_spike_train("rem_sleep", 600.0, stimulus_times_s=np.arange(1.0, 600.0, 2.0),
                                    salience=1.0, seed=1)
    assert len(train.spike_times_s) == 0
    assert lc.tonic_rate_hz("rem_sleep") == 0.0


def test_phasic_latency_inside_configured_window():
    stims = np.arange(1.0, 500.0, 1.0)
    for window in [(0.015, 0.050), (0.080, 0.100)]:
        train = lc.simulate_spike_train("quiet_wake", 500.0, stimulus_times_s=stims, salience=1.0,
                                        latency_window_s=window, seed=7)
        assert len(train.burst_onsets_s) == len(stims)          # salience 1 in waking: always a burst
        latencies = train.burst_onsets_s - stims
        assert latencies.min() >= window[0] - 1e-12 and latencies.max() <= window[1] + 1e-12
        # spread over the window, not pinned to one value
        assert latencies.max() - latencies.min() > 0.5 * (window[1] - window[0])


def test_burst_then_pause():
    stims = np.arange(1.0, 400.0, 2.0)
    train = lc.simulate_spike_train("active_wake", 400.0, stimulus_times_s=stims, salience=1.0, seed=11)
    t = train.spike_times_s
    assert len(train.burst_onsets_s) == len(stims) == len(train.burst_ends_s)
    for s, onset, end in zip(stims, train.burst_onsets_s, train.burst_ends_s):
        assert not np.any((t >= s) & (t < onset))                                   # quiet latency
        assert not np.any((t > end) & (t < end + lc.POST_BURST_PAUSE_S))           # pause after the burst
        assert np.all(np.isin([onset, end], t))                                     # burst spikes are in the train
    # a train with the same seed but no stimuli has spikes in some of those pause windows (so the check can fail)
    plain = lc.simulate_spike_train("active_wake", 400.0, seed=11).spike_times_s
    in_pauses = sum(np.any((plain > e) & (plain < e + lc.POST_BURST_PAUSE_S)) for e in train.burst_ends_s)
    assert in_pauses > 10


def test_phasic_response_raises_peristimulus_rate_and_grows_with_salience():
    weak = lc.simulate_trials("quiet_wake", 0.2, n_trials=400, seed=2)
    strong = lc.simulate_trials("quiet_wake", 1.0, n_trials=400, seed=2)
    t, r_weak = lc.peristimulus_rate_hz(weak, 0.05)
    _, r_strong = lc.peristimulus_rate_hz(strong, 0.05)
    early = (t > 0) & (t < 0.2)
    baseline = t < -0.1
    assert r_strong[early].mean() > 5 * r_strong[baseline].mean()
    assert r_strong[early].mean() > r_weak[early].mean()
    # peri-stimulus baseline matches the tonic rate (rate estimate sanity, 4 SD of the Poisson count)
    n = sum(((tr < 0.4)).sum() for tr in strong.spike_times_s)
    expected = lc.tonic_rate_hz("quiet_wake") * 0.4 * 400
    assert abs(n - expected) < 4 * np.sqrt(expected)


def test_seeded_reproducible_and_seed_matters():
    a = lc.simulate_spike_train("active_wake", 50.0, stimulus_times_s=[10, 20], seed=5)
    b = lc.simulate_spike_train("active_wake", 50.0, stimulus_times_s=[10, 20], seed=5)
    c = lc.simulate_spike_train("active_wake", 50.0, stimulus_times_s=[10, 20], seed=6)
    np.testing.assert_array_equal(a.spike_times_s, b.spike_times_s)
    assert not np.array_equal(a.spike_times_s, c.spike_times_s)


def test_normalised_activity_scale():
    assert lc.normalised_tonic_activity(0.0) == 0.0
    assert lc.normalised_tonic_activity(2.0) == 1.0
    assert lc.normalised_tonic_activity(50.0) == 1.0
    assert 0 < lc.normalised_tonic_activity(lc.tonic_rate_hz("slow_wave_sleep")) < \
        lc.normalised_tonic_activity(lc.tonic_rate_hz("active_wake")) < 1


def test_bad_inputs_raise():
    with pytest.raises(ValueError, match="state"):
        lc.simulate_spike_train("awake")
    with pytest.raises(ValueError, match="duration_s"):
        lc.simulate_spike_train("quiet_wake", -1.0)
    with pytest.raises(ValueError, match="salience"):
        lc.simulate_spike_train("quiet_wake", 10.0, salience=1.5)
    with pytest.raises(ValueError, match="rate_hz"):
        lc.simulate_spike_train("quiet_wake", 10.0, rate_hz=-2.0)
    with pytest.raises(ValueError, match="stimulus_times_s"):
        lc.simulate_spike_train("quiet_wake", 10.0, stimulus_times_s=[12.0])
    with pytest.raises(ValueError, match="stimulus_times_s"):
        lc.simulate_spike_train("quiet_wake", 10.0, stimulus_times_s=[float("nan")])
    with pytest.raises(ValueError, match="latency_window_s"):
        lc.simulate_spike_train("quiet_wake", 10.0, latency_window_s=(0.05, 0.01))
    with pytest.raises(TypeError, match="seed"):
        lc.simulate_spike_train("quiet_wake", 10.0, seed=1.5)
    with pytest.raises(ValueError, match="n_trials"):
        lc.simulate_trials(n_trials=0)
    with pytest.raises(TypeError, match="trials"):
        lc.peristimulus_rate_hz([np.array([0.1])])
