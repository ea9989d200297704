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
    assert 0 < lc.normalised_tonic_activity(lc.tonic_rate_hz("slow_wave_sleep")) < \
        lc.normalised_tonic_activity(lc.tonic_rate_hz("active_wake")) < lc.normalised_tonic_activity(100.0) < 1


def test_normalised_activity_is_the_one_map_treatment_uses():
    """Issue 20: 1 Hz gave 0.5 here and 0.444 in treatment. One map now: the basal rate sits at the
    inverted U's optimum, and the untreated typical patient of the treatment chain is at the same point."""
    from ne_lib import adaptive_gain, synapse, treatment

    basal = lc.normalised_tonic_activity(synapse.BASAL_RATE_HZ)
    optimum = adaptive_gain.optimal_tonic_activity(adaptive_gain.DEFAULT_PARAMS.reference_difficulty)
    assert basal == pytest.approx(optimum, rel=1e-12)
    assert treatment.simulate_treatment().tonic_activity_untreated == pytest.approx(basal, rel=1e-9)
    for rate in (0.3, 1.0, 2.5, 7.0):
        assert lc.normalised_tonic_activity(rate) == pytest.approx(
            treatment.tonic_activity_from_rate_ratio(rate / synapse.BASAL_RATE_HZ), rel=1e-12)


def test_tables_are_read_only():
    for table in (lc.STATE_LABELS, lc.TONIC_RATE_RANGE_HZ, lc.TONIC_RATE_HZ, lc.STATE_RESPONSIVENESS):
        with pytest.raises(TypeError):
            table["active_wake"] = 0.0


def test_burst_parameters_are_a_params_object():
    """A student varies the burst without monkeypatching: spacing 1/burst_rate_hz, size from
    max_extra_burst_spikes, and no pause when post_burst_pause_s is 0."""
    p = lc.LCParams(burst_rate_hz=40.0, max_extra_burst_spikes=6.0, post_burst_pause_s=0.0)
    assert lc.expected_burst_spikes(1.0, params=p) == pytest.approx(7.0)
    assert lc.expected_burst_spikes(1.0) == pytest.approx(1.0 + lc.MAX_EXTRA_BURST_SPIKES)
    train = lc.simulate_spike_train("active_wake", 30.0, stimulus_times_s=np.arange(1.0, 29.0, 2.0),
                                    seed=3, params=p)
    assert len(train.burst_onsets_s) > 0
    for onset, end in zip(train.burst_onsets_s, train.burst_ends_s):
        burst = train.spike_times_s[(train.spike_times_s >= onset - 1e-12) & (train.spike_times_s <= end + 1e-12)]
        assert np.allclose(np.diff(burst), 1.0 / 40.0) or burst.size == 1
    with pytest.raises(ValueError, match="burst_rate_hz"):
        lc.LCParams(burst_rate_hz=0.0)


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
