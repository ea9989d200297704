"""The chapter's interactive figures: registered, finite at every extreme, static pages stay light."""

import numpy as np
import pytest

from ne_lib.figures import disorders
from ne_lib.interactive import all_figures, drawn_values_finite

FIGURES = [disorders.selectivity, disorders.treatment_simulator]


def test_at_least_two_figures_registered_with_chapter_prefix():
    names = {f.name for f in all_figures()}
    for fig in FIGURES:
        assert fig.name in names and fig.name.startswith("disorders-")


@pytest.mark.parametrize("fig", FIGURES, ids=lambda f: f.name)
def test_sweep_draws_only_finite_values(fig):
    canvas = None
    for i, values in enumerate(fig.sweep_points()):
        canvas = fig.render(canvas, **values)          # the in-place update path, at every point
        assert not drawn_values_finite(canvas), (values, drawn_values_finite(canvas))
        if i % 3 == 0:                                 # the from-scratch draw at one slider value per option
            assert not drawn_values_finite(fig.render(**values))
        assert fig.alt_text(values)


def _drawn(fig):
    """Everything visible that carries data: line data, bar geometry, titles."""
    out = []
    for ax in fig.axes:
        out.append(ax.get_title())
        for line in ax.lines:
            if line.get_visible():
                out.append(np.round(np.asarray(line.get_xydata(), dtype=float), 9).tolist())
        for patch in ax.patches:
            if patch.get_visible() and hasattr(patch, "get_height"):
                out.append([round(float(v), 9) for v in (patch.get_x(), patch.get_y(), patch.get_height())])
        for text in ax.texts:
            if text.get_visible():
                anchor = getattr(text, "xy", ())          # annotations (arrows) also have a target point
                out.append([text.get_text()] + [round(float(v), 9) for v in (*anchor, *text.get_position())])
    return out


@pytest.mark.parametrize("fig", FIGURES, ids=lambda f: f.name)
def test_update_draws_the_same_as_a_fresh_draw(fig):
    rng = np.random.default_rng(7)
    for _ in range(3):
        values = fig.random_values(rng)
        moved = fig.render(fig.render(**fig.defaults()), **values)
        fresh = fig.render(**values)
        assert _drawn(moved) == _drawn(fresh), values


def test_static_frame_count_keeps_the_page_light():
    frames = sum(int(np.prod([len(g) for g in f.static_grid()])) for f in FIGURES)
    assert frames <= 80
