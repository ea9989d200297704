"""Bad input anywhere in ne_lib gets a clear error: a property-based test over every public callable.

Nothing here lists functions by hand. The test discovers every public callable (functions
and record classes) of every ne_lib science module, and every interactive figure's
``compute``, then for each one lets Hypothesis draw

* valid calls, every argument from its domain: the call must return, within the time limit,
  a result with no NaN or infinity in it (a ``ValueError``/``TypeError`` is allowed only when
  it names one of the arguments, for combinations that are refused together, such as a burst
  longer than the recording);
* invalid calls, one argument from outside its domain (NaN, +-inf, None, a string, an empty
  array, a value beyond the declared range, an unknown choice): the call must raise
  ``ValueError`` or ``TypeError`` whose message names that argument.

Where a parameter's domain comes from (``domain_for``), in order:

1. a declaration next to the function, ``@input_checks.domain(name=Interval(...)/OneOf(...))``;
2. for a figure, its controls (a Slider's [min, max], a Choice's options);
3. the parameter's default: a number is valid at its default and never NaN, inf, None or a
   string; a string default is valid and an unknown string or a number is not; a bool is
   True or False; other defaults (None, params objects) are passed as they are;
4. for a required parameter without a declaration: the units in its name (``_nM``, ``_hz``,
   ``_s`` ...: a non-negative number; ``occupancy``, ``fraction``, ``_block``: 0..1), as the
   course's naming rule says; a required parameter with none of these fails the coverage test,
   so a new function is covered (or asks for a declaration) the day it is added.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import math
import pkgutil
import re
import signal
import types
from collections.abc import Mapping

import numpy as np
import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

import ne_lib  # noqa: E402
from ne_lib import chapters, input_checks  # noqa: E402
from ne_lib.input_checks import Fixed, Interval, OneOf  # noqa: E402
from ne_lib.interactive import Choice, all_figures  # noqa: E402

#: Course tooling and presentation, not science (each has its own tests).
TOOLING = {"coursework", "plain_markdown", "release", "contract", "diagrams", "interactive", "style",
           "chapters", "quiz", "quizzes", "figures", "cases", "check", "input_checks", "jupyter_settings"}
#: seconds a single call may take before it counts as a hang
CALL_LIMIT_S = 20.0
EXAMPLES = 12          # per callable (valid and invalid draws together)


# ----------------------------------------------------------------------------- discovery
def science_modules() -> list[types.ModuleType]:
    mods = []
    for info in sorted(pkgutil.iter_modules(ne_lib.__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name in TOOLING or info.name.startswith("interactive"):
            continue
        mods.append(importlib.import_module(f"ne_lib.{info.name}"))
    return mods


def public_callables() -> list[tuple[str, object]]:
    found = []
    for mod in science_modules():
        names = getattr(mod, "__all__", None) or [n for n in vars(mod) if not n.startswith("_")]
        for name in names:
            obj = getattr(mod, name)
            if not callable(obj) or getattr(obj, "__module__", None) != mod.__name__:
                continue  # constants and names imported from elsewhere (covered where they live)
            found.append((f"{mod.__name__.removeprefix('ne_lib.')}.{name}", obj))
    return found


@dataclasses.dataclass
class Param:
    name: str
    domain: object            # Interval, OneOf, Fixed or None (default passed only)
    strict: bool              # declared: every draw inside must be accepted
    default: object
    required: bool
    annotation: str
    source: str               # where the domain came from


_UNIT_SUFFIXES = ("_nM", "_uM", "_mM", "_hz", "_s", "_ms", "_h", "_mm", "_m_per_s", "_per_s", "_per_h",
                  "_mg_per_kg", "_fold", "_ratio")
_FRACTION_WORDS = ("occupancy", "fraction", "_block", "_agonist", "tonic_activity", "difficulty", "salience",
                   "inhibition", "share")


def _convention(name: str) -> Interval | None:
    if any(w in name for w in _FRACTION_WORDS) or name in {"fraction", "occupancy"}:
        return Interval(0.0, 1.0, shape="either")
    if name.endswith(_UNIT_SUFFIXES):
        return Interval(0.0, shape="either")   # drawn up to 1e6; no upper bound is certain
    return None


def _annotation(p: inspect.Parameter) -> str:
    a = p.annotation
    return "" if a is inspect.Parameter.empty else (a if isinstance(a, str) else getattr(a, "__name__", str(a)))


def domain_for(obj, p: inspect.Parameter) -> Param:
    declared = input_checks.domains_of(obj)
    required = p.default is inspect.Parameter.empty
    ann = _annotation(p)
    if p.name in declared:
        return Param(p.name, declared[p.name], True, p.default, required, ann, "declared")
    d = p.default
    if not required:
        if isinstance(d, bool):
            return Param(p.name, OneOf((True, False)), True, d, False, ann, "default (bool)")
        if isinstance(d, str) and isinstance(obj, type):
            return Param(p.name, None, False, d, False, ann, "default (text)")  # a record's free text
        if isinstance(d, (int, float)) or isinstance(d, str):
            return Param(p.name, None, False, d, False, ann, "default")
        return Param(p.name, Fixed(d), False, d, False, ann, "default (object)")
    conv = None
    if isinstance(obj, type):  # a record field: its annotation first
        text = ann.replace(" ", "")
        if text in {"float", "float|None", "int", "int|None"}:
            conv = Interval(integer=text.startswith("int"), none_ok="None" in text)
        elif "ndarray" in text:
            conv = Interval(0.0, shape="array")
        elif text == "str":
            conv = Fixed("text")
    if conv is None:
        conv = _convention(p.name)
    if conv is not None:
        return Param(p.name, conv, False, d, True, ann, "name convention")
    return Param(p.name, None, False, d, True, ann, "undeclared")


def params_of(obj) -> list[Param]:
    sig = inspect.signature(obj)
    return [domain_for(obj, p) for p in sig.parameters.values()
            if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]


def figure_params(fig) -> list[Param]:
    out = []
    for c in fig.controls:
        if isinstance(c, Choice):
            out.append(Param(c.name, OneOf(tuple(c.options)), True, c.default, False, "", "control"))
        else:
            out.append(Param(c.name, Interval(c.min, c.max), True, c.default, False, "", "control"))
    return out


CALLABLES = public_callables()
FIGURES = all_figures()


# ----------------------------------------------------------------------------- values
def typical(p: Param):
    """A value that must always be accepted: the default, else the middle of the domain."""
    if not p.required:
        return p.default
    dom = p.domain
    if isinstance(dom, Fixed):
        return dom.make_example()
    if isinstance(dom, OneOf):
        return dom.options[0]
    if isinstance(dom, Interval):
        lo = dom.low if math.isfinite(dom.low) else -1.0
        hi = dom.high if math.isfinite(dom.high) else lo + 2.0
        mid = (lo + hi) / 2.0
        mid = int(round(mid)) if dom.integer else mid
        return np.array([mid, mid]) if dom.shape == "array" else mid
    raise AssertionError(f"no typical value for {p.name}")


def valid_strategy(p: Param):
    dom = p.domain
    if isinstance(dom, OneOf):
        return st.sampled_from(dom.options)
    if isinstance(dom, Interval):
        if dom.integer:
            lo = int(math.ceil(dom.low)) if math.isfinite(dom.low) else -1000
            hi = int(math.floor(dom.high)) if math.isfinite(dom.high) else lo + 1000
            return st.integers(lo + dom.open_low, hi - dom.open_high)
        lo = dom.low if math.isfinite(dom.low) else -1e6
        hi = dom.high if math.isfinite(dom.high) else 1e6
        scalars = st.floats(lo, hi, exclude_min=dom.open_low, exclude_max=dom.open_high,
                            allow_nan=False, allow_infinity=False)
        arrays = st.lists(scalars, min_size=1, max_size=6).map(np.asarray)
        if dom.shape == "array":
            return arrays
        if dom.shape == "either":
            return st.one_of(scalars, arrays)
        return scalars
    return st.just(typical(p))


def invalid_values(p: Param) -> list:
    """Values outside ``p``'s domain (empty: nothing is certainly invalid)."""
    dom = p.domain
    none_ok = "None" in p.annotation or (not p.required and p.default is None)
    bad = []
    if isinstance(dom, Interval):
        if dom.none_ok:
            none_ok = True
        bad += [math.nan, -math.inf, "1.0"] + ([] if dom.inf_ok else [math.inf])
        if math.isfinite(dom.low):
            bad.append(dom.low - max(1.0, abs(dom.low)))
        if math.isfinite(dom.high) and not dom.inf_ok:
            bad += [dom.high + max(1.0, abs(dom.high)), 1e300]
        if dom.integer:
            bad.append(1.5)
        if dom.shape in ("array", "either"):
            bad += [[], [math.nan]]
    elif isinstance(dom, OneOf):
        bad += ["no-such-choice", 3.5] if all(isinstance(o, str) for o in dom.options) else ["no-such-choice"]
    elif p.source == "default (text)":
        bad += [3.5]
    elif dom is None and not p.required:
        if isinstance(p.default, (int, float)) and "str" not in p.annotation:
            bad += [math.nan, math.inf, "1.0"]
            if isinstance(p.default, int) and "float" not in p.annotation:
                bad.append(1.5)
        elif isinstance(p.default, str):
            bad += ["no-such-choice", 3.5]
    if not none_ok and bad:
        bad.append(None)
    return bad


# ----------------------------------------------------------------------------- calling
class CallTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise CallTimeout(f"call took more than {CALL_LIMIT_S} s")


def call_with_limit(fn, kwargs):
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, CALL_LIMIT_S)
    try:
        return fn(**kwargs)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def non_finite(result, path="result", depth=0, seen=None) -> list[str]:
    """Where ``result`` holds NaN or infinity (records, mappings, sequences, arrays, numbers)."""
    seen = set() if seen is None else seen
    if depth > 6 or id(result) in seen:
        return []
    seen.add(id(result))
    if isinstance(result, bool) or result is None or isinstance(result, (str, bytes)):
        return []
    if isinstance(result, (int, float, np.number)):
        return [] if math.isfinite(float(result)) else [f"{path} = {result!r}"]
    if isinstance(result, np.ndarray):
        if result.dtype.kind in "fc" and not np.all(np.isfinite(result)):
            return [f"{path} has non-finite entries"]
        if result.dtype.kind == "O":
            return [p for i, v in enumerate(result.flat) for p in non_finite(v, f"{path}[{i}]", depth + 1, seen)]
        return []
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        out = []
        for f in dataclasses.fields(result):
            out += non_finite(getattr(result, f.name), f"{path}.{f.name}", depth + 1, seen)
        for name, _prop in inspect.getmembers(type(result), lambda m: isinstance(m, property)):
            try:
                value = getattr(result, name)
            except Exception:  # noqa: BLE001 - a derived quantity of a record made up by the test
                continue
            out += non_finite(value, f"{path}.{name}", depth + 1, seen)
        return out
    if isinstance(result, Mapping):
        return [p for k, v in result.items() for p in non_finite(v, f"{path}[{k!r}]", depth + 1, seen)]
    if isinstance(result, (list, tuple)):
        return [p for i, v in enumerate(result) for p in non_finite(v, f"{path}[{i}]", depth + 1, seen)]
    return []


#: Results that may hold +inf by documentation: (callable key, path prefix) -> why
DOCUMENTED_INF = {
    "half_time_s": "a decay that never reaches half-way is documented as inf (BurstResult)",
}


def _documented(problem: str) -> bool:
    return any(f".{key} = inf" in problem for key in DOCUMENTED_INF)


def names_parameter(message: str, names) -> bool:
    return any(re.search(rf"(?<![A-Za-z0-9_]){re.escape(n)}(?![A-Za-z0-9_])", message) for n in names)


def check_call(label: str, fn, params: list[Param], values: dict, bad: str | None):
    """One call: ``bad`` names the argument drawn from outside its domain (None: all valid)."""
    try:
        result = call_with_limit(fn, values)
    except CallTimeout:
        pytest.fail(f"{label}({values!r}) did not return within {CALL_LIMIT_S} s")
    except (ValueError, TypeError) as exc:
        message = str(exc)
        if bad is not None:
            # a helper may report the caller's name for the argument (binding's ``conc_name=`` keywords)
            aliases = [v for k, v in values.items() if (k == "name" or k.endswith("_name")) and isinstance(v, str)]
            assert names_parameter(message, [bad, *aliases]), (
                f"{label}: {bad}={values[bad]!r} raised {type(exc).__name__} without naming {bad!r}: {message}")
            return "refused"
        assert names_parameter(message, list(values)), (
            f"{label}({values!r}) refused valid-looking input without naming a parameter: "
            f"{type(exc).__name__}: {message}")
        return "refused together"
    except Exception as exc:  # noqa: BLE001 - any other exception is the failure under test
        pytest.fail(f"{label}({values!r}) raised {type(exc).__name__} (not ValueError/TypeError): {exc}")
    if bad is not None:
        pytest.fail(f"{label}: {bad}={values[bad]!r} (outside its domain) was accepted and returned {result!r:.200}")
    problems = [p for p in non_finite(result) if not _documented(p)]
    assert not problems, f"{label}({values!r}) returned non-finite values: {problems[:5]}"
    return "ok"


def _run(label, fn, params, data, record_property):
    counts = {"ok": 0, "refused": 0, "refused together": 0}

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def prop(data):
        base = {p.name: typical(p) for p in params}
        candidates = [p for p in params if invalid_values(p)]
        invalid = bool(candidates) and data.draw(st.booleans(), label="invalid")
        values = dict(base)
        for p in params:
            if p.domain is not None and not isinstance(p.domain, Fixed):
                values[p.name] = data.draw(valid_strategy(p), label=p.name)
        bad = None
        if invalid:
            target = data.draw(st.sampled_from(candidates), label="bad parameter")
            bad = target.name
            values = {**base, bad: data.draw(
                st.sampled_from(invalid_values(target)), label=f"{bad} (invalid)")}
        counts[check_call(label, fn, params, values, bad)] += 1

    prop()
    record_property("examples", sum(counts.values()))
    assert counts["ok"] + counts["refused"] > 0, f"{label}: every draw was refused: {counts}"
    return counts


# ----------------------------------------------------------------------------- the tests
def test_discovery_covers_every_science_module_and_figure():
    modules = {m.__name__.removeprefix("ne_lib.") for m in science_modules()}
    assert set(chapters.MODELS) <= modules, set(chapters.MODELS) - modules
    keys = [k for k, _ in CALLABLES]
    assert len(keys) == len(set(keys))
    assert len(CALLABLES) >= 60 and len(FIGURES) >= 8
    print(f"\ninput properties: {len(CALLABLES)} public callables in {len(modules)} science modules "
          f"and {len(FIGURES)} figure computes ({len(CALLABLES) + len(FIGURES)} in all)")


def test_every_required_parameter_has_a_domain():
    """A new public function whose required parameter has no declared domain (and no unit in its
    name) fails here: declare it with ``@input_checks.domain`` (CONTRIBUTING.md, "Bad input")."""
    missing = [f"{key}({p.name})" for key, obj in CALLABLES for p in params_of(obj)
               if p.required and p.domain is None]
    assert not missing, f"declare the domain of: {missing}"


def test_typical_calls_succeed_with_finite_results():
    """Each callable at its defaults (required arguments mid-domain) works: the base of every draw."""
    failures = []
    for key, obj in CALLABLES:
        params = params_of(obj)
        if any(p.required and p.domain is None for p in params):
            continue
        values = {p.name: typical(p) for p in params if p.required}
        try:
            result = call_with_limit(obj, values)
        except Exception as exc:  # noqa: BLE001
            failures.append(f"{key}({values}): {type(exc).__name__}: {exc}")
            continue
        problems = [p for p in non_finite(result) if not _documented(p)]
        if problems:
            failures.append(f"{key}({values}): {problems[:3]}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("key", [k for k, _ in CALLABLES])
def test_public_callable_input_properties(key, record_property):  # noqa: D103
    obj = dict(CALLABLES)[key]
    params = params_of(obj)
    if any(p.required and p.domain is None for p in params):
        pytest.fail(f"{key}: required parameter without a domain (see test_every_required_parameter_has_a_domain)")
    if not params:
        check_call(key, obj, [], {}, None)
        record_property("examples", 1)
        return
    _run(key, obj, params, None, record_property)


@pytest.mark.parametrize("name", [f.name for f in FIGURES])
def test_figure_compute_input_properties(name, record_property):
    fig = next(f for f in FIGURES if f.name == name)
    params = figure_params(fig)
    _run(f"figure {name!r} compute", fig.compute, params, None, record_property)
