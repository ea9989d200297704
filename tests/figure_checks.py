"""The one way the tests check an interactive figure (imported by test_interactive.py).

* :func:`assert_live_matches_fresh`: a view moved to some values through its update path shows the
  same data (lines, bars, texts) and the same pixels as a view drawn fresh at those values.
* :func:`layout_problems`: texts or legends that overlap another text, legend or plotted line, and
  lines cut off at the axes where their data go on.
"""

from __future__ import annotations

import numpy as np

from ne_lib.interactive import View, render
from ne_lib.interactive_render import rasterise

PIXEL_TOLERANCE = 60          # a channel difference above this counts as a different pixel
MAX_DIFFERENT_PIXELS = 0.01   # blitted frames may differ from a full redraw at anti-aliased edges only


def drawn_data(fig) -> list:
    """Everything visible that carries data: line data, bar geometry, texts and titles."""
    out = []
    for ax in fig.axes:
        out.append(ax.get_title())
        for line in ax.lines:
            if line.get_visible():
                out.append(np.round(np.asarray(line.get_xydata(), dtype=float), 9).tolist())
        for patch in ax.patches:
            if patch.get_visible():
                out.append(np.round(np.asarray(patch.get_verts(), dtype=float), 6).tolist())
        for text in ax.texts:
            if text.get_visible():
                anchor = getattr(text, "xy", ())          # annotations (arrows) also have a target point
                out.append([text.get_text()] + [round(float(v), 9) for v in (*anchor, *text.get_position())])
        legend = ax.get_legend()
        if legend is not None and legend.get_visible():
            out.append([t.get_text() for t in legend.get_texts()])
    return out


def assert_live_matches_fresh(spec, live: View, values: dict) -> None:
    """``live`` (already rendered at ``values`` through its update path) against a fresh drawing."""
    fresh = render(spec, layout=live.layout, **values)
    # the live view keeps the layout of its first drawing (margins fixed once): compare like with like
    pars = live.figure.subplotpars
    fresh.figure.subplots_adjust(**{k: getattr(pars, k) for k in ("left", "right", "bottom", "top", "wspace",
                                                                  "hspace")})
    live_pixels = rasterise(live, live.figure.dpi).astype(float)
    fresh_pixels = rasterise(fresh, live.figure.dpi).astype(float)
    assert drawn_data(live.figure) == drawn_data(fresh.figure), f"{spec.name} at {values}: data differ"
    assert live_pixels.shape == fresh_pixels.shape, f"{spec.name} at {values}: sizes differ"
    differing = (np.abs(live_pixels - fresh_pixels).max(axis=2) > PIXEL_TOLERANCE).mean()
    assert differing < MAX_DIFFERENT_PIXELS, (
        f"{spec.name} ({live.layout}) at {values}: {differing:.2%} of pixels differ from a fresh drawing")


# ------------------------------------------------------------------ layout
def _boxes(fig, renderer):
    """(label, bbox) of every visible text and legend, legends as one box (their own texts excluded)."""
    from matplotlib.legend import Legend
    from matplotlib.text import Text

    legends = [a for a in fig.findobj(Legend) if a.get_visible()]
    inside = {id(t) for lg in legends for t in lg.findobj(Text)}
    # tick labels: only those of the ticks matplotlib draws (inside the view limits)
    drawn_ticks = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            all_labels = {id(t) for tick in axis.get_major_ticks() + axis.get_minor_ticks()
                          for t in (tick.label1, tick.label2)}
            inside |= all_labels
            if axis.get_visible() and ax.axison:
                drawn_ticks |= {id(t) for tick in axis._update_ticks() for t in (tick.label1, tick.label2)
                                if t.get_visible()}
    inside -= drawn_ticks
    boxes = [(f"legend {[t.get_text() for t in lg.get_texts()][:2]}", lg.get_window_extent(renderer))
             for lg in legends if any(t.get_text().strip() for t in lg.get_texts())]
    for text in fig.findobj(Text):
        if id(text) in inside or not text.get_visible() or not text.get_text().strip():
            continue
        if text.axes is not None and text.get_clip_on() and text.axes.patch is not None:
            box = text.get_window_extent(renderer)
            if not box.overlaps(text.axes.bbox):
                continue  # clipped away entirely
        boxes.append((f"text {text.get_text()[:30]!r}", text.get_window_extent(renderer)))
    return boxes


def _shrunk(box, px):
    from matplotlib.transforms import Bbox

    return Bbox.from_extents(box.x0 + px, box.y0 + px, box.x1 - px, box.y1 - px)


def _line_points(line):
    """Display coordinates along a plotted data line (segments subdivided every ~2 px)."""
    path = line.get_transform().transform_path(line.get_path())
    pts = path.vertices
    if len(pts) < 2:
        return pts
    out = [pts[:1]]
    for a, b in zip(pts[:-1], pts[1:]):
        n = int(np.clip(np.hypot(*(b - a)) / 2.0, 1, 400))
        out.append(a + (b - a) * np.linspace(0, 1, n + 1)[1:, None])
    return np.concatenate(out)


def layout_problems(fig, *, drawn: bool = False) -> list[str]:
    """Overlapping texts/legends, texts or legends over a plotted line, lines cut off at the axes.

    ``drawn``: the figure was just drawn in the state to judge (e.g. by ``rasterise``, through the live
    update path), so its renderer and layout are the ones shown; otherwise it is drawn here first."""
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D

    if not drawn:
        fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    problems = []
    boxes = _boxes(fig, renderer)
    for i, (name_a, a) in enumerate(boxes):
        for name_b, b in boxes[i + 1:]:
            if _shrunk(a, 1).overlaps(_shrunk(b, 1)):
                problems.append(f"{name_a} overlaps {name_b}")
    legend_lines = {id(line) for lg in fig.findobj(Legend) for line in lg.findobj(Line2D)}
    for ax in fig.axes:
        for line in ax.lines:
            if not line.get_visible() or id(line) in legend_lines or line.get_linestyle() in ("None", ""):
                continue
            pts = _line_points(line)
            pts = pts[np.all(np.isfinite(pts), axis=1)]
            clip = ax.bbox
            inside_axes = ((pts[:, 0] >= clip.x0 - 0.5) & (pts[:, 0] <= clip.x1 + 0.5)
                           & (pts[:, 1] >= clip.y0 - 0.5) & (pts[:, 1] <= clip.y1 + 0.5))
            data_line = line.get_transform() == ax.transData
            if data_line and not inside_axes.all() and line.get_clip_on():
                problems.append(f"line {line.get_label()!r} of {ax.get_title()!r} is cut off at the axes")
            shown = pts[inside_axes]
            for name, box in boxes:
                inner = _shrunk(box, 1.5)
                hit = ((shown[:, 0] > inner.x0) & (shown[:, 0] < inner.x1) & (shown[:, 1] > inner.y0)
                       & (shown[:, 1] < inner.y1))
                if hit.any():
                    problems.append(f"{name} lies over line {line.get_label()!r} of {ax.get_title()!r}")
    return problems
