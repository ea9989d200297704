"""Tests for ne_lib.projections (LC targets and conduction delays)."""

import numpy as np
import pytest

from ne_lib import projections as pj


def test_delay_is_distance_over_velocity_with_units():
    # 10 mm at 1 m/s = 0.010 m / 1 m/s = 0.010 s = 10 ms
    assert pj.conduction_delay_ms(10.0, 1.0) == pytest.approx(10.0)
    # 60 mm at 0.5 m/s = 0.06 / 0.5 s = 120 ms
    assert pj.conduction_delay_ms(60.0, 0.5) == pytest.approx(120.0)
    # Watabe 1982: dorsal-bundle antidromic latency 8.9 ms at 1.2 m/s implies about 10.7 mm of axon
    assert pj.conduction_delay_ms(8.9e-3 * 1.2 * 1e3, 1.2) == pytest.approx(8.9)


def test_delay_scales_linearly_and_inversely():
    lengths = np.array([1.0, 5.0, 20.0])
    d1 = pj.conduction_delay_ms(lengths, 0.5)
    np.testing.assert_allclose(pj.conduction_delay_ms(2 * lengths, 0.5), 2 * d1)
    np.testing.assert_allclose(pj.conduction_delay_ms(lengths, 1.0), d1 / 2)


def test_targets_cover_the_broadcast_and_sparse_striatum():
    keys = {t.key for t in pj.TARGETS}
    for needed in ["frontal_cortex", "hippocampus", "thalamus", "hypothalamus", "amygdala",
                   "basal_forebrain", "cerebellum", "brainstem", "spinal_cord", "striatum"]:
        assert needed in keys
    dens = {t.key: t.density for t in pj.TARGETS}
    assert dens["striatum"] == "sparse" and dens["frontal_cortex"] == "dense"


def test_rat_slower_than_cat_and_delays_ordered_by_path():
    assert pj.CONDUCTION_VELOCITY_M_PER_S["rat"] < pj.CONDUCTION_VELOCITY_M_PER_S["cat"] == 1.2
    rat = pj.target_delays_ms(pj.CONDUCTION_VELOCITY_M_PER_S["rat"])
    cat = pj.target_delays_ms(pj.CONDUCTION_VELOCITY_M_PER_S["cat"])
    assert all(rat[k] > cat[k] for k in rat)
    assert rat["spinal_cord"] > rat["frontal_cortex"] > rat["cerebellum"]


def test_bad_inputs_raise():
    with pytest.raises(ValueError, match="velocity_m_per_s"):
        pj.conduction_delay_ms(10.0, 0.0)
    with pytest.raises(ValueError, match="path_length_mm"):
        pj.conduction_delay_ms(-1.0, 1.0)
    with pytest.raises(ValueError, match="path_length_mm"):
        pj.conduction_delay_ms([1.0, -2.0], 1.0)
    with pytest.raises(TypeError, match="velocity_m_per_s"):
        pj.target_delays_ms("fast")
