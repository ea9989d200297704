"""Drugs that act on the norepinephrine (NE) system: a cited table and transporter occupancy.

The table holds, for each drug, its affinities for the three human monoamine
transporters (NET, SERT, DAT) in nM, each with the kind of measurement (``"Ki"`` or
``"Kd"``) and the source key in ``references.bib``, plus its receptor actions in words.
Where the fact base has no number (``NF``), the value is ``None``: no number is
invented.

Occupancy model (an assumption, stated everywhere it is used): a drug binds one
site on the transporter, reversibly and competitively, at equilibrium, so the
fraction of transporters it occupies at a *free* (unbound) concentration ``C`` is

    occupancy = C / (C + K)

with ``K`` the drug's Ki (or Kd) for that transporter. Ki values measured with
cloned human transporters in cell membranes are used as if they held in the brain;
the free brain concentration of a patient is not known from a dose, so the course
uses free concentration as its input and never a dose in mg.

The occupancy formula and its inverse live once, in :mod:`ne_lib.binding`. The drug
table entries are the model's parameters: every function taking a drug ``name`` also
takes a :class:`Drug` (for example ``dataclasses.replace(drug("atomoxetine"), affinities=...)``),
so a student can ask what a different affinity would do.

Selectivity is the ratio of affinities: ``K_SERT / K_NET`` > 1 means the drug
prefers NET (needs less drug to occupy NET), < 1 means it prefers SERT.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

from ne_lib import binding, input_checks

#: Assumptions and simplifications, shown on the book's validation page.
ASSUMPTIONS: tuple[str, ...] = (
    "A drug binds one transporter site reversibly and competitively at equilibrium, so occupancy is C / "
    "(C + K) with K its Ki or Kd.",
    "Ki and Kd values measured with cloned human transporters in cell membranes are used as if they held "
    "in the brain.",
    "The input is the free drug concentration, never a dose in mg: absorption, distribution and "
    "elimination (pharmacokinetics) are not modelled.",
    "Ki and Kd values from different sources and methods share one table, so a selectivity ratio can "
    "differ between sources, as for venlafaxine (Bymaster2001, Tatsumi1997).",
    "Where the fact base has no number the value is left empty, never invented, and a missing transporter "
    "value means not measured, not no binding.",
    "The dose-occupancy curve D / (D + ED50) assumes free brain concentration proportional to dose "
    "(Hannestad2010).",
    "Some receptor constants are illustrative, such as the clonidine alpha2A Ki of 43 nM from a "
    "low-confidence secondary source.",
    "Metabolites (for example bupropion's) and receptor actions other than those recorded are not "
    "modelled.",
)


__all__ = [
    "TRANSPORTERS", "Affinity", "Drug", "DRUGS", "drug", "drug_names", "affinity_nM",
    "transporter_occupancy", "occupancies", "selectivity_ratio", "concentration_for_occupancy_nM",
    "dose_occupancy", "ReceptorBinding", "receptor_k_nM", "METHYLPHENIDATE_NET_ED50_MG_PER_KG",
]

#: The three monoamine transporters (human, cloned), in the order used everywhere.
TRANSPORTERS = ("NET", "SERT", "DAT")


@input_checks.domain(value_nM=input_checks.Interval(0.0, open_low=True), kind=input_checks.OneOf(("Ki", "Kd")))
@dataclass(frozen=True)
class Affinity:
    """One measured transporter affinity: a dissociation constant in nM and its source."""

    value_nM: float
    kind: str        # "Ki" (inhibition constant) or "Kd" (binding dissociation constant)
    source: str      # citation key in references.bib
    confidence: str  # fact-base grade: A (primary), B (secondary)

    def __post_init__(self):
        input_checks.positive("value_nM", self.value_nM)
        input_checks.one_of("kind", self.kind, ("Ki", "Kd"))


@input_checks.domain(affinities=input_checks.Fixed(lambda: MappingProxyType({})))
@dataclass(frozen=True)
class Drug:
    """A drug in the course's table.

    ``affinities`` maps a transporter name to its :class:`Affinity`; a transporter
    missing from the map was not measured in the cited source (not "no binding").
    ``other_measurements`` keeps second values from another source (for example
    venlafaxine in Tatsumi1997 as well as Bymaster2001) for comparison.
    """

    name: str
    drug_class: str
    mechanism: str
    uses: str
    affinities: MappingProxyType
    receptor_actions: str = ""
    notes: str = ""
    sources: tuple[str, ...] = ()
    other_measurements: tuple[tuple[str, Affinity], ...] = field(default_factory=tuple)
    receptor_binding: tuple["ReceptorBinding", ...] = field(default_factory=tuple)


@input_checks.domain(action=input_checks.OneOf(("agonist", "partial agonist", "antagonist")),
                     k_nM=input_checks.Interval(0.0, open_low=True, none_ok=True))
@dataclass(frozen=True)
class ReceptorBinding:
    """A drug's action at an adrenergic receptor; ``k_nM`` is None where the fact base has no number."""

    receptor: str    # "alpha1", "alpha2A", "beta1", "beta2"
    action: str      # "agonist", "partial agonist" or "antagonist"
    k_nM: float | None
    source: str      # citation key, or "illustrative" for a value without a checked primary source
    confidence: str

    def __post_init__(self):
        input_checks.one_of("action", self.action, ("agonist", "partial agonist", "antagonist"))
        if self.k_nM is not None:
            input_checks.positive("k_nM", self.k_nM)


def _aff(values, kind, source, confidence):
    """Build the transporter -> Affinity map from a (NET, SERT, DAT) triple; None = not measured."""
    return MappingProxyType({t: Affinity(v, kind, source, confidence)
                             for t, v in zip(TRANSPORTERS, values) if v is not None})


_EMPTY: MappingProxyType[str, Affinity] = MappingProxyType({})

# Transporter affinities: human NET / SERT / DAT in nM (fact base section 4).
_TABLE = (
    Drug("atomoxetine", "selective NE reuptake inhibitor (NRI)",
         "blocks NET; in prefrontal cortex NET also clears dopamine, so both NE and dopamine rise there",
         "ADHD (2002, first non-stimulant)",
         _aff((5, 77, 1451), "Ki", "Bymaster2002", "A"),        # Bymaster2002, Ki, human transporters
         notes="Raised extracellular NE and dopamine about 3-fold in rat prefrontal cortex, "
               "but not dopamine in striatum or nucleus accumbens (Bymaster2002).",
         sources=("Bymaster2002",)),
    Drug("reboxetine", "selective NE reuptake inhibitor (NRI)", "blocks NET",
         "depression (some countries; not approved in the USA)",
         _aff((1.1, 129, None), "Kd", "Iversen2006", "B"),      # Wong 2000 via Iversen2006 Table 2; DAT not given
         notes="With unpublished trials included, no significant benefit over placebo and inferior to "
               "SSRIs (Eyding2010).",
         sources=("Iversen2006", "Eyding2010")),
    Drug("desipramine", "tricyclic antidepressant (secondary amine)", "blocks NET > SERT",
         "depression (older drug)",
         _aff((0.8, 17.6, 3190), "Kd", "Tatsumi1997", "B"),     # Tatsumi1997 via Iversen2006 Table 2
         receptor_actions="tricyclics also block muscarinic, histamine H1 and alpha1 receptors "
                          "(general knowledge, not in the fact base)",
         sources=("Tatsumi1997", "Iversen2006")),
    Drug("nortriptyline", "tricyclic antidepressant (secondary amine)", "blocks NET > SERT",
         "depression (older drug)",
         _aff((4.4, 18, 1140), "Kd", "Tatsumi1997", "B"),       # Tatsumi1997 via Iversen2006 Table 2
         sources=("Tatsumi1997", "Iversen2006")),
    Drug("duloxetine", "serotonin-NE reuptake inhibitor (SNRI)", "blocks SERT and NET, SERT more",
         "depression, anxiety, pain",
         _aff((7.5, 0.8, None), "Ki", "Bymaster2001", "A"),     # Bymaster2001, Ki, human transporters
         sources=("Bymaster2001",)),
    Drug("venlafaxine", "serotonin-NE reuptake inhibitor (SNRI)",
         "blocks SERT much more strongly than NET", "depression, anxiety",
         _aff((2480, 82, None), "Ki", "Bymaster2001", "A"),     # Bymaster2001, Ki
         notes="By Ki about 30-fold SERT-preferring (Bymaster2001); Tatsumi1997's Kd values give about "
               "120-fold. Either way it is first an SERT blocker.",
         sources=("Bymaster2001", "Tatsumi1997"),
         other_measurements=tuple((t, a) for t, a in
                                  _aff((1060, 8.9, 9300), "Kd", "Tatsumi1997", "B").items())),  # Tatsumi1997
    Drug("bupropion", "NE-dopamine reuptake inhibitor (as usually described)",
         "binds DAT weakly and NET very weakly in vitro",
         "depression, smoking cessation",
         _aff((52000, 9100, 520), "Kd", "Tatsumi1997", "B"),    # Tatsumi1997 via Iversen2006 Table 2
         notes="In vitro its NET affinity is tens of micromolar, far weaker than its DAT affinity; "
               "its metabolites may matter in vivo (not modelled).",
         sources=("Tatsumi1997", "Iversen2006")),
    Drug("fluoxetine", "selective serotonin reuptake inhibitor (SSRI)", "blocks SERT",
         "depression (comparison drug)",
         _aff((240, 0.8, 3600), "Kd", "Tatsumi1997", "B"),      # Tatsumi1997 via Iversen2006 Table 2
         sources=("Tatsumi1997", "Iversen2006")),
    Drug("citalopram", "selective serotonin reuptake inhibitor (SSRI)", "blocks SERT",
         "depression (comparison drug)",
         _aff((4070, 1.2, 28100), "Kd", "Tatsumi1997", "B"),    # Tatsumi1997 via Iversen2006 Table 2
         sources=("Tatsumi1997", "Iversen2006")),
    Drug("methylphenidate", "stimulant", "blocks DAT and NET",
         "ADHD",
         _EMPTY,  # no verified human Ki in the fact base: not invented
         notes="Human PET: NET occupancy ED50 0.14 mg/kg by mouth; clinical doses occupy 70-80% of NET "
               "(Hannestad2010). Rat brain affinity DAT > NET >> SERT.",
         sources=("Hannestad2010",)),
    Drug("viloxazine", "NE reuptake inhibitor", "blocks NET",
         "ADHD (extended release, 2021)", _EMPTY,  # affinities not in the fact base
         sources=()),
    Drug("clonidine", "alpha2 agonist", "partial agonist at alpha2 receptors (and imidazoline I1)",
         "ADHD (extended release 2010, also with stimulants), hypertension", _EMPTY,
         receptor_actions="Ki alpha2A 43, alpha2B 106, alpha2C 233, alpha1 126-316 nM (secondary, low confidence)",
         # Ki alpha2A 43 nM: illustrative -- fact base grade B (low), database-derived, primary not checked
         receptor_binding=(ReceptorBinding("alpha2A", "partial agonist", 43.0, "illustrative", "B (low)"),),
         notes="Lowers NE release through presynaptic alpha2 autoreceptors; in prefrontal cortex it is "
               "thought to act on postsynaptic alpha2A receptors (Arnsten2011).",
         sources=("Arnsten2011", "Abercrombie1988")),
    Drug("guanfacine", "alpha2A-preferring agonist", "agonist at alpha2A receptors",
         "ADHD (extended release, 2009)", _EMPTY,
         receptor_actions="prefers alpha2A; affinity not in the fact base",
         receptor_binding=(ReceptorBinding("alpha2A", "agonist", None, "Arnsten2011", "NF"),),
         notes="Thought to strengthen prefrontal networks through postsynaptic alpha2A receptors (Arnsten2011).",
         sources=("Arnsten2011",)),
    Drug("prazosin", "alpha1 antagonist", "blocks alpha1 receptors",
         "hypertension; tried for PTSD nightmares", _EMPTY,
         receptor_actions="pKi 8.5-10.5 at alpha1, about 7.5 at alpha2B/C; [3H]prazosin Kd 0.25 nM",
         # its alpha1 K_B is kept once, in ne_lib.receptors.ANTAGONISTS (receptor_k_nM reads it there)
         receptor_binding=(ReceptorBinding("alpha1", "antagonist", None, "see ne_lib.receptors", "A"),),
         notes="Small trials were positive, but the largest trial (304 veterans) found no benefit (Raskind2018).",
         sources=("Raskind2018",)),
    Drug("droxidopa", "NE prodrug (L-threo-DOPS)", "converted to NE by AADC, mainly outside the brain",
         "neurogenic orthostatic hypotension; DBH deficiency", _EMPTY,
         notes="Bypasses the missing DBH step because AADC turns it straight into NE (Kaufmann2003).",
         sources=("Kaufmann2003", "Robertson1991")),
)

#: Read-only table of the course's drugs, by lower-case name.
DRUGS = MappingProxyType({d.name: d for d in _TABLE})

#: Human PET: oral methylphenidate dose giving 50% NET occupancy, mg/kg (Hannestad2010).
METHYLPHENIDATE_NET_ED50_MG_PER_KG = 0.14  # Hannestad2010


def drug_names(with_transporter_data: bool = False) -> list[str]:
    """Names in the table; with ``with_transporter_data=True`` only those with NET and SERT values."""
    if not isinstance(with_transporter_data, bool):
        raise TypeError("with_transporter_data must be True or False")
    return [n for n, d in DRUGS.items()
            if not with_transporter_data or ("NET" in d.affinities and "SERT" in d.affinities)]


_DRUG = input_checks.OneOf(tuple(DRUGS), also=(Drug,), ignore_case=True)
_WITH_TRANSPORTERS = input_checks.OneOf(tuple(n for n, d in DRUGS.items() if "NET" in d.affinities and "SERT" in d.affinities))


@input_checks.domain(name=_DRUG)
def drug(name: "str | Drug") -> Drug:
    """The table entry for ``name`` (case-insensitive); a :class:`Drug` is returned as it is."""
    if isinstance(name, Drug):
        return name
    if not isinstance(name, str):
        raise TypeError(f"name must be a drug name (str), got {type(name).__name__}")
    key = name.strip().lower()
    if key not in DRUGS:
        raise ValueError(f"name must be one of {sorted(DRUGS)}, got {name!r}")
    return DRUGS[key]


# (test domains: where a value exists; the function checks its arguments itself)
@input_checks.domain(_check=False, name=_WITH_TRANSPORTERS, transporter=input_checks.OneOf(("NET", "SERT")))
def affinity_nM(name: "str | Drug", transporter: str) -> float:
    """The drug's Ki/Kd (nM) for ``transporter`` ("NET", "SERT" or "DAT") from the table's main source.

    Raises ``ValueError`` if the cited source gives no value (the course never invents one).
    """
    d = drug(name)
    input_checks.one_of("transporter", transporter, TRANSPORTERS)
    if transporter not in d.affinities:
        raise ValueError(f"no {transporter} affinity for {d.name} in the fact base; "
                         f"available: {sorted(d.affinities) or 'none'}")
    return d.affinities[transporter].value_nM


@input_checks.domain(_check=False, name=input_checks.OneOf(("clonidine",)), receptor=input_checks.Fixed("alpha2A"))
def receptor_k_nM(name: "str | Drug", receptor: str) -> float:
    """The drug's dissociation constant (nM) at ``receptor``; ValueError if the fact base has none."""
    d = drug(name)
    for b in d.receptor_binding:
        if b.receptor == receptor:
            if b.k_nM is None and b.source == "see ne_lib.receptors":
                from ne_lib import receptors  # the receptor chapter owns antagonist constants
                return receptors.ANTAGONISTS[d.name].k_b_nM[receptor]
            if b.k_nM is None:
                raise ValueError(f"the fact base has no {receptor} affinity for {d.name} (not invented)")
            return b.k_nM
    recorded = [b.receptor for b in d.receptor_binding]
    if not isinstance(receptor, str):
        raise TypeError(f"receptor must be a receptor name (str), one of {recorded or 'none recorded'} for "
                        f"{d.name}, got {type(receptor).__name__} {receptor!r}")
    raise ValueError(f"receptor must be a receptor at which {d.name} has a recorded action: one of "
                     f"{recorded or 'none recorded'}, got {receptor!r}")


def transporter_occupancy(free_conc_nM, k_nM: float):
    """Fraction (0..1) of a transporter occupied by a drug at free concentration ``free_conc_nM``.

    Assumes one competitive site at equilibrium: ``C / (C + K)`` with ``K`` the Ki (or Kd) in nM.
    A number gives a float; a list or array of concentrations gives an array.
    """
    return binding.occupancy(free_conc_nM, k_nM, conc_name="free_conc_nM", k_name="k_nM")


@input_checks.domain(name=_DRUG, free_conc_nM=input_checks.Interval(0.0, 1e9))
def occupancies(name: "str | Drug", free_conc_nM: float) -> dict[str, float | None]:
    """Occupancy (0..1) of NET, SERT and DAT by drug ``name`` at ``free_conc_nM``; None if not measured."""
    d = drug(name)
    c = input_checks.non_negative("free_conc_nM", free_conc_nM)
    return {t: (transporter_occupancy(c, d.affinities[t].value_nM) if t in d.affinities else None)
            for t in TRANSPORTERS}


@input_checks.domain(_check=False, name=_WITH_TRANSPORTERS)
def selectivity_ratio(name: "str | Drug", over: str = "SERT", preferred: str = "NET") -> float:
    """Affinity ratio ``K_over / K_preferred`` (dimensionless).

    With the defaults, > 1 means the drug prefers NET over SERT and < 1 that it
    prefers SERT; for example atomoxetine 77/5 = 15.4 (Bymaster2002).
    """
    input_checks.one_of("over", over, TRANSPORTERS)
    input_checks.one_of("preferred", preferred, TRANSPORTERS)
    if over == preferred:
        raise ValueError("over and preferred must be different transporters")
    return affinity_nM(name, over) / affinity_nM(name, preferred)


@input_checks.domain(_check=False, name=_WITH_TRANSPORTERS, occupancy=input_checks.Interval(0.0, 1.0, open_high=True),
                     transporter=input_checks.OneOf(("NET", "SERT")))
def concentration_for_occupancy_nM(name: "str | Drug", occupancy: float, transporter: str = "NET") -> float:
    """Free concentration (nM) at which ``name`` occupies the given fraction of ``transporter``.

    Inverse of the single-site model (:func:`ne_lib.binding.concentration_for_occupancy`):
    ``C = K * occ / (1 - occ)``; occupancy must be in [0, 1).
    """
    input_checks.number("occupancy", occupancy)
    return binding.concentration_for_occupancy(occupancy, affinity_nM(name, transporter), fraction_name="occupancy")


def dose_occupancy(dose_mg_per_kg: float, ed50_mg_per_kg: float) -> float:
    """Occupancy (0..1) from an oral dose with a hyperbolic dose-occupancy curve, ``D / (D + ED50)``.

    This is the form in which PET studies report occupancy (for methylphenidate at NET,
    ED50 0.14 mg/kg, Hannestad2010); it assumes free brain concentration proportional to dose.
    """
    d = input_checks.non_negative("dose_mg_per_kg", dose_mg_per_kg)
    return binding.occupancy(d, ed50_mg_per_kg, conc_name="dose_mg_per_kg", k_name="ed50_mg_per_kg")
