"""Science tests for ne_lib.logistic_gain (Servan-Schreiber, Printz & Cohen 1990)."""

import numpy as np
import pytest
from scipy.stats import norm

from ne_lib import logistic_gain as gain


def test_logistic_midpoint_slope_and_limits():
    for g in (0.5, 1.0, 3.0):
        assert gain.logistic_activation(gain.THRESHOLD, g) == pytest.approx(0.5)
        # slope at the midpoint of a logistic is gain / 4
        h = 1e-6
        slope = (gain.logistic_activation(gain.THRESHOLD + h, g)
                 - gain.logistic_activation(gain.THRESHOLD - h, g)) / (2 * h)
        assert slope == pytest.approx(g / 4, rel=1e-5)
    x = np.linspace(-50, 50, 101)
    a = gain.logistic_activation(x, 20.0)
    assert np.all((a >= 0) & (a <= 1)) and np.all(np.diff(a) >= 0)


def test_higher_gain_strengthens_signal_and_quiets_background():
    s1, n1 = gain.mean_activation(1.0)
    s3, n3 = gain.mean_activation(3.0)
    assert s3 > s1 and n3 < n1
    # symmetric task: signal and no-signal means mirror each other about 0.5
    assert s1 + n1 == pytest.approx(1.0, abs=1e-9)


@pytest.mark.parametrize("g", [0.1, 0.5, 1.0, 2.0, 5.0, 15.0])
def test_single_unit_gain_does_not_change_detection(g):
    # a monotonic transform cannot change the ROC: AUC = Phi(d'/sqrt2), d' = 1 / 0.5 = 2
    expected = norm.cdf((gain.SIGNAL_INPUT - gain.NOISE_INPUT) / gain.INPUT_NOISE_SD / np.sqrt(2))
    assert gain.detection_accuracy(g, "single") == pytest.approx(expected, abs=1e-12)
    sim = gain.simulate_detection(g, "single", n_trials=20000, seed=4)
    assert sim.empirical_auc == pytest.approx(expected, abs=0.01)   # Monte-Carlo SE ~0.002


def test_network_gain_improves_detection():
    # the Servan-Schreiber (1990) result: in a chain of noisy units, gain improves detection
    gains = [0.25, 0.5, 1.0, 2.0, 3.0]
    auc = [gain.detection_accuracy(g, "network") for g in gains]
    assert np.all(np.diff(auc) > 0.005)
    # the network never beats the single unit that feeds it (noise only adds): data-processing inequality
    assert max(auc) < gain.single_unit_accuracy()


@pytest.mark.parametrize("g", [0.3, 1.0, 4.0, 12.0])
def test_quadrature_agrees_with_monte_carlo(g):
    sim = gain.simulate_detection(g, "network", n_trials=40000, seed=9)
    assert gain.detection_accuracy(g, "network") == pytest.approx(sim.empirical_auc, abs=0.01)


def test_gain_near_zero_network_is_near_chance():
    assert gain.detection_accuracy(0.05, "network") < 0.56


def test_seeded_simulation_reproducible():
    a = gain.simulate_detection(2.0, seed=3, n_trials=100)
    b = gain.simulate_detection(2.0, seed=3, n_trials=100)
    np.testing.assert_array_equal(a.signal_trials, b.signal_trials)


def test_bad_inputs_raise():
    with pytest.raises(ValueError, match="gain"):
        gain.detection_accuracy(0.0)
    with pytest.raises(ValueError, match="gain"):
        gain.logistic_activation(0.3, gain=float("nan"))
    with pytest.raises(TypeError, match="gain"):
        gain.mean_activation("high")
    with pytest.raises(ValueError, match="readout"):
        gain.detection_accuracy(1.0, "brain")
    with pytest.raises(ValueError, match="net_input"):
        gain.logistic_activation([0.1, float("inf")])
    with pytest.raises(TypeError, match="net_input"):
        gain.logistic_activation("strong")
    with pytest.raises(ValueError, match="n_trials"):
        gain.simulate_detection(1.0, n_trials=1)
