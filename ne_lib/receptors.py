"""Adrenergic receptors: subtypes, G-protein coupling, NE affinities, occupancy and competitive antagonism.

Model (an assumption, stated wherever it is used): a ligand binds one site on the
receptor, reversibly, at equilibrium (the law of mass action). The fraction of
receptors occupied by NE at a free concentration ``C`` is then

    occupancy = C / (C + K)

with ``K`` the equilibrium dissociation constant (the concentration giving 50%
occupancy). A competitive antagonist at concentration ``B`` with dissociation
constant ``K_B`` multiplies the apparent ``K`` of NE by ``1 + B/K_B`` (Gaddum's
equation); that factor is the *dose ratio* of Schild analysis, so

    log10(dose ratio - 1) = log10(B) - log10(K_B)      (Schild plot, slope 1).

Occupancy is not response: with spare receptors a tissue responds fully at low
occupancy. The course plots occupancy as the simplest proxy for receptor activity.

The formulas themselves live once, in :mod:`ne_lib.binding`; this module supplies the
receptors' constants. To ask "what if alpha1 bound NE twice as tightly?", pass
``params=ReceptorParams(alpha1_k_nM=170.0)`` to any function here.

Public interface used by other chapters (keep stable):
``occupancy(conc_nM, receptor, params=None)`` and ``NE_AFFINITY_nM`` (read-only mapping, nM).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Mapping

import numpy as np

from ne_lib import binding, input_checks

#: Assumptions and simplifications, shown on the book's validation page.
ASSUMPTIONS: tuple[str, ...] = (
    "Ligands bind one site reversibly at equilibrium (mass action), so occupancy is C / (C + K).",
    "Occupancy stands in for receptor activity: spare receptors, efficacy and signal amplification are "
    "left out.",
    "Antagonists are purely competitive (Gaddum and Schild, slope 1), and a drug with no dissociation "
    "constant at a receptor is treated as not binding it.",
    "Only the alpha1 affinity for NE is a primary measurement (KA in rabbit aorta, BesseFurchgott1976); "
    "the alpha2A and beta1 values come from a secondary compilation and beta2 is set ten times weaker "
    "than beta1, all illustrative.",
    "Tissues and species are mixed: a functional constant from rabbit aorta and compiled binding "
    "constants are all applied to receptors in the brain.",
    "Of the antagonist constants, prazosin's is taken from GtoPdbAdrenoceptors, propranolol's beta1 "
    "over beta2 ratio from Baker2005 with an illustrative absolute value, and yohimbine's is "
    "illustrative.",
    "Binding is instantaneous, with no binding kinetics, desensitisation or internalisation of receptors.",
)


__all__ = [
    "ReceptorParams", "DEFAULT_PARAMS", "Receptor", "RECEPTORS", "NE_AFFINITY_nM", "RECEPTOR_NAMES", "Antagonist", "ANTAGONISTS", "AGONISTS",
    "occupancy", "occupancy_with_antagonist", "dose_ratio", "schild_log_dr_minus_1",
    "antagonist_occupancy", "ec50_shifted_nM", "concentration_for_occupancy_nM",
]


@input_checks.domain(ne_k_nM=input_checks.Interval(0.0, open_low=True, none_ok=True))
@dataclass(frozen=True)
class Receptor:
    """One adrenergic receptor subtype as taught in the course."""

    name: str
    family: str               # "alpha1", "alpha2" or "beta"
    g_protein: str            # "Gq", "Gi/o", "Gs"
    pathway: str              # what the G protein does inside the cell, in words
    where: str                # where the receptor sits in the brain
    ne_k_nM: float | None     # NE dissociation constant (nM); None where the fact base has no number
    k_source: str             # citation key, or "illustrative" with the reason


#: The subtypes with an NE affinity. Values and their status:
#: alpha1 340 nM: KA of l-NE at rabbit-aorta alpha1 receptors, 3.39e-7 M (BesseFurchgott1976, grade A);
#:   a binding Ki of ~330 nM from a secondary compilation agrees.
#: alpha2A 56 nM and beta1 740 nM: Ki values from a secondary compilation (fact base grade B, primary
#:   not checked), so labelled illustrative here and in the prose.
#: beta2 7400 nM: illustrative, set 10x weaker than beta1 because NE is ~10-fold selective for beta1
#:   over beta2 (fact base, grade B); the potency order isoproterenol > adrenaline > NE at beta2 is
#:   from GtoPdbAdrenoceptors.
@dataclass(frozen=True)
class ReceptorParams:
    """NE's dissociation constant at each receptor subtype, nM (the defaults are the course's values)."""

    alpha1_k_nM: float = 340.0     # BesseFurchgott1976 (KA 0.339 uM, rabbit aorta)
    alpha2A_k_nM: float = 56.0     # illustrative (fact base grade B: Ki ~56 nM, secondary compilation)
    beta1_k_nM: float = 740.0      # illustrative (fact base grade B: Ki ~740 nM, secondary compilation)
    beta2_k_nM: float = 7400.0     # illustrative (10x beta1: NE ~10-fold beta1-selective, fact base grade B)

    def __post_init__(self):
        for f in fields(self):
            input_checks.positive(f.name, getattr(self, f.name))

    def k_nM(self, receptor: str) -> float:
        """NE's K (nM) at ``receptor`` (one of :data:`RECEPTOR_NAMES`)."""
        return float(getattr(self, f"{_receptor_name(receptor)}_k_nM"))

    def as_mapping(self) -> Mapping[str, float]:
        return MappingProxyType({name: self.k_nM(name) for name in RECEPTOR_NAMES})


#: Names accepted by :func:`occupancy`.
RECEPTOR_NAMES: tuple[str, ...] = ("alpha1", "alpha2A", "beta1", "beta2")

#: The course's defaults, cited in :class:`ReceptorParams`.
DEFAULT_PARAMS = ReceptorParams()

#: NE's K (nM) by receptor, read-only (the defaults of :class:`ReceptorParams`).
NE_AFFINITY_nM: Mapping[str, float] = MappingProxyType({
    "alpha1": DEFAULT_PARAMS.alpha1_k_nM, "alpha2A": DEFAULT_PARAMS.alpha2A_k_nM,
    "beta1": DEFAULT_PARAMS.beta1_k_nM, "beta2": DEFAULT_PARAMS.beta2_k_nM,
})

RECEPTORS = MappingProxyType({
    "alpha1": Receptor(
        "alpha1", "alpha1", "Gq",
        "Gq activates phospholipase C, which splits PIP2 into IP3 (releases Ca2+ from internal stores) "
        "and DAG (activates protein kinase C)",
        "mostly postsynaptic; in prefrontal cortex engaged at high (stress) NE levels",
        NE_AFFINITY_nM["alpha1"], "BesseFurchgott1976"),
    "alpha2A": Receptor(
        "alpha2A", "alpha2", "Gi/o",
        "Gi/o inhibits adenylyl cyclase (less cAMP), opens K+ channels and inhibits voltage-gated "
        "Ca2+ channels, so the cell is quieter and releases less",
        "presynaptic autoreceptor on NE terminals (dominant at high firing rates), somatodendritic on LC "
        "neurons, postsynaptic on prefrontal dendritic spines",
        NE_AFFINITY_nM["alpha2A"], "illustrative (fact base grade B)"),
    "alpha2C": Receptor(
        "alpha2C", "alpha2", "Gi/o",
        "as alpha2A",
        "presynaptic autoreceptor, dominant at low firing rates (Hein1999)",
        None, "NF: no NE affinity in the fact base"),
    "beta1": Receptor(
        "beta1", "beta", "Gs",
        "Gs stimulates adenylyl cyclase: more cAMP, which activates protein kinase A (PKA)",
        "neurons (for example cortex, hippocampus, amygdala); heart",
        NE_AFFINITY_nM["beta1"], "illustrative (fact base grade B)"),
    "beta2": Receptor(
        "beta2", "beta", "Gs",
        "as beta1",
        "neurons (Davare2001), glia and blood vessels in the brain; airway and vessels in the body",
        NE_AFFINITY_nM["beta2"], "illustrative (10x beta1)"),
})


@input_checks.domain(k_b_nM=input_checks.Fixed(lambda: MappingProxyType({"alpha1": 1.0})))
@dataclass(frozen=True)
class Antagonist:
    """A competitive antagonist: K_B (nM) at each receptor where the course gives it one."""

    name: str
    k_b_nM: MappingProxyType   # receptor name -> K_B in nM
    source: str


#: Competitive antagonists used in the figures and exercises.
#: prazosin at alpha1: [3H]prazosin Kd 0.25 nM (GtoPdbAdrenoceptors); not given at alpha2A
#:   (its pKi ~7.5 is at alpha2B/2C, subtypes the course does not model).
#: yohimbine at alpha2A: pKi 8-9 is general knowledge (grade GK), so K_B = 3 nM is illustrative.
#: propranolol: absolute K_B illustrative (1 nM at beta2); the 8.3-fold beta2 > beta1 preference
#:   is from Baker2005, giving 8.3 nM at beta1.
ANTAGONISTS = MappingProxyType({
    "prazosin": Antagonist("prazosin", MappingProxyType({"alpha1": 0.25}),   # GtoPdbAdrenoceptors
                           "GtoPdbAdrenoceptors"),
    "yohimbine": Antagonist("yohimbine", MappingProxyType({"alpha2A": 3.0}),  # illustrative (pKi 8-9, GK)
                            "illustrative"),
    "propranolol": Antagonist("propranolol", MappingProxyType({"beta2": 1.0,      # illustrative
                                                                "beta1": 8.3}),   # 8.3x weaker: Baker2005
                              "Baker2005 (ratio); absolute value illustrative"),
})

#: Agonists a student meets, with the receptors they prefer (words only; numbers where the fact base
#: has them are in the comments).
AGONISTS = MappingProxyType({
    "clonidine": "alpha2 partial agonist (also imidazoline I1 sites); Ki alpha2A ~43 nM (grade B, low)",
    "guanfacine": "alpha2A-preferring agonist (affinity not in the fact base)",
    "dexmedetomidine": "alpha2 agonist, active enantiomer of medetomidine (SavolaVirtanen1991; Virtanen1988)",
    "phenylephrine": "alpha1 agonist; about 0.2x the affinity of NE at alpha1 (BesseFurchgott1976)",
    "isoproterenol": "non-selective beta agonist, most potent agonist at beta1 and beta2 (GtoPdbAdrenoceptors)",
})


def _receptor_name(receptor) -> str:
    if not isinstance(receptor, str):
        raise TypeError(f"receptor must be a string, one of {list(RECEPTOR_NAMES)}, got {type(receptor).__name__}")
    return input_checks.one_of("receptor", receptor, RECEPTOR_NAMES)


def _params(params) -> ReceptorParams:
    return input_checks.parameter_set(params, DEFAULT_PARAMS)


def _receptor_k(receptor, params: ReceptorParams | None = None) -> float:
    return _params(params).k_nM(receptor)


@input_checks.domain(conc_nM=input_checks.Interval(0.0, 1e9, shape="either"),
                     receptor=input_checks.OneOf(RECEPTOR_NAMES))
def occupancy(conc_nM, receptor: str, params: ReceptorParams | None = None):
    """Fraction (0..1) of ``receptor`` occupied by NE at free concentration ``conc_nM`` (nM).

    ``receptor`` is one of ``"alpha1"``, ``"alpha2A"``, ``"beta1"``, ``"beta2"``. Accepts a number
    (returns a float) or an array (returns an array). One-site mass-action binding
    (:func:`ne_lib.binding.occupancy`) with the K of ``params`` (default :data:`NE_AFFINITY_nM`);
    exactly 0.5 at ``conc_nM == K``.
    """
    return binding.occupancy(conc_nM, _receptor_k(receptor, params), conc_name="conc_nM")


def dose_ratio(antagonist_nM: float, k_b_nM: float) -> float:
    """Schild dose ratio 1 + B/K_B: how many times more NE is needed for the same occupancy."""
    return binding.dose_ratio(antagonist_nM, k_b_nM, competitor_name="antagonist_nM", k_name="k_b_nM")


def schild_log_dr_minus_1(antagonist_nM, k_b_nM: float):
    """log10(dose ratio - 1) = log10(B / K_B): the y-axis of a Schild plot (B > 0, nM)."""
    kb = input_checks.positive("k_b_nM", k_b_nM)
    b, is_array = binding.concentration("antagonist_nM", antagonist_nM)
    if np.any(np.asarray(b) <= 0):
        raise ValueError("antagonist_nM must be > 0 for a Schild plot (log of zero)")
    out = np.log10(b / kb)
    return out if is_array else float(out)


def _antagonist_k_b(antagonist: str, receptor: str) -> float | None:
    if not isinstance(antagonist, str):
        raise TypeError(f"antagonist must be a string, one of {list(ANTAGONISTS)}")
    input_checks.one_of("antagonist", antagonist, list(ANTAGONISTS))
    return ANTAGONISTS[antagonist].k_b_nM.get(receptor)


def _shift(receptor: str, antagonist: str, antagonist_nM: float) -> float:
    """The factor by which ``antagonist`` raises NE's apparent K at ``receptor`` (1 if it does not bind it)."""
    b = input_checks.non_negative("antagonist_nM", antagonist_nM)
    if antagonist == "none":
        return 1.0
    k_b = _antagonist_k_b(antagonist, receptor)
    return 1.0 if k_b is None else binding.dose_ratio(b, k_b)


@input_checks.domain(receptor=input_checks.OneOf(RECEPTOR_NAMES))
def occupancy_with_antagonist(conc_nM, receptor: str, antagonist: str = "none", antagonist_nM: float = 0.0,
                              params: ReceptorParams | None = None):
    """NE occupancy of ``receptor`` with a competitive antagonist present (Gaddum's equation).

    ``antagonist`` is ``"none"`` or a key of :data:`ANTAGONISTS`; a drug with no K_B at this receptor
    is treated as not binding it (its selectivity). ``antagonist_nM`` is its free concentration.
    """
    k = _receptor_k(receptor, params)
    return binding.occupancy(conc_nM, k * _shift(receptor, antagonist, antagonist_nM), conc_name="conc_nM")


def antagonist_occupancy(antagonist_nM: float, k_b_nM: float, conc_ne_nM: float = 0.0, ne_k_nM: float = 1.0) -> float:
    """Fraction of receptors held by a competitive antagonist, optionally with NE competing."""
    c = input_checks.non_negative("conc_ne_nM", conc_ne_nM)
    k = input_checks.positive("ne_k_nM", ne_k_nM)
    return binding.occupancy_with_competitors(antagonist_nM, k_b_nM, [(c, k)], conc_name="antagonist_nM",
                                              k_name="k_b_nM")


@input_checks.domain(receptor=input_checks.OneOf(RECEPTOR_NAMES))
def ec50_shifted_nM(receptor: str, antagonist: str = "none", antagonist_nM: float = 0.0,
                    params: ReceptorParams | None = None) -> float:
    """NE concentration (nM) for 50% occupancy of ``receptor`` with the antagonist present."""
    return _receptor_k(receptor, params) * _shift(receptor, antagonist, antagonist_nM)


@input_checks.domain(fraction=input_checks.Interval(0.0, 1.0, open_high=True),
                     receptor=input_checks.OneOf(RECEPTOR_NAMES))
def concentration_for_occupancy_nM(fraction: float, receptor: str, params: ReceptorParams | None = None) -> float:
    """Inverse of :func:`occupancy`: NE (nM) that occupies ``fraction`` (0 <= f < 1) of ``receptor``."""
    return binding.concentration_for_occupancy(fraction, _receptor_k(receptor, params), fraction_name="fraction")
