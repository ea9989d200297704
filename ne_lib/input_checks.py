"""Input validation shared by every public function in ne_lib.

Each helper returns the value as a float (or the checked object) and raises a
``TypeError`` for a wrong type or a ``ValueError`` for a bad value, naming the
parameter and the allowed range, so that a bad slider or a typo never turns into a
silent NaN further down.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

__all__ = ["number", "positive", "non_negative", "in_range", "fraction", "integer", "one_of", "finite_array"]


def number(name: str, value) -> float:
    """Return ``value`` as a finite float, or raise naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return value


def positive(name: str, value) -> float:
    """A finite number > 0."""
    value = number(name, value)
    if value <= 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")
    return value


def non_negative(name: str, value) -> float:
    """A finite number >= 0."""
    value = number(name, value)
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value!r}")
    return value


def in_range(name: str, value, low: float, high: float) -> float:
    """A finite number with ``low <= value <= high``."""
    value = number(name, value)
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g}, got {value!r}")
    return value


def fraction(name: str, value) -> float:
    """A finite number between 0 and 1 inclusive."""
    return in_range(name, value, 0.0, 1.0)


def integer(name: str, value, low: int | None = None, high: int | None = None) -> int:
    """An int (not bool) with optional inclusive bounds."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}")
    value = int(value)
    if (low is not None and value < low) or (high is not None and value > high):
        lo = "-inf" if low is None else low
        hi = "inf" if high is None else high
        raise ValueError(f"{name} must be an integer between {lo} and {hi}, got {value!r}")
    return value


def one_of(name: str, value, allowed):
    """``value`` must be one of ``allowed`` (compared with ==)."""
    allowed = list(allowed)
    if value not in allowed:
        raise ValueError(f"{name} must be one of {allowed!r}, got {value!r}")
    return value


def finite_array(name: str, values, *, min_value: float | None = None) -> np.ndarray:
    """A 1-D float array with only finite entries (optionally all >= ``min_value``)."""
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of real numbers, got {type(values).__name__}") from None
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers")
    if min_value is not None and np.any(arr < min_value):
        raise ValueError(f"{name} must contain only values >= {min_value:g}")
    return arr
