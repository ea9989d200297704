"""The registry of validation cases (formerly ``ne_lib.validation``): published results each model must reproduce.

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

from ne_lib.chapters import CHAPTER_KEYS, CHAPTERS, MODELS

__all__ = ["Case", "Result", "all_cases", "run_case", "run_all"]


@dataclass(frozen=True)
class Case:
    """One published result and the model's attempt at it.

    ``accept`` is the closed interval of model values counted as agreement; it is
    usually the reported range widened by a stated tolerance (``tolerance_why``).
    """

    key: str                      # unique, kebab-case
    chapter: str                  # a key of ne_lib.chapters.CHAPTERS
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
        if self.chapter not in CHAPTER_KEYS:
            raise ValueError(f"case {self.key!r}: chapter must be one of {list(CHAPTER_KEYS)}, got {self.chapter!r}")


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
        if info.name == "registry":
            continue
        module = importlib.import_module(f"ne_lib.cases.{info.name}")
        cases.extend(getattr(module, "CASES", []))
    keys = [c.key for c in cases]
    duplicated = sorted({k for k in keys if keys.count(k) > 1})
    if duplicated:
        raise ValueError(f"duplicate validation case keys: {duplicated}")
    return sorted(cases, key=lambda c: CHAPTER_KEYS.index(c.chapter))


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


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3g}"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def model_assumptions() -> dict[str, tuple[str, ...]]:
    """``ASSUMPTIONS`` of every ne_lib science module (:data:`ne_lib.chapters.MODELS`), by module name."""
    found = {}
    for name in sorted(MODELS):
        module = importlib.import_module(f"ne_lib.{name}")
        if getattr(module, "ASSUMPTIONS", None):
            found[name] = tuple(module.ASSUMPTIONS)
    return found


def report_markdown(results: list[Result], figure_links: dict[str, str] | None = None) -> str:
    """The validation page's tables as MyST Markdown (citations as ``{cite:t}`` roles).

    ``figure_links`` maps an interactive figure's name to a relative URL of the page
    (and anchor) where it is shown.
    """
    figure_links = figure_links or {}
    passed = sum(r.passed for r in results)
    lines = [f"**{passed} of {len(results)} checks pass.**" + ("" if passed == len(results) else
             " Failing checks are marked ✘ FAIL below; the test suite fails until they are fixed."), ""]
    for ch in CHAPTERS:
        title = ch.title
        rows = [r for r in results if r.case.chapter == ch.key]
        if not rows:
            continue
        lines += [f"## {title}", "",
                  "| Check | Source | Reported | Model | Accepted range | Units | Result |",
                  "|---|---|---|---|---|---|---|"]
        for r in rows:
            c = r.case
            result = "✔ pass" if r.passed else "**✘ FAIL**" + (f" ({_cell(r.error)})" if r.error else "")
            claim = _cell(c.claim)
            if c.figure and c.figure in figure_links:
                claim += f' (<a href="{figure_links[c.figure]}">figure</a>)'
            lines.append(f"| {claim} | {{cite:t}}`{c.source}` | {_cell(c.reported)} | "
                         f"{_fmt(r.value)} | {_fmt(c.accept[0])} to {_fmt(c.accept[1])} | {_cell(c.units)} | {result} |")
        lines.append("")
        lines.append("```{dropdown} Why these tolerances, and what each check assumes")
        for r in rows:
            c = r.case
            extra = f" Assumes: {'; '.join(c.assumptions)}." if c.assumptions else ""
            lines.append(f"- **{_cell(c.claim)}.** {_cell(c.tolerance_why)}{_cell(extra)}")
        lines += ["```", ""]
    return "\n".join(lines)


def assumptions_markdown() -> str:
    """Each model's assumptions, listed once (they live next to the model's code)."""
    lines = []
    for module, items in model_assumptions().items():
        lines.append(f"**`ne_lib.{module}`**")
        lines.append("")
        lines += [f"- {_cell(a)}" for a in items]
        lines.append("")
    return "\n".join(lines) if lines else "_No model declares its assumptions yet._"
