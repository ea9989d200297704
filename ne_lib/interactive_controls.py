"""The one conversion boundary between a figure's controls and its ``compute``.

Every value a slider or a choice hands to a figure's model passes through
:func:`check_values` first (:class:`ne_lib.interactive.InteractiveFigure` wraps its
``compute`` with :func:`checked_compute`), so a figure's compute wrapper never sees a
value its controls cannot produce:

* a :class:`~ne_lib.interactive.Slider` value must be a real number (not bool, not a
  string: ``TypeError``) inside ``[min, max]`` (``ValueError`` naming the control and its
  range; NaN and +-inf are outside every range, so NaN never silently becomes the default
  and a log10 slider never overflows or turns -inf into 0);
* a :class:`~ne_lib.interactive.Choice` value must be one of its options (``ValueError``
  naming the control and the valid options, never a ``KeyError`` deep in a table);
* an unknown control name is a ``ValueError`` naming the figure's controls.
"""

from __future__ import annotations

import functools
import math
import numbers
from typing import Any, Callable, Mapping, Sequence

__all__ = ["check_values", "checked_compute"]

#: a slider value may lie this far (relative to the slider's span) outside [min, max]: float rounding
RANGE_SLACK = 1e-9


def _check_slider(where: str, control, value) -> Any:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{where}: {control.name} must be a number between {control.min:g} and "
                        f"{control.max:g}, got {type(value).__name__} {value!r}")
    x = float(value)
    slack = RANGE_SLACK * (control.max - control.min)
    if not (math.isfinite(x) and control.min - slack <= x <= control.max + slack):
        raise ValueError(f"{where}: {control.name} must be between {control.min:g} and {control.max:g}, "
                         f"got {value!r}")
    return value


def _check_choice(where: str, control, value):
    options = list(control.options)
    try:
        known = any(value is o or (isinstance(value, bool) == isinstance(o, bool) and bool(value == o))
                    for o in options)
    except (TypeError, ValueError):
        known = False
    if not known:
        raise ValueError(f"{where}: {control.name} must be one of {options!r}, got {value!r}")
    return value


def check_values(figure_name: str, controls: Sequence[Any], values: Mapping[str, Any]) -> dict:
    """``values`` checked against ``controls`` (Slider or Choice objects); raises naming the control."""
    where = f"figure {figure_name!r}"
    by_name = {c.name: c for c in controls}
    unknown = sorted(set(values) - set(by_name))
    if unknown:
        raise ValueError(f"{where}: unknown control(s) {unknown}; the controls are {sorted(by_name)}")
    out = {}
    for name, value in values.items():
        control = by_name[name]
        if hasattr(control, "options"):
            out[name] = _check_choice(where, control, value)
        else:
            out[name] = _check_slider(where, control, value)
    return out


def checked_compute(figure, compute: Callable[..., Any]) -> Callable[..., Any]:
    """``compute`` behind :func:`check_values` for ``figure``'s controls (read at call time)."""
    if getattr(compute, "__ne_checked__", False):
        return compute

    @functools.wraps(compute)
    def checked(**values):
        return compute(**check_values(figure.name, figure.controls, values))

    setattr(checked, "__ne_checked__", True)  # noqa: B010 - a marker on the wrapper
    return checked
