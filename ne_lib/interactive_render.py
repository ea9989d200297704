"""Drawing an :class:`~ne_lib.interactive_spec.InteractiveFigure`: its view state and its pixels.

A :class:`View` holds one matplotlib figure and everything the renderer remembers about it (the
artists ``draw`` returned, whether it is laid out, the saved blitting background), so nothing is
stored on the matplotlib Figure itself. ``render(spec, view, **values)`` computes the model and
either draws from scratch (``draw`` then ``update``) or, once drawn, calls only ``update``.

Two layouts: ``"wide"`` at the figure's own size (laptop), and ``"phone"``: narrower, with side-by-side
panels stacked (a 1 x N ``subplots`` call becomes N x 1), so that text stays legible on a phone.
Every text is at least :data:`MIN_TEXT_PT` points.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import style

__all__ = ["View", "render", "is_phone", "image_bytes", "min_text_pt", "drawn_values_finite", "LAYOUTS", "MIN_TEXT_PT"]

LAYOUTS = ("wide", "phone")
MIN_TEXT_PT = 9.0            # smallest text in any figure (with the widths below: >= 11 CSS px laptop, >= 9 phone)
MAX_WIDE_WIDTH_IN = 8.0      # a laptop's figure column shows about 720 CSS px
PHONE_WIDTH_IN = 4.4         # a 390 px phone shows about 340 CSS px
LIVE_DPI = 100


class _StackingFigure(Figure):
    """A Figure whose ``subplots(1, n)`` makes ``n`` stacked rows (the phone layout)."""

    def subplots(self, nrows=1, ncols=1, **kwargs):
        if nrows == 1 and ncols > 1:
            gridspec_kw = dict(kwargs.pop("gridspec_kw", None) or {})
            gridspec_kw.pop("width_ratios", None)
            kwargs.pop("width_ratios", None)
            kwargs.pop("sharey", None)
            self.stacked_rows = ncols
            return super().subplots(ncols, 1, gridspec_kw=gridspec_kw, **kwargs)
        return super().subplots(nrows, ncols, **kwargs)


def is_phone(fig) -> bool:
    """True for the phone layout's figure (a draw may leave out what needs room, e.g. map labels)."""
    return isinstance(fig, _StackingFigure)


def figsize_for(spec, layout: str) -> tuple[float, float]:
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, got {layout!r}")
    width, height = spec.figsize
    if layout == "wide":
        return (min(width, MAX_WIDE_WIDTH_IN), height * min(1.0, MAX_WIDE_WIDTH_IN / width) ** 0.5)
    if spec.phone_figsize is not None:
        return tuple(spec.phone_figsize)
    return (PHONE_WIDTH_IN, max(3.0, 0.95 * height))


def _stack_height(spec, rows: int) -> float:
    """Phone layout: the height of a figure whose side-by-side panels became ``rows`` rows."""
    if spec.phone_figsize is not None:
        return spec.phone_figsize[1]
    return rows * max(2.7, 0.8 * spec.figsize[1])


@dataclass
class View:
    """One drawing of a figure and the renderer's memory of it."""

    spec: Any
    layout: str
    figure: Figure
    artists: Any = None
    laid_out: bool = False
    updated: bool = False            # an update is waiting to be rasterised
    result: Any = None               # the model's result at the values last drawn
    blit: dict | None = field(default=None, repr=False)

    @classmethod
    def new(cls, spec, layout: str = "wide") -> "View":
        with style.course_style():
            fig = (_StackingFigure if layout == "phone" else Figure)(figsize=figsize_for(spec, layout))
        FigureCanvasAgg(fig)
        return cls(spec, layout, fig)


def render(spec, view: View | None = None, *, layout: str = "wide", **values) -> View:
    """Compute the model at ``values`` and show it in ``view`` (a new one if None)."""
    values = spec.complete(values)
    view = view if view is not None else View.new(spec, layout)
    with style.course_style():
        result = spec.compute(**values)
        _draw_into(spec, view, result, values)
    view.result = result
    return view


def _draw_into(spec, view: View, result, values) -> None:
    fig = view.figure
    if spec.update is not None and view.artists is not None:
        for artist in _leaf_artists(fig):  # so that only what the update touches is stale
            artist.stale = False
        spec.update(fig, view.artists, result, **values)
        _enforce_min_text(fig)
        view.updated = True
        return
    pars = fig.subplotpars
    margins = {k: getattr(pars, k) for k in ("left", "right", "bottom", "top", "wspace", "hspace")}
    fig.clear()  # (this also resets the margins: restore the first render's layout)
    if view.laid_out:
        fig.subplots_adjust(**margins)
    artists = spec.draw(fig, result, **values)
    if spec.update is not None:
        spec.update(fig, artists, result, **values)
    _enforce_min_text(fig)
    if not view.laid_out:
        rows = getattr(fig, "stacked_rows", 0)
        if rows:
            fig.set_size_inches(fig.get_figwidth(), _stack_height(spec, rows))
        fig.tight_layout()
        view.laid_out = True
    view.artists = artists
    view.updated = False
    _drop_blit(view)


def _enforce_min_text(fig: Figure) -> None:
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        if float(text.get_fontsize()) < MIN_TEXT_PT:
            text.set_fontsize(MIN_TEXT_PT)


def min_text_pt(fig: Figure) -> float:
    """The smallest font size (pt) of any visible, non-empty text of ``fig`` (tick labels included:
    call it after the figure was drawn, which makes them)."""
    from matplotlib.text import Text

    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return float(min(sizes)) if sizes else float("inf")


def image_bytes(view: View, *, fmt: str = "png", dpi: float = LIVE_DPI, webp: dict | None = None) -> bytes:
    """Rasterise the view: PNG for the live view, WebP for static frames (``webp``: Pillow's WebP
    options; default lossless)."""
    from PIL import Image

    rgba = rasterise(view, dpi)
    image = Image.fromarray(rgba).convert("RGB")
    buf = io.BytesIO()
    if fmt == "webp":
        image.save(buf, format="WEBP", **(webp or {"lossless": True, "quality": 80, "method": 2}))
    else:
        image.save(buf, format="PNG", optimize=False, compress_level=1)
    return buf.getvalue()


def rasterise(view: View, dpi: float = LIVE_DPI) -> np.ndarray:
    """The view's pixels (RGBA array) at ``dpi``."""
    fig = view.figure
    with style.course_style():
        if fig.get_dpi() != dpi:
            fig.set_dpi(dpi)
            _drop_blit(view)
        _blit_or_draw(view)
        return np.asarray(cast(FigureCanvasAgg, fig.canvas).buffer_rgba()).copy()


def _drop_blit(view: View) -> None:
    if view.blit:
        for artist in view.blit["animated"]:
            artist.set_animated(False)
    view.blit = None


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
    """What the saved background shows of each axes: limits, labels, scales and tick labels (a change
    in any of them means a full redraw)."""
    return [(tuple(np.round(ax.viewLim.bounds, 12)), ax.get_xlabel(), ax.get_ylabel(), ax.get_xscale(),
             ax.get_yscale(),
             tuple((t.get_text(), str(t.get_fontweight()), t.get_visible())
                   for t in ax.get_xticklabels() + ax.get_yticklabels()))
            for ax in fig.axes]


def _blit_or_draw(view: View) -> None:
    """Draw the figure onto its Agg canvas, redrawing only what changed when that is safe.

    After an ``update`` call, the artists it touched are stale. If they are the same artists as
    last time, no artist was removed and no axis limits moved, the saved background (everything
    else) is restored and only those artists are drawn: the usual matplotlib blitting, a few
    milliseconds instead of a full draw. Anything else falls back to a full draw, which also
    records a new background. The tests compare every figure's blitted frames with fresh renders.
    """
    fig = view.figure
    canvas = cast(FigureCanvasAgg, fig.canvas)
    if view.spec.update is None or not view.updated:
        _drop_blit(view)
        canvas.draw()
        return
    view.updated = False
    saved = view.blit
    leaves = _leaf_artists(fig)
    changed = [a for a in leaves if a.stale]
    ids = {id(a) for a in leaves}
    reuse = (saved is not None and saved["ids"] <= ids and {id(a) for a in changed} <= saved["animated_ids"]
             and saved["limits"] == _view_limits(fig))
    if not reuse:
        _drop_blit(view)
        for artist in changed:
            artist.set_animated(True)
        canvas.draw()  # everything but the changing artists
        saved = {"background": canvas.copy_from_bbox(fig.bbox), "animated": changed,
                 "animated_ids": {id(a) for a in changed}, "ids": ids, "limits": _view_limits(fig)}
        view.blit = saved
    else:
        assert saved is not None
        canvas.restore_region(saved["background"])
    renderer = canvas.get_renderer()
    for artist in sorted(saved["animated"], key=lambda a: a.get_zorder()):
        if artist.get_visible() and id(artist) in ids:
            artist.draw(renderer)
            artist.stale = False


def drawn_values_finite(fig) -> list[str]:
    """Describe every non-finite number drawn on ``fig`` (a Figure or a View; empty list: all finite)."""
    from matplotlib.collections import Collection
    from matplotlib.image import AxesImage
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    fig = getattr(fig, "figure", fig)
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
