"""Tests for ne_lib.signaling: directions, limits and the balance of Gs against Gi."""

import numpy as np
import pytest

from ne_lib import receptors, signaling as sg


def test_no_ne_gives_basal_messengers():
    assert sg.camp_relative(0.0, 0.0) == 1.0
    assert sg.ip3_relative(0.0) == 1.0
    assert sg.calcium_nM(0.0) == sg.CA_REST_nM


def test_gs_raises_and_gi_lowers_camp():
    occ = np.linspace(0, 1, 11)
    assert np.all(np.diff(sg.camp_relative(occ, 0.0)) > 0)
    assert np.all(np.diff(sg.camp_relative(0.0, occ)) < 0)
    # limits set by the stated maxima
    assert sg.camp_relative(1.0, 0.0) == pytest.approx(1 + sg.GS_MAX_STIMULATION)
    assert sg.camp_relative(0.0, 1.0) == pytest.approx(1 / (1 + sg.GI_MAX_INHIBITION))


def test_gs_and_gi_can_cancel():
    """Stimulation and inhibition balance where (1 + s*b) = (1 + i*a)."""
    a = 0.45
    b = sg.GI_MAX_INHIBITION * a / sg.GS_MAX_STIMULATION
    assert sg.camp_relative(b, a) == pytest.approx(1.0)


def test_calcium_is_monotonic_and_bounded():
    occ = np.linspace(0, 1, 50)
    ca = sg.calcium_nM(occ)
    assert np.all(np.diff(ca) > 0)
    assert ca[-1] < sg.CA_REST_nM + sg.CA_MAX_RISE_nM
    assert sg.calcium_nM(sg.CA_HALF_OCCUPANCY) == pytest.approx(sg.CA_REST_nM + sg.CA_MAX_RISE_nM / 2)


def test_pfc_cell_camp_dips_then_rises_with_ne():
    """High-affinity alpha2A (Gi) is engaged first, lower-affinity beta1 (Gs) later: a biphasic cAMP curve."""
    ne = np.logspace(0, 5, 400)
    r = sg.cell_response(ne, "pfc")
    i_min = int(np.argmin(r.camp_relative))
    assert r.camp_relative[i_min] < 0.8
    assert 10 < ne[i_min] < 1000
    assert r.camp_relative[-1] > 1.5   # beta1 wins at high NE
    # a cell with only beta1 never dips
    beta = sg.cell_response(ne, "beta_only")
    assert np.all(np.diff(beta.camp_relative) >= 0)


def test_antagonist_removes_its_receptor_effect():
    ne = np.array([100.0])
    no_drug = sg.cell_response(ne, "alpha2_only")
    yoh = sg.cell_response(ne, "alpha2_only", "yohimbine", 1000.0)
    assert yoh.camp_relative[0] > no_drug.camp_relative[0]
    assert yoh.occupancy["alpha2A"][0] == pytest.approx(
        receptors.occupancy_with_antagonist(100.0, "alpha2A", "yohimbine", 1000.0))


def test_bad_input():
    with pytest.raises(ValueError, match="beta_occupancy"):
        sg.camp_relative(1.5)
    with pytest.raises(ValueError, match="alpha1_occupancy"):
        sg.calcium_nM([0.2, 2.0])
    with pytest.raises(ValueError, match="cell"):
        sg.cell_response([1.0], "heart")
    with pytest.raises(ValueError, match="ne_nM"):
        sg.cell_response([-1.0])
