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

__all__ = ["Case", "Result", "NotModelledYet", "KINDS", "all_cases", "run_case", "run_all", "enforced",
           "report_markdown", "assumptions_markdown", "model_assumptions"]

#: Kinds of case. A *calibration* case is a result the model was fitted to, or was built
#: and checked against while it was written. A *held_out* case was chosen, with its
#: accepted interval and an expected-to-pass flag, before the model was changed to
#: address it, and is never tuned to (the git history shows the order).
KINDS = ("calibration", "held_out")


class NotModelledYet(Exception):
    """Raised by a held-out case whose mechanism is planned but not yet in ``ne_lib``."""


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
    kind: str = "calibration"     # calibration | held_out (see KINDS)
    expected_to_pass: bool = True  # held-out only: our belief, recorded before the model was run
    leaves_out: str = ""          # held-out only: what the model leaves out that could make it fail
    where: str = ""               # held-out only: page, figure or table of the source holding the value

    def __post_init__(self):
        lo, hi = self.accept
        if not (math.isfinite(lo) and math.isfinite(hi)) or lo > hi:
            raise ValueError(f"case {self.key!r}: accept must be a finite (low, high) with low <= high")
        if self.chapter not in CHAPTER_KEYS:
            raise ValueError(f"case {self.key!r}: chapter must be one of {list(CHAPTER_KEYS)}, got {self.chapter!r}")
        if self.kind not in KINDS:
            raise ValueError(f"case {self.key!r}: kind must be one of {KINDS}, got {self.kind!r}")
        if self.kind == "held_out" and not self.where:
            raise ValueError(f"case {self.key!r}: a held-out case must say where in the source the value is")

    @property
    def held_out(self) -> bool:
        return self.kind == "held_out"


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


def enforced(case: Case) -> bool:
    """Whether the test suite fails when this case fails: every calibration case, and the
    held-out cases we expected to pass."""
    return (not case.held_out) or case.expected_to_pass


#: chapter key -> short title, from the course map (ne_lib.chapters)
CHAPTER_TITLES = {c.key: c.title for c in CHAPTERS}


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


def _result_cell(r: Result) -> str:
    if r.passed:
        return "✔ pass"
    if r.error and r.error.startswith("NotModelledYet"):
        return "**✘ not modelled yet**"
    return "**✘ FAIL**" + (f" ({_cell(r.error)})" if r.error else "")


def _claim_cell(c: Case, figure_links) -> str:
    claim = _cell(c.claim)
    if c.figure and callable(figure_links):   # the build's link markup (a role it resolves, _ext/ne_build.py)
        claim += " " + figure_links(c.figure)
    elif c.figure and c.figure in figure_links:
        claim += f' (<a href="{figure_links[c.figure]}">figure</a>)'
    return claim


def _calibration_tables(rows: list[Result], figure_links) -> list[str]:
    lines: list[str] = []
    for chapter, title in CHAPTER_TITLES.items():
        chapter_rows = [r for r in rows if r.case.chapter == chapter]
        if not chapter_rows:
            continue
        lines += [f"### {title}", "",
                  "| Check | Source | Reported | Model | Accepted range | Units | Result |",
                  "|---|---|---|---|---|---|---|"]
        for r in chapter_rows:
            c = r.case
            lines.append(f"| {_claim_cell(c, figure_links)} | {{cite:t}}`{c.source}` | {_cell(c.reported)} | "
                         f"{_fmt(r.value)} | {_fmt(c.accept[0])} to {_fmt(c.accept[1])} | {_cell(c.units)} | "
                         f"{_result_cell(r)} |")
        lines.append("")
        lines.append("```{dropdown} Why these tolerances, and what each check assumes")
        for r in chapter_rows:
            c = r.case
            extra = f" Assumes: {'; '.join(c.assumptions)}." if c.assumptions else ""
            lines.append(f"- **{_cell(c.claim)}.** {_cell(c.tolerance_why)}{_cell(extra)}")
        lines += ["```", ""]
    return lines


def _held_out_table(rows: list[Result], figure_links) -> list[str]:
    lines = ["| Prediction | Source | Reported | Model | Accepted range | Units | Expected | Result |",
             "|---|---|---|---|---|---|---|---|"]
    for chapter in CHAPTER_TITLES:
        for r in (r for r in rows if r.case.chapter == chapter):
            c = r.case
            expected = "pass" if c.expected_to_pass else "fail"
            lines.append(f"| {_claim_cell(c, figure_links)} | {{cite:t}}`{c.source}` ({_cell(c.where)}) | "
                         f"{_cell(c.reported)} | {_fmt(r.value)} | {_fmt(c.accept[0])} to {_fmt(c.accept[1])} | "
                         f"{_cell(c.units)} | {expected} | {_result_cell(r)} |")
    lines.append("")
    lines.append("```{dropdown} Why these intervals, what each prediction assumes, and what the model leaves out")
    for r in rows:
        c = r.case
        extra = f" Assumes: {'; '.join(c.assumptions)}." if c.assumptions else ""
        left = f" Left out of the model: {c.leaves_out}" if c.leaves_out else ""
        note = f" Note: {c.notes}" if c.notes else ""
        lines.append(f"- **{_cell(c.claim)}.** {_cell(c.tolerance_why)}{_cell(extra)}{_cell(left)}{_cell(note)}")
    lines += ["```", ""]
    return lines


def report_markdown(results: list[Result],
                    figure_links: dict[str, str] | Callable[[str], str] | None = None) -> str:
    """The validation page's tables as MyST Markdown (citations as ``{cite:t}`` roles).

    Calibration targets and held-out predictions are reported in separate tables, each with
    its own count. ``figure_links`` maps an interactive figure's name to a relative URL of the
    page (and anchor) where it is shown, or is a function returning the link's markup for a
    figure name (the book build passes its ``{ne-figure}`` role).
    """
    figure_links = figure_links or {}
    calibration = [r for r in results if not r.case.held_out]
    held_out = [r for r in results if r.case.held_out]
    lines: list[str] = []
    if calibration:
        passed = sum(r.passed for r in calibration)
        lines += [f"**Calibration targets and checks: {passed} of {len(calibration)} pass.**"
                  + ("" if passed == len(calibration) else
                     " Failing checks are marked ✘ FAIL below; the test suite fails until they are fixed."), ""]
    if held_out:
        passed = sum(r.passed for r in held_out)
        lines += [f"**Held-out: {passed} of {len(held_out)} within tolerance.**", ""]
    if calibration:
        lines += ["## Calibration targets and checks", "",
                  "Results the models were fitted to, or were built and checked against while they were "
                  "written. Agreement here shows that the code does what it says, not that it predicts.", ""]
        lines += _calibration_tables(calibration, figure_links)
    if held_out:
        lines += ["## Held-out predictions", "",
                  "Published results chosen, with their accepted intervals and whether we expected the model "
                  "to get them right, before the models were changed to address them; no parameter is fitted "
                  "to them. A failing prediction stays on this page with what the model leaves out. The test "
                  "suite fails only on held-out predictions we expected to pass.", ""]
        lines += _held_out_table(held_out, figure_links)
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
