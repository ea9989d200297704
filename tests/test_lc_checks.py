"""The automatic checks of the locus coeruleus chapter: pass on the reference answer, explain typical mistakes."""

import numpy as np
import pytest

from ne_lib import adaptive_gain, logistic_gain as gain, projections
from ne_lib.check import locus_coeruleus as check


def test_delay_check():
    # reference answer, computed by hand: 16 mm / 0.5 m/s = 32 ms
    assert check.frontal_cortex_delay_ms(16.0 / 0.5)
    assert check.frontal_cortex_delay_ms(projections.target_delays_ms(0.5)["frontal_cortex"])
    fb = check.frontal_cortex_delay_ms(None)
    assert not fb and not fb.answered
    fb = check.frontal_cortex_delay_ms(0.032)          # seconds instead of ms
    assert not fb and "1000 times too small" in fb.message
    fb = check.frontal_cortex_delay_ms(16 * 0.5)
    assert not fb and "divided by velocity" in fb.message
    fb = check.frontal_cortex_delay_ms(16 / 1.2)
    assert not fb and "cat" in fb.message
    assert not check.frontal_cortex_delay_ms("32")


def test_optimum_check_reference_solution_passes():
    activity = np.linspace(0, 1, 1001)
    perf = adaptive_gain.task_performance(activity, difficulty=0.8)
    assert check.hard_task_optimum(activity[np.argmax(perf)])
    fb = check.hard_task_optimum(activity[np.argmax(adaptive_gain.task_performance(activity))])
    assert not fb and "default task (difficulty 0.5)" in fb.message
    fb = check.hard_task_optimum(perf.max())
    assert not fb and "best performance itself" in fb.message
    fb = check.hard_task_optimum(int(np.argmax(perf)))
    assert not fb and "index" in fb.message
    assert not check.hard_task_optimum(None).answered


def test_gain_check():
    ref = gain.detection_accuracy(2.0, "network") - gain.detection_accuracy(1.0, "network")
    assert ref > 0.01
    assert check.network_gain_benefit(ref)
    sim = gain.simulate_detection(2.0, n_trials=40000, seed=1).empirical_auc - \
        gain.simulate_detection(1.0, n_trials=40000, seed=1).empirical_auc
    assert abs(sim - ref) < 0.01                      # a Monte-Carlo answer lands near the reference
    fb = check.network_gain_benefit(gain.detection_accuracy(2.0, "single") - gain.detection_accuracy(1.0, "single"))
    assert not fb and "single-unit" in fb.message
    fb = check.network_gain_benefit(gain.detection_accuracy(2.0, "network"))
    assert not fb and "subtract" in fb.message
    assert not check.network_gain_benefit(None).answered


def test_waking_to_sleep_rate_ratio_check():
    # NitzSiegel1997 ranges: active waking 1-2 Hz, slow-wave sleep 0.3-0.7 Hz; the model uses midpoints
    assert check.waking_to_sleep_rate_ratio(1.5 / 0.5).passed
    assert "sleep divided by waking" in check.waking_to_sleep_rate_ratio(0.5 / 1.5).message
    assert "quiet waking" in check.waking_to_sleep_rate_ratio(1.0 / 0.5).message
    assert not check.waking_to_sleep_rate_ratio(None).answered


def test_optimum_variants():
    activity = np.linspace(0, 1, 1001)
    for difficulty in (0.6, 0.7, 0.9):
        perf = adaptive_gain.task_performance(activity, difficulty=difficulty)
        assert check.hard_task_optimum(activity[np.argmax(perf)], difficulty=difficulty)
    website = check.hard_task_optimum(adaptive_gain.optimal_tonic_activity(0.8), difficulty=0.6)
    assert not website and "website" in website.message


def test_arrival_spread_check():
    # nearest target 3 mm (brainstem nuclei), farthest 60 mm (lumbar spinal cord) at 0.5 m/s: 1 mm / (1 m/s) = 1 ms
    assert check.arrival_spread_ms((60 - 3) / 0.5).passed
    assert "farthest target alone" in check.arrival_spread_ms(60 / 0.5).message
    assert "cat" in check.arrival_spread_ms((60 - 3) / 1.2).message
    assert "path length" in check.arrival_spread_ms(60 - 3).message
    assert not check.arrival_spread_ms(None).answered


def test_alpha2_block_rate_check():
    from ne_lib import locus_coeruleus as lc

    # with the brake gone the rate equals the drive r0 (1 + G A(r0)), A = c / (1 + c), c = k r0 / K_alpha2A
    p, r0 = lc.DEFAULT_PARAMS, lc.tonic_rate_hz("quiet_wake")
    c = p.somatodendritic_ne_nM_per_hz * r0 / p.alpha2a_k_nM
    by_hand = 1 + p.somatodendritic_gain * c / (1 + c)
    assert 1.3 < by_hand < 1.5            # "full alpha2 block then speeds firing by ~40%"
    assert check.alpha2_block_rate_ratio(by_hand).passed
    assert "on top" in check.alpha2_block_rate_ratio(1 / by_hand).message
    assert "difference" in check.alpha2_block_rate_ratio((by_hand - 1) * r0).message
    assert not check.alpha2_block_rate_ratio(None).answered


def _grid_optimum(difficulty):
    activity = np.linspace(0, 1, 100001)
    perf = adaptive_gain.task_performance(activity, difficulty=difficulty)
    return activity[np.argmax(perf)], perf.max()


def test_optimum_shift_check():
    # harder tasks peak at lower tonic activity (the Yerkes-Dodson direction): found on a grid, not by the formula
    shift = _grid_optimum(0.1)[0] - _grid_optimum(0.9)[0]
    assert shift > 0
    assert check.optimum_shift_with_difficulty(shift).passed
    assert "wrong way round" in check.optimum_shift_with_difficulty(-shift).message
    assert "ratio" in check.optimum_shift_with_difficulty(_grid_optimum(0.1)[0] / _grid_optimum(0.9)[0]).message
    assert not check.optimum_shift_with_difficulty(None).answered


def test_stressed_performance_check():
    best = _grid_optimum(0.5)[1]
    stressed = float(adaptive_gain.task_performance(0.9, 0.5))
    assert 0 < stressed < best            # the falling limb of the inverted U
    assert check.stressed_performance_share(stressed / best).passed
    assert "itself" in check.stressed_performance_share(stressed).message
    assert "on top" in check.stressed_performance_share(best / stressed).message
    assert "drop" in check.stressed_performance_share(best - stressed).message
    assert not check.stressed_performance_share(None).answered


@pytest.mark.parametrize("name", ["arrival_spread_ms", "alpha2_block_rate_ratio", "optimum_shift_with_difficulty",
                                  "stressed_performance_share"])
def test_new_checks_reject_far_off_answers(name):
    fn = getattr(check, name)
    assert not fn(1e6).passed and not fn(-50.0).passed and not fn("a lot").passed
