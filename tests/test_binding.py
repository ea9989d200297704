"""ne_lib.binding: the one implementation of single-site occupancy, its inverse and competition."""

from __future__ import annotations

import numpy as np
import pytest

from ne_lib import binding, drugs, receptors

_RNG = np.random.default_rng(20)
#: log-uniform concentrations and constants over nine decades (seeded: the same cases every run)
_VALUES = [tuple(10.0 ** _RNG.uniform(-3, 6, 4)) for _ in range(40)]


@pytest.mark.parametrize("conc, k, _b, _kb", _VALUES)
def test_occupancy_is_a_fraction_and_half_at_k(conc, k, _b, _kb):
    occ = binding.occupancy(conc, k)
    assert 0.0 <= occ < 1.0
    assert binding.occupancy(k, k) == pytest.approx(0.5)
    assert binding.occupancy(0.0, k) == 0.0


@pytest.mark.parametrize("fraction", [0.0, 1e-6, 0.1, 0.5, 0.9, 0.999])
@pytest.mark.parametrize("k", [1e-3, 1.0, 340.0, 1e6])
def test_inverse_round_trips(fraction, k):
    conc = binding.concentration_for_occupancy(fraction, k)
    assert binding.occupancy(conc, k) == pytest.approx(fraction, abs=1e-9)


@pytest.mark.parametrize("c, k, b, kb", _VALUES)
def test_shares_of_competitors_add_up_and_match_the_schild_shift(c, k, b, kb):
    ligand = binding.occupancy_with_competitors(c, k, [(b, kb)])
    other = binding.occupancy_with_competitors(b, kb, [(c, k)])
    free = 1.0 / (1.0 + c / k + b / kb)
    assert ligand + other + free == pytest.approx(1.0)                      # conservation of sites
    assert ligand == pytest.approx(binding.occupancy(c, k * binding.dose_ratio(b, kb)))   # Gaddum = Schild


def test_arrays_in_arrays_out():
    out = binding.occupancy(np.array([0.0, 1.0, 3.0]), 1.0)
    assert isinstance(out, np.ndarray) and out.tolist() == [0.0, 0.5, 0.75]
    assert isinstance(binding.occupancy(1.0, 1.0), float)


@pytest.mark.parametrize("call, exc, word", [
    (lambda: binding.occupancy(-1.0, 1.0), ValueError, "conc_nM"),
    (lambda: binding.occupancy(1.0, 0.0), ValueError, "k_nM"),
    (lambda: binding.occupancy([1.0, np.nan], 1.0), ValueError, "conc_nM"),
    (lambda: binding.occupancy("1", 1.0), TypeError, "conc_nM"),
    (lambda: binding.concentration_for_occupancy(1.0, 5.0), ValueError, "occupancy must be < 1"),
    (lambda: binding.concentration_for_occupancy(-0.1, 5.0), ValueError, "occupancy"),
    (lambda: binding.occupancy_with_competitors(1.0, 1.0, [(1.0,)]), TypeError, "competitors"),
    (lambda: binding.occupancy(1.0, 1.0, conc_name="free_conc_nM") and binding.occupancy(-1, 1, conc_name="dose"),
     ValueError, "dose"),
])
def test_bad_input_names_the_parameter(call, exc, word):
    with pytest.raises(exc, match=word):
        call()


def test_every_former_copy_is_now_the_binding_formula():
    # receptors, transporters and PET dose-occupancy: one hyperbola
    assert receptors.occupancy(120.0, "alpha1") == binding.occupancy(120.0, receptors.NE_AFFINITY_nM["alpha1"])
    assert drugs.transporter_occupancy(12.0, 5.0) == binding.occupancy(12.0, 5.0)
    assert drugs.dose_occupancy(0.3, 0.14) == binding.occupancy(0.3, 0.14)
    assert receptors.antagonist_occupancy(3.0, 1.5, 56.0, 56.0) == pytest.approx(
        binding.occupancy_with_competitors(3.0, 1.5, [(56.0, 56.0)]))
    k = drugs.affinity_nM("atomoxetine", "NET")
    assert drugs.concentration_for_occupancy_nM("atomoxetine", 0.8) == binding.concentration_for_occupancy(0.8, k)
    assert receptors.concentration_for_occupancy_nM(0.8, "beta1") == binding.concentration_for_occupancy(
        0.8, receptors.NE_AFFINITY_nM["beta1"])
