"""Science tests for ne_lib.adaptive_gain (Aston-Jones & Cohen 2005 inverted U)."""

import numpy as np
import pytest

from ne_lib import adaptive_gain as ag

GRID = np.linspace(0.0, 1.0, 20001)


@pytest.mark.parametrize("difficulty", [0.0, 0.25, 0.5, 0.75, 1.0])
def test_inverted_u_has_interior_maximum(difficulty):
    perf = ag.task_performance(GRID, difficulty)
    i = int(np.argmax(perf))
    # interior: strictly better than both ends, and the ends are at the floor (drowsy, tonic mode)
    assert 0 < i < len(GRID) - 1
    assert perf[i] > perf[0] + 0.5 and perf[i] > perf[-1] + 0.5
    # rises to the left of the peak, falls to the right of it (single peak: an inverted U)
    assert np.all(np.diff(perf[: i + 1]) >= -1e-12)
    assert np.all(np.diff(perf[i:]) <= 1e-12)


@pytest.mark.parametrize("difficulty", [0.0, 0.3, 0.5, 0.9, 1.0])
def test_optimum_matches_grid_argmax(difficulty):
    # the analytic optimum agrees with a brute-force search of the curve
    a_star = ag.optimal_tonic_activity(difficulty)
    assert 0.0 < a_star < 1.0
    grid_best = GRID[np.argmax(ag.task_performance(GRID, difficulty))]
    assert abs(a_star - grid_best) < 1e-3


def test_optimum_moves_lower_for_harder_tasks():
    # Yerkes & Dodson (1908): the best stimulus strength is lower for a harder discrimination
    optima = [ag.optimal_tonic_activity(d) for d in np.linspace(0, 1, 11)]
    assert np.all(np.diff(optima) < 0)


def test_performance_bounded_and_zero_when_lc_silent():
    for d in (0.0, 0.5, 1.0):
        perf = ag.task_performance(GRID, d)
        assert np.all(perf >= 0) and np.all(perf <= 1)
        assert ag.task_performance(0.0, d) == 0.0   # silent LC (asleep): no task performance
        assert ag.task_performance(1.0, d) == 0.0   # maximal tonic firing: fully distracted


def test_peak_value_and_harder_is_worse():
    for d in (0.0, 0.5, 1.0):
        assert ag.task_performance(ag.optimal_tonic_activity(d), d) == pytest.approx(ag.peak_performance(d))
    assert ag.task_performance(ag.optimal_tonic_activity(0.0), 0.0) == pytest.approx(1.0)
    assert ag.peak_performance(1.0) < ag.peak_performance(0.0)


def test_vectorised_shape_and_scalar_type():
    a = np.array([[0.1, 0.4], [0.6, 0.9]])
    out = ag.task_performance(a, 0.3)
    assert isinstance(out, np.ndarray) and out.shape == (2, 2)
    for idx in np.ndindex(a.shape):
        assert out[idx] == pytest.approx(ag.task_performance(float(a[idx]), 0.3))
    assert isinstance(ag.task_performance(0.4), float)
    assert isinstance(ag.task_performance(np.float64(0.4)), float)
    assert ag.task_performance([0.2, 0.5]).shape == (2,)
    assert isinstance(ag.task_performance(np.array(0.4)), float)


def test_phasic_bursts_largest_at_moderate_tonic():
    amp = ag.phasic_response_amplitude(GRID)
    best = GRID[np.argmax(amp)]
    assert 0.3 < best < 0.7
    assert amp[0] == 0 and amp[-1] == 0


def test_modes_in_order():
    d = 0.5
    assert ag.lc_mode(0.02, d) == "drowsy"
    assert ag.lc_mode(ag.optimal_tonic_activity(d), d) == "phasic"
    assert ag.lc_mode(0.98, d) == "tonic"


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan"), float("inf")])
def test_bad_activity_raises_value_error(bad):
    with pytest.raises(ValueError, match="tonic_activity"):
        ag.task_performance(bad)
    with pytest.raises(ValueError, match="tonic_activity"):
        ag.task_performance(np.array([0.2, bad]))


@pytest.mark.parametrize("bad", [-0.01, 1.01, float("nan")])
def test_bad_difficulty_raises_value_error(bad):
    with pytest.raises(ValueError, match="difficulty"):
        ag.task_performance(0.5, bad)
    with pytest.raises(ValueError, match="difficulty"):
        ag.optimal_tonic_activity(bad)


def test_wrong_types_raise_type_error():
    with pytest.raises(TypeError, match="tonic_activity"):
        ag.task_performance("high")
    with pytest.raises(TypeError, match="tonic_activity"):
        ag.task_performance(True)
    with pytest.raises(TypeError, match="difficulty"):
        ag.task_performance(0.5, "hard")
