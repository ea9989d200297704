"""Tests of the exercise-check core (ne_lib.check): verdicts, hints, and the machine-readable output.

Expected values here are plain numbers chosen for the test (not taken from any model), so each
hint is checked against an answer whose mistake we know by construction.
"""

import json

import numpy as np
import pytest

from ne_lib import contract
from ne_lib.check import MIME_TYPE, Feedback, check_array, check_number

EXPECTED = 2.5  # an arbitrary reference answer, in µM


def number(value, **kw):
    return check_number("ex-test", value, EXPECTED, name="NE concentration", units="µM", **kw)


# ---- check_number: verdicts --------------------------------------------------------------

@pytest.mark.parametrize("value", [2.5, 2.5 * 1.019, 2.5 * 0.981, np.float64(2.5), np.array(2.5), np.array([2.5])])
def test_correct_answers_within_tolerance_pass(value):
    fb = number(value)
    assert fb.passed and bool(fb) and fb.answered
    assert fb.status == "correct"
    assert "matches the model" in fb.message


@pytest.mark.parametrize("value", [2.5 * 1.03, 2.5 * 0.97])
def test_answers_just_outside_tolerance_fail(value):
    fb = number(value)
    assert not fb.passed and fb.answered
    assert ("too large" if value > EXPECTED else "too small") in fb.message


def test_integer_answer_is_accepted():
    assert check_number("ex-int", 3, 3.0, name="count").passed
    assert check_number("ex-int", np.int64(3), 3.0, name="count").passed


def test_tolerance_is_adjustable():
    assert not number(2.7).passed
    assert number(2.7, rel_tol=0.1).passed
    assert check_number("ex-zero", 1e-9, 0.0, name="drift", abs_tol=1e-6).passed


# ---- check_number: hints for typical mistakes -------------------------------------------

def test_thousandfold_too_large_names_units():
    fb = number(EXPECTED * 1000)          # nM given where µM is wanted
    assert not fb.passed
    assert "1000 times too large" in fb.message
    assert "µM" in fb.message             # tells which unit is wanted


def test_thousandfold_too_small():
    fb = number(EXPECTED / 1000)
    assert "1000 times too small" in fb.message


def test_sixty_fold_suggests_minutes_versus_seconds():
    fb = check_number("ex-t", 120.0 * 60, 120.0, name="half-life", units="min")
    assert "60 times too large" in fb.message and "seconds versus minutes" in fb.message


def test_wrong_sign():
    fb = number(-EXPECTED)
    assert not fb.passed
    assert "wrong sign" in fb.message
    assert "1000" not in fb.message


def test_wrong_sign_and_units_together():
    fb = number(-EXPECTED * 1000)
    assert "1000 times too large" in fb.message and "sign is wrong" in fb.message


@pytest.mark.parametrize("factor", [2.0, 0.5])
def test_factor_of_two(factor):
    fb = number(EXPECTED * factor)
    assert not fb.passed and "factor of two" in fb.message


def test_percentage_versus_fraction():
    fb = check_number("ex-frac", 80.0, 0.8, name="NET occupancy")
    assert "factor of 100" in fb.message and "percentage" in fb.message


def test_factor_of_ten():
    assert "factor of ten" in number(EXPECTED * 10).message


def test_unexplained_difference_says_direction_and_hint():
    fb = number(EXPECTED * 1.37, hint="Use steady_state().")
    assert not fb.passed
    assert "too large" in fb.message and fb.message.endswith("Use steady_state().")


def test_declared_mistake_is_explained_before_generic_hints():
    # 1 / EXPECTED = 0.4; a generic hint would call it "off", the declared one says why.
    fb = number(1 / EXPECTED, mistakes={"You divided the wrong way round.": 1 / EXPECTED})
    assert not fb.passed and "divided the wrong way round" in fb.message
    # A mistake that happens to be a factor of two is still explained specifically.
    fb = number(2 * EXPECTED, mistakes={"You counted both hemispheres.": 2 * EXPECTED})
    assert "both hemispheres" in fb.message and "factor of two" not in fb.message


def test_zero_expected_wrong_answer():
    fb = check_number("ex-zero", 0.3, 0.0, name="net flux")
    assert not fb.passed and "about zero" in fb.message


# ---- check_number: unanswered and malformed answers ---------------------------------------

@pytest.mark.parametrize("value", [None, ...])
def test_none_means_not_answered(value):
    fb = number(value, hint="Read .ne_nM.")
    assert not fb.passed and not fb.answered
    assert fb.status == "not answered"
    assert "Replace None" in fb.message and "Read .ne_nM." in fb.message


@pytest.mark.parametrize("value, type_name", [("2.5", "str"), ([2.5, 1.0], "list"), (True, "bool"),
                                              (np.array([1.0, 2.0]), "ndarray"), ({"x": 1}, "dict"),
                                              (2.5 + 0j, "complex")])
def test_wrong_type_is_named(value, type_name):
    fb = number(value)
    assert not fb.passed and fb.answered
    assert "single number" in fb.message and type_name in fb.message


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -np.inf])
def test_non_finite_answer_is_rejected_with_message(value):
    fb = number(value)
    assert not fb.passed and "finite" in fb.message


def test_check_author_errors_raise():
    with pytest.raises(ValueError, match="expected"):
        check_number("ex", 1.0, float("nan"), name="x")
    with pytest.raises(TypeError, match="exercise"):
        check_number("", 1.0, 1.0, name="x")
    with pytest.raises(ValueError, match="expected"):
        check_array("ex", [1.0], [np.inf], name="x")


# ---- check_array --------------------------------------------------------------------------

REF = np.array([1.0, 2.0, 4.0, 8.0])  # an arbitrary reference curve, in nM


def array(values, **kw):
    return check_array("ex-arr", values, REF, name="NE time course", units="nM", **kw)


def test_array_correct_list_or_array_passes():
    assert array([1.0, 2.0, 4.0, 8.0]).passed
    assert array(REF * 1.01).passed


def test_array_units_factor():
    fb = array(REF / 1000)
    assert not fb.passed and "1000 times too small" in fb.message and "nM" in fb.message


def test_array_sign_and_factor_two():
    assert "wrong sign" in array(-REF).message
    assert "factor of two" in array(REF * 2).message


def test_array_reversed_order():
    fb = array(REF[::-1])
    assert not fb.passed and "reverse order" in fb.message


def test_array_wrong_shape():
    fb = array(REF[:3])
    assert not fb.passed and "(3,)" in fb.message and "(4,)" in fb.message


def test_array_not_answered_and_wrong_type():
    fb = array(None)
    assert not fb.passed and not fb.answered and "Replace None" in fb.message
    for bad in ("1 2 4 8", [1.0, "two", 4.0, 8.0], [[1.0], [2.0, 3.0]]):
        fb = array(bad)
        assert not fb.passed and fb.answered and "should be numbers" in fb.message


def test_array_nan_is_reported():
    fb = array([1.0, np.nan, 4.0, 8.0])
    assert not fb.passed and "NaN" in fb.message


def test_array_points_to_worst_element():
    wrong = REF.copy()
    wrong[2] = 5.0
    fb = array(wrong)
    assert not fb.passed and "index 2" in fb.message and "5" in fb.message


def test_array_2d_worst_element_index_is_row_column():
    ref = np.arange(1.0, 7.0).reshape(2, 3)
    wrong = ref.copy()
    wrong[1, 0] = 40.0
    fb = check_array("ex-2d", wrong, ref, name="grid")
    assert "(1, 0)" in fb.message


# ---- Feedback display and machine-readable copy -------------------------------------------

def test_feedback_mimebundle_carries_json_copy(monkeypatch):
    monkeypatch.delenv(contract.BUILD_ENV, raising=False)   # in a student's or the grader's kernel
    fb = number(EXPECTED * 1000)
    bundle = fb._repr_mimebundle_()
    assert {"text/plain", "text/html", MIME_TYPE} <= set(bundle)
    payload = json.loads(json.dumps(bundle[MIME_TYPE]))  # must survive JSON (notebook storage)
    assert payload == {"exercise": "ex-test", "passed": False, "message": fb.message, "answered": True}
    assert json.loads(fb.to_json()) == payload


def test_feedback_html_escapes_message():
    fb = Feedback("ex<1>", False, "a < b & c")
    html_out = fb._repr_mimebundle_()["text/html"]
    assert "a &lt; b &amp; c" in html_out and "ex&lt;1&gt;" in html_out


def test_feedback_repr_marks_status():
    assert repr(Feedback("e", True, "ok")).startswith("✔")
    assert repr(Feedback("e", False, "no")).startswith("✘")
    assert repr(Feedback("e", False, "later", answered=False)).startswith("…")


# ---- errors carried over from an earlier exercise ---------------------------------------

def test_carried_over_value_is_named_before_a_declared_mistake():
    # 0.4 is both a declared mistake and what the right method gives from the student's earlier answer;
    # the student's own earlier value is the specific explanation.
    fb = number(0.4, mistakes={"You divided the wrong way round.": 0.4},
                carried_over={"twice your answer to exercise ex-early (0.2)": 0.4})
    assert not fb.passed and "carried over" in fb.message and "ex-early" in fb.message
    assert "wrong way round" not in fb.message
    assert "wrong way round" in number(0.4, mistakes={"You divided the wrong way round.": 0.4}).message


def _early(value):
    return check_number("ex-early", value, 0.5, name="early answer")


def test_wrong_earlier_answer_is_returned_only_when_it_is_a_wrong_number():
    from ne_lib.check import wrong_earlier_answer

    assert wrong_earlier_answer(0.7, _early) == 0.7
    assert wrong_earlier_answer(np.float64(0.7), _early) == 0.7
    for not_wrong in (0.5, 0.505, None, ..., "0.7", True, float("nan"), [0.7, 0.8]):
        assert wrong_earlier_answer(not_wrong, _early) is None, not_wrong


def test_wrong_earlier_answer_needs_a_check_and_survives_odd_variants():
    from ne_lib.check import synthesis, wrong_earlier_answer

    with pytest.raises(TypeError, match="earlier_check"):
        wrong_earlier_answer(0.7, "syn-ex-mhpg")
    assert wrong_earlier_answer(3.0, synthesis.urinary_mhpg_fold, turnover_fold="two") is None


def test_every_carried_answer_names_an_exercise_on_the_same_page():
    from pathlib import Path

    import nbformat

    from ne_lib.check.registry import all_exercises
    from ne_lib.coursework.grading import gated_exercise_cells

    chapters = Path(__file__).resolve().parent.parent / "chapters"
    page_of, cell_of = {}, {}
    for path in chapters.rglob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for i, label in gated_exercise_cells(nb).items():
            page_of[label], cell_of[label] = path, nb.cells[i].source
    registry = all_exercises()
    chained = [ex for ex in registry.values() if ex.carried]
    assert {"rec-ex-schild-ne", "syn-ex-detect"} <= {ex.label for ex in chained}
    for ex in chained:
        for arg, spec in ex.carried.items():
            earlier, _, variant = spec.partition(":")
            assert earlier in registry and page_of[earlier] == page_of[ex.label], (ex.label, spec)
            assert not variant or variant in registry[earlier].variants, (ex.label, spec)
            # the notebook's own check call passes the earlier value too, so the student sees it before grading
            check_call = cell_of[ex.label].split("### END SOLUTION", 1)[-1]
            assert f"{arg}=" in check_call, (ex.label, arg)


def test_hints_and_not_answered_messages_do_not_give_the_call_away():
    import re

    from ne_lib.check.registry import all_exercises

    code = re.compile(r"\w\(|[A-Za-z_]\w*\.[A-Za-z_]\w*|\b[a-z]+_[a-z_]+\b|`|=|\bnp\b")
    for label, ex in all_exercises().items():
        fb = ex.check(*[None] * len(ex.answers))
        assert not fb.answered, label
        assert not code.search(fb.message), (label, fb.message)
