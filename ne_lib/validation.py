"""The registry of validation cases: published results each model must reproduce.

One :class:`Case` per published result. Chapters define theirs in
``ne_lib/cases/<chapter>.py`` as a module-level list ``CASES``; :func:`all_cases`
collects them. The science tests run every case, and the book page "How far to trust
the models" is generated from the same list, so a case on the page is always a case
under test.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
from dataclasses import dataclass, field
from typing import Callable

__all__ = ["Case", "Result", "all_cases", "run_case", "run_all"]


@dataclass(frozen=True)
class Case:
    """One published result and the model's attempt at it.

    ``accept`` is the closed interval of model values counted as agreement; it is
    usually the reported range widened by a stated tolerance (``tolerance_why``).
    """

    key: str                      # unique, kebab-case
    chapter: str                  # synthesis | locus_coeruleus | receptors | disorders
    source: str                   # citation key in references.bib
    claim: str                    # what is compared, in one line
    reported: str                 # what the paper reports, as text with spread ("2.93 +- 0.28 s")
    units: str
    model: Callable[[], float]    # computes the model's value (fast: well under a second)
    accept: tuple[float, float]   # inclusive acceptance interval for the model value
    tolerance_why: str            # why this tolerance
    reported_range: tuple[float, float] | None = None   # numeric range or mean +- spread, if any
    figure: str | None = None     # name of the InteractiveFigure this case concerns
    notes: str = ""
    assumptions: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self):
        lo, hi = self.accept
        if not (math.isfinite(lo) and math.isfinite(hi)) or lo > hi:
            raise ValueError(f"case {self.key!r}: accept must be a finite (low, high) with low <= high")


@dataclass(frozen=True)
class Result:
    case: Case
    value: float | None
    passed: bool
    error: str | None = None


def all_cases() -> list[Case]:
    """Every case from every module in :mod:`ne_lib.cases`, in chapter order."""
    import ne_lib.cases as pkg

    cases: list[Case] = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"ne_lib.cases.{info.name}")
        cases.extend(getattr(module, "CASES", []))
    keys = [c.key for c in cases]
    duplicated = sorted({k for k in keys if keys.count(k) > 1})
    if duplicated:
        raise ValueError(f"duplicate validation case keys: {duplicated}")
    order = ["synthesis", "locus_coeruleus", "receptors", "disorders"]
    return sorted(cases, key=lambda c: order.index(c.chapter) if c.chapter in order else len(order))


def run_case(case: Case) -> Result:
    """Compute the model value; an exception is a failure, recorded, not raised."""
    try:
        value = float(case.model())
    except Exception as exc:  # a broken model must show on the page, not hide it
        return Result(case, None, False, f"{type(exc).__name__}: {exc}")
    if not math.isfinite(value):
        return Result(case, value, False, "model value is not finite")
    lo, hi = case.accept
    return Result(case, value, lo <= value <= hi)


def run_all() -> list[Result]:
    return [run_case(c) for c in all_cases()]
