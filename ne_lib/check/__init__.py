"""Automatic checks for coding exercises: specific feedback, never just "False".

A chapter's checks live in ``ne_lib/check/<chapter>.py``; each computes the expected
answer from the course's own model (the reference solution) and calls
:func:`check_number` or :func:`check_array`. A check returns a :class:`Feedback`,
which shows as a coloured message in Jupyter and carries a machine-readable copy
(MIME type ``application/vnd.ne-check+json``) that the grading command reads.
"""

from __future__ import annotations

import html
import json
import math
import numbers
from dataclasses import dataclass

import numpy as np

from ne_lib import contract

__all__ = ["Feedback", "check_number", "check_array", "wrong_earlier_answer", "MIME_TYPE"]

MIME_TYPE = contract.CHECK_MIME_TYPE


@dataclass(frozen=True)
class Feedback:
    """The outcome of one check. ``bool(feedback)`` is ``passed``."""

    exercise: str
    passed: bool
    message: str
    answered: bool = True

    def __bool__(self) -> bool:
        return self.passed

    @property
    def status(self) -> str:
        return "correct" if self.passed else ("not answered" if not self.answered else "not yet")

    def __repr__(self) -> str:
        mark = "✔" if self.passed else ("…" if not self.answered else "✘")
        return f"{mark} [{self.exercise}] {self.message}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        colour = "#0b6e3f" if self.passed else ("#555555" if not self.answered else "#a3300b")
        mark = "✔ Correct" if self.passed else ("… Not answered yet" if not self.answered else "✘ Not yet")
        body = (
            f'<div class="ne-check" role="status" style="border-left:4px solid {colour};padding:0.3em 0.8em;">'
            f'<strong style="color:{colour}">{mark}</strong> '
            f"<span>({html.escape(self.exercise)})</span><br>{html.escape(self.message)}</div>"
        )
        bundle = {"text/plain": repr(self), "text/html": body}
        if not contract.in_book_build():  # the website has no use for the grader's copy
            bundle[MIME_TYPE] = {"exercise": self.exercise, "passed": self.passed, "message": self.message,
                                 "answered": self.answered}
        return bundle

    def to_json(self) -> str:
        return json.dumps({"exercise": self.exercise, "passed": self.passed, "message": self.message,
                           "answered": self.answered})


def _check_author_args(exercise, expected, *, scalar: bool = False, rel_tol=0.0, abs_tol=0.0,
                       mistakes=None, carried_over=None, name="answer") -> None:
    """Errors in a check's own arguments (not the student's) raise, naming the parameter."""
    if not isinstance(exercise, str) or not exercise:
        raise TypeError(f"exercise must be a non-empty str (the exercise label), got {exercise!r}")
    if not isinstance(name, str) or not name:
        raise TypeError(f"name must be a non-empty str (the answer's name), got {name!r}")
    if isinstance(expected, (str, bytes, bool)) or expected is None:
        raise TypeError(f"expected must be a number or an array of numbers, got {type(expected).__name__}")
    try:
        arr = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"expected must be a number or an array of numbers, got {type(expected).__name__}") from None
    if scalar and arr.ndim != 0 and arr.size != 1:
        raise TypeError(f"expected must be a single number for check_number, got an array of shape {arr.shape} "
                        "(use check_array)")
    if not bool(np.all(np.isfinite(arr))):
        raise ValueError(f"expected must be finite, got {expected!r}: the reference model returned NaN/inf")
    for tol_name, tol in (("rel_tol", rel_tol), ("abs_tol", abs_tol)):
        if isinstance(tol, bool) or not isinstance(tol, numbers.Real):
            raise TypeError(f"{tol_name} must be a finite number >= 0, got {type(tol).__name__} {tol!r}")
        if not (math.isfinite(tol) and float(tol) >= 0):
            raise ValueError(f"{tol_name} must be a finite number >= 0, got {tol!r}")
    if float(rel_tol) >= 1:
        raise ValueError(f"rel_tol must be < 1 (a relative tolerance of 100% accepts any value), got {rel_tol!r}")
    for map_name, mapping in (("mistakes", mistakes), ("carried_over", carried_over)):
        if mapping is None:
            continue
        if not isinstance(mapping, dict):
            raise TypeError(f"{map_name} must be a dict mapping an explanation (str) to a number, "
                            f"got {type(mapping).__name__}")
        for key, value in mapping.items():
            if not isinstance(key, str):
                raise TypeError(f"{map_name} keys must be explanations (str), got {key!r}")
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise TypeError(f"{map_name}[{key!r}] must be a number, got {type(value).__name__} {value!r}")


def _not_answered(value) -> bool:
    return value is None or value is Ellipsis


def _as_float(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, np.ndarray) and value.size == 1:
        return float(value.reshape(-1)[0])
    return None


def _factor_hint(ratio: float, units: str) -> str | None:
    """Explain a common mistake from the ratio answer/expected, or None."""
    unit_note = f" Check your units: the answer is wanted in {units}." if units else ""
    if ratio < 0 and not math.isclose(ratio, -1.0, rel_tol=0.05):
        size = _factor_hint(-ratio, units)
        return f"{size} The sign is wrong too." if size else None
    for factor, text in [
        (1e3, "1000 times too large"), (1e-3, "1000 times too small"),
        (1e6, "a million times too large"), (1e-6, "a million times too small"),
        (60.0, "60 times too large (seconds versus minutes?)"),
        (1 / 60.0, "60 times too small (minutes versus seconds?)"),
    ]:
        if math.isclose(ratio, factor, rel_tol=0.05):
            return f"Your value is about {text}.{unit_note}"
    if math.isclose(ratio, -1.0, rel_tol=0.05):
        return "Your value has the right size but the wrong sign."
    if math.isclose(ratio, 100.0, rel_tol=0.05) or math.isclose(ratio, 0.01, rel_tol=0.05):
        return ("Your value is off by a factor of 100: did you give a percentage where a fraction is wanted, "
                "or the reverse?")
    if math.isclose(ratio, 2.0, rel_tol=0.05) or math.isclose(ratio, 0.5, rel_tol=0.05):
        return "Your value is off by a factor of two."
    if math.isclose(ratio, 10.0, rel_tol=0.05) or math.isclose(ratio, 0.1, rel_tol=0.05):
        return f"Your value is off by a factor of ten.{unit_note}"
    return None


def check_number(exercise: str, value, expected: float, *, name: str, units: str = "",
                 rel_tol: float = 0.02, abs_tol: float = 0.0, hint: str = "",
                 mistakes: dict[str, float] | None = None,
                 carried_over: dict[str, float] | None = None) -> Feedback:
    """Compare a student's number with the expected one and explain the difference.

    ``mistakes`` maps an explanation to the value a typical wrong method gives
    (for example ``{"You divided the wrong way round": 1 / expected}``); such a value
    is recognised and explained before the generic unit/sign/factor hints.
    ``carried_over`` maps a description to the value the right method gives from the student's
    own (wrong) answer to an earlier exercise; the description names that exercise (see
    :func:`wrong_earlier_answer`). Such a value is reported as an error carried over, before the
    ``mistakes``: the student's own earlier value is the more specific explanation.
    """
    _check_author_args(exercise, expected, scalar=True, rel_tol=rel_tol, abs_tol=abs_tol, mistakes=mistakes,
                       carried_over=carried_over, name=name)
    expected = float(np.asarray(expected, dtype=float).reshape(-1)[0])
    if _not_answered(value):
        return Feedback(exercise, False, f"Replace None with your value of {name}. {hint}".strip(), answered=False)
    x = _as_float(value)
    if x is None:
        return Feedback(exercise, False,
                        f"{name} should be a single number, but you gave a {type(value).__name__}. {hint}".strip())
    if not math.isfinite(x):
        return Feedback(exercise, False, f"{name} is {x}: a finite number is expected. {hint}".strip())
    shown = f"{expected:.3g} {units}".strip()
    if math.isclose(x, expected, rel_tol=rel_tol, abs_tol=abs_tol):
        given = f"{x:.3g} {units}".strip()
        return Feedback(exercise, True, f"{name} = {given}: matches the model ({shown}).")
    for described, value in (carried_over or {}).items():
        if math.isfinite(value) and math.isclose(x, value, rel_tol=rel_tol, abs_tol=abs_tol):
            return Feedback(exercise, False, f"{name} = {x:.3g}: this is {described}. Your method here is "
                            "right; the error is carried over from that earlier exercise, so fix that one "
                            "first.")
    for explanation, wrong in (mistakes or {}).items():
        if math.isclose(x, wrong, rel_tol=rel_tol, abs_tol=abs_tol):
            return Feedback(exercise, False, f"{name} = {x:.3g}. {explanation} {hint}".strip())
    if expected != 0:
        specific = _factor_hint(x / expected, units)
        if specific:
            return Feedback(exercise, False, f"{name} = {x:.3g}. {specific} {hint}".strip())
        direction = "too large" if x > expected else "too small"
        return Feedback(exercise, False, f"{name} = {x:.3g} is {direction} (off by more than "
                        f"{rel_tol:.0%}). {hint}".strip())
    return Feedback(exercise, False, f"{name} = {x:.3g}, but it should be about zero. {hint}".strip())


def wrong_earlier_answer(value, earlier_check, **params) -> float | None:
    """The student's answer to an earlier exercise, as a float, if it is a number that exercise's check rejects.

    ``earlier_check`` is the earlier exercise's check function and ``params`` its variant parameters.
    ``None`` when the earlier answer is missing, not a single finite number, or right (then there is
    no error to carry over), or when the earlier check cannot use ``params``.
    """
    if not callable(earlier_check):
        raise TypeError(f"earlier_check must be the earlier exercise's check function, got "
                        f"{type(earlier_check).__name__}")
    x = None if _not_answered(value) else _as_float(value)
    if x is None or not math.isfinite(x):
        return None
    try:
        earlier = earlier_check(x, **params)
    except (TypeError, ValueError):   # an odd variant value from the notebook: nothing to compare with
        return None
    return None if earlier.passed else x


def check_array(exercise: str, values, expected, *, name: str, units: str = "", rel_tol: float = 0.02,
                abs_tol: float = 0.0, hint: str = "") -> Feedback:
    """Compare an array answer element-wise; explains wrong length, ordering and factor errors."""
    _check_author_args(exercise, expected, rel_tol=rel_tol, abs_tol=abs_tol, name=name)
    if _not_answered(values):
        return Feedback(exercise, False, f"Replace None with your {name}. {hint}".strip(), answered=False)
    if isinstance(values, (str, bytes)):
        return Feedback(exercise, False, f"{name} should be numbers, got {type(values).__name__}. {hint}".strip())
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        return Feedback(exercise, False, f"{name} should be numbers, got {type(values).__name__}. {hint}".strip())
    exp = np.asarray(expected, dtype=float)
    if arr.shape != exp.shape:
        return Feedback(exercise, False, f"{name} has shape {arr.shape}, expected {exp.shape}. {hint}".strip())
    if not np.all(np.isfinite(arr)):
        return Feedback(exercise, False, f"{name} contains NaN or infinite values. {hint}".strip())
    if np.allclose(arr, exp, rtol=rel_tol, atol=abs_tol):
        return Feedback(exercise, True, f"{name} matches the model.")
    if arr.ndim == 1 and np.allclose(arr[::-1], exp, rtol=rel_tol, atol=abs_tol):
        return Feedback(exercise, False, f"{name} is in reverse order. {hint}".strip())
    nz = np.abs(exp) > 0
    if np.any(nz):
        ratios = arr[nz] / exp[nz]
        if np.allclose(ratios, ratios[0], rtol=rel_tol):
            specific = _factor_hint(float(ratios[0]), units)
            if specific:
                return Feedback(exercise, False, f"{name}: {specific} {hint}".strip())
    flat = int(np.argmax(np.abs(arr - exp)))
    worst = flat if arr.ndim == 1 else tuple(int(k) for k in np.unravel_index(flat, arr.shape))
    return Feedback(exercise, False, f"{name} differs from the model, most at index {worst} "
                    f"({arr.flat[flat]:.3g} versus {exp.flat[flat]:.3g} {units}). {hint}".strip())
