"""Where the metabolites of norepinephrine (NE) come from: neuron, outside the neuron, liver.

Routing follows Eisenhofer2004:

* **Inside the neuron** MAO-A deaminates cytosolic NE (mostly NE that leaked out of
  vesicles, some recaptured after release) to the aldehyde DOPEGAL, which is reduced to
  **DHPG**. This flux comes from the pathway model (:mod:`ne_lib.synthesis`).
* **Outside the neuron** COMT O-methylates DHPG to **MHPG**, and O-methylates released NE
  that escaped reuptake to **normetanephrine** (a minor route). What COMT does not catch
  leaves unchanged (DHPG, or NE "spillover" into the blood).
* **In the liver** alcohol and aldehyde dehydrogenases turn a large part of MHPG into
  **VMA**, the main end product in urine.

The shares at each branch are **illustrative** (the fact base gives only qualitative
statements), except that the MHPG-to-VMA share is set to 0.55 and the brain's share of
body MHPG to 0.2, both illustrative values placed at the "over half" and "under 20%"
reported in a 1984 review (MHPG1984).
Inhibiting COMT lowers every methylated product; inhibiting MAO-A lowers DHPG and
everything downstream of it, while more NE reaches the vesicles (see :mod:`ne_lib.synthesis`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ne_lib import input_checks, synthesis

#: Assumptions and simplifications, shown on the book's validation page.
ASSUMPTIONS: tuple[str, ...] = (
    "The shares at each branch (COMT against wash-out for DHPG and for escaped NE) are illustrative, "
    "because the fact base gives only qualitative statements (Eisenhofer2004).",
    "The MHPG-to-VMA share (0.55) and the brain's share of body MHPG (0.2) are illustrative values placed "
    "at the over-half and under-20% figures of a 1984 review, not measured fractions.",
    "Fluxes are the steady state of the synthesis model, per volume of the one model neuron; the routing "
    "has no time course of its own.",
    "Neuron, tissue outside the neuron and liver are linked by fixed fractions, with no transport, blood "
    "flow or excretion kinetics.",
    "COMT inhibition lowers COMT activity in proportion to the fraction blocked, while MAO-A inhibition "
    "acts only through the synthesis model.",
    "The urinary MHPG fold assumes that only brain NE turnover changes while the rest of the body stays "
    "at its normal rate.",
)


__all__ = ["MetabolismParams", "DEFAULT_PARAMS", "MetaboliteRouting", "route_metabolites", "urinary_mhpg_fold",
           "DHPG_COMT_TO_WASHOUT", "NE_COMT_TO_WASHOUT", "MHPG_TO_VMA_FRACTION", "BRAIN_SHARE_OF_MHPG"]

@dataclass(frozen=True)
class MetabolismParams:
    """Branch shares of the routing (illustrative; see the module docstring)."""

    dhpg_comt_to_washout: float = 3.0   # illustrative: outside the neuron, COMT catches 3 DHPG for every 1 washed out
    ne_comt_to_washout: float = 1.0     # illustrative: escaped NE, half methylated, half spills over to blood
    mhpg_to_vma_fraction: float = 0.55  # illustrative, at the "over half" of MHPG1984
    brain_share_of_mhpg: float = 0.2    # illustrative, at the "under 20%" of MHPG1984

    def __post_init__(self):
        input_checks.in_range("dhpg_comt_to_washout", self.dhpg_comt_to_washout, 0.0, 1e6)
        input_checks.in_range("ne_comt_to_washout", self.ne_comt_to_washout, 0.0, 1e6)
        input_checks.fraction("mhpg_to_vma_fraction", self.mhpg_to_vma_fraction)
        input_checks.fraction("brain_share_of_mhpg", self.brain_share_of_mhpg)


#: The course's defaults.
DEFAULT_PARAMS = MetabolismParams()

# The defaults under their historical names (vary them through MetabolismParams).
DHPG_COMT_TO_WASHOUT = DEFAULT_PARAMS.dhpg_comt_to_washout
NE_COMT_TO_WASHOUT = DEFAULT_PARAMS.ne_comt_to_washout
MHPG_TO_VMA_FRACTION = DEFAULT_PARAMS.mhpg_to_vma_fraction
BRAIN_SHARE_OF_MHPG = DEFAULT_PARAMS.brain_share_of_mhpg


def _params(params) -> MetabolismParams:
    return input_checks.parameter_set(params, DEFAULT_PARAMS)


@input_checks.domain(pathway=input_checks.Fixed(lambda: synthesis.steady_state()),
                     comt_inhibition=input_checks.Interval(0.0, 1.0))
@dataclass(frozen=True)
class MetaboliteRouting:
    """Steady-state fluxes (µM/h, per volume of the model neuron) of NE and its metabolites."""

    dhpg_formed: float          # neuron: MAO-A on cytosolic NE
    dhpg_unchanged: float       # DHPG leaving without methylation
    mhpg_formed: float          # outside the neuron: COMT on DHPG
    mhpg_unchanged: float       # MHPG not converted to VMA
    vma: float                  # liver: from MHPG
    normetanephrine: float      # outside the neuron: COMT on escaped NE
    ne_spillover: float         # NE leaving unchanged
    pathway: synthesis.PathwayState
    comt_inhibition: float

    @property
    def ne_turnover(self) -> float:
        """All NE leaving the neuron's stores as metabolites or spillover, µM/h."""
        return self.dhpg_formed + self.normetanephrine + self.ne_spillover

    @property
    def end_products(self) -> dict:
        """The final products (their sum equals :attr:`ne_turnover`)."""
        return {"DHPG": self.dhpg_unchanged, "MHPG": self.mhpg_unchanged, "VMA": self.vma,
                "normetanephrine": self.normetanephrine, "NE (spillover)": self.ne_spillover}

    @property
    def intraneuronal_fraction(self) -> float:
        """Share of NE turnover that starts inside the neuron (MAO-A), 0-1; NaN-free (0 if no turnover)."""
        total = self.ne_turnover
        return self.dhpg_formed / total if total > 0 else 0.0

    @property
    def by_compartment(self) -> dict:
        """Metabolite formation split by where it happens, µM/h."""
        return {"neuron (MAO-A)": {"DHPG": self.dhpg_formed},
                "outside the neuron (COMT)": {"MHPG": self.mhpg_formed,
                                              "normetanephrine": self.normetanephrine},
                "liver": {"VMA": self.vma}}


def route_metabolites(mao_inhibition: float = 0.0, comt_inhibition: float = 0.0, *,
                      params: MetabolismParams | None = None, **pathway_conditions) -> MetaboliteRouting:
    """Route the pathway's steady-state NE outflow into its metabolites.

    ``mao_inhibition`` and ``comt_inhibition`` are the fractions (0-1) of MAO-A and COMT
    blocked; ``params`` the branch shares; other keywords (``tyrosine_uM``, ``dbh_activity``, ...) go to
    :func:`ne_lib.synthesis.steady_state`.
    """
    p = _params(params)
    comt_inhibition = input_checks.fraction("comt_inhibition", comt_inhibition)
    state = synthesis.steady_state(mao_inhibition=mao_inhibition, **pathway_conditions)
    fluxes = state.fluxes
    dhpg = fluxes["mao_ne"]
    escaped_ne = fluxes["outside_ne"]
    comt = 1.0 - comt_inhibition
    p_dhpg = p.dhpg_comt_to_washout * comt / (p.dhpg_comt_to_washout * comt + 1.0)
    p_ne = p.ne_comt_to_washout * comt / (p.ne_comt_to_washout * comt + 1.0)
    mhpg = p_dhpg * dhpg
    return MetaboliteRouting(
        dhpg_formed=dhpg, dhpg_unchanged=dhpg - mhpg, mhpg_formed=mhpg,
        mhpg_unchanged=(1.0 - p.mhpg_to_vma_fraction) * mhpg, vma=p.mhpg_to_vma_fraction * mhpg,
        normetanephrine=p_ne * escaped_ne, ne_spillover=(1.0 - p_ne) * escaped_ne,
        pathway=state, comt_inhibition=comt_inhibition)


def urinary_mhpg_fold(brain_turnover_fold: float, brain_share: float | None = None,
                      params: MetabolismParams | None = None) -> float:
    """Fold change of whole-body (urinary) MHPG when only brain NE turnover changes.

    ``brain_turnover_fold`` (0-100) multiplies the brain's contribution, which is the fraction
    ``brain_share`` (0-1, default ``params.brain_share_of_mhpg``) of the total:
    fold = 1 - share + share * brain_fold.
    """
    brain_turnover_fold = input_checks.in_range("brain_turnover_fold", brain_turnover_fold, 0.0, 100.0)
    if brain_share is None:
        brain_share = _params(params).brain_share_of_mhpg
    brain_share = input_checks.fraction("brain_share", brain_share)
    return 1.0 - brain_share + brain_share * brain_turnover_fold
