"""Tests of the chapter's exercise checks and validation cases (ne_lib.check.synthesis, ne_lib.cases.synthesis)."""

from pathlib import Path

import pytest

from ne_lib import synthesis as syn
from ne_lib.cases import run_case
from ne_lib.cases.synthesis import CASES
from ne_lib.check import synthesis as check


def _dbh_reference():
    normal, absent = syn.steady_state(), syn.steady_state(dbh_activity=0.0)
    return absent.dopamine_uM / normal.dopamine_uM, normal, absent


def _tyrosine_reference():
    low = syn.steady_state(tyrosine_uM=100.0).th_flux_uM_per_h
    high = syn.steady_state(tyrosine_uM=200.0).th_flux_uM_per_h
    return 100.0 * (high / low - 1.0), high / low


def test_dbh_check_passes_reference_and_explains_mistakes():
    fold, normal, absent = _dbh_reference()
    assert check.dbh_deficiency_fold(fold).passed
    not_yet = check.dbh_deficiency_fold(None)
    assert not not_yet.passed and not not_yet.answered
    inverted = check.dbh_deficiency_fold(1.0 / fold)
    assert not inverted.passed and "divide the deficient" in inverted.message
    vesicular = check.dbh_deficiency_fold(absent.dopamine_vesicle_uM / normal.dopamine_vesicle_uM)
    assert not vesicular.passed and "vesicular" in vesicular.message
    assert not check.dbh_deficiency_fold("seven").passed
    assert not check.dbh_deficiency_fold(float("nan")).passed


def test_tyrosine_check_passes_reference_and_explains_mistakes():
    percent, ratio = _tyrosine_reference()
    assert check.tyrosine_loading_percent(percent).passed
    assert not check.tyrosine_loading_percent(None).answered
    as_fraction = check.tyrosine_loading_percent(percent / 100.0)
    assert not as_fraction.passed and "factor of 100" in as_fraction.message
    as_ratio = check.tyrosine_loading_percent(ratio)
    assert not as_ratio.passed and "ratio" in as_ratio.message
    mm_only = 100.0 * ((200 / 240) / (100 / 140) - 1.0)    # Km 40 µM, feedback ignored
    plain = check.tyrosine_loading_percent(mm_only)
    assert not plain.passed and "feedback" in plain.message


def test_mhpg_check_passes_reference_and_explains_mistakes():
    assert check.urinary_mhpg_fold(1.0 + 0.2 * (2.0 - 1.0)).passed
    assert not check.urinary_mhpg_fold(None).answered
    whole_body = check.urinary_mhpg_fold(2.0)
    assert not whole_body.passed and "brain" in whole_body.message
    rise = check.urinary_mhpg_fold(0.2)
    assert not rise.passed and "rise" in rise.message


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.key)
def test_synthesis_cases_pass(case):
    result = run_case(case)
    assert result.error is None and result.passed, (case.key, result.value)


def test_cases_cite_known_keys_and_figures():
    bib = (Path(__file__).resolve().parents[1] / "references.bib").read_text(encoding="utf-8")
    for case in CASES:
        assert case.chapter == "synthesis"
        assert "{" + case.source + "," in bib
        assert case.figure in {"synthesis-pathway", "synthesis-dbh-droxidopa", "synthesis-metabolites"}


def test_mao_block_dhpg_check():
    from ne_lib import metabolism

    normal = metabolism.route_metabolites().dhpg_formed
    blocked = metabolism.route_metabolites(mao_inhibition=0.9).dhpg_formed
    assert check.mao_block_dhpg_fraction(blocked / normal).passed
    assert "remaining enzyme" in check.mao_block_dhpg_fraction(0.1).message
    assert "normal divided by blocked" in check.mao_block_dhpg_fraction(normal / blocked).message
    assert not check.mao_block_dhpg_fraction(None).answered


def test_urinary_mhpg_variants():
    from ne_lib import metabolism

    for fold in (1.5, 2.5, 3.0):
        assert check.urinary_mhpg_fold(metabolism.urinary_mhpg_fold(fold, brain_share=0.2), turnover_fold=fold).passed
    website = check.urinary_mhpg_fold(metabolism.urinary_mhpg_fold(2.0, brain_share=0.2), turnover_fold=3.0)
    assert not website.passed and "website" in website.message


def test_th_halving_check():
    from ne_lib import synthesis

    normal = synthesis.steady_state().th_flux_uM_per_h
    fall = 100 * (1 - synthesis.steady_state(th_activity=0.5).th_flux_uM_per_h / normal)
    assert 0 < fall < 50                  # the feedback eases as less product is made
    assert check.th_halving_fall_percent(fall).passed
    assert "remains" in check.th_halving_fall_percent(100 - fall).message
    assert "50%" in check.th_halving_fall_percent(50.0).message
    assert "multiply by 100" in check.th_halving_fall_percent(fall / 100).message
    assert not check.th_halving_fall_percent(None).answered


def test_half_dbh_check():
    from ne_lib import synthesis

    pct = 100 * synthesis.steady_state(dbh_activity=0.5).ne_uM / synthesis.steady_state().ne_uM
    assert 50 < pct < 100                 # DBH is not the slow step
    assert check.half_dbh_ne_percent(pct).passed
    assert "loss" in check.half_dbh_ne_percent(100 - pct).message
    assert not check.half_dbh_ne_percent(50.0).passed
    assert not check.half_dbh_ne_percent(None).answered


def test_comt_block_check():
    from ne_lib import metabolism

    # with COMT gone every DHPG formed leaves unchanged, and MAO-A's DHPG formation is untouched
    normal, blocked = metabolism.route_metabolites(), metabolism.route_metabolites(comt_inhibition=1.0)
    assert abs(blocked.dhpg_unchanged - blocked.dhpg_formed) < 1e-12
    assert abs(blocked.dhpg_formed - normal.dhpg_formed) < 1e-12
    fold = normal.dhpg_formed / normal.dhpg_unchanged
    assert check.comt_block_dhpg_fold(fold).passed
    assert "formed" in check.comt_block_dhpg_fold(1.0).message
    assert "on top" in check.comt_block_dhpg_fold(1 / fold).message
    assert not check.comt_block_dhpg_fold(None).answered


def test_detectable_turnover_check():
    # by hand: 1.5 = 0.8 + 0.2 f, so f = 3.5
    assert check.turnover_for_detectable_urine(3.5).passed
    assert "urinary fold itself" in check.turnover_for_detectable_urine(1.5).message
    assert "1 + that rise" in check.turnover_for_detectable_urine(2.5).message
    assert "brain share" in check.turnover_for_detectable_urine(7.5).message
    assert not check.turnover_for_detectable_urine(None).answered
    assert not check.turnover_for_detectable_urine(1e6).passed


# ---- the chain syn-ex-mhpg -> syn-ex-detect: the later exercise scales the earlier urinary rise ----------
# Mixing rule of the exercises, written out: urine fold = (1 - s) + s x brain fold, with brain share s = 0.2.

def _urine(turnover_fold, share=0.2):
    return (1 - share) + share * turnover_fold


def _detect_from(urine_fold, turnover_fold):
    """The method the exercise asks for: scale the earlier rise (proportional) to a urinary rise of 0.5."""
    return 1 + 0.5 * (turnover_fold - 1) / (urine_fold - 1)


@pytest.mark.parametrize("turnover_fold", [1.5, 2.0, 2.5, 3.0])
def test_chain_right_urine_fold_gives_the_right_turnover(turnover_fold):
    urine = _urine(turnover_fold)
    assert check.urinary_mhpg_fold(urine, turnover_fold=turnover_fold).passed
    needed = _detect_from(urine, turnover_fold)
    assert needed == pytest.approx((1.5 - 0.8) / 0.2)          # solved by hand: 3.5
    fb = check.turnover_for_detectable_urine(needed, previous_urine_fold=urine, previous_turnover_fold=turnover_fold)
    assert fb.passed, fb.message


@pytest.mark.parametrize("turnover_fold, wrong_urine", [
    (2.0, 2.0),            # all urinary MHPG taken to come from the brain
    (2.0, 0.2 * 2.0),      # turnover fold times the brain share
    (3.0, 3.0),
    (2.5, _urine(2.0)),    # the website's answer in a copy with another variant
])
def test_chain_turnover_from_a_wrong_urine_fold_is_carried_over(turnover_fold, wrong_urine):
    assert not check.urinary_mhpg_fold(wrong_urine, turnover_fold=turnover_fold).passed
    needed = _detect_from(wrong_urine, turnover_fold)
    fb = check.turnover_for_detectable_urine(needed, previous_urine_fold=wrong_urine,
                                             previous_turnover_fold=turnover_fold)
    assert not fb.passed and fb.answered
    assert "carried over" in fb.message and "syn-ex-mhpg" in fb.message and "method here is right" in fb.message


def test_chain_a_simply_wrong_turnover_is_not_called_carried_over():
    right_urine = _urine(2.0)
    cases = [(1.5 / 0.2, right_urine, 2.0), (5.0, right_urine, 2.0), (5.0, 2.0, 2.0), (1.5, None, 2.0),
             (_detect_from(2.0, 3.0), 2.0, 2.0)]     # from their urine fold, but with another turnover fold
    for value, previous, turnover_fold in cases:
        fb = check.turnover_for_detectable_urine(value, previous_urine_fold=previous,
                                                 previous_turnover_fold=turnover_fold)
        assert not fb.passed and "carried over" not in fb.message, (value, previous, fb.message)
    assert "divides" in check.turnover_for_detectable_urine(1.5 / 0.2, previous_urine_fold=right_urine).message
    # an earlier answer the mixing rule cannot scale (no rise at all) is not used
    fb = check.turnover_for_detectable_urine(5.0, previous_urine_fold=1.0)
    assert not fb.passed and "carried over" not in fb.message
