"""Tests of the chapter's exercise checks: pass on the reference answer, explain typical mistakes."""

import pytest

from ne_lib import treatment
from ne_lib.check import disorders as check


def test_selectivity_check():
    # Bymaster2001: duloxetine Ki NET 7.5 nM, SERT 0.8 nM
    assert check.duloxetine_sert_preference(7.5 / 0.8).passed
    wrong_way = check.duloxetine_sert_preference(0.8 / 7.5)
    assert not wrong_way.passed and "wrong way round" in wrong_way.message
    assert "ratio" in check.duloxetine_sert_preference(7.5 - 0.8).message
    unanswered = check.duloxetine_sert_preference(None)
    assert not unanswered.passed and not unanswered.answered


def test_occupancy_check():
    # by hand: C = 4 * 5 nM = 20 nM gives 80% of NET (Ki 5 nM); SERT (Ki 77 nM): 20 / 97
    assert check.atomoxetine_sert_occupancy(20 / 97).passed
    assert "NET occupancy" in check.atomoxetine_sert_occupancy(0.8).message
    assert "C / (C + K_SERT)" in check.atomoxetine_sert_occupancy(20 / 77).message
    assert "percentage" in check.atomoxetine_sert_occupancy(100 * 20 / 97).message
    assert "80 nM" in check.atomoxetine_sert_occupancy(80 / 157).message
    assert not check.atomoxetine_sert_occupancy("0.2").passed
    assert not check.atomoxetine_sert_occupancy(None).answered


def test_simulator_check():
    conc = 9 * 1.1   # 90% occupancy of NET at C = 9 Ki, reboxetine Kd 1.1 nM (Iversen2006)
    fold = treatment.ne_fold_change("reboxetine", conc)
    assert check.reboxetine_ne_fold(fold).passed
    assert "occupancy" in check.reboxetine_ne_fold(treatment.ne_fold_change("reboxetine", 0.9)).message
    assert "fold - 1" in check.reboxetine_ne_fold(fold - 1).message
    assert not check.reboxetine_ne_fold(None).answered
    assert not check.reboxetine_ne_fold(float("nan")).passed


def test_arousal_check():
    # 50% NET occupancy at C = K: atomoxetine Ki 5 nM (Bymaster2002)
    over = treatment.simulate_treatment("atomoxetine", 5.0, "over_aroused")
    under = treatment.simulate_treatment("atomoxetine", 5.0, "under_aroused")
    change = over.performance - over.performance_untreated
    # the inverted U: more NE harms the over-aroused state and helps the under-aroused one
    assert change < 0 < under.performance - under.performance_untreated
    assert check.atomoxetine_performance_change(change).passed
    assert "under-aroused" in check.atomoxetine_performance_change(
        under.performance - under.performance_untreated).message
    assert "sign" in check.atomoxetine_performance_change(-change).message
    assert "treated performance" in check.atomoxetine_performance_change(over.performance).message
    assert not check.atomoxetine_performance_change(None).answered


def test_snri_check():
    # 80% of SERT at C = 4 K_SERT = 328 nM (venlafaxine Ki 82 nM, Bymaster2001): NET (Ki 2480 nM) only 12% held
    assert abs(328 / (328 + 2480) - 0.117) < 0.001
    fold = treatment.ne_fold_change("venlafaxine", 4 * 82.0)
    assert 1.0 < fold < treatment.ne_fold_change("venlafaxine", 4 * 2480.0)
    assert check.venlafaxine_ne_fold(fold).passed
    assert "NET, not of SERT" in check.venlafaxine_ne_fold(treatment.ne_fold_change("venlafaxine", 4 * 2480.0)).message
    assert "fold - 1" in check.venlafaxine_ne_fold(fold - 1).message
    assert not check.venlafaxine_ne_fold(None).answered


def test_prazosin_check():
    # prazosin leaves NE unchanged; NE's alpha1 curve (K 340 nM) shifts by the dose ratio 1 + C/K_B (K_B 0.25 nM)
    result = treatment.simulate_treatment("prazosin", 10.0, "over_aroused")
    ne = result.ne_nM
    assert result.ne_fold == 1.0
    by_hand = ne / (ne + 340.0 * (1 + 10.0 / 0.25))
    assert check.prazosin_alpha1_occupancy(by_hand).passed
    untreated = ne / (ne + 340.0)
    assert "without prazosin" in check.prazosin_alpha1_occupancy(untreated).message
    assert "percentage" in check.prazosin_alpha1_occupancy(100 * by_hand).message
    assert not check.prazosin_alpha1_occupancy(None).answered


@pytest.mark.parametrize("fn", [check.duloxetine_sert_preference, check.atomoxetine_sert_occupancy,
                                check.reboxetine_ne_fold, check.atomoxetine_performance_change,
                                check.venlafaxine_ne_fold, check.prazosin_alpha1_occupancy])
def test_far_off_answers_fail(fn):
    assert not fn(1e6).passed
    assert not fn(-3.0).passed


def test_occupancy_variants():
    from ne_lib import drugs

    for occ in (0.6, 0.7, 0.9):
        conc = drugs.concentration_for_occupancy_nM("atomoxetine", occ, "NET")
        sert = drugs.transporter_occupancy(conc, drugs.affinity_nM("atomoxetine", "SERT"))
        assert check.atomoxetine_sert_occupancy(sert, net_occupancy=occ).passed
        assert "NET occupancy" in check.atomoxetine_sert_occupancy(occ, net_occupancy=occ).message
    conc = drugs.concentration_for_occupancy_nM("atomoxetine", 0.8, "NET")
    website = check.atomoxetine_sert_occupancy(drugs.transporter_occupancy(conc, drugs.affinity_nM("atomoxetine", "SERT")),
                                               net_occupancy=0.6)
    assert not website.passed and "website" in website.message
