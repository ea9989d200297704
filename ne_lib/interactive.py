"""Interactive figures that work everywhere: live in Jupyter, and on the static website.

Every interactive figure in the course is an :class:`InteractiveFigure`: a function
that computes the model for some control values (``compute``), a function that draws
the result onto an empty matplotlib figure (``draw``), and one or two controls
(:class:`Slider`, :class:`Choice`).

``figure.show()`` then displays

* in a live kernel (JupyterLab, Notebook, Binder, Colab): real ipywidgets controls,
  a reset button and one image updated in place;
* in the book build (environment variable ``NE_BOOK_BUILD=1``, set by the build):
  a self-contained HTML "flipbook": the same controls over frames pre-rendered on a
  grid of control values, swapped by a few lines of inline JavaScript. No widget
  JavaScript, no require.js, no CDN.

Outside the build, the live widget's display bundle also carries a ``text/html``
still frame, so a notebook opened without a kernel (or a plain ``jupyter-book
build``) still shows the figure.

Static grid (documented choice): a lone slider gets 11 frames (min, max, default
and evenly spaced values snapped to the slider's step), a pair of sliders 6 x 6
frames; a :class:`Choice` contributes all its options. This keeps a page with three
two-control figures under about 2 MB while every slider still visibly moves its
figure. ``Slider(static_values=...)`` overrides the grid.
"""

from __future__ import annotations

import base64
import html
import importlib
import io
import json
import math
import pkgutil
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import style
from .contract import FIGURE_ATTRIBUTE, figure_anchor, in_book_build  # the contract

__all__ = ["Slider", "Choice", "InteractiveFigure", "all_figures", "in_book_build", "drawn_values_finite"]

STATIC_POINTS_ONE = 11
STATIC_POINTS_TWO = 6
MAX_CONTROLS = 2
LIVE_DPI = 100
STATIC_DPI = 100


def _fmt(value: float) -> str:
    return f"{value:.6g}"


@dataclass(frozen=True)
class Slider:
    """A numeric control: ``name`` is the keyword passed to compute/draw; ``label`` carries units."""

    name: str
    label: str
    min: float
    max: float
    step: float
    default: float
    static_values: Sequence[float] | None = None
    value_format: Callable[[float], str] | None = None   # readout text, e.g. lambda v: f"{10**v:.3g} nM"

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
        return self.value_format(value) if self.value_format else _fmt(value)


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
    """One figure of the course that the reader can move (see the module docstring)."""

    def __init__(self, name: str, *, title: str, controls: Sequence[Control],
                 compute: Callable[..., Any], draw: Callable[..., None],
                 alt: str | Callable[[dict], str], caption: str,
                 figsize: tuple[float, float] = (6.4, 3.6), continuous_update: bool | None = None,
                 update: Callable[..., None] | None = None):
        self.name = name
        self.title = title
        self.controls = list(controls)
        self.compute = compute
        self.draw = draw
        self.alt = alt
        self.caption = caption
        self.figsize = figsize
        self.continuous_update = continuous_update
        self.update = update
        self._validate()

    # ----------------------------------------------------------------- specs
    def _validate(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("InteractiveFigure name must be a non-empty string")
        where = f"figure {self.name!r}"
        if not self.caption or not isinstance(self.caption, str):
            raise ValueError(f"{where}: caption must be a non-empty string (what to try, what to notice)")
        if not (isinstance(self.alt, str) and self.alt.strip()) and not callable(self.alt):
            raise ValueError(f"{where}: alt must be a non-empty string template or a callable")
        if not callable(self.compute) or not callable(self.draw):
            raise TypeError(f"{where}: compute and draw must be callables")
        if not 1 <= len(self.controls) <= MAX_CONTROLS:
            raise ValueError(f"{where}: needs 1 to {MAX_CONTROLS} controls, got {len(self.controls)}")
        names = [c.name for c in self.controls]
        if len(set(names)) != len(names):
            raise ValueError(f"{where}: control names must be unique, got {names}")
        for c in self.controls:
            at = f"{where}, control {c.name!r}"
            if not isinstance(c, (Slider, Choice)):
                raise TypeError(f"{where}: controls must be Slider or Choice, got {type(c).__name__}")
            if not c.name.isidentifier():
                raise ValueError(f"{at}: name must be a Python identifier")
            if isinstance(c, Choice):
                if len(c.options) < 2:
                    raise ValueError(f"{at}: a Choice needs at least two options")
                if c.default not in c.options:
                    raise ValueError(f"{at}: default {c.default!r} is not one of the options {list(c.options)}")
                continue
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

    def defaults(self) -> dict:
        return {c.name: c.default for c in self.controls}

    def sweep_points(self) -> list[dict]:
        """Every control at min, default and max (for a pair: every combination, corners included)."""
        points = [{}]
        for c in self.controls:
            points = [dict(p, **{c.name: v}) for p in points for v in c.sweep()]
        return points

    def static_grid(self) -> list[list]:
        n = STATIC_POINTS_ONE if len(self.controls) == 1 else STATIC_POINTS_TWO
        return [c.grid(n) for c in self.controls]

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

    def _complete(self, values: Mapping) -> dict:
        unknown = set(values) - {c.name for c in self.controls}
        if unknown:
            raise ValueError(f"figure {self.name!r}: unknown control(s) {sorted(unknown)}")
        return {**self.defaults(), **values}

    # ------------------------------------------------------------- rendering
    def alt_text(self, values: Mapping) -> str:
        values = self._complete(values)
        if callable(self.alt):
            return str(self.alt(dict(values)))
        shown = {c.name: (c.value_text(values[c.name]) if isinstance(c, Choice) else values[c.name])
                 for c in self.controls}
        return self.alt.format(**shown)

    def new_figure(self) -> Figure:
        with style.course_style():
            fig = Figure(figsize=self.figsize)
        FigureCanvasAgg(fig)
        return fig

    def render(self, fig: Figure | None = None, **values) -> Figure:
        """Compute the model and draw it onto ``fig`` (a new figure if None).

        The first render of a figure draws from scratch and lays it out (``tight_layout``,
        so ``draw`` need not); later renders reuse that layout, and, if the figure was
        given an ``update`` function, update the existing artists instead of redrawing.
        """
        values = self._complete(values)
        fig = fig if fig is not None else self.new_figure()
        with style.course_style():
            result = self.compute(**values)
            state = getattr(fig, "_ne_state", None)
            if self.update is not None and state is not None:
                for artist in _leaf_artists(fig):  # so that only what the update touches is stale
                    artist.stale = False
                self.update(fig, state, result, **values)
                fig._ne_updated = True
                return fig
            fresh = not getattr(fig, "_ne_laid_out", False)
            pars = fig.subplotpars
            margins = {k: getattr(pars, k) for k in ("left", "right", "bottom", "top", "wspace", "hspace")}
            fig.clear()  # (this also resets the margins: restore the first render's layout)
            if not fresh:
                fig.subplots_adjust(**margins)
            state = self.draw(fig, result, **values)
            if fresh:
                fig.tight_layout()
                fig._ne_laid_out = True
            fig._ne_state = state
        return fig

    def image_bytes(self, fig: Figure, *, fmt: str = "png", dpi: int = LIVE_DPI) -> bytes:
        """Rasterise ``fig``: PNG for the live view, WebP (lossless) for static frames."""
        with style.course_style():
            if fig.get_dpi() != dpi:
                fig.set_dpi(dpi)
                fig.__dict__.pop("_ne_blit", None)
            if not isinstance(fig.canvas, FigureCanvasAgg):
                FigureCanvasAgg(fig)
            _rasterise(fig, blit=self.update is not None)
            rgba = np.asarray(fig.canvas.buffer_rgba())
        from PIL import Image

        buf = io.BytesIO()
        image = Image.fromarray(rgba).convert("RGB")
        if fmt == "webp":
            image.save(buf, format="WEBP", lossless=True, quality=80, method=2)  # method 4+: same size, 60% slower
        else:
            image.save(buf, format="PNG", optimize=False, compress_level=1)
        return buf.getvalue()

    # -------------------------------------------------------------- display
    def show(self):
        """Display the figure: live widgets in a kernel, a flipbook in the book build."""
        from IPython.display import display

        if in_book_build():
            display({"text/html": self.to_html(), "text/plain": f"<interactive figure {self.name}>"}, raw=True)
            return None
        box = self.widget()
        bundle = {
            "application/vnd.jupyter.widget-view+json": {
                "version_major": 2, "version_minor": 0, "model_id": box.model_id},
            "text/html": self.to_html(frames=False),
            "text/plain": f"<interactive figure {self.name}: run the notebook in Jupyter to move it>",
        }
        display(bundle, raw=True)
        return None

    def widget(self):
        """The live view: controls, reset button, one image updated in place, caption."""
        import ipywidgets as w

        fig = self.new_figure()
        image = w.Image(format="png", layout=w.Layout(max_width="100%", height="auto"))
        description = w.HTML()  # the alt text: widgets.Image has no alt attribute (and no tooltip)
        status = w.HTML()
        controls, readouts, rows = {}, {}, []
        for c in self.controls:
            # The label sits on its own line, so a long label never squeezes the control.
            label = w.HTML(f'<span style="font-weight:600">{html.escape(c.label)}</span>')
            label.add_class("ne-control-label")
            if isinstance(c, Choice):
                control = w.Dropdown(options=[(text, v) for v, text in c.options.items()], value=c.default,
                                     layout=w.Layout(width="auto", max_width="100%"))
                rows.append(w.VBox([label, control]).add_class("ne-control"))
            else:
                control = w.FloatSlider(value=c.default, min=c.min, max=c.max, step=c.step, readout=False,
                                        layout=w.Layout(flex="1 1 auto", min_width="12em"))
                readouts[c.name] = w.Label(c.value_text(c.default), layout=w.Layout(min_width="6em"))
                readouts[c.name].add_class("ne-readout")
                rows.append(w.VBox([label, w.HBox([control, readouts[c.name]],
                                                   layout=w.Layout(width="100%", align_items="center"))])
                            .add_class("ne-control"))
            controls[c.name] = control
        reset = w.Button(description="Reset", tooltip="Back to the default values", icon="undo",
                         layout=w.Layout(width="max-content"))

        def update(*_):
            values = {name: ctl.value for name, ctl in controls.items()}
            try:
                for c in self.controls:
                    if c.name in readouts:
                        readouts[c.name].value = c.value_text(values[c.name])
                self.render(fig, **values)
                image.value = self.image_bytes(fig)
                description.value = ('<details style="font-size:0.85em"><summary>Text description of the '
                                     f'figure</summary>{html.escape(self.alt_text(values))}</details>')
                status.value = ""
            except Exception as exc:  # keep the figure alive; say what went wrong
                status.value = f'<span style="color:#a3300b">Could not update: {html.escape(str(exc))}</span>'
                raise

        t0 = time.perf_counter()
        update()
        slow = (time.perf_counter() - t0) > 0.15
        continuous = self.continuous_update if self.continuous_update is not None else not slow
        for ctl in controls.values():
            if isinstance(ctl, w.FloatSlider):
                ctl.continuous_update = continuous
            ctl.observe(update, names="value")

        def do_reset(_):
            for c in self.controls:
                controls[c.name].value = c.default

        reset.on_click(do_reset)
        title = w.HTML(f"<strong>{html.escape(self.title)}</strong>")
        caption = w.HTML(f'<div style="font-size:0.92em;line-height:1.45;max-width:44em;white-space:normal">'
                         f"{self.caption}</div>")
        box = w.VBox([title, image, description, *rows, reset, status, caption],
                     layout=w.Layout(max_width="48em"))
        box._ne_figure = fig  # keep the figure alive with the view
        return box

    def to_html(self, frames: bool = True) -> str:
        """The static view: a flipbook over the static grid (``frames=False``: the default frame only)."""
        grid = self.static_grid()
        if not frames:
            grid = [[c.default] for c in self.controls]
        fig = self.new_figure()
        images, alts = [], []
        for combo in _product(grid):
            values = {c.name: v for c, v in zip(self.controls, combo)}
            self.render(fig, **values)
            data = self.image_bytes(fig, fmt="webp" if frames else "png", dpi=STATIC_DPI if frames else LIVE_DPI)
            images.append(base64.b64encode(data).decode("ascii"))
            alts.append(self.alt_text(values))
        mime = "image/webp" if frames else "image/png"
        width, height = (int(round(d * (STATIC_DPI if frames else LIVE_DPI))) for d in self.figsize)
        start = [g.index(c.default) for c, g in zip(self.controls, grid)]
        flat = _flat_index(start, [len(g) for g in grid])
        uid = figure_anchor(self.name)
        parts = [f'<figure class="ne-flipbook" id="{uid}" {FIGURE_ATTRIBUTE}="{html.escape(self.name)}">',
                 f'<figcaption class="ne-flipbook-title"><strong>{html.escape(self.title)}</strong></figcaption>',
                 f'<img class="ne-flipbook-img" src="data:{mime};base64,{images[flat]}" alt="{html.escape(alts[flat])}"'
                 f' width="{width}" height="{height}" style="max-width:100%;height:auto">']
        if frames:
            parts.append('<div class="ne-flipbook-controls">')
            for i, (c, g) in enumerate(zip(self.controls, grid)):
                cid = f"{uid}-{c.name}"
                texts = [c.value_text(v) for v in g]
                if isinstance(c, Choice):
                    opts = "".join(f'<option value="{k}"{" selected" if k == start[i] else ""}>{html.escape(t)}</option>'
                                   for k, t in enumerate(texts))
                    parts.append(f'<div class="ne-flipbook-control"><label for="{cid}">{html.escape(c.label)}</label> '
                                 f'<select id="{cid}" data-axis="{i}">{opts}</select></div>')
                else:
                    parts.append(
                        f'<div class="ne-flipbook-control"><label for="{cid}">{html.escape(c.label)}</label> '
                        f'<input type="range" id="{cid}" data-axis="{i}" min="0" max="{len(g) - 1}" step="1" '
                        f'value="{start[i]}" aria-valuetext="{html.escape(texts[start[i]])}" '
                        f'data-texts="{html.escape(json.dumps(texts))}"> '
                        f'<output for="{cid}">{html.escape(texts[start[i]])}</output></div>')
            parts.append("</div>")
            payload = json.dumps({"mime": mime, "shape": [len(g) for g in grid], "images": images, "alts": alts})
            payload = payload.replace("<", "\\u003c").replace(">", "\\u003e")
            parts.append(f'<script type="application/json" class="ne-flipbook-data">{payload}</script>')
            parts.append(f"<script>{_FLIPBOOK_JS}</script>")
            note = ("Frames pre-rendered from the model on a grid of slider values. "
                    "Launch this page in Binder (rocket icon at the top) to run the full model live.")
        else:
            note = "Still frame at the default values; run the notebook in Jupyter or Binder to move the sliders."
        parts.append(f'<div class="ne-flipbook-caption">{self.caption}</div>')
        parts.append(f'<p class="ne-flipbook-note"><em>{note}</em></p></figure>')
        return "\n".join(parts)

    def __repr__(self) -> str:
        return f"InteractiveFigure({self.name!r}, controls={[c.name for c in self.controls]})"


def _leaf_artists(fig: Figure) -> list:
    """Every artist that an update may change: all but the figure, axes, axes' axis and spines
    (ticks and spines change only with the view limits, which are compared separately)."""
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.spines import Spine

    found = []

    def walk(artist):
        for child in artist.get_children():
            if isinstance(child, (Axis, Spine)):
                continue
            if not isinstance(child, (Axes, Figure)):
                found.append(child)
            walk(child)

    walk(fig)
    return found


def _view_limits(fig: Figure) -> list:
    return [(tuple(np.round(ax.viewLim.bounds, 12)), ax.get_xlabel(), ax.get_ylabel(), ax.get_xscale(),
             ax.get_yscale()) for ax in fig.axes]


def _rasterise(fig: Figure, blit: bool) -> None:
    """Draw ``fig`` onto its Agg canvas, redrawing only what changed when that is safe.

    After an ``update`` call, the artists it touched are stale. If they are the same
    artists as last time, no artist was removed and no axis limits moved, the saved
    background (everything else) is restored and only those artists are drawn: the usual
    matplotlib blitting, a few milliseconds instead of a full draw. Anything else falls
    back to a full draw, which also records a new background. Changed artists are drawn
    on top of the rest; the tests compare every figure's blitted frames with fresh renders.
    """
    canvas = fig.canvas
    saved = fig.__dict__.get("_ne_blit")
    if not blit or not getattr(fig, "_ne_updated", False):
        if saved:
            for artist in saved["animated"]:
                artist.set_animated(False)
            fig.__dict__.pop("_ne_blit", None)
        canvas.draw()
        return
    fig._ne_updated = False
    leaves = _leaf_artists(fig)
    changed = [a for a in leaves if a.stale]
    ids = {id(a) for a in leaves}
    reuse = (saved is not None and saved["ids"] <= ids and {id(a) for a in changed} <= saved["animated_ids"]
             and saved["limits"] == _view_limits(fig))
    if not reuse:
        if saved:
            for artist in saved["animated"]:
                artist.set_animated(False)
        for artist in changed:
            artist.set_animated(True)
        canvas.draw()  # everything but the changing artists
        saved = {"background": canvas.copy_from_bbox(fig.bbox), "animated": changed,
                 "animated_ids": {id(a) for a in changed}, "ids": ids, "limits": _view_limits(fig)}
        fig._ne_blit = saved
    else:
        canvas.restore_region(saved["background"])
    renderer = canvas.get_renderer()
    for artist in sorted(saved["animated"], key=lambda a: a.get_zorder()):
        if artist.get_visible() and id(artist) in ids:
            artist.draw(renderer)
            artist.stale = False


def _product(grid: list[list]) -> list[tuple]:
    combos = [()]
    for axis in grid:
        combos = [c + (v,) for c in combos for v in axis]
    return combos


def _flat_index(idx: Sequence[int], shape: Sequence[int]) -> int:
    flat = 0
    for i, n in zip(idx, shape):
        flat = flat * n + i
    return flat


# Inline, dependency-free: each flipbook carries it; it initialises every flipbook once.
_FLIPBOOK_JS = """(function(){
if(!window.neFlipbookInit){window.neFlipbookInit=function(){
document.querySelectorAll('figure[data-ne-flipbook]:not([data-ne-ready])').forEach(function(fig){
var dataEl=fig.querySelector('script.ne-flipbook-data');if(!dataEl)return;
var d=JSON.parse(dataEl.textContent),img=fig.querySelector('img.ne-flipbook-img');
var ctls=Array.prototype.slice.call(fig.querySelectorAll('[data-axis]'));
function update(){var flat=0;ctls.forEach(function(c){var i=parseInt(c.value,10);flat=flat*d.shape[+c.dataset.axis]+i;
if(c.tagName==='INPUT'){var t=JSON.parse(c.dataset.texts)[i];c.setAttribute('aria-valuetext',t);
var o=fig.querySelector('output[for="'+c.id+'"]');if(o)o.textContent=t;}});
img.src='data:'+d.mime+';base64,'+d.images[flat];img.alt=d.alts[flat];}
ctls.forEach(function(c){c.addEventListener('input',update);c.addEventListener('change',update);});
fig.setAttribute('data-ne-ready','1');});};}
if(document.readyState==='loading'){document.addEventListener('DOMContentLoaded',window.neFlipbookInit);}
else{window.neFlipbookInit();}})();"""


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


def drawn_values_finite(fig: Figure) -> list[str]:
    """Describe every non-finite number drawn on ``fig`` (empty list: all finite)."""
    from matplotlib.collections import Collection
    from matplotlib.image import AxesImage
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    problems = []
    for artist in fig.findobj():
        if isinstance(artist, Line2D):
            data = np.asarray(artist.get_xydata(), dtype=float)
        elif isinstance(artist, Collection):
            data = np.asarray(artist.get_offsets(), dtype=float)
            for path in artist.get_paths():
                if not np.all(np.isfinite(path.vertices)):
                    problems.append(f"{type(artist).__name__} path")
        elif isinstance(artist, Rectangle):
            data = np.array([*artist.get_xy(), artist.get_width(), artist.get_height()], dtype=float)
        elif isinstance(artist, AxesImage):
            data = np.ma.filled(np.ma.asarray(artist.get_array(), dtype=float), 0.0)
        else:
            continue
        if data.size and not np.all(np.isfinite(data)):
            label = getattr(artist, "get_label", lambda: "")()
            problems.append(f"{type(artist).__name__} {label!r}")
    for ax in fig.axes:
        if not (np.all(np.isfinite(ax.get_xlim())) and np.all(np.isfinite(ax.get_ylim()))):
            problems.append(f"axes limits of {ax.get_title()!r}")
    return problems
