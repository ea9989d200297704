"""The interactive-figure helper: spec validation, static grids, flipbook HTML, and the sweep
of every interactive figure in every chapter at its extreme slider values."""

import base64
import io
import json
import re

import numpy as np
import pytest
from PIL import Image

from ne_lib.interactive import Choice, InteractiveFigure, Slider, all_figures, drawn_values_finite

FIGURES = all_figures()


def _compute(tau_s, scale="one"):
    t = np.linspace(0.0, 10.0, 50)
    return t, np.exp(-t / tau_s) * (2.0 if scale == "two" else 1.0)


def _draw(fig, result, **values):
    ax = fig.add_subplot()
    (line,) = ax.plot(*result)
    ax.set(xlabel="time (s)", ylim=(0, 2.1))
    return {"line": line}


def _figure(**overrides):
    spec = dict(title="Decay", controls=[Slider("tau_s", "Time constant (s)", 1.0, 5.0, 0.5, 2.0)],
                compute=_compute, draw=_draw, alt="Exponential decay with tau {tau_s} s", caption="Try it.")
    spec.update(overrides)
    return InteractiveFigure("test-decay", **spec)


@pytest.mark.parametrize("slider, message", [
    (Slider("x", "X", 5.0, 5.0, 1.0, 5.0), "min"),
    (Slider("x", "X", 6.0, 5.0, 1.0, 5.0), "min"),
    (Slider("x", "X", 0.0, 5.0, 1.0, 7.0), "outside the range"),
    (Slider("x", "X", 0.0, 5.0, 1.0, -1.0), "outside the range"),
    (Slider("x", "X", 0.0, 5.0, 2.0, 2.0), "does not fit"),
    (Slider("x", "X", 0.0, 5.0, 0.0, 2.0), "step"),
    (Slider("x", "X", 0.0, 5.0, 1.0, 2.5), "step grid"),
    (Slider("x", "X", 0.0, float("nan"), 1.0, 2.0), "finite"),
])
def test_bad_slider_specs_name_the_figure_and_the_slider(slider, message):
    with pytest.raises(ValueError, match=message) as info:
        _figure(controls=[slider])
    assert "'test-decay'" in str(info.value) and "'x'" in str(info.value)


def test_bad_choice_and_control_counts():
    with pytest.raises(ValueError, match="'scale'.*not one of"):
        _figure(controls=[Choice("scale", "Scale", {"one": "1", "two": "2"}, "three")])
    with pytest.raises(ValueError, match="1 to 2 controls"):
        _figure(controls=[Slider(n, n, 0, 1, 0.5, 0) for n in "abc"])
    with pytest.raises(ValueError, match="unique"):
        _figure(controls=[Slider("a", "a", 0, 1, 0.5, 0), Slider("a", "b", 0, 1, 0.5, 0)])
    with pytest.raises(ValueError, match="caption"):
        _figure(caption="")


def test_static_grid_contains_ends_and_default_on_the_step_grid():
    s = Slider("x", "X", 5.0, 200.0, 5.0, 50.0)
    grid = s.grid(11)
    assert grid[0] == 5.0 and grid[-1] == 200.0 and 50.0 in grid
    assert len(grid) == 11 == len(set(grid))
    assert all(abs((v - 5.0) / 5.0 - round((v - 5.0) / 5.0)) < 1e-9 for v in grid)
    assert Slider("x", "X", 0.0, 1.0, 0.5, 0.5).grid(11) == [0.0, 0.5, 1.0]  # never more frames than steps


def test_sweep_points_are_corners_for_a_pair():
    fig = _figure(controls=[Slider("tau_s", "T", 1.0, 5.0, 0.5, 2.0),
                            Choice("scale", "S", {"one": "1", "two": "2"}, "one")])
    points = fig.sweep_points()
    assert len(points) == 3 * 2
    assert {"tau_s": 1.0, "scale": "two"} in points and {"tau_s": 5.0, "scale": "two"} in points


def _frames(html_text):
    payload = re.search(r'<script type="application/json" class="ne-flipbook-data">(.*?)</script>', html_text, re.S)
    return json.loads(payload.group(1))


def test_flipbook_has_a_distinct_frame_per_grid_point_and_no_external_urls():
    fig = _figure(controls=[Slider("tau_s", "T", 1.0, 5.0, 0.5, 2.0),
                            Choice("scale", "S", {"one": "1", "two": "2"}, "one")])
    html_text = fig.to_html()
    data = _frames(html_text)
    assert data["shape"] == [6, 2]
    assert len(data["images"]) == 12 == len(set(data["images"]))  # every slider position changes the picture
    assert len(data["alts"]) == 12 and all("Exponential decay" in a for a in data["alts"])
    assert "http://" not in html_text and "https://" not in html_text
    assert html_text.count('type="range"') == 1 and html_text.count("<select") == 1
    image = Image.open(io.BytesIO(base64.b64decode(data["images"][0])))
    assert image.format == "WEBP" and image.size == (640, 360)


def test_update_path_draws_the_same_picture_as_a_fresh_render():
    def _update(fig, state, result, **values):
        state["line"].set_data(*result)

    fig = _figure(update=_update)
    live = fig.render(tau_s=1.0)
    fig.render(live, tau_s=4.5)
    fresh = fig.render(tau_s=4.5)
    a = np.asarray(Image.open(io.BytesIO(fig.image_bytes(live))), dtype=float)
    b = np.asarray(Image.open(io.BytesIO(fig.image_bytes(fresh))), dtype=float)
    assert a.shape == b.shape and np.abs(a - b).mean() < 1.0


def test_drawn_values_finite_catches_nan():
    fig = _figure(compute=lambda tau_s: (np.linspace(0, 1, 5), np.array([0, np.nan, 1, 1, 1.0])))
    assert drawn_values_finite(fig.render()) != []
    assert drawn_values_finite(_figure().render()) == []


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_live_widget_has_controls_reset_and_image():
    import ipywidgets as w

    fig = _figure(controls=[Slider("tau_s", "Time constant (s)", 1.0, 5.0, 0.5, 2.0,
                                   value_format=lambda v: f"{v:g} s"),
                            Choice("scale", "Scale", {"one": "1", "two": "2"}, "one")])
    box = fig.widget()
    widgets = list(_walk(box))
    slider = next(c for c in widgets if isinstance(c, w.FloatSlider))
    dropdown = next(c for c in widgets if isinstance(c, w.Dropdown))
    image = next(c for c in widgets if isinstance(c, w.Image))
    button = next(c for c in widgets if isinstance(c, w.Button))
    readout = next(c for c in widgets if isinstance(c, w.Label))
    assert readout.value == "2 s"
    before = image.value
    slider.value = 5.0
    assert image.value != before and readout.value == "5 s"
    dropdown.value = "two"
    button.click()
    assert slider.value == 2.0 and dropdown.value == "one" and image.value == before
    # labels live in their own HTML line (never squeezing a control), and the alt text is shown as text
    assert any("Time constant (s)" in getattr(c, "value", "") for c in widgets if isinstance(c, w.HTML))
    assert any("Exponential decay" in getattr(c, "value", "") for c in widgets if isinstance(c, w.HTML))
    # ipywidgets' JavaScript cannot render a tooltip on a widget without a description (it shows an
    # error box instead of the image in JupyterLab): only buttons may carry one
    assert all(not getattr(c, "tooltip", None) for c in widgets if not isinstance(c, w.Button))


def test_every_chapter_has_registered_figures():
    names = [f.name for f in FIGURES]
    assert len(names) == len(set(names))
    assert any(n.startswith("intro-") for n in names)


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.name)
def test_sweep_every_figure_at_extremes(figure):
    """Every slider at min, default and max (pairs at their corners): no exception, nothing non-finite drawn."""
    assert figure.caption.strip() and figure.title.strip()
    live = figure.new_figure()
    for values in figure.sweep_points():
        fresh = figure.render(**values)
        assert drawn_values_finite(fresh) == [], (figure.name, values)
        figure.render(live, **values)  # the live path (update in place when the figure has one)
        assert drawn_values_finite(live) == [], (figure.name, values)
        alt = figure.alt_text(values)
        assert len(alt) > 20 and "nan" not in alt.lower().split()


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.name)
def test_every_slider_changes_its_figure(figure):
    """Moving any one control from its minimum to its maximum changes the rendered image."""
    base = figure.defaults()
    for control in figure.controls:
        values = control.sweep()
        lo, hi = dict(base, **{control.name: values[0]}), dict(base, **{control.name: values[-1]})
        a = figure.image_bytes(figure.render(**lo))
        b = figure.image_bytes(figure.render(**hi))
        assert a != b, f"{figure.name}: control {control.name!r} does not change the figure"


@pytest.mark.parametrize("figure", [f for f in FIGURES if f.update is not None], ids=lambda f: f.name)
def test_fast_live_updates_draw_what_a_full_redraw_draws(figure):
    """Live updates redraw only the changed artists over a saved background (blitting);
    each such frame must match a full redraw of the same figure state."""
    live = figure.new_figure()
    figure.render(live, **figure.defaults())
    figure.image_bytes(live)
    for values in figure.sweep_points() + [figure.defaults()]:
        figure.render(live, **values)
        fast = np.asarray(Image.open(io.BytesIO(figure.image_bytes(live))), dtype=float)
        full = np.asarray(Image.open(io.BytesIO(figure.image_bytes(live))), dtype=float)  # no pending update: full draw
        differing = (np.abs(fast - full).max(axis=2) > 60).mean()
        assert differing < 0.01, f"{figure.name} at {values}: {differing:.2%} of pixels differ from a full redraw"
