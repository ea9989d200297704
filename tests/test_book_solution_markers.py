"""The website shows reference solutions without the markers `make student` reads (issue 13)."""

import pytest


@pytest.mark.book
def test_no_solution_markers_on_any_page_or_in_the_search_index(built_book):
    html_dir, _ = built_book
    files = sorted(html_dir.rglob("*.html")) + [html_dir / "searchindex.js"]
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "# stub:", "<span class=\"c1\"># stub"):
            assert marker not in text, f"{path.relative_to(html_dir)} shows {marker!r}"
    # the reference solutions themselves are still there, inside their dropdowns
    page = (html_dir / "chapters" / "receptors" / "ending_the_signal.html").read_text(encoding="utf-8")
    assert "steady_state_ne_nM" in page and "net_block" in page


def test_marker_removal_hook():
    import json
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))
    import ne_build

    class App:
        class env:
            @staticmethod
            def doc2path(docname):
                return f"/x/{docname}.ipynb"

    cell = {"cell_type": "code", "source": "x = 1\n### BEGIN SOLUTION\n# stub: y = None\ny = 2\n### END SOLUTION\ncheck(y)",
            "metadata": {}, "outputs": [], "execution_count": None}
    source = [json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})]
    ne_build._hide_solution_markers(App, "page", source)
    assert json.loads(source[0])["cells"][0]["source"] == "x = 1\ny = 2\ncheck(y)"
