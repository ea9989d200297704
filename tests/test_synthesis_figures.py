"""The chapter's interactive figures: they exist, survive every extreme slider value, and update correctly."""

import numpy as np
import pytest

from ne_lib.cases.synthesis import CASES
from ne_lib.figures import synthesis as figs
from ne_lib.interactive import drawn_values_finite

FIGURES = [figs.pathway, figs.dbh_droxidopa, figs.metabolites]


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.name)
def test_figure_sweep_draws_only_finite_values(figure):
    fig = None
    for values in figure.sweep_points():
        fig = figure.render(fig, **values)          # reuses the figure: exercises the update path too
        assert not drawn_values_finite(fig), (values, drawn_values_finite(fig))
        assert figure.alt_text(values)


def _pixels(png: bytes) -> np.ndarray:
    import io

    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)), dtype=float)


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.name)
def test_update_in_place_equals_fresh_drawing(figure):
    rng = np.random.default_rng(4)
    fig = figure.render()
    for _ in range(2):
        values = figure.random_values(rng)
        updated = _pixels(figure.image_bytes(figure.render(fig, **values)))
        fresh = _pixels(figure.image_bytes(figure.render(None, **values)))
        # live updates redraw only the changed artists (blitting), on top of the rest, so
        # anti-aliased edges may differ slightly: the picture must not.
        assert updated.shape == fresh.shape, values
        assert (np.abs(updated - fresh).max(axis=2) > 60).mean() < 0.01, values


def test_names_prefixed_and_cases_point_to_real_figures():
    names = {f.name for f in FIGURES}
    assert all(n.startswith("synthesis-") for n in names) and len(names) == len(FIGURES)
    assert {c.figure for c in CASES} <= names
