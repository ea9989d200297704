"""Second messengers downstream of adrenergic receptors: a deliberately simple, illustrative model.

Receptor occupancies (from :mod:`ne_lib.receptors`) drive two messengers:

* **cAMP** is made by adenylyl cyclase, which Gs (beta receptors) stimulates and Gi/o
  (alpha2 receptors) inhibits. Relative to the level with no NE,

      cAMP = (1 + GS_MAX_STIMULATION * occ_beta) / (1 + GI_MAX_INHIBITION * occ_alpha2)

  so beta occupancy raises it, alpha2 occupancy lowers it, and the two can cancel.
* **IP3 and Ca2+**: Gq (alpha1) activates phospholipase C; IP3 releases Ca2+ from the
  endoplasmic reticulum. Cytosolic Ca2+ rises along a Hill curve of alpha1 occupancy.

All gains and the Ca2+ numbers are *illustrative* (chosen to show the directions and the
shapes, not measured); the qualitative wiring is textbook (fact base §3: Gq -> PLC ->
IP3/Ca2+ and DAG; Gi/o -> less cAMP; Gs -> more cAMP -> PKA). Occupancy is taken as a
proxy for activation (no receptor reserve, no desensitisation).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Mapping

import numpy as np

from ne_lib import input_checks, receptors

#: Assumptions and simplifications, shown on the book's validation page.
ASSUMPTIONS: tuple[str, ...] = (
    "A deliberately simple illustrative model: all gains and the Ca2+ numbers are chosen to show "
    "directions and shapes, not measured.",
    "Only the qualitative wiring is textbook: Gq activates PLC and IP3 releases Ca2+, Gi/o lowers cAMP "
    "and Gs raises it; DAG, PKC and PKA are not modelled.",
    "Receptor occupancy is taken as a proxy for activation, with no receptor reserve and no "
    "desensitisation.",
    "cAMP is a ratio of Gs stimulation to Gi/o inhibition, so beta and alpha2 occupancy can cancel each "
    "other.",
    "IP3 rises linearly with alpha1 occupancy and cytosolic Ca2+ follows a Hill curve of it (Hill "
    "coefficient 2, illustrative).",
    "Messengers are steady levels with no time course: no production and breakdown kinetics and no Ca2+ "
    "oscillations.",
    "A cell type is defined only by which receptors it carries (all three in a prefrontal pyramidal "
    "neuron, RamosArnsten2007), with no receptor numbers or densities.",
)


__all__ = ["SignalingParams", "DEFAULT_PARAMS", "GS_MAX_STIMULATION", "GI_MAX_INHIBITION", "CA_REST_nM", "CA_MAX_RISE_nM", "CA_HALF_OCCUPANCY",
           "CA_HILL", "CELL_TYPES", "camp_relative", "ip3_relative", "calcium_nM", "CellResponse",
           "cell_response"]

@dataclass(frozen=True)
class SignalingParams:
    """Gains of the messenger model (all illustrative; see the module docstring)."""

    gs_max_stimulation: float = 9.0   # illustrative: full beta occupancy raises cAMP 10-fold
    gi_max_inhibition: float = 4.0    # illustrative: full alpha2 occupancy cuts cAMP to one fifth
    ip3_max_stimulation: float = 9.0  # illustrative: full alpha1 occupancy raises IP3 10-fold
    ca_rest_nM: float = 100.0         # illustrative: resting cytosolic Ca2+ of order 100 nM
    ca_max_rise_nM: float = 900.0     # illustrative: rise to about 1 uM at full alpha1 occupancy
    ca_half_occupancy: float = 0.5    # illustrative: half the Ca2+ rise at half alpha1 occupancy
    ca_hill: float = 2.0              # illustrative: IP3 receptors open cooperatively

    def __post_init__(self):
        for f in fields(self):
            if f.name == "ca_half_occupancy":
                input_checks.in_range(f.name, self.ca_half_occupancy, 1e-6, 1.0)
            elif f.name == "ca_hill":
                input_checks.in_range(f.name, self.ca_hill, 0.1, 10.0)
            else:
                input_checks.non_negative(f.name, getattr(self, f.name))


#: The course's defaults.
DEFAULT_PARAMS = SignalingParams()

# The defaults under their historical names (vary them through SignalingParams).
GS_MAX_STIMULATION = DEFAULT_PARAMS.gs_max_stimulation
GI_MAX_INHIBITION = DEFAULT_PARAMS.gi_max_inhibition
IP3_MAX_STIMULATION = DEFAULT_PARAMS.ip3_max_stimulation
CA_REST_nM = DEFAULT_PARAMS.ca_rest_nM
CA_MAX_RISE_nM = DEFAULT_PARAMS.ca_max_rise_nM
CA_HALF_OCCUPANCY = DEFAULT_PARAMS.ca_half_occupancy
CA_HILL = DEFAULT_PARAMS.ca_hill

#: Receptor sets of the cell types in the figure (read-only): cell type -> receptors present.
CELL_TYPES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "pfc": ("alpha2A", "alpha1", "beta1"),     # prefrontal pyramidal neuron (RamosArnsten2007): all three
    "beta_only": ("beta1",),
    "alpha2_only": ("alpha2A",),
})


def _params(params) -> SignalingParams:
    return input_checks.parameter_set(params, DEFAULT_PARAMS)


def _occ(name, value):
    if isinstance(value, (list, tuple, np.ndarray)):
        arr = input_checks.finite_array(name, value, min_value=0.0)
        if np.any(arr > 1):
            raise ValueError(f"{name} must contain only values between 0 and 1")
        return arr, True
    return input_checks.fraction(name, value), False


def camp_relative(beta_occupancy, alpha2_occupancy=0.0, params: SignalingParams | None = None):
    """cAMP relative to no NE (1.0) from beta (Gs) and alpha2 (Gi) occupancies, each 0..1."""
    p = _params(params)
    b, arr_b = _occ("beta_occupancy", beta_occupancy)
    a, arr_a = _occ("alpha2_occupancy", alpha2_occupancy)
    out = (1.0 + p.gs_max_stimulation * np.asarray(b)) / (1.0 + p.gi_max_inhibition * np.asarray(a))
    return out if (arr_b or arr_a) else float(out)


def ip3_relative(alpha1_occupancy, params: SignalingParams | None = None):
    """IP3 relative to no NE (1.0) from alpha1 (Gq) occupancy 0..1 (linear in occupancy)."""
    p = _params(params)
    o, is_arr = _occ("alpha1_occupancy", alpha1_occupancy)
    out = 1.0 + p.ip3_max_stimulation * np.asarray(o)
    return out if is_arr else float(out)


def calcium_nM(alpha1_occupancy, params: SignalingParams | None = None):
    """Cytosolic Ca2+ (nM) from alpha1 occupancy 0..1: rest plus a Hill-shaped rise (illustrative)."""
    p = _params(params)
    o, is_arr = _occ("alpha1_occupancy", alpha1_occupancy)
    o = np.asarray(o)
    h = p.ca_hill
    out = p.ca_rest_nM + p.ca_max_rise_nM * o ** h / (o ** h + p.ca_half_occupancy ** h)
    return out if is_arr else float(out)


@input_checks.domain(occupancy=input_checks.Fixed(lambda: {}))
@dataclass(frozen=True)
class CellResponse:
    """Occupancies and messengers of one cell type over NE concentrations ``ne_nM``."""

    ne_nM: np.ndarray
    occupancy: dict          # receptor -> array of occupancies (0 where the receptor is absent)
    camp_relative: np.ndarray
    calcium_nM: np.ndarray


def cell_response(ne_nM, cell: str = "pfc", antagonist: str = "none", antagonist_nM: float = 0.0,
                  params: SignalingParams | None = None,
                  receptor_params: receptors.ReceptorParams | None = None) -> CellResponse:
    """Receptor occupancies, cAMP and Ca2+ of ``cell`` (a key of :data:`CELL_TYPES`) at NE ``ne_nM``.

    An optional competitive ``antagonist`` (a key of ``receptors.ANTAGONISTS``) at ``antagonist_nM``
    shifts the receptors it binds.
    """
    conc = input_checks.finite_array("ne_nM", ne_nM, min_value=0.0)
    input_checks.one_of("cell", cell, list(CELL_TYPES))
    present = CELL_TYPES[cell]
    occ = {}
    for r in ("alpha2A", "alpha1", "beta1"):
        occ[r] = (receptors.occupancy_with_antagonist(conc, r, antagonist, antagonist_nM, receptor_params)
                  if r in present else np.zeros_like(conc))
    camp = camp_relative(occ["beta1"], occ["alpha2A"], params)
    ca = calcium_nM(occ["alpha1"], params)
    return CellResponse(conc, occ, np.asarray(camp), np.asarray(ca))
