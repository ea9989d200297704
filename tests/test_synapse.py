"""Science tests for ne_lib.synapse: steady-state balance, analytic limits, published results."""

import inspect

import numpy as np
import pytest

from ne_lib import synapse as sy, synapse_dynamics as dyn


def test_steady_state_balances_release_and_clearance():
    for rate in [0.3, 1.0, 4.0, 20.0]:
        for kw in [{}, {"net_block": 0.7}, {"alpha2_block": 0.5}, {"alpha2_agonist": 0.4},
                   {"net_block": 0.9, "alpha2_block": 0.9}]:
            st = sy.steady_state(rate, **kw)
            assert st.near_nM > st.bulk_nM > 0
            # the full three-variable right-hand side vanishes at the steady state
            s = sy._setup(sy.DEFAULT_PARAMS, kw.get("net_block", 0.0), kw.get("alpha2_block", 0.0),
                          kw.get("alpha2_agonist", 0.0))
            d = dyn._rhs(s, rate)(0.0, [st.near_nM, st.bulk_nM, st.pool])
            release = sy.RELEASE_PER_SPIKE_nM * rate
            assert abs(d[0]) < 1e-6 * release and abs(d[1]) < 1e-6 * release and abs(d[2]) < 1e-9


def test_bulk_follows_near_by_the_diffusion_balance():
    """At steady state the bulk loses by k_other what it gains by exchange: Cb = Cn k r / (k r + k_other)."""
    p = sy.DEFAULT_PARAMS
    r = p.near_volume_fraction / (1 - p.near_volume_fraction)
    st = sy.steady_state(2.0, net_block=0.5)
    expected = st.near_nM * p.exchange_per_s * r / (p.exchange_per_s * r + p.other_clearance_per_s)
    assert st.bulk_nM == pytest.approx(expected, rel=1e-12)


def test_no_net_no_feedback_steady_state_is_release_over_the_loss_to_the_bulk():
    rate = 2.0
    s = sy._setup(sy.DEFAULT_PARAMS)
    st = sy.steady_state(rate, net_block=1.0, alpha2_block=1.0)
    pool = 1.0 / (1.0 + sy.DEFAULT_PARAMS.pool_refill_s * sy.DEFAULT_PARAMS.pool_release_fraction_per_spike * rate)
    assert st.pool == pytest.approx(pool, rel=1e-12)
    assert st.near_nM == pytest.approx(sy.RELEASE_PER_SPIKE_nM * rate * pool / s.k_eff, rel=1e-8)


def test_release_scales_with_the_vesicular_store_and_vmat2():
    base = sy.steady_state_ne_nM()
    half = sy.steady_state_ne_nM(store_fraction=0.5)
    assert half < base and sy.steady_state_ne_nM(vmat2_block=1.0) == 0.0
    # with no feedback and no NET the bulk is exactly proportional to the store
    assert sy.steady_state_ne_nM(net_block=1.0, alpha2_block=1.0, store_fraction=0.5) == pytest.approx(
        0.5 * sy.steady_state_ne_nM(net_block=1.0, alpha2_block=1.0), rel=1e-8)


def test_long_fast_bursts_deplete_the_releasable_pool_and_it_refills():
    res = sy.simulate_burst(tonic_rate_hz=0.0, burst_spikes=1000, burst_rate_hz=100.0, duration_s=200.0,
                            burst_start_s=0.0, n_points=2001)
    assert res.pool[0] == pytest.approx(1.0)
    low = res.pool.min()
    assert low < 0.2                        # 1000 spikes at 1% each empty the pool
    assert res.pool[-1] > 0.9               # and it refills over a few refill time constants
    trains = sy.simulate_repeated_trains(5, 300.0)
    assert trains.peaks_nM[-1] == pytest.approx(trains.peaks_nM[0], rel=0.02)   # refills between trains


def test_vmat2_block_empties_the_releasable_pool_as_vesicles_recycle():
    res = sy.simulate_repeated_trains(4, 60.0, vmat2_block=1.0)
    assert np.all(np.diff(res.peaks_nM) < 0) and res.pool_before[-1] < 0.1


def test_knockouts_remove_their_share_of_terminal_feedback():
    c = 50.0
    wt, a_ko, c_ko, both = (sy.release_factor(c, knockout=k) for k in (None, "alpha2A", "alpha2C", "alpha2A+alpha2C"))
    assert both == 1.0 and wt < a_ko < 1.0 and wt < c_ko < 1.0
    # alpha2C binds NE more tightly, so at low NE it carries a larger share of the feedback
    low, high = 2.0, 2000.0

    def share_c(x):
        return (1 / sy.release_factor(x, knockout="alpha2A") - 1) / (1 / sy.release_factor(x) - 1)
    assert share_c(low) > share_c(high)


def test_in_vivo_alpha2_drugs_act_on_lc_firing_too():
    base = sy.in_vivo_steady_ne_nM()
    assert base == pytest.approx(sy.steady_state_ne_nM(), rel=1e-9)
    assert sy.in_vivo_steady_ne_nM(alpha2_agonist=0.4) < sy.steady_state_ne_nM(alpha2_agonist=0.4)
    assert sy.in_vivo_steady_ne_nM(alpha2_block=1.0) > sy.steady_state_ne_nM(alpha2_block=1.0)


def test_rate_for_steady_ne_inverts_the_steady_state():
    for rate in (0.2, 1.0, 7.0, 40.0):
        assert sy.rate_for_steady_ne_hz(sy.steady_state_ne_nM(rate)) == pytest.approx(rate, rel=1e-7)
    with pytest.raises(ValueError, match="ne_nM"):
        sy.rate_for_steady_ne_hz(1e6)


def test_slice_net_block_lengthens_clearance_and_raises_the_peak():
    kw = dict(tonic_rate_hz=0.0, burst_spikes=30, burst_rate_hz=100.0, duration_s=60.0, burst_start_s=0.0)
    normal, blocked = sy.simulate_burst(**kw), sy.simulate_burst(net_block=0.99, **kw)
    assert blocked.half_time_s > 3 * normal.half_time_s and np.isfinite(blocked.half_time_s)
    assert blocked.peak_nM > normal.peak_nM


def test_periodic_mean_of_evenly_spaced_spikes_approaches_the_steady_state():
    mean = sy.mean_ne_periodic_nM(1, 50.0, 0.5)
    assert mean == pytest.approx(sy.steady_state_ne_nM(2.0), rel=0.05)


def test_competitive_net_block_scales_low_concentration_uptake():
    for n in [0.0, 0.3, 0.9]:
        ratio = sy.net_uptake_nM_per_s(0.01, n) / sy.net_uptake_nM_per_s(0.01, 0.0)
        assert ratio == pytest.approx(1 - n, rel=1e-4)
    assert sy.net_uptake_nM_per_s(100.0, 1.0) == 0.0


def test_basal_level_matches_abercrombie():
    # Abercrombie1988: ~14 nM extracellular NE (recovery-corrected), rat hippocampus
    assert sy.steady_state_ne_nM() == pytest.approx(14.0, rel=0.03)


def test_alpha2_blockade_and_agonism_match_abercrombie():
    # yohimbine -> 230 % of basal (full block assumed, in the LC and at terminals): a calibration target
    base = sy.in_vivo_steady_ne_nM()
    assert sy.in_vivo_steady_ne_nM(alpha2_block=1.0) / base == pytest.approx(2.30, rel=1e-3)
    # terminal feedback alone gives less than the whole in-vivo effect
    assert 1.0 < sy.fold_change(alpha2_block=1.0) < 2.30


def test_strong_net_block_raises_ne_several_fold():
    # Kalen1988: desipramine 5 uM in the probe -> x8; NET Kd 0.8 nM (Tatsumi1997)
    block = sy.net_block_from_drug(5000.0, 0.8)
    assert block > 0.999
    assert 6.0 <= sy.fold_change(net_block=block) <= 10.0


def test_directions_and_monotonicity():
    rates = np.linspace(0.1, 30, 40)
    levels = [sy.steady_state_ne_nM(r) for r in rates]
    assert np.all(np.diff(levels) > 0)
    # feedback makes NE rise less than proportionally with firing rate
    assert sy.steady_state_ne_nM(10.0) < 10 * sy.steady_state_ne_nM(1.0)
    assert sy.steady_state_ne_nM(0.0) == 0.0
    agonism = [sy.fold_change(alpha2_agonist=a) for a in np.linspace(0, 1, 11)]
    assert np.all(np.diff(agonism) < 0)
    block = [sy.fold_change(net_block=n) for n in np.linspace(0, 1, 11)]
    assert np.all(np.diff(block) > 0)


def _half_time_from_trace(res):
    """Half-time measured from the returned time series by interpolation (independent of the event finder)."""
    t, y = res.time_s, res.ne_nM
    i_peak = int(np.argmax(y))
    level = res.baseline_nM + 0.5 * (y[i_peak] - res.baseline_nM)
    after = np.where(y[i_peak:] <= level)[0][0] + i_peak
    t_cross = np.interp(level, [y[after], y[after - 1]], [t[after], t[after - 1]])
    return t_cross - t[i_peak]


def test_slice_clearance_half_time_matches_palij():
    # Palij1994: t1/2 = 2.93 +- 0.28 s after 30 pulses at 100 Hz, rat LC slice (no tonic firing)
    res = sy.simulate_burst(tonic_rate_hz=0.0, burst_spikes=30, burst_rate_hz=100.0, duration_s=20.0,
                            burst_start_s=0.0, n_points=4001)
    assert abs(res.half_time_s - 2.93) <= 0.28
    assert _half_time_from_trace(res) == pytest.approx(res.half_time_s, abs=0.02)


def test_burst_returns_to_baseline_and_net_block_slows_it():
    normal = sy.simulate_burst(duration_s=60.0)
    assert normal.ne_nM[0] == pytest.approx(normal.baseline_nM)
    assert normal.peak_nM > 2 * normal.baseline_nM
    assert abs(normal.ne_nM[-1] - normal.baseline_nM) < 0.02 * normal.baseline_nM
    blocked = sy.simulate_burst(duration_s=60.0, net_block=0.9)
    assert blocked.half_time_s > 3 * normal.half_time_s
    assert np.all(np.isfinite(blocked.ne_nM))


def test_no_burst_is_flat():
    res = sy.simulate_burst(burst_spikes=0)
    assert np.allclose(res.ne_nM, res.baseline_nM, rtol=1e-9)
    assert np.isinf(res.half_time_s)


def test_calibration_reproduces_the_stored_constants():
    fit = sy.calibrate()
    for name in ["release_per_spike_nM", "net_vmax_nM_per_s", "other_clearance_per_s", "exchange_per_s",
                 "autoreceptor_gain"]:
        assert fit[name] == pytest.approx(getattr(sy.DEFAULT_PARAMS, name), rel=2e-3), name
    assert fit["slice_half_time_s"] == pytest.approx(2.93, rel=1e-5)
    assert fit["slice_peak_nM"] == pytest.approx(310.0, rel=1e-5)
    res = sy.simulate_burst(tonic_rate_hz=0.0, burst_spikes=30, burst_rate_hz=100.0, burst_start_s=0.0)
    assert res.peak_nM == pytest.approx(310.0, rel=0.01)     # Palij1994: 0.31 +- 0.04 uM


def test_extreme_inputs_stay_finite():
    for kw in [dict(rate_hz=100.0, net_block=1.0, alpha2_block=1.0), dict(rate_hz=100.0, alpha2_agonist=1.0),
               dict(rate_hz=0.0, net_block=1.0), dict(rate_hz=1e-6), dict(alpha2_block=1.0, alpha2_agonist=1.0)]:
        c = sy.steady_state_ne_nM(**kw)
        assert np.isfinite(c) and c >= 0
    res = sy.simulate_burst(tonic_rate_hz=100.0, burst_spikes=1000, burst_rate_hz=100.0, net_block=1.0,
                            alpha2_block=1.0, duration_s=30.0)
    assert np.all(np.isfinite(res.ne_nM))


def test_interface_for_other_chapters():
    sig = inspect.signature(sy.steady_state_ne_nM)
    assert list(sig.parameters)[:4] == ["rate_hz", "net_block", "alpha2_block", "alpha2_agonist"]
    assert sig.parameters["rate_hz"].default == sy.BASAL_RATE_HZ
    assert all(sig.parameters[p].default == 0.0 for p in ["net_block", "alpha2_block", "alpha2_agonist"])
    assert isinstance(sy.steady_state_ne_nM(), float)


@pytest.mark.parametrize("kw,exc,word", [
    (dict(rate_hz=-1.0), ValueError, "rate_hz"), (dict(rate_hz=500.0), ValueError, "rate_hz"),
    (dict(rate_hz="1"), TypeError, "rate_hz"), (dict(net_block=1.5), ValueError, "net_block"),
    (dict(alpha2_block=-0.1), ValueError, "alpha2_block"), (dict(alpha2_agonist=float("nan")), ValueError,
                                                              "alpha2_agonist")])
def test_bad_input_raises(kw, exc, word):
    with pytest.raises(exc, match=word):
        sy.steady_state_ne_nM(**kw)


@pytest.mark.parametrize("call,word", [
    (lambda: sy.SynapseParams(net_km_nM=-1.0), "net_km_nM"),
    (lambda: sy.SynapseParams(near_volume_fraction=0.95), "near_volume_fraction"),
    (lambda: sy.SynapseParams(alpha2c_gain_share=1.5), "alpha2c_gain_share"),
    (lambda: sy.steady_state_ne_nM(params="x"), "params"),
    (lambda: sy.steady_state_ne_nM(store_fraction=2.0), "store_fraction"),
    (lambda: sy.steady_state_ne_nM(vmat2_block=-0.5), "vmat2_block"),
    (lambda: sy.release_factor(1.0, knockout="alpha2B"), "knockout"),
    (lambda: sy.simulate_burst(compartment="synapse"), "compartment"),
    (lambda: sy.simulate_repeated_trains(0), "n_trains"),
    (lambda: sy.simulate_repeated_trains(3, 0.1), "interval_s"),
    (lambda: sy.mean_ne_periodic_nM(5, 20.0, 0.1), "period_s"),
    (lambda: sy.mean_ne_periodic_nM(0, 20.0, 1.0), "burst_spikes"),
])
def test_bad_input_to_new_functions_names_the_parameter(call, word):
    with pytest.raises((ValueError, TypeError), match=word):
        call()


def test_bad_burst_input_raises():
    with pytest.raises(TypeError, match="burst_spikes"):
        sy.simulate_burst(burst_spikes=2.5)
    with pytest.raises(ValueError, match="duration_s"):
        sy.simulate_burst(burst_spikes=1000, burst_rate_hz=10.0, duration_s=20.0)
    with pytest.raises(ValueError, match="rate_hz"):
        sy.fold_change(rate_hz=0.0)


def test_steady_state_names_keep_their_old_import_path():
    """The steady states moved to ne_lib.synapse_steady (issue 20); ``synapse.<name>`` is the same object."""
    from ne_lib import synapse_steady
    from ne_lib.synapse import steady_state_ne_nM

    assert steady_state_ne_nM is synapse_steady.steady_state_ne_nM
    for name in synapse_steady.__all__:
        assert getattr(sy, name) is getattr(synapse_steady, name), name
    assert sy.simulate_burst is dyn.simulate_burst
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        sy.no_such_name  # noqa: B018
