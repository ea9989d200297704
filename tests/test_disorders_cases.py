"""The chapter's validation cases: each reproduces its published result within the stated tolerance."""

import pytest

from ne_lib.cases import all_cases, run_case
from ne_lib.cases.disorders import CASES


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.key)
def test_case_passes(case):
    result = run_case(case)
    assert result.error is None, result.error
    assert result.passed, (case.key, result.value, case.accept)


def test_cases_are_registered_cite_known_sources_and_cover_the_brief():
    import pathlib
    bib = (pathlib.Path(__file__).resolve().parents[1] / "references.bib").read_text()
    keys = {c.key for c in all_cases()}
    for case in CASES:
        assert case.key in keys and case.chapter == "disorders"
        assert "{" + case.source + "," in bib.replace(" ", "")
        if case.reported_range:
            lo, hi = case.accept
            # the acceptance interval must contain the published value itself
            assert lo <= case.reported_range[0] and case.reported_range[1] <= hi
    sources = {c.source for c in CASES}
    assert {"Bymaster2001", "Bymaster2002", "Tatsumi1997"} <= sources
