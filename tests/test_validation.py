"""Every published result in the validation registry is reproduced by its model.

The book's "How far to trust the models" page is generated from the same registry, so a
case shown there is always a case under test here."""

import math

import pytest

from ne_lib.cases import Case, registry as validation
from ne_lib.chapters import CHAPTER_KEYS

CASES = validation.all_cases()


def test_registry_covers_every_chapter_and_the_required_results():
    chapters = {c.chapter for c in CASES}
    assert chapters == set(CHAPTER_KEYS)
    sources = {c.source for c in CASES}
    for key in ["Robertson1991", "Palij1994", "Abercrombie1988", "Bymaster2002", "Bymaster2001",
                "AstonJones2005", "ServanSchreiber1990"]:
        assert key in sources, f"no validation case cites {key}"


def test_every_case_cites_a_key_in_the_bibliography():
    bib = open("references.bib", encoding="utf-8").read()
    missing = [c.source for c in CASES if "{" + c.source + "," not in bib]
    assert not missing, missing


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.key)
def test_case_reproduces_the_published_result(case):
    result = validation.run_case(case)
    assert result.error is None, result.error
    lo, hi = case.accept
    assert result.passed, f"{case.key}: model gives {result.value:.4g} {case.units}, accepted {lo:g} to {hi:g} " \
                          f"(reported {case.reported})"
    if case.reported_range:
        # the accepted interval must be a tolerance around what was reported, not somewhere else
        r_lo, r_hi = case.reported_range
        assert lo <= r_hi and hi >= r_lo, f"{case.key}: accepted range does not overlap the reported range"


def test_a_failing_case_is_shown_as_a_failure_not_hidden():
    broken = Case(key="broken", chapter="receptors", source="Palij1994", claim="a broken model",
                  reported="3 s", units="s", model=lambda: 1 / 0, accept=(2.0, 4.0), tolerance_why="test")
    wrong = Case(key="wrong", chapter="receptors", source="Palij1994", claim="a wrong model",
                 reported="3 s", units="s", model=lambda: 10.0, accept=(2.0, 4.0), tolerance_why="test")
    results = [validation.run_case(broken), validation.run_case(wrong)]
    assert not any(r.passed for r in results) and "ZeroDivisionError" in results[0].error
    text = validation.report_markdown(results)
    assert text.count("| **✘ FAIL**") == 2 and "0 of 2 checks pass" in text


def test_bad_accept_interval_is_rejected():
    with pytest.raises(ValueError, match="accept"):
        Case(key="x", chapter="receptors", source="Palij1994", claim="c", reported="r", units="s",
             model=lambda: 1.0, accept=(4.0, 2.0), tolerance_why="t")
    with pytest.raises(ValueError, match="accept"):
        Case(key="x", chapter="receptors", source="Palij1994", claim="c", reported="r", units="s",
             model=lambda: 1.0, accept=(math.nan, 2.0), tolerance_why="t")
