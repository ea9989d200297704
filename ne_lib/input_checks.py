"""Input validation shared by every public function in ne_lib.

Each helper returns the value as a float (or the checked object) and raises a
``TypeError`` for a wrong type or a ``ValueError`` for a bad value, naming the
parameter and the allowed range, so that a bad slider or a typo never turns into a
silent NaN further down.

Domains, declared once next to the function (see CONTRIBUTING.md, "Bad input"):

    @domain(ne_nM=Interval(0, 1e6, shape="either"), rate_hz=Interval(0, MAX_RATE_HZ))
    def release_rate_nM_per_s(ne_nM, rate_hz, ...): ...

``@domain`` checks the named arguments on every call (so the function body need not) and
records the domains in ``func.__ne_domain__``, where ``tests/test_input_properties.py``
reads them to draw valid inputs from inside each domain and invalid ones from outside.
On a dataclass (put it *above* ``@dataclass``) it checks the declared fields when a record
is made, and every other field by its annotation (``float``: a finite number, ``int``: an
integer, ``str``, ``np.ndarray``: a finite array, ``dict``/``MappingProxyType``: a mapping,
``X | None``: also None).
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import math
import numbers
from collections.abc import Mapping
from typing import TypeVar

import numpy as np

_P = TypeVar("_P")  # a model's parameter-set class

__all__ = ["number", "positive", "non_negative", "in_range", "fraction", "integer", "one_of", "finite_array",
           "Interval", "OneOf", "Fixed", "domain", "domains_of", "parameter_set"]


def _bound(what: str, bound) -> float:
    """A helper's own bound: a real number (not NaN); +-inf means no bound."""
    if isinstance(bound, bool) or not isinstance(bound, numbers.Real) or math.isnan(float(bound)):
        raise TypeError(f"{what} must be a real number (not NaN), got {bound!r}")
    return float(bound)


def _name(name) -> str:
    if not isinstance(name, str) or not name:
        raise TypeError(f"name must be the parameter's name (a non-empty str), got {name!r}")
    return name


def number(name: str, value) -> float:
    """Return ``value`` as a finite float, or raise naming ``name``."""
    _name(name)
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
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
    low, high = _bound("low", low), _bound("high", high)
    if low > high:
        raise ValueError(f"low ({low:g}) must be <= high ({high:g}) for {name}")
    value = number(name, value)
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g}, got {value!r}")
    return value


def fraction(name: str, value) -> float:
    """A finite number between 0 and 1 inclusive."""
    return in_range(name, value, 0.0, 1.0)


def parameter_set(params, default: _P) -> _P:
    """A model's parameter set: ``default`` when ``params`` is None, else ``params`` if it is of
    ``default``'s class (TypeError naming ``params`` and that class otherwise)."""
    if params is None:
        return default
    if not isinstance(params, type(default)):
        raise TypeError(f"params must be an instance of {type(default).__name__} or None, "
                        f"got {type(params).__name__}")
    return params


def integer(name: str, value, low: int | None = None, high: int | None = None) -> int:
    """An int (not bool) with optional inclusive bounds."""
    _name(name)
    for what, bound in (("low", low), ("high", high)):
        if bound is not None and (isinstance(bound, bool) or not isinstance(bound, numbers.Integral)):
            raise TypeError(f"{what} must be an integer or None, got {bound!r}")
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
    _name(name)
    allowed = list(allowed)
    if not allowed:
        raise ValueError(f"allowed must list at least one value for {name}")
    try:
        known = any(value is a or (isinstance(value, bool) == isinstance(a, bool)
                                   and isinstance(value, str) == isinstance(a, str) and bool(value == a))
                    for a in allowed)
    except (TypeError, ValueError):  # e.g. an array compared with a string
        known = False
    if not known:
        raise ValueError(f"{name} must be one of {allowed!r}, got {value!r}")
    return value


def finite_array(name: str, values, *, min_value: float | None = None, max_value: float | None = None,
                 allow_empty: bool = False) -> np.ndarray:
    """A float array (a number gives 1-D) with only finite entries, not empty unless ``allow_empty``
    (optionally all >= ``min_value`` and <= ``max_value``)."""
    _name(name)
    if isinstance(values, (str, bytes)) or values is None or isinstance(values, bool):
        raise TypeError(f"{name} must be an array of real numbers, got {type(values).__name__}")
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of real numbers, got {type(values).__name__}") from None
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} must contain at least one value, got an empty array")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers")
    if min_value is not None and np.any(arr < _bound("min_value", min_value)):
        raise ValueError(f"{name} must contain only values >= {min_value:g}")
    if max_value is not None and np.any(arr > _bound("max_value", max_value)):
        raise ValueError(f"{name} must contain only values <= {max_value:g}")
    return arr


# ----------------------------------------------------------------------------- declared domains
@dataclasses.dataclass(frozen=True)
class Interval:
    """Real numbers from ``low`` to ``high`` (inclusive unless ``open_low``/``open_high``).

    ``shape``: ``"scalar"`` (a number), ``"array"`` (a non-empty 1-D array) or ``"either"``
    (a number gives a float back, an array an array). ``integer=True``: whole numbers only.
    ``inf_ok``: +inf is allowed (``high`` must then be inf). ``none_ok``: None is allowed.
    """

    low: float = -math.inf
    high: float = math.inf
    open_low: bool = False
    open_high: bool = False
    shape: str = "scalar"
    integer: bool = False
    inf_ok: bool = False
    none_ok: bool = False

    def __post_init__(self):
        low, high = _bound("low", self.low), _bound("high", self.high)
        if low > high:
            raise ValueError(f"low ({low:g}) must be <= high ({high:g})")
        one_of("shape", self.shape, ("scalar", "array", "either"))

    def describe(self) -> str:
        lo = "(" if self.open_low else "["
        hi = ")" if self.open_high or (self.high == math.inf and not self.inf_ok) else "]"
        lo = "(" if self.low == -math.inf else lo
        kind = "an integer" if self.integer else "a number"
        if self.shape == "array":
            kind = "a non-empty array of numbers"
        elif self.shape == "either":
            kind = "a number or a non-empty array of numbers"
        return f"{kind} in {lo}{self.low:g}, {self.high:g}{hi}"

    def _scalar_ok(self, x: float) -> bool:
        if x < self.low or x > self.high:
            return False
        return not ((self.open_low and x == self.low) or (self.open_high and x == self.high))

    def check(self, name: str, value):
        if value is None and self.none_ok:
            return None
        if self.integer:
            if isinstance(value, bool) or not isinstance(value, numbers.Integral):
                raise TypeError(f"{name} must be {self.describe()}, got {type(value).__name__} {value!r}")
            if not self._scalar_ok(int(value)):
                raise ValueError(f"{name} must be {self.describe()}, got {value!r}")
            return int(value)
        is_array = isinstance(value, (list, tuple, np.ndarray)) and np.ndim(value) > 0
        if is_array and self.shape == "scalar":
            raise TypeError(f"{name} must be {self.describe()}, got {type(value).__name__}")
        if not is_array and self.shape == "array":
            raise TypeError(f"{name} must be {self.describe()}, got {type(value).__name__} {value!r}")
        if is_array:
            arr = finite_array(name, value)
            if not all(self._scalar_ok(v) for v in (float(arr.min()), float(arr.max()))) or (
                    (self.open_low and np.any(arr == self.low)) or (self.open_high and np.any(arr == self.high))):
                raise ValueError(f"{name} must be {self.describe()}, got values from {arr.min():g} to {arr.max():g}")
            return value
        if self.inf_ok and isinstance(value, numbers.Real) and not isinstance(value, bool) and value == math.inf:
            return value
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{name} must be {self.describe()}, got {type(value).__name__} {value!r}")
        x = number(name, value)
        if not self._scalar_ok(x):
            raise ValueError(f"{name} must be {self.describe()}, got {value!r}")
        return value


@dataclasses.dataclass(frozen=True)
class OneOf:
    """One of a fixed set of values (drug names, states, receptors, ...).

    ``also``: instances of these types pass as well (e.g. a :class:`ne_lib.drugs.Drug` where a
    drug name is expected); ``ignore_case``: strings are compared in lower case, trimmed.
    """

    options: tuple
    also: tuple = ()
    ignore_case: bool = False

    def __post_init__(self):
        object.__setattr__(self, "options", tuple(self.options))
        object.__setattr__(self, "also", tuple(self.also))
        if not self.options:
            raise ValueError("options must list at least one value")

    def describe(self) -> str:
        return f"one of {list(self.options)!r}"

    def check(self, name: str, value):
        if self.also and isinstance(value, self.also):
            return value
        if not isinstance(value, str) and all(isinstance(o, str) for o in self.options):
            raise TypeError(f"{name} must be {self.describe()}, got {type(value).__name__} {value!r}")
        if self.ignore_case and isinstance(value, str):
            if value.strip().lower() in [str(o).lower() for o in self.options]:
                return value
        return one_of(name, value, self.options)


@dataclasses.dataclass(frozen=True)
class Fixed:
    """Not drawn by the property test (an object such as a params record or a generator):
    only the default is passed, or for a required parameter ``example`` (a value, or a
    function of no arguments that makes one)."""

    example: object = None

    def describe(self) -> str:
        return "an object (not drawn)"

    def make_example(self):
        return self.example() if callable(self.example) else self.example

    def check(self, name: str, value):
        return value


def _by_annotation(annotation) -> "Interval | _TypeField | None":
    """The check implied by a record field's annotation (a string under postponed annotations)."""
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", str(annotation))
    parts = {p.strip() for p in text.split("|")}
    none_ok = "None" in parts
    parts.discard("None")
    if parts == {"float"}:
        return Interval(none_ok=none_ok)
    if parts == {"int"}:
        return Interval(integer=True, none_ok=none_ok)
    if parts <= {"np.ndarray", "numpy.ndarray", "ndarray"} and parts:
        return _ARRAY_FIELD
    if parts == {"str"}:
        return _STR_FIELD
    if parts <= {"dict", "MappingProxyType", "Mapping", "types.MappingProxyType"} and parts:
        return _MAPPING_FIELD
    return None


class _TypeField:
    def __init__(self, kind, text, convert=None):
        self.kind, self.text, self.convert = kind, text, convert

    def check(self, name, value):
        if not isinstance(value, self.kind) or isinstance(value, bool) and self.kind is not bool:
            raise TypeError(f"{name} must be {self.text}, got {type(value).__name__} {value!r}")
        if self.convert:
            self.convert(name, value)
        return value


def _array_field(name, value):
    if value.dtype.kind in "biuf" and value.size and not np.all(np.isfinite(value)):
        raise ValueError(f"{name} must contain only finite numbers")


_ARRAY_FIELD = _TypeField(np.ndarray, "a numpy array", _array_field)
_STR_FIELD = _TypeField(str, "a str")
_MAPPING_FIELD = _TypeField(Mapping, "a mapping (dict)")


def domains_of(obj) -> dict:
    """The domains declared with :func:`domain` on a function or record (empty if none)."""
    return dict(getattr(obj, "__ne_domain__", {}))


def domain(_check: bool = True, **domains):
    """Declare (and check) the allowed values of parameters or record fields; see the module docstring.

    Each keyword names a parameter and gives an :class:`Interval`, a :class:`OneOf`, a :class:`Fixed`
    or any object with ``check(name, value)`` returning the value or raising ValueError/TypeError.
    ``_check=False`` only records the domains (for a function that checks its arguments itself,
    e.g. under a caller's parameter name).
    """
    for key, dom in domains.items():
        if not callable(getattr(dom, "check", None)):
            raise TypeError(f"the domain of {key} must have a check(name, value) method, got {dom!r}")

    def decorate(obj):
        if isinstance(obj, type):
            return _record(obj, domains)
        if not _check:
            obj.__ne_domain__ = {**domains_of(obj), **domains}
            return obj
        sig = inspect.signature(obj)
        unknown = set(domains) - set(sig.parameters)
        if unknown:
            raise TypeError(f"{obj.__qualname__} has no parameter(s) {sorted(unknown)}")
        checked = [(k, d) for k, d in domains.items() if not isinstance(d, Fixed)]
        defaults = {k: p.default for k, p in sig.parameters.items()}

        @functools.wraps(obj)
        def wrapper(*args, **kwargs):
            bound = sig.bind(*args, **kwargs)
            given = bound.arguments
            for key, dom in checked:
                if key in given:
                    dom.check(key, given[key])
                elif defaults[key] is not inspect.Parameter.empty and defaults[key] is not None:
                    pass  # defaults are the author's: trusted
            return obj(*args, **kwargs)

        wrapper.__ne_domain__ = {**domains_of(obj), **domains}
        return wrapper

    return decorate


def _record(cls, domains):
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"@domain on a class needs a dataclass: put @domain above @dataclass ({cls.__name__})")
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = set(domains) - set(fields)
    if unknown:
        raise TypeError(f"{cls.__name__} has no field(s) {sorted(unknown)}")
    checks: dict = {}
    for fname, f in fields.items():
        dom = domains.get(fname) or _by_annotation(f.type)
        if dom is not None and not isinstance(dom, Fixed):
            checks[fname] = dom
    original_init = cls.__init__

    @functools.wraps(original_init)
    def checked_init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        for fname, dom in checks.items():
            dom.check(fname, getattr(self, fname))

    cls.__init__ = checked_init
    cls.__ne_domain__ = {**domains_of(cls), **domains}
    cls.__ne_field_checks__ = checks
    return cls
