"""Every validation case of the locus coeruleus chapter runs and lands in its acceptance window."""

import pytest

from ne_lib.cases import locus_coeruleus as cases, run_case


@pytest.mark.parametrize("case", cases.CASES, ids=lambda c: c.key)
def test_case_passes(case):
    result = run_case(case)
    assert result.error is None, result.error
    assert result.passed, f"{case.key}: model {result.value} outside {case.accept}"
