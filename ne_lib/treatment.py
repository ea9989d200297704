"""Treatment simulator: from a drug concentration to a position on the inverted U.

The chain, each step taken from the chapter that owns it (nothing is re-implemented here):

1. drug + free concentration -> transporter and receptor occupancy (:mod:`ne_lib.drugs`,
   single competitive site, ``C / (C + K)``);
2. NET occupancy and alpha2 agonist occupancy -> steady extracellular NE
   (:func:`ne_lib.synapse.steady_state_ne_nM`, the synapse chapter's model);
3. extracellular NE -> occupancy of alpha2A (high affinity) against alpha1 and beta1
   (low affinity) receptors (:func:`ne_lib.receptors.occupancy`), with a competing drug
   at the same receptor shifting NE's apparent affinity by the Schild dose ratio
   (:func:`ne_lib.receptors.dose_ratio`);
4. extracellular NE -> an equivalent tonic LC activity -> task performance on the
   inverted U (:func:`ne_lib.adaptive_gain.task_performance`).

Step 4 needs a bridge that no chapter measures, so it is **illustrative**: the drug's NE
level is expressed as the undrugged tonic firing rate that would give the same NE
(inverting the synapse model), and that rate, relative to the basal rate ``x``, is
mapped onto the normalised activity axis by the inverted U's own map
(:func:`ne_lib.adaptive_gain.tonic_activity_from_rate_ratio`, ``a = x / (x + K)``), with ``K``
chosen so that the typical state (``x = 1``) sits at the optimum of a medium-difficulty task.
The map is monotonic, gives 0 for no NE and approaches 1 for very high NE.

Every occupancy in the chain is :func:`ne_lib.binding.occupancy` (or its competitive form);
vary any link with ``params=TreatmentParams(receptors=..., adaptive_gain=...)``.

The inverted U only sees the NE *level*. Drugs whose benefit is thought to come from
*which receptors* NE reaches (alpha2A agonists acting on postsynaptic prefrontal
receptors, Arnsten2011; RamosArnsten2007) show up in the receptor readout, not as a
move along the curve: a limit of this model that the chapter discusses.

The scenarios are **illustrative** starting states (under-aroused, typical,
over-aroused), not models of any diagnosis.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from ne_lib import adaptive_gain, binding, drugs, input_checks, receptors, synapse

#: Assumptions and simplifications, shown on the book's validation page.
ASSUMPTIONS: tuple[str, ...] = (
    "The chain reuses the other chapters' models unchanged: single-site drug occupancy, the steady-state "
    "synapse model, receptor occupancy and the inverted U.",
    "The bridge from extracellular NE to the inverted U is illustrative: NE is turned into the undrugged "
    "firing rate that gives the same NE, and that rate is mapped to activity by x / (x + K), with K "
    "placing the typical state at the optimum of a medium-difficulty task.",
    "The scenarios (under-aroused, typical, over-aroused) are illustrative rate factors, not models of "
    "any diagnosis.",
    "Everything is at steady state: no pharmacokinetics, no time to onset and no adaptation such as "
    "receptor desensitisation over long treatment.",
    "Only NET blockade, alpha2 agonism (clonidine treated as a full agonist) and alpha1 antagonism enter "
    "the chain; SERT occupancy is reported but has no effect.",
    "The inverted U sees only the NE level, so drugs thought to act through which receptors NE reaches "
    "(Arnsten2011) show up in the receptor readout, not as a move along the curve.",
    "The synapse model is not fitted to prefrontal cortex, so NE changes there can only be checked for "
    "their rough size (Bymaster2002).",
)


__all__ = [
    "TreatmentParams", "Scenario", "SCENARIOS", "TreatmentResult", "TREATMENT_DRUGS", "REFERENCE_DIFFICULTY",
    "ACTIVITY_HALF_POINT", "simulate_treatment", "ne_fold_change", "tonic_activity_from_rate_ratio",
    "equivalent_rate_hz", "drug_action_inputs",
]


@input_checks.domain(rate_factor=input_checks.Interval(0.0))
@dataclass(frozen=True)
class Scenario:
    """An illustrative starting state of the LC-NE system (not a diagnosis)."""

    key: str
    label: str
    rate_factor: float   # tonic LC rate relative to synapse.BASAL_RATE_HZ  (illustrative)
    description: str

    @property
    def rate_hz(self) -> float:
        return self.rate_factor * synapse.BASAL_RATE_HZ


#: Illustrative scenarios: the rate factors are chosen to sit clearly on the rising limb,
#: at the top and on the falling limb of the inverted U; they are not measured values.
SCENARIOS = MappingProxyType({
    "under_aroused": Scenario("under_aroused", "Under-aroused (illustrative)", 0.4,   # illustrative
                              "low tonic LC firing: too little NE for alpha2A-supported focus"),
    "typical": Scenario("typical", "Typical", 1.0,
                        "basal tonic firing of the synapse model"),
    "over_aroused": Scenario("over_aroused", "Over-aroused (illustrative)", 2.5,      # illustrative
                             "high tonic LC firing, as in stress: NE spills onto alpha1 and beta1"),
})

#: Difficulty of the reference task for the activity map (adaptive_gain's reference task).
REFERENCE_DIFFICULTY = adaptive_gain.DEFAULT_PARAMS.reference_difficulty
#: K of the map a = x / (x + K) (adaptive_gain.tonic_activity_from_rate_ratio): typical state at the optimum.
ACTIVITY_HALF_POINT = ((1.0 - adaptive_gain.optimal_tonic_activity(REFERENCE_DIFFICULTY))
                       / adaptive_gain.optimal_tonic_activity(REFERENCE_DIFFICULTY))


@dataclass(frozen=True)
class TreatmentParams:
    """The models the chain passes through, each with its own parameters (defaults: the course's)."""

    receptors: receptors.ReceptorParams = receptors.DEFAULT_PARAMS
    adaptive_gain: adaptive_gain.AdaptiveGainParams = adaptive_gain.DEFAULT_PARAMS

    def __post_init__(self):
        if not isinstance(self.receptors, receptors.ReceptorParams):
            raise TypeError("receptors must be a ne_lib.receptors.ReceptorParams")
        if not isinstance(self.adaptive_gain, adaptive_gain.AdaptiveGainParams):
            raise TypeError("adaptive_gain must be a ne_lib.adaptive_gain.AdaptiveGainParams")


DEFAULT_PARAMS = TreatmentParams()

#: Drugs the simulator accepts, with the way each enters the chain.
TREATMENT_DRUGS = MappingProxyType({
    "none": "no drug",
    "atomoxetine": "NET blocker (NRI)",
    "reboxetine": "NET blocker (NRI)",
    "desipramine": "NET blocker (tricyclic)",
    "duloxetine": "SNRI: SERT > NET",
    "venlafaxine": "SNRI: SERT >> NET",
    "bupropion": "weak NET blocker in vitro",
    "clonidine": "alpha2 agonist",
    "prazosin": "alpha1 antagonist",
})


_FRACTION = input_checks.Interval(0.0, 1.0)
_CONC = input_checks.Interval(0.0)


@input_checks.domain(drug=input_checks.OneOf(tuple(TREATMENT_DRUGS)), free_conc_nM=_CONC,
                     scenario=input_checks.OneOf(tuple(SCENARIOS)), rate_hz=_CONC, net_occupancy=_FRACTION,
                     sert_occupancy=input_checks.Interval(0.0, 1.0, none_ok=True), alpha2_agonist_occupancy=_FRACTION,
                     ne_nM=_CONC, ne_untreated_nM=input_checks.Interval(0.0, open_low=True),
                     ne_typical_nM=input_checks.Interval(0.0, open_low=True),
                     receptor_occupancy=input_checks.Fixed(lambda: MappingProxyType({})),
                     receptor_occupancy_untreated=input_checks.Fixed(lambda: MappingProxyType({})),
                     alpha2A_agonist_total=_FRACTION, tonic_activity=_FRACTION, tonic_activity_untreated=_FRACTION,
                     performance=_FRACTION, performance_untreated=_FRACTION, difficulty=_FRACTION)
@dataclass(frozen=True)
class TreatmentResult:
    """Every step of the chain for one drug, concentration and scenario (concentrations in nM)."""

    drug: str
    free_conc_nM: float
    scenario: str
    rate_hz: float
    net_occupancy: float            # fraction of NET held by the drug
    sert_occupancy: float | None    # None where the table has no SERT value
    alpha2_agonist_occupancy: float  # fraction of alpha2A held by an agonist drug (alone)
    ne_nM: float                    # steady extracellular NE with the drug
    ne_untreated_nM: float          # same scenario, no drug
    ne_typical_nM: float            # typical scenario, no drug
    receptor_occupancy: MappingProxyType       # receptor -> fraction held by NE (with the drug)
    receptor_occupancy_untreated: MappingProxyType
    alpha2A_agonist_total: float    # alpha2A held by NE or an agonist drug (competitive)
    tonic_activity: float           # position on the inverted U (illustrative map)
    tonic_activity_untreated: float
    performance: float
    performance_untreated: float
    difficulty: float

    @property
    def ne_fold(self) -> float:
        """Extracellular NE with the drug relative to the same scenario without it."""
        return self.ne_nM / self.ne_untreated_nM


def _drug_name(drug: str) -> str:
    if not isinstance(drug, str):
        raise TypeError(f"drug must be a string, one of {list(TREATMENT_DRUGS)}, got {type(drug).__name__}")
    key = drug.strip().lower()
    input_checks.one_of("drug", key, list(TREATMENT_DRUGS))
    return key


def _scenario(scenario: str) -> Scenario:
    if not isinstance(scenario, str):
        raise TypeError(f"scenario must be a string, one of {list(SCENARIOS)}")
    input_checks.one_of("scenario", scenario, list(SCENARIOS))
    return SCENARIOS[scenario]


@input_checks.domain(drug=input_checks.OneOf(tuple(TREATMENT_DRUGS), ignore_case=True),
                     free_conc_nM=input_checks.Interval(0.0, 1e9))
def drug_action_inputs(drug: str, free_conc_nM: float) -> dict[str, float]:
    """The drug's inputs to the synapse and receptor models at ``free_conc_nM`` (nM).

    Returns ``net_block`` (NET occupancy), ``alpha2_agonist`` (alpha2A occupancy by the drug
    alone) and ``alpha1_antagonist_nM`` (free antagonist concentration at alpha1), each 0
    when the drug does not act there.
    """
    name = _drug_name(drug)
    c = input_checks.non_negative("free_conc_nM", free_conc_nM)
    out = {"net_block": 0.0, "alpha2_agonist": 0.0, "alpha1_antagonist_nM": 0.0}
    if name == "none":
        return out
    table = drugs.drug(name)
    if "NET" in table.affinities:
        out["net_block"] = binding.occupancy(c, table.affinities["NET"].value_nM)
    for action in table.receptor_binding:
        if action.receptor == "alpha2A" and action.action in ("agonist", "partial agonist"):
            # clonidine treated as a full agonist at the autoreceptor: a simplification
            out["alpha2_agonist"] = binding.occupancy(c, drugs.receptor_k_nM(name, "alpha2A"))
        if action.receptor == "alpha1" and action.action == "antagonist":
            out["alpha1_antagonist_nM"] = c
    return out


def equivalent_rate_hz(ne_nM: float) -> float:
    """Undrugged tonic LC rate (Hz) at which the synapse model gives ``ne_nM`` of extracellular NE.

    Exact inverse of :func:`ne_lib.synapse.steady_state_ne_nM` without drugs, computed by the
    synapse model itself (:func:`ne_lib.synapse.rate_for_steady_ne_hz`; no root finding).
    """
    target = input_checks.non_negative("ne_nM", ne_nM)
    if target == 0.0:
        return 0.0
    try:
        rate = synapse.rate_for_steady_ne_hz(target)
    except ValueError:
        rate = float("inf")
    if not rate <= synapse.MAX_RATE_HZ * (1.0 + 1e-8):   # (the forward steady state is solved to ~1e-9)
        raise ValueError(f"ne_nM must be at most the NE the synapse model gives at "
                         f"{synapse.MAX_RATE_HZ:g} Hz, got {target!r}")
    return min(rate, synapse.MAX_RATE_HZ)


def _equivalent_rate_or_top_hz(ne_nM: float) -> float:
    """As :func:`equivalent_rate_hz`, but NE beyond what any firing rate gives (a NET blocker on top of
    fast firing, when the releasable pool limits release) counts as the top rate."""
    try:
        return equivalent_rate_hz(ne_nM)
    except ValueError:
        return synapse.MAX_RATE_HZ


def tonic_activity_from_rate_ratio(rate_ratio: float, params: TreatmentParams | None = None) -> float:
    """Normalised tonic activity for a rate ``x`` relative to basal: the inverted U's own map (illustrative)."""
    return adaptive_gain.tonic_activity_from_rate_ratio(rate_ratio, _params(params).adaptive_gain)


def _params(params) -> TreatmentParams:
    return input_checks.parameter_set(params, DEFAULT_PARAMS)


def _receptor_readout(ne_nM: float, alpha2_agonist_conc_nM: float, agonist_k_nM: float | None,
                      alpha1_antagonist_nM: float, rp: receptors.ReceptorParams) -> tuple[dict[str, float], float]:
    """NE occupancy of alpha2A, alpha1, beta1 with competing drugs, and alpha2A held by any agonist."""
    a2 = [(alpha2_agonist_conc_nM, agonist_k_nM)] if agonist_k_nM else []
    a1 = ([(alpha1_antagonist_nM, drugs.receptor_k_nM("prazosin", "alpha1"))] if alpha1_antagonist_nM > 0 else [])
    occ = {"alpha2A": binding.occupancy_with_competitors(ne_nM, rp.k_nM("alpha2A"), a2, conc_name="ne_nM"),
           "alpha1": binding.occupancy_with_competitors(ne_nM, rp.k_nM("alpha1"), a1, conc_name="ne_nM"),
           "beta1": receptors.occupancy(ne_nM, "beta1", rp)}
    agonist_held = 0.0
    if agonist_k_nM:
        agonist_held = binding.occupancy_with_competitors(
            alpha2_agonist_conc_nM, agonist_k_nM, [(ne_nM, rp.k_nM("alpha2A"))], conc_name="alpha2_agonist_nM")
    return occ, occ["alpha2A"] + agonist_held


def simulate_treatment(drug: str = "none", free_conc_nM: float = 0.0, scenario: str = "typical",
                       difficulty: float = REFERENCE_DIFFICULTY,
                       params: TreatmentParams | None = None) -> TreatmentResult:
    """Run the whole chain for ``drug`` at free concentration ``free_conc_nM`` (nM).

    ``scenario`` is one of :data:`SCENARIOS` (illustrative starting states), ``difficulty``
    (0..1) the task difficulty used for the inverted U, ``params`` the models' parameters.
    """
    p = _params(params)
    name = _drug_name(drug)
    conc = input_checks.non_negative("free_conc_nM", free_conc_nM)
    if conc > 1e7:
        raise ValueError(f"free_conc_nM must be between 0 and 1e7 nM (10 mM), got {conc!r}")
    sc = _scenario(scenario)
    diff = input_checks.fraction("difficulty", difficulty)

    act = drug_action_inputs(name, conc)
    ne = synapse.steady_state_ne_nM(rate_hz=sc.rate_hz, net_block=act["net_block"],
                                    alpha2_agonist=act["alpha2_agonist"])
    ne0 = synapse.steady_state_ne_nM(rate_hz=sc.rate_hz)
    ne_typ = synapse.steady_state_ne_nM(rate_hz=synapse.BASAL_RATE_HZ)

    agonist_k = drugs.receptor_k_nM(name, "alpha2A") if act["alpha2_agonist"] > 0 else None
    occ, a2_total = _receptor_readout(ne, conc if agonist_k else 0.0, agonist_k, act["alpha1_antagonist_nM"],
                                      p.receptors)
    occ0, _ = _receptor_readout(ne0, 0.0, None, 0.0, p.receptors)

    basal_equiv = equivalent_rate_hz(ne_typ)
    a = tonic_activity_from_rate_ratio(_equivalent_rate_or_top_hz(ne) / basal_equiv, p)
    a0 = tonic_activity_from_rate_ratio(_equivalent_rate_or_top_hz(ne0) / basal_equiv, p)
    tables = drugs.drug(name).affinities if name != "none" else {}
    return TreatmentResult(
        drug=name, free_conc_nM=conc, scenario=sc.key, rate_hz=sc.rate_hz,
        net_occupancy=act["net_block"],
        sert_occupancy=(binding.occupancy(conc, tables["SERT"].value_nM) if "SERT" in tables
                        else (0.0 if name == "none" else None)),
        alpha2_agonist_occupancy=act["alpha2_agonist"],
        ne_nM=ne, ne_untreated_nM=ne0, ne_typical_nM=ne_typ,
        receptor_occupancy=MappingProxyType(occ), receptor_occupancy_untreated=MappingProxyType(occ0),
        alpha2A_agonist_total=a2_total,
        tonic_activity=a, tonic_activity_untreated=a0,
        performance=float(adaptive_gain.task_performance(a, diff, p.adaptive_gain)),
        performance_untreated=float(adaptive_gain.task_performance(a0, diff, p.adaptive_gain)),
        difficulty=diff,
    )


@input_checks.domain(drug=input_checks.OneOf(tuple(TREATMENT_DRUGS), ignore_case=True))
def ne_fold_change(drug: str, free_conc_nM: float, scenario: str = "typical",
                   params: TreatmentParams | None = None) -> float:
    """Extracellular NE with the drug divided by NE without it (same scenario)."""
    return simulate_treatment(drug, free_conc_nM, scenario, params=params).ne_fold
