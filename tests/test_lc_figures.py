"""The chapter's interactive figures render at every extreme control value, fresh and via their update path."""

import pytest

from ne_lib.figures import locus_coeruleus as lc_figs
from ne_lib.interactive import drawn_values_finite

FIGURES = [lc_figs.lc_spike_trains, lc_figs.lc_gain_snr, lc_figs.lc_inverted_u, lc_figs.lc_projection_map]


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.name)
def test_figure_sweep_fresh_and_updated(figure):
    reused = figure.new_figure()
    for point in figure.sweep_points():
        assert drawn_values_finite(figure.render(**point)) == []
        figure.render(reused, **point)          # second and later calls use the update function
        assert drawn_values_finite(reused) == []
        assert figure.alt_text(point)


def test_update_path_matches_fresh_drawing():
    # the updated figure shows the same numbers as one drawn from scratch
    fresh = lc_figs.lc_inverted_u.render(difficulty=0.9, tonic_activity=0.2)
    reused = lc_figs.lc_inverted_u.new_figure()
    lc_figs.lc_inverted_u.render(reused)
    lc_figs.lc_inverted_u.render(reused, difficulty=0.9, tonic_activity=0.2)
    assert fresh.axes[0].get_title() == reused.axes[0].get_title()
    for a, b in zip(fresh.axes[0].get_lines(), reused.axes[0].get_lines()):
        assert (a.get_xydata() == b.get_xydata()).all()
