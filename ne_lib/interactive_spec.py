"""What an interactive figure is, independent of how it is shown.

An :class:`InteractiveFigure` names a model function (``compute``: control values in, a result
out), a drawing (``draw``: builds the artists on an empty matplotlib figure; ``update``: sets
everything that depends on the controls, from the result), its text description (``alt``: from
the values and the result already computed), a caption, and one or two controls
(:class:`Slider`, :class:`Choice`).

Showing it is someone else's job: :mod:`ne_lib.interactive_render` draws it (and keeps the view
state), :mod:`ne_lib.interactive_live` makes the live widget of a kernel, and
:mod:`ne_lib.interactive_static` the static flipbook of the website.

Static grid (documented choice): a lone slider gets 11 frames (min, max, default and evenly
spaced values snapped to the slider's step), a pair of sliders 6 x 6 frames; a :class:`Choice`
contributes all its options. ``Slider(static_values=...)`` overrides the grid; the values a
caption or an exercise names (``named_values``) must be on it (tested).
"""

from __future__ import annotations

import importlib
import math
import pkgutil
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from .interactive_controls import checked_compute

__all__ = ["Slider", "Choice", "InteractiveFigure", "all_figures", "si"]

STATIC_POINTS_ONE = 11
STATIC_POINTS_TWO = 6
MAX_CONTROLS = 2

_PREFIXES = ((1e9, "G"), (1e6, "M"), (1e3, "k"), (1.0, ""), (1e-3, "m"), (1e-6, "µ"), (1e-9, "n"), (1e-12, "p"))
_UNIT_SCALE = {"pM": 1e-12, "nM": 1e-9, "µM": 1e-6, "uM": 1e-6, "mM": 1e-3, "M": 1.0,
               "ms": 1e-3, "s": 1.0, "Hz": 1.0, "kHz": 1e3, "mHz": 1e-3}
_UNIT_BASE = {"pM": "M", "nM": "M", "µM": "M", "uM": "M", "mM": "M", "M": "M",
              "ms": "s", "s": "s", "Hz": "Hz", "kHz": "Hz", "mHz": "Hz"}


def si(value: float, unit: str, digits: int = 3) -> str:
    """``value`` (in ``unit``, e.g. "nM") as a reader reads it: "5.6 nM", "1.8 µM", "10 µM".

    Never scientific notation: the unit's SI prefix moves so that 1 <= mantissa < 1000, rounded to
    ``digits`` significant digits. Units without a prefix family ("%", "x") are printed as is."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise TypeError(f"value must be a number, got {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"value must be finite, got {value!r}")
    if unit not in _UNIT_SCALE:
        return f"{_plain(float(value), digits)} {unit}".strip()
    base = float(value) * _UNIT_SCALE[unit]
    if base == 0:
        return f"0 {unit}"
    factor, prefix = next(((f, p) for f, p in _PREFIXES if abs(float(f"{base / f:.{digits}g}")) >= 1.0),
                          _PREFIXES[-1])
    mantissa = base / factor
    target = prefix + _UNIT_BASE[unit]
    if target not in _UNIT_SCALE:          # e.g. "kM" or "Ms": keep the given unit
        return f"{_plain(float(value), digits)} {unit}"
    return f"{_plain(mantissa, digits)} {target}"


def _plain(x: float, digits: int) -> str:
    """``x`` rounded to ``digits`` significant digits, without an exponent ("1,000" style never)."""
    if x == 0:
        return "0"
    rounded = float(f"{x:.{digits}g}")
    decimals = max(0, digits - 1 - int(math.floor(math.log10(abs(rounded)))))
    text = f"{rounded:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class Slider:
    """A numeric control: ``name`` is the keyword passed to compute/draw; ``label`` carries units.

    ``value_format`` turns a value into the readout a reader sees (e.g. ``lambda v: si(10 ** v, "nM")``
    for a slider that moves in log10 steps): the readout, not the internal value, is what is shown."""

    name: str
    label: str
    min: float
    max: float
    step: float
    default: float
    static_values: Sequence[float] | None = None
    value_format: Callable[[float], str] | None = None

    @property
    def n_steps(self) -> int:
        return int(round((self.max - self.min) / self.step))

    def snap(self, value: float) -> float:
        k = round((value - self.min) / self.step)
        return float(min(self.max, max(self.min, self.min + k * self.step)))

    def grid(self, n_points: int) -> list[float]:
        """Static-site values: min, max, default and evenly spaced values on the step grid."""
        if self.static_values is not None:
            return sorted({float(v) for v in self.static_values})
        n = min(n_points, self.n_steps + 1)
        # Split the n - 1 gaps between the two sides of the default, in proportion to their widths,
        # so the default is always a frame and the frames stay evenly spread.
        below = int(round((self.default - self.min) / (self.max - self.min) * (n - 1)))
        below = min(max(below, 1 if self.default > self.min else 0), n - 1 - (1 if self.default < self.max else 0))
        left = np.linspace(self.min, self.default, below + 1)
        right = np.linspace(self.default, self.max, n - below)
        return sorted({self.snap(v) for v in np.concatenate([left, right])} | {float(self.default)})

    def sweep(self) -> list[float]:
        return sorted({float(self.min), float(self.default), float(self.max)})

    def value_text(self, value: float) -> str:
        return self.value_format(value) if self.value_format else _plain(float(value), 3)


@dataclass(frozen=True)
class Choice:
    """A discrete control: ``options`` maps the value passed to compute/draw to its label."""

    name: str
    label: str
    options: Mapping[Any, str]
    default: Any
    static_values: Sequence[Any] | None = field(default=None, init=False)

    def grid(self, n_points: int) -> list:
        return list(self.options)

    def sweep(self) -> list:
        return list(self.options)

    def value_text(self, value) -> str:
        return str(self.options[value])


Control = Slider | Choice


class InteractiveFigure:
    """One figure of the course that the reader can move (see the module docstring).

    ``draw(fig, result, **values)`` builds the artists and returns them (any object: the "artists"
    handed to ``update``); ``update(fig, artists, result, **values)`` then sets everything that
    depends on the controls. The renderer always calls ``update`` right after ``draw``, so a draw
    need not (and should not) set what its update sets. ``alt(values, result)`` (or a
    ``str.format`` template over the values) describes the figure. ``named_values``: the control
    settings the caption and exercises name (each must be a frame of the static flipbook)."""

    def __init__(self, name: str, *, title: str, controls: Sequence[Control],
                 compute: Callable[..., Any], draw: Callable[..., Any],
                 alt: str | Callable[[dict, Any], str], caption: str,
                 figsize: tuple[float, float] = (6.4, 3.6), continuous_update: bool | None = None,
                 update: Callable[..., None] | None = None,
                 phone_figsize: tuple[float, float] | None = None,
                 named_values: Sequence[Mapping[str, Any]] = ()):
        self.name = name
        self.title = title
        self.controls = list(controls)
        self.compute = checked_compute(self, compute)   # the one control-conversion boundary (ne_lib.interactive_controls)
        self.draw = draw
        self.alt = alt
        self.caption = caption
        self.figsize = figsize
        self.phone_figsize = phone_figsize
        self.continuous_update = continuous_update
        self.update = update
        self.named_values = tuple(dict(v) for v in named_values)
        self._validate()

    def _validate(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("InteractiveFigure name must be a non-empty string")
        where = f"figure {self.name!r}"
        if not self.caption or not isinstance(self.caption, str):
            raise ValueError(f"{where}: caption must be a non-empty string (what to try, what to notice)")
        for what, text in self._reader_texts():
            typed = raw_markup(text)
            if typed:
                raise ValueError(f"{where}: {what} would show {typed} to the reader as typed (figure text is not "
                                 "typeset): write a subscript as K<sub>B</sub> and no $...$ or TeX")
        if not (isinstance(self.alt, str) and self.alt.strip()) and not callable(self.alt):
            raise ValueError(f"{where}: alt must be a non-empty string template or a callable")
        if not callable(self.compute) or not callable(self.draw):
            raise TypeError(f"{where}: compute and draw must be callables")
        if self.update is not None and not callable(self.update):
            raise TypeError(f"{where}: update must be a callable or None")
        if not 1 <= len(self.controls) <= MAX_CONTROLS:
            raise ValueError(f"{where}: needs 1 to {MAX_CONTROLS} controls, got {len(self.controls)}")
        names = [c.name for c in self.controls]
        if len(set(names)) != len(names):
            raise ValueError(f"{where}: control names must be unique, got {names}")
        for c in self.controls:
            _validate_control(where, c)
        for size_name in ("figsize", "phone_figsize"):
            size = getattr(self, size_name)
            if size is not None and (len(size) != 2 or not all(isinstance(s, (int, float)) and 0 < s <= 20
                                                               for s in size)):
                raise ValueError(f"{where}: {size_name} must be (width, height) in inches, each in (0, 20], "
                                 f"got {size!r}")
        for point in self.named_values:
            unknown = set(point) - set(names)
            if unknown:
                raise ValueError(f"{where}: named_values names unknown control(s) {sorted(unknown)}")

    def _reader_texts(self):
        yield "title", self.title
        yield "caption", self.caption
        for c in self.controls:
            yield f"label of control {c.name!r}", c.label
            if isinstance(c, Choice):
                yield from ((f"option {k!r} of control {c.name!r}", str(v)) for k, v in c.options.items())

    def defaults(self) -> dict:
        return {c.name: c.default for c in self.controls}

    def sweep_points(self) -> list[dict]:
        """Every control at min, default and max (for a pair: every combination, corners included)."""
        points: list[dict] = [{}]
        for c in self.controls:
            points = [dict(p, **{c.name: v}) for p in points for v in c.sweep()]
        return points

    def static_grid(self) -> list[list]:
        n = STATIC_POINTS_ONE if len(self.controls) == 1 else STATIC_POINTS_TWO
        return [c.grid(n) for c in self.controls]

    def grid_points(self) -> list[dict]:
        """Every frame of the static flipbook, as control values."""
        points: list[dict] = [{}]
        for c, values in zip(self.controls, self.static_grid()):
            points = [dict(p, **{c.name: v}) for p in points for v in values]
        return points

    def random_values(self, rng: np.random.Generator) -> dict:
        """Random control values on the controls' grids (for benchmarks)."""
        values = {}
        for c in self.controls:
            if isinstance(c, Choice):
                options = list(c.options)
                values[c.name] = options[int(rng.integers(len(options)))]
            else:
                values[c.name] = c.min + int(rng.integers(c.n_steps + 1)) * c.step
        return values

    def complete(self, values: Mapping) -> dict:
        """``values`` with every missing control at its default (unknown names: ValueError)."""
        unknown = set(values) - {c.name for c in self.controls}
        if unknown:
            raise ValueError(f"figure {self.name!r}: unknown control(s) {sorted(unknown)}")
        return {**self.defaults(), **values}

    def alt_text(self, values: Mapping, result: Any = None) -> str:
        """The text description at ``values``; ``result`` is the model's result there (computed
        here when not given)."""
        values = self.complete(values)
        if callable(self.alt):
            if result is None:
                result = self.compute(**values)
            return str(self.alt(dict(values), result))
        shown = {c.name: (c.value_text(values[c.name]) if isinstance(c, Choice) else values[c.name])
                 for c in self.controls}
        return self.alt.format(**shown)

    # the drawing itself lives in ne_lib.interactive_render; these delegate, for short calls
    def render(self, view=None, *, layout: str = "wide", **values):
        """Compute and draw at ``values`` into ``view`` (a new :class:`~ne_lib.interactive_render.View`
        if None); returns the view (its matplotlib figure is ``view.figure``)."""
        from .interactive_render import render

        return render(self, view, layout=layout, **values)

    def new_view(self, layout: str = "wide"):
        from .interactive_render import View

        return View.new(self, layout)

    def image_bytes(self, view, **options) -> bytes:
        from .interactive_render import image_bytes

        return image_bytes(view, **options)

    def show(self):
        """Display the figure: live widgets in a kernel, a flipbook in the book build."""
        from .interactive_live import show

        return show(self)

    def widget(self):
        from .interactive_live import widget

        return widget(self)

    def to_html(self, frames: bool = True) -> str:
        from .interactive_static import flipbook_html

        return flipbook_html(self, frames=frames)

    def __repr__(self) -> str:
        return f"InteractiveFigure({self.name!r}, controls={[c.name for c in self.controls]})"


#: what a reader would see as typed in figure text: TeX ($...$, \\command) or a plain-text subscript (K_B)
_RAW_MARKUP = re.compile(r"\$|\\[A-Za-z]+|(?<![\w.\\-])[A-Za-z]{1,3}_\{?[A-Za-z0-9]{1,3}\}?(?![\w-])")


def raw_markup(text: str) -> list[str]:
    """The TeX or plain-text subscripts (``K_B``, ``$x$``) in ``text``, outside HTML tags and ``<code>``."""
    shown = re.sub(r"<code\b.*?</code>", "", str(text), flags=re.S)
    shown = re.sub(r"<[^>]*>", "", shown)
    return _RAW_MARKUP.findall(shown)


def _validate_control(where: str, c) -> None:
    if not isinstance(c, (Slider, Choice)):
        raise TypeError(f"{where}: controls must be Slider or Choice, got {type(c).__name__}")
    at = f"{where}, control {c.name!r}"
    if not c.name.isidentifier():
        raise ValueError(f"{at}: name must be a Python identifier")
    if isinstance(c, Choice):
        if len(c.options) < 2:
            raise ValueError(f"{at}: a Choice needs at least two options")
        if c.default not in c.options:
            raise ValueError(f"{at}: default {c.default!r} is not one of the options {list(c.options)}")
        return
    for attr in ("min", "max", "step", "default"):
        v = getattr(c, attr)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            raise ValueError(f"{at}: {attr} must be a finite number, got {v!r}")
    if c.min >= c.max:
        raise ValueError(f"{at}: min ({c.min}) must be less than max ({c.max})")
    if not c.min <= c.default <= c.max:
        raise ValueError(f"{at}: default {c.default} is outside the range [{c.min}, {c.max}]")
    if c.step <= 0:
        raise ValueError(f"{at}: step must be > 0, got {c.step}")
    span = (c.max - c.min) / c.step
    if abs(span - round(span)) > 1e-6 * max(1.0, span):
        raise ValueError(f"{at}: step {c.step} does not fit the range [{c.min}, {c.max}] "
                         f"((max - min) / step must be a whole number)")
    k = (c.default - c.min) / c.step
    if abs(k - round(k)) > 1e-6 * max(1.0, k):
        raise ValueError(f"{at}: default {c.default} is not on the slider's step grid "
                         f"(min {c.min} + a multiple of step {c.step})")
    if c.static_values is not None:
        bad = [v for v in c.static_values if not c.min <= v <= c.max]
        if bad or len(c.static_values) < 2:
            raise ValueError(f"{at}: static_values must be at least two values within "
                             f"[{c.min}, {c.max}], got {list(c.static_values)}")


def all_figures() -> list[InteractiveFigure]:
    """Every InteractiveFigure defined at module level in :mod:`ne_lib.figures`."""
    import ne_lib.figures as pkg

    found: dict[str, InteractiveFigure] = {}
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"ne_lib.figures.{info.name}")
        for obj in vars(module).values():
            if isinstance(obj, InteractiveFigure):
                if obj.name in found and found[obj.name] is not obj:
                    raise ValueError(f"two interactive figures are named {obj.name!r}")
                found[obj.name] = obj
    return list(found.values())
