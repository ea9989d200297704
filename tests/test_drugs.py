"""Science tests for ne_lib.drugs: the cited table, single-site occupancy, selectivity."""

import math

import pytest

from ne_lib import drugs

# --- selectivity ratios against the papers' own reported ratios -------------------------------

def test_venlafaxine_prefers_sert_about_30_fold_by_ki():
    # Bymaster2001 reports a SERT:NET Ki ratio of about 30 for venlafaxine (2480 / 82 nM).
    sert_preference = 1.0 / drugs.selectivity_ratio("venlafaxine")
    assert 27 <= sert_preference <= 33


def test_duloxetine_prefers_sert_about_9_fold():
    # Bymaster2001: duloxetine NET/SERT Ki ratio about 9 (7.5 / 0.8 nM).
    assert 8 <= drugs.selectivity_ratio("duloxetine", over="NET", preferred="SERT") <= 10


def test_atomoxetine_prefers_net_about_15_fold_over_sert():
    # Bymaster2002: Ki NET 5, SERT 77 nM -> about 15-fold NET-preferring; DAT far weaker (1451 nM).
    assert 14 <= drugs.selectivity_ratio("atomoxetine") <= 16.5
    assert drugs.selectivity_ratio("atomoxetine", over="DAT") > 250


def test_bupropion_binds_net_weakly_and_prefers_dat():
    # Tatsumi1997: bupropion Kd NET 52,000, DAT 520 nM: micromolar at NET, DAT-preferring.
    assert drugs.affinity_nM("bupropion", "NET") > 10_000
    assert drugs.selectivity_ratio("bupropion", over="NET", preferred="DAT") == pytest.approx(100, rel=0.05)


def test_tricyclic_secondary_amines_prefer_net():
    # Tatsumi1997: desipramine 0.8 vs 17.6 nM (22x), nortriptyline 4.4 vs 18 nM (~4x).
    assert drugs.selectivity_ratio("desipramine") == pytest.approx(22, rel=0.05)
    assert 3.5 < drugs.selectivity_ratio("nortriptyline") < 4.5


def test_venlafaxine_kd_from_tatsumi_is_also_sert_preferring():
    other = dict(drugs.drug("venlafaxine").other_measurements)
    assert other["NET"].source == other["SERT"].source == "Tatsumi1997"
    assert other["NET"].value_nM / other["SERT"].value_nM > 100


def test_ssris_are_sert_selective_and_nris_net_selective():
    for ssri in ("fluoxetine", "citalopram"):
        assert drugs.selectivity_ratio(ssri) < 0.01
    for nri in ("atomoxetine", "reboxetine"):
        assert drugs.selectivity_ratio(nri) > 10


# --- the table: every number has a source, nothing invented -------------------------------------

def test_every_affinity_has_a_source_key_in_references_bib():
    import pathlib
    bib = (pathlib.Path(__file__).resolve().parents[1] / "references.bib").read_text()
    for d in drugs.DRUGS.values():
        for aff in list(d.affinities.values()) + [a for _, a in d.other_measurements]:
            assert "{" + aff.source + "," in bib.replace(" ", ""), (d.name, aff.source)
            assert aff.kind in ("Ki", "Kd")
        for key in d.sources:
            assert "{" + key + "," in bib.replace(" ", ""), (d.name, key)


def test_drugs_without_fact_base_numbers_raise_instead_of_inventing():
    with pytest.raises(ValueError, match="no NET affinity"):
        drugs.affinity_nM("methylphenidate", "NET")
    with pytest.raises(ValueError, match="no alpha2A affinity"):
        drugs.receptor_k_nM("guanfacine", "alpha2A")
    with pytest.raises(ValueError, match="no DAT affinity"):
        drugs.affinity_nM("duloxetine", "DAT")


# --- the occupancy model -------------------------------------------------------------------------

def test_occupancy_is_half_at_ki_and_saturates():
    assert drugs.transporter_occupancy(5.0, 5.0) == pytest.approx(0.5)
    assert drugs.transporter_occupancy(0.0, 5.0) == 0.0
    assert drugs.transporter_occupancy(1e6, 5.0) > 0.9999


def test_occupancy_at_nine_times_ki_is_ninety_percent():
    # C = 9K gives 9/(9+1) exactly for a single competitive site
    assert drugs.transporter_occupancy(9 * 77.0, 77.0) == pytest.approx(0.9, abs=1e-12)


def test_concentration_for_occupancy_inverts_occupancy():
    for name in ("atomoxetine", "reboxetine", "venlafaxine"):
        for occ in (0.1, 0.5, 0.8, 0.95):
            c = drugs.concentration_for_occupancy_nM(name, occ)
            assert drugs.occupancies(name, c)["NET"] == pytest.approx(occ, rel=1e-9)


def test_occupancy_ordering_follows_affinity():
    occ = drugs.occupancies("atomoxetine", 20.0)
    assert occ["NET"] > occ["SERT"] > occ["DAT"]
    assert drugs.occupancies("reboxetine", 20.0)["DAT"] is None


def test_methylphenidate_clinical_doses_give_70_to_80_percent_net_occupancy():
    # Hannestad2010: ED50 0.14 mg/kg; clinical 0.35-0.55 mg/kg -> 70-80% NET occupancy.
    ed50 = drugs.METHYLPHENIDATE_NET_ED50_MG_PER_KG
    lo, hi = drugs.dose_occupancy(0.35, ed50), drugs.dose_occupancy(0.55, ed50)
    assert 0.68 <= lo <= 0.72 and 0.78 <= hi <= 0.82


# --- bad input -----------------------------------------------------------------------------------

@pytest.mark.parametrize("call, exc, word", [
    (lambda: drugs.transporter_occupancy(-1.0, 5.0), ValueError, "free_conc_nM"),
    (lambda: drugs.transporter_occupancy(1.0, 0.0), ValueError, "k_nM"),
    (lambda: drugs.transporter_occupancy(float("nan"), 5.0), ValueError, "free_conc_nM"),
    (lambda: drugs.transporter_occupancy("1", 5.0), TypeError, "free_conc_nM"),
    (lambda: drugs.drug("prozac-ish"), ValueError, "name"),
    (lambda: drugs.drug(3), TypeError, "name"),
    (lambda: drugs.selectivity_ratio("atomoxetine", over="NET"), ValueError, "different"),
    (lambda: drugs.selectivity_ratio("atomoxetine", over="5HT"), ValueError, "over"),
    (lambda: drugs.concentration_for_occupancy_nM("atomoxetine", 1.0), ValueError, "occupancy"),
    (lambda: drugs.dose_occupancy(0.3, -1), ValueError, "ed50_mg_per_kg"),
])
def test_bad_input_is_rejected_with_the_parameter_named(call, exc, word):
    with pytest.raises(exc, match=word):
        call()


def test_names_are_case_insensitive():
    assert drugs.drug("Atomoxetine") is drugs.drug("atomoxetine")
    assert math.isclose(drugs.affinity_nM("ATOMOXETINE", "NET"), 5.0)


def test_occupancy_accepts_arrays_and_rejects_negative_entries():
    import numpy as np
    occ = drugs.transporter_occupancy(np.array([0.0, 5.0, 45.0]), 5.0)
    assert np.allclose(occ, [0.0, 0.5, 0.9])
    with pytest.raises(ValueError, match="free_conc_nM"):
        drugs.transporter_occupancy([1.0, -2.0], 5.0)
