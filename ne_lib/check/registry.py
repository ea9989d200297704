"""Which exercises the grader evaluates, and how: one declaration next to each check.

A chapter's check module marks each check with :func:`exercise`::

    @exercise("rec-ex-net", answers=("fold",), points=2, variants={"net_block": (0.8, 0.85, 0.9, 0.95)})
    def net_block_fold(fold, net_block=0.9): ...

* ``answers``: the names of the notebook variables that hold the student's answer, in the order
  of the check's positional arguments. The grader reads their *values* after the exercise cell has
  run and calls the check itself, in its own process, with its own copy of the course models;
  nothing the student's notebook displays is trusted.
* ``points``: what a passed check is worth in the gradebook (declared once, here).
* ``variants``: parameters drawn per student from a seed (see :mod:`ne_lib.coursework.variants`);
  the check's keyword default is the website's (default) variant.
* ``reference``: for an exercise with variants, the expected answer as a function of the variant
  parameters (listed in the answer key of the per-student copies).
* ``carried``: earlier exercises whose answers the check receives as keyword arguments, so that it
  can notice an error carried over (``{"previous_ratio": "rec-ex-schild"}``); ``"label:name"`` passes
  the variant parameter ``name`` of that exercise instead (``"syn-ex-mhpg:turnover_fold"``), for a
  check that needs it to redo the earlier exercise's arithmetic. The earlier exercise must be on the
  same page (the grader grades one notebook at a time).

Written exercises are declared with :func:`written` (points only; a person marks them with the
rubric in the instructor guide).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = ["Exercise", "WrittenExercise", "exercise", "written", "all_exercises", "all_written"]


@dataclass(frozen=True)
class Exercise:
    label: str
    check: Callable
    answers: tuple[str, ...]
    points: float = 1.0
    variants: Mapping[str, tuple] = field(default_factory=lambda: MappingProxyType({}))
    carried: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    chapter: str = ""
    reference: Callable | None = None   # expected answer from the variant parameters (answer key)

    def default_variant(self) -> dict:
        """The variant the website and the answer key show: the check's keyword defaults."""
        params = inspect.signature(self.check).parameters
        return {name: params[name].default for name in self.variants}


@dataclass(frozen=True)
class WrittenExercise:
    label: str
    points: float = 1.0
    chapter: str = ""


_EXERCISES: dict[str, Exercise] = {}
_WRITTEN: dict[str, WrittenExercise] = {}


def _chapter_of(module_name: str) -> str:
    return module_name.rsplit(".", 1)[-1]


def _check_label(label) -> None:
    if not isinstance(label, str) or not label:
        raise TypeError(f"label must be a non-empty str (the exercise label), got {label!r}")


def exercise(label: str, *, answers: tuple[str, ...], points: float = 1.0,
             variants: Mapping[str, tuple] | None = None, carried: Mapping[str, str] | None = None,
             reference: Callable | None = None):
    """Declare the decorated check as the grader's check of exercise ``label``."""
    _check_label(label)
    if isinstance(answers, str) or not answers or not all(isinstance(a, str) and a.isidentifier() for a in answers):
        raise TypeError(f"answers must be a tuple of variable names, got {answers!r}")
    if not (isinstance(points, (int, float)) and points > 0):
        raise ValueError(f"points must be a positive number, got {points!r}")

    def register(check):
        params = inspect.signature(check).parameters
        for name, values in (variants or {}).items():
            if name not in params or params[name].default is inspect.Parameter.empty:
                raise TypeError(f"variants: {check.__name__} needs a keyword parameter {name!r} with a default")
            if not values or params[name].default not in values:
                raise ValueError(f"variants[{name!r}] must be a non-empty tuple holding the default "
                                 f"{params[name].default!r}, got {values!r}")
        for name, earlier in (carried or {}).items():
            if name not in params:
                raise TypeError(f"carried: {check.__name__} has no parameter {name!r}")
            if not isinstance(earlier, str) or not earlier.partition(":")[0]:
                raise TypeError(f"carried[{name!r}] must be an exercise label or 'label:variant_name', "
                                f"got {earlier!r}")
        if label in _EXERCISES and _EXERCISES[label].check.__qualname__ != check.__qualname__:
            raise ValueError(f"label: exercise {label!r} is declared twice")
        _EXERCISES[label] = Exercise(label, check, tuple(answers), float(points),
                                     MappingProxyType({k: tuple(v) for k, v in (variants or {}).items()}),
                                     MappingProxyType(dict(carried or {})), _chapter_of(check.__module__),
                                     reference)
        return check

    return register


def written(label: str, *, points: float = 1.0, module: str = "") -> WrittenExercise:
    """Declare a written (marked by hand) exercise and its points."""
    _check_label(label)
    if not (isinstance(points, (int, float)) and points > 0):
        raise ValueError(f"points must be a positive number, got {points!r}")
    item = WrittenExercise(label, float(points), _chapter_of(module))
    _WRITTEN[label] = item
    return item


def _load_all() -> None:
    import ne_lib.check as pkg

    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name != "registry" and not info.name.startswith("_"):
            importlib.import_module(f"ne_lib.check.{info.name}")


def all_exercises() -> Mapping[str, Exercise]:
    """Every auto-checked exercise of the course, by label."""
    _load_all()
    return MappingProxyType(dict(_EXERCISES))


def all_written() -> Mapping[str, WrittenExercise]:
    """Every written exercise of the course, by label."""
    _load_all()
    return MappingProxyType(dict(_WRITTEN))
