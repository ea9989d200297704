"""The chapter's figures: the fast in-place update shows the same data and text as a fresh render."""

import numpy as np
import pytest
from matplotlib.lines import Line2D
from matplotlib.text import Text

from ne_lib.figures import receptors as fr

FIGURES = [fr.occupancy_antagonist, fr.synapse_burst, fr.synapse_steady, fr.second_messengers]


def _content(fig):
    """Visible line data and visible text of a figure, in a comparable form."""
    lines = sorted((tuple(np.round(np.asarray(ln.get_xdata(), float), 6)),
                    tuple(np.round(np.asarray(ln.get_ydata(), float), 6)))
                   for ln in fig.findobj(Line2D) if ln.get_visible() and len(ln.get_xdata()))
    texts = sorted(t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text())
    limits = [tuple(np.round(ax.get_ylim(), 6)) for ax in fig.axes]
    return lines, texts, limits


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.name)
def test_update_path_matches_fresh_render(figure):
    rng = np.random.default_rng(1)
    live = figure.new_figure()
    figure.render(live)
    for _ in range(5):
        values = figure.random_values(rng)
        figure.render(live, **values)
        figure.image_bytes(live)          # draw, so that tick labels are generated as in the live view
        fresh = figure.render(**values)
        figure.image_bytes(fresh)
        assert _content(live) == _content(fresh), (figure.name, values)


def test_figure_names_match_validation_cases():
    from ne_lib.cases.receptors import CASES

    names = {f.name for f in FIGURES}
    assert {c.figure for c in CASES} <= names
