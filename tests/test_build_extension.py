"""The course's Sphinx extension (_ext/ne_build.py): every HTML repair is checked, figure links
come from the build's own markers. Unit tests on HTML text, then a mini-book built with -W."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from conftest import JUPYTER_BOOK, ROOT

sys.path.insert(0, str(ROOT / "_ext"))
import ne_build  # noqa: E402

from ne_lib import contract  # noqa: E402
from ne_lib.cases import all_cases  # noqa: E402

TOGGLE = '<summary><span class="toctree-toggle" role="presentation"><i class="fa-solid"></i></span></summary>'


def _page(body: str) -> str:
    return (f"<html><head><script>{ne_build._THEME_MODE_FIX}</script></head><body>{body}</body></html>")


def test_each_fix_applies_and_a_fixed_page_stays_fixed():
    text, unmatched = ne_build.fix_page(_page(TOGGLE + '<div role="list" class="citation-list"><div>A</div></div>'))
    assert unmatched == []
    assert 'aria-label="Show or hide the pages of this section"' in text and 'role="list"' not in text
    again, unmatched = ne_build.fix_page(text)          # a page left from the previous build
    assert again == text and unmatched == []


def test_a_fix_whose_markup_changed_is_reported_not_silently_skipped(tmp_path):
    changed = _page('<summary class="new"><span class="toctree-toggle"></span></summary>')
    (tmp_path / "a.html").write_text(changed)
    (tmp_path / "b.html").write_text(_page("<p>no sidebar here</p>"))     # no target: nothing to fix
    problems = ne_build.check_site(tmp_path)
    assert len(problems) == 1 and "sidebar toggles get a name" in problems[0] and "a.html" in problems[0]


def test_script_repairs_are_verified_on_the_output(tmp_path):
    (tmp_path / "dup.html").write_text(_page('<script>const THEBE_JS_URL = "x"</script>' * 2))
    (tmp_path / "nomode.html").write_text("<html><head></head><body></body></html>")
    problems = "\n".join(ne_build.check_site(tmp_path))
    assert "sphinx-thebe script only once" in problems and "dup.html" in problems
    assert "theme mode set on a first visit" in problems and "nomode.html" in problems


def test_figure_markers_are_read_from_the_rendered_html():
    html = f'<div><figure class="x" id="{contract.figure_anchor("a-b")}" {contract.FIGURE_ATTRIBUTE}="a-b"></figure></div>'
    assert ne_build.figure_markers(html) == [("a-b", "ne-fig-a-b")]
    assert ne_build.figure_markers("<p>a.show()</p>") == []


# ---------------------------------------------------------------------------------------- mini-book
def _notebook(figure: str) -> dict:
    marker = (f'<figure class="ne-flipbook" id="{contract.figure_anchor(figure)}" '
              f'{contract.FIGURE_ATTRIBUTE}="{figure}"><img alt="x"></figure>')
    return {"cells": [{"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["# Figure page\n\nSee {cite}`Palij1994`."]},
                      {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": 1, "source": ["fig.show()"],
                       "outputs": [{"output_type": "display_data", "metadata": {},
                                    "data": {"text/html": [marker], "text/plain": ["<figure>"]}}]}],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


@pytest.fixture(scope="module")
def mini_book(tmp_path_factory):
    book = tmp_path_factory.mktemp("extension") / "book"
    book.mkdir()
    shutil.copytree(ROOT / "_ext", book / "_ext")
    # the book's own copy of ne_lib: the extensions read its files for the pages' dependencies
    shutil.copytree(ROOT / "ne_lib", book / "ne_lib", ignore=shutil.ignore_patterns("__pycache__"))
    (book / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copy(ROOT / "references.bib", book / "references.bib")
    figure = next(c.figure for c in all_cases() if c.figure)
    (book / "_config.yml").write_text(
        "title: mini\nonly_build_toc_files: true\nexclude_patterns: [node_modules, _build, ne_lib]\n"
        "execute:\n  execute_notebooks: 'off'\nbibtex_bibfiles: [references.bib]\n"
        "sphinx:\n  local_extensions:\n    ne_build: _ext\n")
    (book / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: part/index\n    sections:\n"
                                   "      - file: part/figure_page\n  - file: validation\n  - file: refs\n")
    (book / "intro.md").write_text("# Mini\n")
    (book / "part").mkdir()
    (book / "part" / "index.md").write_text("# Part\n")
    (book / "part" / "figure_page.ipynb").write_text(json.dumps(_notebook(figure)))
    (book / "validation.md").write_text("# Validation\n\n```{ne-validation-report}\n```\n")
    (book / "refs.md").write_text("# References\n\n```{bibliography}\n```\n")
    return book, figure


def _build(book):
    return subprocess.run([str(JUPYTER_BOOK), "build", str(book), "-W"], capture_output=True, text=True)


@pytest.mark.book
@pytest.mark.xdist_group("mini-book")
def test_mini_book_repairs_its_html_and_links_figures_from_their_markers(mini_book):
    book, figure = mini_book
    proc = _build(book)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    html = book / "_build" / "html"
    page = (html / "part" / "index.html").read_text()
    assert 'class="toctree-toggle"' in page and 'aria-label="Show or hide the pages of this section"' in page
    refs = (html / "refs.html").read_text()
    assert 'class="citation-list"' in refs and '<div role="list" class="citation-list">' not in refs
    report = (html / "validation.html").read_text()
    assert f'href="part/figure_page.html#{contract.figure_anchor(figure)}"' in report
    assert "{ne-figure}" not in report
    # a rebuild with nothing changed writes no file, the report page included, and skips the finishing steps
    # (but the theme's: pydata-sphinx-theme writes pygments.css at the end of every build)
    def files():
        return {str(f): f.stat().st_mtime_ns for f in html.rglob("*") if f.is_file() and f.name != "pygments.css"}

    before = files()
    again = _build(book)
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    after = files()
    assert after == before, sorted(k for k in after if after[k] != before.get(k))[:10]
    assert "finishing steps skipped" in again.stdout
    # a touched file of the site makes them run again
    (html / "part" / "index.html").touch()
    third = _build(book)
    assert third.returncode == 0 and "finishing steps skipped" not in third.stdout
    # an edit to a science module the validation cases use re-reads the report page (never an old run's table)
    report_mtime = (html / "validation.html").stat().st_mtime_ns
    page_mtime = (html / "part" / "figure_page.html").stat().st_mtime_ns
    module = book / "ne_lib" / "synapse.py"
    module.write_text(module.read_text() + "\n# an edit\n")
    fourth = _build(book)
    assert fourth.returncode == 0, fourth.stdout[-3000:] + fourth.stderr[-3000:]
    assert (html / "validation.html").stat().st_mtime_ns != report_mtime
    assert (html / "part" / "figure_page.html").stat().st_mtime_ns == page_mtime   # its notebook is not run


@pytest.mark.book
@pytest.mark.xdist_group("mini-book")
def test_mini_book_fails_under_W_when_the_theme_markup_changes(mini_book):
    book, _ = mini_book
    # a stand-in for a theme update: an extension that rewrites the toggles before ours runs
    (book / "_ext" / "theme_update.py").write_text(
        "from pathlib import Path\n"
        "def _change(app, exc):\n"
        "    for p in Path(app.outdir).rglob('*.html'):\n"
        "        t = p.read_text()\n"
        "        t = t.replace('<summary><span class=\"toctree-toggle\"', '<summary class=\"v2\"><span class=\"toctree-toggle\"')\n"
        "        t = t.replace('<summary aria-label=\"Show or hide the pages of this section\">', '<summary class=\"v2\">')\n"
        "        p.write_text(t)\n"
        "def setup(app):\n    app.connect('build-finished', _change, priority=100)\n"
        "    return {'parallel_read_safe': True}\n")
    config = (book / "_config.yml").read_text()
    (book / "_config.yml").write_text(config.replace("    ne_build: _ext\n", "    ne_build: _ext\n    theme_update: _ext\n"))
    proc = _build(book)
    assert proc.returncode != 0
    # and it keeps failing: a build that warned leaves no stamp, so the next one does not skip the checks
    assert _build(book).returncode != 0
    assert "sidebar toggles get a name" in proc.stdout + proc.stderr


@pytest.mark.parametrize("text, shown", [
    ("the dose ratio 1 + [B]/K_B, so K_B = 1 nM", "the dose ratio 1 + [B]/K<B>, so K<B> = 1 nM"),
    ("Michaelis-Menten, K_m 400 nM (K_d too)", "Michaelis-Menten, K<m> 400 nM (K<d> too)"),
    ("ne_lib, k_b_nM, BASAL_NE_nM, x.K_B, K_ABC and a_b stay", "ne_lib, k_b_nM, BASAL_NE_nM, x.K_B, K_ABC and a_b stay"),
])
def test_typed_subscripts_become_subscripts_and_names_stay(text, shown):
    """_ext/ne_typography.py: "K_B" in prose is K with a subscript B; identifiers are left alone."""
    from docutils import nodes
    from ne_typography import subscripts

    parts = subscripts(text)
    assert "".join(f"<{n.astext()}>" if isinstance(n, nodes.subscript) else str(n) for n in parts) == shown
