"""The whole book builds with zero warnings, and the built pages really show what they should."""

import json
import re
import shutil
import subprocess

import pytest
from conftest import JUPYTER_BOOK, ROOT, toc_files

pytestmark = pytest.mark.book


def _source(docname):
    for suffix in (".ipynb", ".md"):
        if (ROOT / f"{docname}{suffix}").exists():
            return ROOT / f"{docname}{suffix}"
    return None


def test_every_toc_entry_has_a_page(built_book):
    html_dir, _ = built_book
    missing = [d for d in toc_files() if not (html_dir / f"{d}.html").exists()]
    assert not missing, f"toc entries without a built page: {missing}"
    assert (html_dir / "index.html").exists()
    for page in ("glossary", "bibliography", "validation", "instructors"):
        assert (html_dir / f"{page}.html").exists(), page


def _notebook_pages():
    return [d for d in toc_files() if _source(d) is not None and _source(d).suffix == ".ipynb"]


@pytest.mark.parametrize("docname", _notebook_pages())
def test_notebook_pages_show_their_figures(built_book, docname):
    """Each interactive figure becomes a flipbook with images, each plain figure an image.

    A wrong matplotlib backend silently yields pages with no figures and -W does not
    notice, so count what each notebook asks for against what the page shows."""
    html_dir, _ = built_book
    page = (html_dir / f"{docname}.html").read_text()
    nb = json.loads(_source(docname).read_text())
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    shows = len(re.findall(r"\.show\(\s*\)", code))
    assert page.count('<figure class="ne-flipbook"') == shows, docname
    assert page.count('type="range"') + page.count("<select") >= shows
    assert shows == 0 or 'data-ne-flipbook' in page
    images = re.findall(r"<img [^>]*>", page)
    assert all(' alt="' in img and 'alt=""' not in img for img in images if "ne-flipbook-img" in img)
    if shows:
        assert len(images) >= shows


@pytest.mark.parametrize("docname", toc_files())
def test_no_error_output_on_any_page(built_book, docname):
    html_dir, _ = built_book
    page = (html_dir / f"{docname}.html").read_text()
    for marker in ("Traceback (most recent call last)", 'class="output stderr"', "output traceback",
                   "Error in callback", "ipythontb"):
        assert marker not in page, f"{docname}: {marker!r} found"


def test_build_log_has_no_warnings(built_book):
    _, log = built_book
    assert not [line for line in log.splitlines() if "WARNING:" in line and "[IPKernelApp]" not in line]


def test_pages_load_nothing_from_other_hosts(built_book):
    """Scripts, styles, fonts and images are served by the site itself (links are fine)."""
    html_dir, _ = built_book
    pattern = re.compile(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//(?!127\.0\.0\.1)[^"]*"', re.I)
    offenders = {}
    for page in html_dir.rglob("*.html"):
        hits = [m.group(0) for m in pattern.finditer(page.read_text()) if 'rel="canonical"' not in m.group(0)]
        if hits:
            offenders[str(page.relative_to(html_dir))] = hits[:3]
    assert not offenders, offenders


def _mini_book(tmp_path):
    """A one-notebook book that uses the course's build extension, with its own ne_lib folder."""
    book = tmp_path / "mini"
    book.mkdir()
    shutil.copytree(ROOT / "_ext", book / "_ext")
    (book / "node_modules").symlink_to(ROOT / "node_modules")
    (book / "ne_lib").mkdir()
    (book / "ne_lib" / "__init__.py").write_text("VALUE = 1\n")
    (book / "_config.yml").write_text(
        "title: mini\nonly_build_toc_files: true\nexclude_patterns: [node_modules, _build]\n"
        "execute:\n  execute_notebooks: cache\nsphinx:\n  local_extensions:\n    ne_build: _ext\n")
    (book / "_toc.yml").write_text("format: jb-book\nroot: page\n")
    nb = {"cells": [{"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["# Mini"]},
                    {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": None, "outputs": [],
                     "source": ["import os\nprint('build flag', os.environ.get('NE_BOOK_BUILD'))"]}],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    (book / "page.ipynb").write_text(json.dumps(nb))
    return book


def _build(book):
    proc = subprocess.run([str(JUPYTER_BOOK), "build", str(book), "-W"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout + proc.stderr


def _two_notebook_book(tmp_path):
    """A book of two notebooks over a small ne_lib: page_a uses alpha (which uses shared), page_b beta."""
    book = _mini_book(tmp_path)
    lib = book / "ne_lib"
    (lib / "shared.py").write_text("BASE = 10\n")
    (lib / "alpha.py").write_text("def value():\n    from ne_lib import shared\n    return shared.BASE + 1\n")
    (lib / "beta.py").write_text("VALUE = 'beta-1'\n")
    (lib / "unused.py").write_text("X = 0\n")
    config = (book / "_config.yml").read_text().replace("    ne_build: _ext\n", "    ne_build: _ext\n    ne_deps: _ext\n")
    (book / "_config.yml").write_text(config)
    (book / "_toc.yml").write_text("format: jb-book\nroot: page\nchapters:\n- file: page_a\n- file: page_b\n")
    template = json.loads((book / "page.ipynb").read_text())
    for name, code in (("page_a", "from ne_lib.alpha import value\nprint('alpha says', value())"),
                       ("page_b", "from ne_lib import beta\nprint('beta says', beta.VALUE)")):
        nb = json.loads(json.dumps(template))
        nb["cells"][0]["source"] = [f"# {name}"]
        nb["cells"][1]["source"] = [code]
        (book / f"{name}.ipynb").write_text(json.dumps(nb))
    return book


def _executed(log: str) -> set[str]:
    return {name for name in ("page.ipynb", "page_a.ipynb", "page_b.ipynb")
            if re.search(rf"{re.escape(name)}: Executing notebook", log)}


def test_a_library_edit_reexecutes_exactly_the_notebooks_that_use_it(tmp_path):
    book = _two_notebook_book(tmp_path)
    html = book / "_build" / "html"
    first = _build(book)
    assert _executed(first) == {"page.ipynb", "page_a.ipynb", "page_b.ipynb"}
    assert "build flag 1" in (html / "page.html").read_text()  # kernels know it is the build
    assert "alpha says 11" in (html / "page_a.html").read_text()
    assert _executed(_build(book)) == set(), "nothing changed: nothing re-executes"
    (book / "ne_lib" / "unused.py").write_text("X = 1\n")
    assert _executed(_build(book)) == set(), "a module no notebook uses"
    page_b_before = (html / "page_b.html").read_text()
    (book / "ne_lib" / "shared.py").write_text("BASE = 20\n")  # used by page_a through alpha, inside a function
    log = _build(book)
    assert _executed(log) == {"page_a.ipynb"}
    assert "alpha says 21" in (html / "page_a.html").read_text(), "the page shows the new output"
    assert (html / "page_b.html").read_text() == page_b_before
    (book / "ne_lib" / "beta.py").write_text("VALUE = 'beta-2'\n")
    log = _build(book)
    assert _executed(log) == {"page_b.ipynb"}
    assert "beta says beta-2" in (html / "page_b.html").read_text()


# ---- what blocks a page's first paint (issue 21): the built pages themselves -----------------------
_HEAD = re.compile(r"<head>(.*?)</head>", re.S)


@pytest.mark.parametrize("docname", toc_files())
def test_one_stylesheet_and_no_script_hold_up_the_first_paint(built_book, docname):
    """A phone on a slow network fetches at most six files from a host at once: the page waits only for
    the site's one stylesheet and the few hundred bytes of options its inline scripts read."""
    html_dir, _ = built_book
    head = _HEAD.search((html_dir / f"{docname}.html").read_text(encoding="utf-8")).group(1)
    head = re.sub(r"<!--.*?-->", "", head, flags=re.S)
    sheets = re.findall(r'<link[^>]*rel="stylesheet"[^>]*>', head)
    assert len(sheets) == 1 and "_static/ne-site.css" in sheets[0], sheets
    blocking = [tag for tag in re.findall(r"<script[^>]*\bsrc=[^>]*>", head)
                if not re.search(r"\b(defer|async)\b|type=\"module\"", tag)]
    assert [t for t in blocking if "documentation_options.js" not in t] == [], blocking
    assert "searchindex.js" not in head, "the search index is for search.html only"


def test_the_search_page_still_loads_its_index(built_book):
    html_dir, _ = built_book
    assert "searchindex.js" in (html_dir / "search.html").read_text(encoding="utf-8")


def test_mathematics_arrives_typeset_with_mathml_for_screen_readers(built_book):
    """Every formula is SVG with MathML beside it, built from its own TeX (its letters are the MathML's
    identifiers), and no page loads MathJax."""
    html_dir, _ = built_book
    formulas = 0
    for docname in toc_files():
        page = (html_dir / f"{docname}.html").read_text(encoding="utf-8")
        assert "mathjax/tex-chtml.js" not in page and "<script>window.MathJax =" not in page, docname
        assert not re.search(r'class="math notranslate nohighlight">\s*\\[(\[]', page), f"{docname}: raw TeX left"
        for m in re.finditer(r'class="math notranslate nohighlight ne-math"[^>]*>(.*?)</mjx-container>', page, re.S):
            formulas += 1
            drawn = m.group(1)
            assert "<svg" in drawn and "<mjx-assistive-mml" in drawn, f"{docname}: {drawn[:200]}"
            assert re.search(r"<mi\b[^>]*>[A-Za-z\u0370-\u03ff]", drawn) or "<mn" in drawn, f"{docname}: empty MathML"
    assert formulas >= 20, f"only {formulas} typeset formulas found; the chapters have more"


def test_every_icon_the_pages_use_has_its_glyph_in_the_cut_down_fonts(built_book):
    from fontTools.ttLib import TTFont

    html_dir, _ = built_book
    css = (html_dir / "_static" / "ne-site.css").read_text(encoding="utf-8")
    faces = re.findall(r'@font-face\{font-family:"(Font Awesome 6 \w+)";font-style:normal;font-weight:(\d+);'
                       r'[^}]*src:url\(([^)]+)\)', css)
    assert faces, "no icon fonts declared in ne-site.css"
    glyphs = {}
    for family, weight, url in faces:
        font_path = html_dir / "_static" / url
        assert font_path.stat().st_size < 20_000, f"{url}: {font_path.stat().st_size} bytes: not cut down"
        glyphs[(family, weight)] = set(TTFont(font_path).getBestCmap())
    rules = dict(re.findall(r'\.fa-([a-z0-9-]+)::before\{content:"\\([0-9a-f]+)"\}', css))
    used = set()
    for page in html_dir.rglob("*.html"):
        used |= set(re.findall(r'class="[^"]*\bfa-(?:solid|brands)\b[^"]*\bfa-([a-z0-9-]+)', page.read_text(encoding="utf-8")))
    used -= {"fw", "lg"}
    assert used, "no icons found on the pages"
    every_glyph = set().union(*glyphs.values())
    missing = sorted(name for name in used if name not in rules or int(rules[name], 16) not in every_glyph)
    assert not missing, f"icons without a glyph: {missing}"


# ---- what a reader reads: no TeX or underscore typed into the text (issue 13) -----------------------
#: a subscripted constant typed as plain text ("K_B"): a capital, "_", one or two letters or digits
_TYPED_SUBSCRIPT = re.compile(r"(?<![\w.-])[A-Z]_[A-Za-z0-9]{1,2}(?![\w-])")
_NOT_PROSE = re.compile(r"<(script|style|pre|code|mjx-container|svg|figure|textarea)\b.*?</\1>", re.S)


def _shown_text(fragment: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def _figure_texts(page: str) -> list[str]:
    """Every text of every flipbook a reader sees or hears: title, caption, labels, menu options,
    readouts (every slider position's), the image's alt text (every frame's)."""
    import html

    texts = []
    for fig in re.findall(r'<figure class="ne-flipbook".*?</figure>', page, re.S):
        texts += [_shown_text(t) for t in re.findall(
            r'class="ne-flipbook-(?:title|caption|note)"[^>]*>(.*?)</(?:figcaption|div|p)>', fig, re.S)]
        texts += [_shown_text(t) for t in re.findall(r"<(?:label|output|option)\b[^>]*>(.*?)</", fig, re.S)]
        texts += [t for raw in re.findall(r'data-texts="([^"]*)"', fig) for t in json.loads(html.unescape(raw))]
        texts += [html.unescape(t) for t in re.findall(r'\balt="([^"]*)"', fig)]
    for data in re.findall(r'<script type="application/json" class="ne-flipbook-data">(.*?)</script>', page, re.S):
        texts += json.loads(data).get("alts", [])
    return texts


@pytest.mark.parametrize("docname", toc_files())
def test_no_page_shows_typed_tex_or_underscore_subscripts(built_book, docname):
    """Figure captions and readouts are text, not typeset: they must not show "K_B" or "$...$"; the
    prose of every page shows K with a subscript B, not "K_B" (code and formulas aside)."""
    html_dir, _ = built_book
    page = (html_dir / f"{docname}.html").read_text(encoding="utf-8")
    figures = _figure_texts(page)
    assert len(figures) >= 4 * page.count('<figure class="ne-flipbook"'), f"{docname}: figure texts not found"
    typed = sorted({m for t in figures for m in _TYPED_SUBSCRIPT.findall(t) + re.findall(r"\$[^$]*\$?", t)})
    assert not typed, f"{docname}: flipbook text shows {typed} as typed"
    body = re.search(r"<article\b.*?</article>", page, re.S)
    prose = _shown_text(_NOT_PROSE.sub(" ", body.group(0) if body else page))
    typed = sorted(set(_TYPED_SUBSCRIPT.findall(prose)))
    assert not typed, f"{docname}: the text shows {typed} with the underscore (_ext/ne_typography.py subscripts it in prose; raw HTML is left as written)"


@pytest.mark.parametrize("docname", toc_files())
def test_no_page_shows_unparsed_myst(built_book, docname):
    """A directive MyST did not parse shows its fence to the reader ("```{dropdown} ...")."""
    html_dir, _ = built_book
    page = (html_dir / f"{docname}.html").read_text(encoding="utf-8")
    body = re.search(r"<article\b.*?</article>", page, re.S)
    text = _shown_text(re.sub(r"<(script|style|pre)\b.*?</\1>", " ", body.group(0) if body else page, flags=re.S))
    shown = re.findall(r"(?:```|:::)\s*\{[a-z-]+\}[^\n]{0,40}", text)
    assert not shown, f"{docname}: unparsed MyST shown: {shown[:3]}"


def test_the_validation_pages_split_the_tables_and_fold_the_assumptions(built_book):
    """Overview (how to read, what the models leave out, each model's assumptions in a closed dropdown),
    then one page per table, each with its own count; every case is on exactly one of them."""
    from ne_lib.cases import registry

    html_dir, _ = built_book
    read = {d: (html_dir / f"{d}.html").read_text(encoding="utf-8")
            for d in ("validation", "validation/calibration", "validation/held_out")}
    modules = registry.model_assumptions()
    folded = re.findall(r'<details class="[^"]*sd-dropdown[^"]*"[^>]*>\s*<summary[^>]*>\s*(?:<[^>]+>\s*)*'
                        r'ne_lib\.(\w+): \d+ assumptions?', read["validation"])
    assert sorted(folded) == sorted(modules), folded
    assert " open" not in "".join(re.findall(r"<details[^>]*sd-dropdown[^>]*>", read["validation"]))
    cases = registry.all_cases()
    calibration = [c for c in cases if not c.held_out]
    held_out = [c for c in cases if c.held_out]
    assert re.search(rf"Calibration targets and checks: \d+ of {len(calibration)} pass", read["validation/calibration"])
    assert re.search(rf"Held-out: \d+ of {len(held_out)} within tolerance", read["validation/held_out"])
    assert "Held-out:" not in read["validation/calibration"] and "Calibration targets and checks:" not in read[
        "validation/held_out"]
    for title in {registry.CHAPTER_TITLES[c.chapter] for c in calibration}:
        assert re.search(rf"<h2\b[^>]*>{re.escape(title)}<", read["validation/calibration"]), title


@pytest.mark.parametrize("docname", toc_files())
def test_no_page_repeats_its_title_as_a_heading(built_book, docname):
    html_dir, _ = built_book
    body = re.search(r"<article\b.*?</article>", (html_dir / f"{docname}.html").read_text(encoding="utf-8"), re.S)
    headings = [re.sub(r"^[\d.]+\s*|Chapter \d+\s*|#$", "", _shown_text(h).strip()).strip()
                for h in re.findall(r"<h[1-3]\b[^>]*>(.*?)</h[1-3]>", body.group(0), re.S)]
    assert headings and headings[0] not in headings[1:], f"{docname}: the title is repeated: {headings}"
