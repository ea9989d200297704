"""Science tests for ne_lib.synapse: steady-state balance, analytic limits, published results."""

import inspect

import numpy as np
import pytest

from ne_lib import synapse as sy


def test_steady_state_balances_release_and_clearance():
    for rate in [0.3, 1.0, 4.0, 20.0]:
        for kw in [{}, {"net_block": 0.7}, {"alpha2_block": 0.5}, {"alpha2_agonist": 0.4},
                   {"net_block": 0.9, "alpha2_block": 0.9}]:
            c = sy.steady_state_ne_nM(rate, **kw)
            release = sy.release_rate_nM_per_s(c, rate, kw.get("alpha2_block", 0.0), kw.get("alpha2_agonist", 0.0))
            assert c > 0
            assert abs(sy.dne_dt(c, rate, **kw)) < 1e-6 * release


def test_no_feedback_steady_state_is_the_quadratic_root():
    """With alpha2 fully blocked, q r = Vmax C/(C+Km) + k C: a quadratic with one positive root."""
    q, vmax, k, km = sy.RELEASE_PER_SPIKE_nM, sy.NET_VMAX_nM_PER_S, sy.OTHER_CLEARANCE_PER_S, sy.NET_KM_nM
    for rate in [0.5, 1.0, 10.0]:
        j = q * rate
        a, b, cc = k, k * km + vmax - j, -j * km
        root = (-b + np.sqrt(b * b - 4 * a * cc)) / (2 * a)
        assert sy.steady_state_ne_nM(rate, alpha2_block=1.0) == pytest.approx(root, rel=1e-8)


def test_no_net_no_feedback_steady_state_is_release_over_k_other():
    rate = 2.0
    expected = sy.RELEASE_PER_SPIKE_nM * rate / sy.OTHER_CLEARANCE_PER_S
    assert sy.steady_state_ne_nM(rate, net_block=1.0, alpha2_block=1.0) == pytest.approx(expected, rel=1e-8)


def test_competitive_net_block_scales_low_concentration_uptake():
    for n in [0.0, 0.3, 0.9]:
        ratio = sy.net_uptake_nM_per_s(0.01, n) / sy.net_uptake_nM_per_s(0.01, 0.0)
        assert ratio == pytest.approx(1 - n, rel=1e-4)
    assert sy.net_uptake_nM_per_s(100.0, 1.0) == 0.0


def test_basal_level_matches_abercrombie():
    # Abercrombie1988: ~14 nM extracellular NE (recovery-corrected), rat hippocampus
    assert sy.steady_state_ne_nM() == pytest.approx(14.0, rel=0.03)


def test_alpha2_blockade_and_agonism_match_abercrombie():
    # yohimbine -> 230 % of basal (full block assumed); clonidine -> 56 % (agonist occupancy 0.4 assumed)
    assert 2.0 <= sy.fold_change(alpha2_block=1.0) <= 2.6
    assert 0.45 <= sy.fold_change(alpha2_agonist=0.4) <= 0.70


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
    for name in ["RELEASE_PER_SPIKE_nM", "NET_VMAX_nM_PER_S", "OTHER_CLEARANCE_PER_S", "AUTORECEPTOR_GAIN"]:
        assert fit[name] == pytest.approx(getattr(sy, name), rel=2e-3), name
    assert fit["slice_half_time_s"] == pytest.approx(2.93, rel=1e-6)


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
    assert list(sig.parameters) == ["rate_hz", "net_block", "alpha2_block", "alpha2_agonist"]
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


def test_bad_burst_input_raises():
    with pytest.raises(TypeError, match="burst_spikes"):
        sy.simulate_burst(burst_spikes=2.5)
    with pytest.raises(ValueError, match="duration_s"):
        sy.simulate_burst(burst_spikes=1000, burst_rate_hz=10.0, duration_s=20.0)
    with pytest.raises(ValueError, match="rate_hz"):
        sy.fold_change(rate_hz=0.0)
