"""Validation cases: published results each model must reproduce, one module per chapter.

Each chapter module defines ``CASES`` (a list of :class:`Case`); :mod:`ne_lib.cases.registry`
collects and runs them and writes the book's "How far to trust the models" page.
"""

from ne_lib.cases.registry import Case, NotModelledYet, Result, all_cases, enforced, run_all, run_case

__all__ = ["Case", "NotModelledYet", "Result", "all_cases", "enforced", "run_all", "run_case"]
