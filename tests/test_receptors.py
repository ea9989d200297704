"""Science tests for ne_lib.receptors: mass-action occupancy, Gaddum/Schild antagonism, cited values."""

import inspect
import math

import numpy as np
import pytest
from scipy.optimize import brentq

from ne_lib import receptors as rc


@pytest.mark.parametrize("receptor", ["alpha1", "alpha2A", "beta1", "beta2"])
def test_half_occupancy_at_the_affinity_constant(receptor):
    k = rc.NE_AFFINITY_nM[receptor]
    assert rc.occupancy(k, receptor) == pytest.approx(0.5, abs=1e-12)
    # mass action: 9 K gives 90 %, K/9 gives 10 %
    assert rc.occupancy(9 * k, receptor) == pytest.approx(0.9, abs=1e-12)
    assert rc.occupancy(k / 9, receptor) == pytest.approx(0.1, abs=1e-12)


def test_occupancy_limits_and_monotonic():
    c = np.logspace(-2, 6, 200)
    for receptor in rc.RECEPTOR_NAMES:
        occ = rc.occupancy(c, receptor)
        assert isinstance(occ, np.ndarray)
        assert np.all(np.diff(occ) > 0)
        assert occ[0] < 1e-3 and occ[-1] > 0.99
        assert rc.occupancy(0.0, receptor) == 0.0


def test_affinity_order_from_fact_base():
    """NE binds alpha2A (tens of nM) more tightly than alpha1 and beta1 (hundreds), beta2 weakest."""
    k = rc.NE_AFFINITY_nM
    assert 10 <= k["alpha2A"] < 100
    assert 100 <= k["alpha1"] < 1000 and 100 <= k["beta1"] < 1000
    assert k["alpha2A"] < k["alpha1"] < k["beta1"] < k["beta2"]


def test_alpha1_affinity_matches_besse_furchgott():
    # KA of l-NE at rabbit aorta alpha receptors: 3.39 +- 0.15 x 10^-7 M (BesseFurchgott1976)
    assert abs(rc.NE_AFFINITY_nM["alpha1"] - 339.0) <= 15.0


def _ec50_by_search(receptor, antagonist, b_nM):
    """NE concentration giving 50 % occupancy, found numerically (not from the formula under test)."""
    return brentq(lambda c: rc.occupancy_with_antagonist(c, receptor, antagonist, b_nM) - 0.5, 1e-6, 1e12,
                  xtol=1e-12, rtol=1e-12)


@pytest.mark.parametrize("antagonist,receptor", [("prazosin", "alpha1"), ("yohimbine", "alpha2A"),
                                                 ("propranolol", "beta1"), ("propranolol", "beta2")])
def test_dose_ratio_follows_one_plus_b_over_kb(antagonist, receptor):
    k_b = rc.ANTAGONISTS[antagonist].k_b_nM[receptor]
    k = rc.NE_AFFINITY_nM[receptor]
    for b in [0.1 * k_b, k_b, 10 * k_b, 300 * k_b]:
        dr = _ec50_by_search(receptor, antagonist, b) / k
        assert dr == pytest.approx(1 + b / k_b, rel=1e-6)
        assert rc.dose_ratio(b, k_b) == pytest.approx(dr, rel=1e-6)


def test_schild_plot_has_slope_one_and_intercept_pkb():
    k_b = rc.ANTAGONISTS["prazosin"].k_b_nM["alpha1"]
    b = np.logspace(-1, 3, 9)
    dr = np.array([_ec50_by_search("alpha1", "prazosin", x) for x in b]) / rc.NE_AFFINITY_nM["alpha1"]
    slope, intercept = np.polyfit(np.log10(b), np.log10(dr - 1), 1)
    assert slope == pytest.approx(1.0, abs=1e-6)
    # x-intercept (log DR-1 = 0) is log10 K_B
    assert -intercept / slope == pytest.approx(math.log10(k_b), abs=1e-6)
    assert np.allclose(rc.schild_log_dr_minus_1(b, k_b), np.log10(dr - 1), atol=1e-6)


def test_antagonist_is_surmountable():
    """A competitive antagonist shifts the curve but enough NE still reaches full occupancy."""
    occ = rc.occupancy_with_antagonist(1e9, "alpha1", "prazosin", 100.0)
    assert occ > 0.99


def test_selectivity_prazosin_spares_beta_yohimbine_spares_alpha1():
    c = 500.0
    assert rc.occupancy_with_antagonist(c, "beta1", "prazosin", 1000.0) == rc.occupancy(c, "beta1")
    assert rc.occupancy_with_antagonist(c, "alpha1", "yohimbine", 1000.0) == rc.occupancy(c, "alpha1")
    assert rc.occupancy_with_antagonist(c, "alpha1", "prazosin", 10.0) < rc.occupancy(c, "alpha1")


def test_propranolol_prefers_beta2_by_baker_ratio():
    kb = rc.ANTAGONISTS["propranolol"].k_b_nM
    assert kb["beta1"] / kb["beta2"] == pytest.approx(8.3, rel=0.01)   # Baker2005


def test_antagonist_occupancy_with_and_without_competition():
    assert rc.antagonist_occupancy(2.0, 2.0) == pytest.approx(0.5)
    # NE competing at its K halves the free sites available: B = K_B now gives 1/3
    assert rc.antagonist_occupancy(2.0, 2.0, conc_ne_nM=56.0, ne_k_nM=56.0) == pytest.approx(1 / 3)


def test_inverse_occupancy():
    for receptor in rc.RECEPTOR_NAMES:
        for f in [0.0, 0.1, 0.5, 0.95]:
            c = rc.concentration_for_occupancy_nM(f, receptor)
            assert rc.occupancy(c, receptor) == pytest.approx(f, abs=1e-12)


def test_ec50_shift_matches_search():
    assert rc.ec50_shifted_nM("alpha2A", "yohimbine", 30.0) == pytest.approx(
        _ec50_by_search("alpha2A", "yohimbine", 30.0), rel=1e-6)
    assert rc.ec50_shifted_nM("beta2") == rc.NE_AFFINITY_nM["beta2"]


def test_public_interface_is_stable():
    sig = inspect.signature(rc.occupancy)
    assert list(sig.parameters)[:2] == ["conc_nM", "receptor"]
    assert all(p.default is not inspect.Parameter.empty for p in list(sig.parameters.values())[2:])
    assert set(rc.NE_AFFINITY_nM) >= {"alpha1", "alpha2A", "beta1", "beta2"}


def test_a_student_can_vary_an_affinity_without_touching_the_module():
    tighter = rc.ReceptorParams(alpha1_k_nM=170.0)
    assert rc.occupancy(170.0, "alpha1", params=tighter) == pytest.approx(0.5)
    assert rc.occupancy(170.0, "alpha1") < 0.5                     # the defaults are untouched
    assert rc.concentration_for_occupancy_nM(0.5, "alpha1", params=tighter) == pytest.approx(170.0)
    assert rc.ec50_shifted_nM("alpha1", "prazosin", 0.25, params=tighter) == pytest.approx(340.0)  # dose ratio 2
    with pytest.raises(ValueError, match="alpha1_k_nM"):
        rc.ReceptorParams(alpha1_k_nM=0.0)
    with pytest.raises(TypeError, match="params"):
        rc.occupancy(1.0, "alpha1", params={"alpha1": 1.0})


def test_tables_are_read_only():
    with pytest.raises(TypeError):
        rc.NE_AFFINITY_nM["alpha1"] = 1.0
    with pytest.raises(TypeError):
        rc.ANTAGONISTS["prazosin"].k_b_nM["alpha1"] = 1.0


@pytest.mark.parametrize("bad,exc,word", [
    (-1.0, ValueError, "conc_nM"), (float("nan"), ValueError, "conc_nM"), ("10", TypeError, "conc_nM"),
    ([1.0, -2.0], ValueError, "conc_nM"), (True, TypeError, "conc_nM")])
def test_bad_concentration_raises(bad, exc, word):
    with pytest.raises(exc, match=word):
        rc.occupancy(bad, "alpha1")


def test_bad_names_raise():
    with pytest.raises(ValueError, match="receptor"):
        rc.occupancy(10.0, "alpha3")
    with pytest.raises(TypeError, match="receptor"):
        rc.occupancy(10.0, None)
    with pytest.raises(ValueError, match="antagonist"):
        rc.occupancy_with_antagonist(10.0, "alpha1", "atropine", 1.0)
    with pytest.raises(ValueError, match="antagonist_nM"):
        rc.occupancy_with_antagonist(10.0, "alpha1", "prazosin", -1.0)
    with pytest.raises(ValueError, match="k_b_nM"):
        rc.dose_ratio(1.0, 0.0)
    with pytest.raises(ValueError, match="antagonist_nM"):
        rc.schild_log_dr_minus_1(0.0, 1.0)
    with pytest.raises(ValueError, match="fraction"):
        rc.concentration_for_occupancy_nM(1.0, "alpha1")
