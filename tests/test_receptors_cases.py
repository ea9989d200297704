"""The chapter's validation cases: each model value falls inside its stated acceptance interval."""

import re
from pathlib import Path

import pytest

from ne_lib.cases import run_case
from ne_lib.cases.receptors import CASES

BIB = (Path(__file__).resolve().parents[1] / "references.bib").read_text(encoding="utf-8")
BIB_KEYS = set(re.findall(r"@\w+\{([^,\s]+),", BIB))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.key)
def test_case_passes(case):
    result = run_case(case)
    assert result.error is None, result.error
    assert result.passed, f"{case.key}: model {result.value:.4g} outside {case.accept}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.key)
def test_case_is_well_formed(case):
    assert case.chapter == "receptors"
    assert case.source in BIB_KEYS
    if case.reported_range is not None:
        lo, hi = case.reported_range
        # the acceptance interval must contain the published value (never drift away from it)
        assert case.accept[0] <= lo and hi <= case.accept[1]
    assert case.tolerance_why.strip()
