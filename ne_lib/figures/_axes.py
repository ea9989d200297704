"""Axis helpers shared by the figure modules."""

from __future__ import annotations

from matplotlib.ticker import LogLocator, NullLocator

from ..style import COLORS


def lean_log_axis(axis, decades_per_tick: int = 1) -> None:
    """Major ticks only on a log axis: minor ticks cost most of the drawing time."""
    axis.set_major_locator(LogLocator(base=10.0 ** decades_per_tick))
    axis.set_minor_locator(NullLocator())


def receptor_color(receptor: str) -> str:
    """The course colour of a receptor subtype (every alpha2 subtype shares alpha2's)."""
    return COLORS["alpha2"] if receptor.startswith("alpha2") else COLORS[receptor]
