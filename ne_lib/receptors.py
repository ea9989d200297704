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

Public interface used by other chapters (keep stable):
``occupancy(conc_nM, receptor)`` and ``NE_AFFINITY_nM`` (dict, nM).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from ne_lib import input_checks

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
    "Receptor", "RECEPTORS", "NE_AFFINITY_nM", "RECEPTOR_NAMES", "Antagonist", "ANTAGONISTS", "AGONISTS",
    "occupancy", "occupancy_with_antagonist", "dose_ratio", "schild_log_dr_minus_1",
    "antagonist_occupancy", "ec50_shifted_nM", "concentration_for_occupancy_nM",
]


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
NE_AFFINITY_nM: dict[str, float] = {
    "alpha1": 340.0,     # BesseFurchgott1976 (KA 0.339 uM, rabbit aorta)
    "alpha2A": 56.0,     # illustrative (fact base grade B: Ki ~56 nM, secondary compilation)
    "beta1": 740.0,      # illustrative (fact base grade B: Ki ~740 nM, secondary compilation)
    "beta2": 7400.0,     # illustrative (10x beta1: NE ~10-fold beta1-selective, fact base grade B)
}

#: Names accepted by :func:`occupancy` (the keys of NE_AFFINITY_nM).
RECEPTOR_NAMES: tuple[str, ...] = tuple(NE_AFFINITY_nM)

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


def _receptor_k(receptor) -> float:
    if not isinstance(receptor, str):
        raise TypeError(f"receptor must be a string, one of {list(RECEPTOR_NAMES)}, got {type(receptor).__name__}")
    input_checks.one_of("receptor", receptor, RECEPTOR_NAMES)
    return NE_AFFINITY_nM[receptor]


def _conc(name: str, value):
    """A non-negative concentration: float in, float out; array in, array out."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return input_checks.finite_array(name, value, min_value=0.0), True
    return input_checks.non_negative(name, value), False


def occupancy(conc_nM, receptor: str):
    """Fraction (0..1) of ``receptor`` occupied by NE at free concentration ``conc_nM`` (nM).

    ``receptor`` is one of ``"alpha1"``, ``"alpha2A"``, ``"beta1"``, ``"beta2"``. Accepts a number
    (returns a float) or an array (returns an array). One-site mass-action binding with the K of
    :data:`NE_AFFINITY_nM`; exactly 0.5 at ``conc_nM == NE_AFFINITY_nM[receptor]``.
    """
    k = _receptor_k(receptor)
    c, is_array = _conc("conc_nM", conc_nM)
    occ = c / (c + k)
    return occ if is_array else float(occ)


def dose_ratio(antagonist_nM: float, k_b_nM: float) -> float:
    """Schild dose ratio 1 + B/K_B: how many times more NE is needed for the same occupancy."""
    b = input_checks.non_negative("antagonist_nM", antagonist_nM)
    kb = input_checks.positive("k_b_nM", k_b_nM)
    return 1.0 + b / kb


def schild_log_dr_minus_1(antagonist_nM, k_b_nM: float):
    """log10(dose ratio - 1) = log10(B / K_B): the y-axis of a Schild plot (B > 0, nM)."""
    kb = input_checks.positive("k_b_nM", k_b_nM)
    b, is_array = _conc("antagonist_nM", antagonist_nM)
    if np.any(np.asarray(b) <= 0):
        raise ValueError("antagonist_nM must be > 0 for a Schild plot (log of zero)")
    out = np.log10(b / kb)
    return out if is_array else float(out)


def _antagonist_k_b(antagonist: str, receptor: str) -> float | None:
    if not isinstance(antagonist, str):
        raise TypeError(f"antagonist must be a string, one of {list(ANTAGONISTS)}")
    input_checks.one_of("antagonist", antagonist, list(ANTAGONISTS))
    return ANTAGONISTS[antagonist].k_b_nM.get(receptor)


def occupancy_with_antagonist(conc_nM, receptor: str, antagonist: str = "none", antagonist_nM: float = 0.0):
    """NE occupancy of ``receptor`` with a competitive antagonist present (Gaddum's equation).

    ``antagonist`` is ``"none"`` or a key of :data:`ANTAGONISTS`; a drug with no K_B at this receptor
    is treated as not binding it (its selectivity). ``antagonist_nM`` is its free concentration.
    """
    k = _receptor_k(receptor)
    c, is_array = _conc("conc_nM", conc_nM)
    b = input_checks.non_negative("antagonist_nM", antagonist_nM)
    shift = 1.0
    if antagonist != "none":
        k_b = _antagonist_k_b(antagonist, receptor)
        if k_b is not None:
            shift = 1.0 + b / k_b
    occ = c / (c + k * shift)
    return occ if is_array else float(occ)


def antagonist_occupancy(antagonist_nM: float, k_b_nM: float, conc_ne_nM: float = 0.0, ne_k_nM: float = 1.0) -> float:
    """Fraction of receptors held by a competitive antagonist, optionally with NE competing."""
    b = input_checks.non_negative("antagonist_nM", antagonist_nM)
    kb = input_checks.positive("k_b_nM", k_b_nM)
    c = input_checks.non_negative("conc_ne_nM", conc_ne_nM)
    k = input_checks.positive("ne_k_nM", ne_k_nM)
    return (b / kb) / (1.0 + b / kb + c / k)


def ec50_shifted_nM(receptor: str, antagonist: str = "none", antagonist_nM: float = 0.0) -> float:
    """NE concentration (nM) for 50% occupancy of ``receptor`` with the antagonist present."""
    k = _receptor_k(receptor)
    b = input_checks.non_negative("antagonist_nM", antagonist_nM)
    if antagonist == "none":
        return k
    k_b = _antagonist_k_b(antagonist, receptor)
    return k if k_b is None else k * (1.0 + b / k_b)


def concentration_for_occupancy_nM(fraction: float, receptor: str) -> float:
    """Inverse of :func:`occupancy`: NE (nM) that occupies ``fraction`` (0 <= f < 1) of ``receptor``."""
    k = _receptor_k(receptor)
    f = input_checks.in_range("fraction", fraction, 0.0, 1.0)
    if f >= 1.0:
        raise ValueError("fraction must be < 1 (full occupancy needs infinite NE)")
    return k * f / (1.0 - f)
