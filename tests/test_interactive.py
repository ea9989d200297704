"""The interactive-figure helper (spec, rendering, live widget, static flipbook) and the one sweep of
every interactive figure of the course: every frame of its static grid, laptop and phone layout."""

import base64
import io
import json
import re

import numpy as np
import pytest
from figure_checks import assert_live_matches_fresh, layout_problems
from PIL import Image

from ne_lib.interactive import Choice, InteractiveFigure, Slider, all_figures, drawn_values_finite, render, si
from ne_lib.interactive_render import MIN_TEXT_PT, image_bytes, min_text_pt, rasterise
from ne_lib.interactive_static import PIXELS_1X, externalise

FIGURES = all_figures()
LAYOUTS = ("wide", "phone")
#: CSS width each layout is shown at (the browser tests measure the real one)
SHOWN_CSS_PX = {"wide": 720, "phone": 340}
MIN_CSS_PX = {"wide": 11.0, "phone": 9.0}
SCIENTIFIC = re.compile(r"\d[eE][+-]?\d")


def _compute(tau_s, scale="one"):
    t = np.linspace(0.0, 10.0, 50)
    return t, np.exp(-t / tau_s) * (2.0 if scale == "two" else 1.0)


def _draw(fig, result, **values):
    ax = fig.add_subplot()
    (line,) = ax.plot(*result)
    ax.set(xlabel="time (s)", ylim=(0, 2.1))
    return {"line": line}


def _update(fig, artists, result, **values):
    artists["line"].set_data(*result)


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


def test_bad_choice_control_counts_sizes_and_named_values():
    with pytest.raises(ValueError, match="'scale'.*not one of"):
        _figure(controls=[Choice("scale", "Scale", {"one": "1", "two": "2"}, "three")])
    with pytest.raises(ValueError, match="1 to 2 controls"):
        _figure(controls=[Slider(n, n, 0, 1, 0.5, 0) for n in "abc"])
    with pytest.raises(ValueError, match="unique"):
        _figure(controls=[Slider("a", "a", 0, 1, 0.5, 0), Slider("a", "b", 0, 1, 0.5, 0)])
    with pytest.raises(ValueError, match="caption"):
        _figure(caption="")
    with pytest.raises(ValueError, match="phone_figsize"):
        _figure(phone_figsize=(0, 3))
    with pytest.raises(ValueError, match="unknown control"):
        _figure(named_values=[{"tau": 1.0}])


@pytest.mark.parametrize("overrides, shown", [
    ({"caption": "The shift is the dose ratio 1 + [B]/K_B."}, "K_B"),
    ({"caption": "Occupancy $C/(C+K)$."}, "$"),
    ({"title": "The \\alpha_1 receptor"}, "\\alpha"),
    ({"controls": [Slider("tau_s", "Time constant tau_s", 1.0, 5.0, 0.5, 2.0)]}, "tau_s"),
    ({"controls": [Choice("scale", "Scale", {"one": "K_d", "two": "2"}, "one")]}, "K_d"),
])
def test_figure_text_with_raw_tex_or_underscore_subscripts_is_refused(overrides, shown):
    """Captions, titles, labels and options are shown as HTML, never typeset: 'K_B' would reach the reader."""
    with pytest.raises(ValueError, match="as typed") as info:
        _figure(**overrides)
    assert shown in str(info.value) and "'test-decay'" in str(info.value)


def test_figure_text_may_use_html_subscripts_and_code():
    fig = _figure(caption="Dose ratio 1 + [B]/K<sub>B</sub>; see <code>ne_lib.receptors.k_b_nM</code>.")
    assert "K<sub>B</sub>" in fig.caption


@pytest.mark.parametrize("value, unit, text", [
    (5.6, "nM", "5.6 nM"), (1780.0, "nM", "1.78 µM"), (1e4, "nM", "10 µM"), (0.1, "nM", "100 pM"),
    (999.6, "nM", "1 µM"), (31.62, "nM", "31.6 nM"), (2.93, "s", "2.93 s"), (0.015, "s", "15 ms"),
    (1000.0, "", "1000"), (0.0, "nM", "0 nM"), (250.0, "µM", "250 µM"), (0.25, "µM", "250 nM"),
])
def test_si_readouts_use_prefixes_never_exponents(value, unit, text):
    assert si(value, unit) == text
    assert not SCIENTIFIC.search(si(value * 1e6, unit)) and not SCIENTIFIC.search(si(value * 1e-6 + 1e-30, unit))


def test_si_rejects_bad_numbers():
    with pytest.raises(ValueError, match="finite"):
        si(float("inf"), "nM")
    with pytest.raises(TypeError, match="number"):
        si("5", "nM")


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


def _payload(html_text):
    found = re.search(r'<script type="application/json" class="ne-flipbook-data">(.*?)</script>', html_text, re.S)
    return json.loads(found.group(1))


def test_flipbook_has_a_distinct_frame_per_grid_point_in_both_renditions():
    fig = _figure(controls=[Slider("tau_s", "T", 1.0, 5.0, 0.5, 2.0),
                            Choice("scale", "S", {"one": "1", "two": "2"}, "one")], update=_update)
    html_text = fig.to_html()
    data = _payload(html_text)
    assert data["shape"] == [6, 2] and len(data["alts"]) == 12
    for layout in LAYOUTS:
        frames = data["frames"][layout]
        assert len(frames) == 12 == len(set(frames))  # every slider position changes the picture
        image = Image.open(io.BytesIO(base64.b64decode(frames[0].split(",", 1)[1])))
        assert image.format == "WEBP" and image.width == 2 * PIXELS_1X[layout]   # drawn for 2x screens
    assert "http://" not in html_text and "https://" not in html_text
    assert html_text.count('type="range"') == 1 and html_text.count("<select") == 1
    assert '<source media="(max-width: 40em)"' in html_text
    text = json.loads(re.search(r'data-ne-text="([^"]*)"', html_text).group(1).replace("&quot;", '"'))
    assert set(text) == set(LAYOUTS) and all(t["min_pt"] >= MIN_TEXT_PT for t in text.values())


def test_the_build_moves_frames_into_files_with_1x_and_2x_copies(tmp_path):
    fig = _figure(update=_update)
    page = "<p>before</p>" + fig.to_html() + fig.to_html() + "<p>after</p>"
    written = {}

    def write(name, data):
        written[name] = data
        (tmp_path / name).write_bytes(data)
        return f"../frames/{name}"

    body, moved = externalise(page, write)
    assert moved == 2 and "data:image" not in body and body.startswith("<p>before</p>")
    assert len(written) == 2 * 2 * len(fig.grid_points())   # two renditions, 1x and 2x, stored once
    one_x = [n for n in written if not n.endswith("@2x.webp")]
    for name in one_x:
        small, big = (Image.open(tmp_path / n) for n in (name, name.replace(".webp", "@2x.webp")))
        assert big.width == 2 * small.width and big.height // 2 == small.height
    imgs = re.findall(r'<img class="ne-flipbook-img"[^>]*>', body)
    assert len(imgs) == 2 and 'loading="lazy"' not in imgs[0] and 'loading="lazy"' in imgs[1]
    assert all(re.search(r'srcset="\.\./frames/\w+\.webp 1x, \.\./frames/\w+@2x\.webp 2x"', i) for i in imgs)
    assert all(' width="' in i and ' height="' in i for i in imgs)
    data = _payload(body)
    assert all(len(pair) == 2 and pair[1].endswith("@2x.webp") for pair in data["frames"]["phone"])


def test_drawn_values_finite_catches_nan():
    fig = _figure(compute=lambda tau_s: (np.linspace(0, 1, 5), np.array([0, np.nan, 1, 1, 1.0])))
    assert drawn_values_finite(render(fig)) != []
    assert drawn_values_finite(render(_figure())) == []


def test_view_state_lives_in_the_view_not_on_the_matplotlib_figure():
    fig = _figure(update=_update)
    view = render(fig, tau_s=1.0)
    render(fig, view, tau_s=4.5)
    rasterise(view)
    assert view.artists is not None and view.laid_out
    assert not [k for k in vars(view.figure) if k.startswith("_ne")]


def test_phone_layout_stacks_side_by_side_panels():
    def draw_two(fig, result, **values):
        a, b = fig.subplots(1, 2)
        a.plot(*result)
        b.plot(*result)

    fig = _figure(draw=draw_two)
    wide, phone = render(fig), render(fig, layout="phone")
    (a, b), (c, d) = (v.figure.axes for v in (wide, phone))
    assert a.get_position().y0 == pytest.approx(b.get_position().y0)      # side by side
    assert c.get_position().x0 == pytest.approx(d.get_position().x0) and c.get_position().y0 > d.get_position().y0
    assert phone.figure.get_figwidth() < wide.figure.get_figwidth() < phone.figure.get_figheight() * 3


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_live_widget_has_controls_reset_and_image():
    import ipywidgets as w

    fig = _figure(controls=[Slider("tau_s", "Time constant (s)", 1.0, 5.0, 0.5, 2.0,
                                   value_format=lambda v: si(v, "s")),
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


# ------------------------------------------------------------------ every figure of the course
def test_figures_are_registered_once_with_their_chapter_prefix():
    from ne_lib.cases import disorders, locus_coeruleus, receptors, synthesis

    names = [f.name for f in FIGURES]
    assert len(names) == len(set(names))
    prefixes = ("intro-", "synthesis-", "lc-", "receptors-", "disorders-")
    assert all(n.startswith(prefixes) for n in names) and all(any(n.startswith(p) for n in names) for p in prefixes)
    for module in (disorders, locus_coeruleus, receptors, synthesis):
        assert {c.figure for c in module.CASES if c.figure} <= set(names)


def test_static_pages_stay_light():
    """At most 36 frames per figure (a 6 x 6 grid) and 80 per chapter page of two figures."""
    assert all(len(f.grid_points()) <= 36 for f in FIGURES)


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.name)
def test_values_named_by_caption_and_exercises_are_frames(figure):
    """Each setting the caption or an exercise asks for is a frame of the static flipbook, and no
    readout shows a log10 value or scientific notation."""
    points = figure.grid_points()
    for named in figure.named_values:
        assert any(all(np.isclose(p[k], v) if isinstance(v, float) else p[k] == v for k, v in named.items())
                   for p in points), f"{figure.name}: {named} is not on the static grid"
    for control, values in zip(figure.controls, figure.static_grid()):
        assert "log10" not in control.label.lower()
        for v in values:
            text = control.value_text(v)
            assert not SCIENTIFIC.search(text) and "log" not in text.lower(), (figure.name, text)


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.name)
def test_sweep_every_frame_in_both_layouts(figure):
    """The one sweep. Every point of the static grid and every corner of the controls' ranges, in the
    laptop and the phone layout, drawn through the live update path: nothing non-finite drawn, no text
    or legend over another text or a line, no line cut off at the axes, text large enough, a text
    description; at the corners the live view equals a fresh drawing (data and pixels)."""
    corners = figure.sweep_points()
    points = figure.grid_points() + [p for p in corners if p not in figure.grid_points()]
    for layout in LAYOUTS:
        live = render(figure, layout=layout)
        for values in points:
            render(figure, live, **values)
            where = f"{figure.name} ({layout}) at {values}"
            assert drawn_values_finite(live) == [], where
            rasterise(live)                                  # drawn as the live view shows it
            problems = layout_problems(live.figure, drawn=True)
            assert not problems, f"{where}: {problems[:4]}"
            px = min_text_pt(live.figure) * SHOWN_CSS_PX[layout] / (72 * live.figure.get_figwidth())
            assert px >= MIN_CSS_PX[layout], f"{where}: smallest text {px:.1f} CSS px"
            alt = figure.alt_text(values, live.result)
            assert len(alt) > 20 and "nan" not in alt.lower().split()
            if figure.update is not None and values in corners:
                assert_live_matches_fresh(figure, live, values)


def test_the_sweep_finds_a_text_moved_onto_another_in_the_live_view():
    """The sweep judges the live view in the state ``rasterise`` drew (``drawn=True``): a text planted
    over another in that view is found."""
    figure = FIGURES[0]
    live = render(figure, layout=LAYOUTS[0])
    rasterise(live)
    assert layout_problems(live.figure, drawn=True) == []
    ax = live.figure.axes[0]
    label = ax.xaxis.label
    planted = ax.text(0, 0, "PLANTED OVER THE AXIS LABEL", transform=None, fontsize=12)
    box = label.get_window_extent(live.figure.canvas.get_renderer())
    planted.set_position((box.x0, box.y0))
    rasterise(live)
    assert any("PLANTED" in p for p in layout_problems(live.figure, drawn=True)), "the planted overlap was missed"


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.name)
def test_every_control_changes_its_figure(figure):
    """Moving any one control from its first to its last value changes the picture."""
    base = figure.defaults()
    for control in figure.controls:
        values = control.sweep()
        lo = image_bytes(render(figure, **dict(base, **{control.name: values[0]})))
        hi = image_bytes(render(figure, **dict(base, **{control.name: values[-1]})))
        assert lo != hi, f"{figure.name}: control {control.name!r} does not change the figure"
