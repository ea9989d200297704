"""Sphinx extension for the course build. Every repair it makes to the theme's output is checked:
a repair whose target markup is present but no longer matches logs a warning, so ``-W`` fails.

1. One execution cache (``.jupyter_cache/notebooks`` beside the site); ``_ext/ne_deps.py`` makes
   each notebook's cache key and page depend on the ``ne_lib`` code that notebook uses, so an
   edit re-executes exactly the notebooks it touches and a no-change rebuild executes nothing.
2. Tells the notebook kernels that this is the book build (``NE_BOOK_BUILD=1``, the rule in
   :mod:`ne_lib.contract`), so interactive figures pre-render their static flipbooks, and where
   to keep their frames between builds (``NE_FRAME_CACHE``, a folder beside the site).
3. Copies MathJax from ``node_modules`` into the site, so no page loads it from a CDN.
4. Removes two stock console errors (a duplicated sphinx-thebe script, an empty theme mode).
5. Two accessibility repairs of the theme's HTML (:data:`HTML_FIXES`), applied to the built pages.
6. ``{ne-validation-report}`` writes the validation page; its figure links come from the
   figures' own markers in the executed pages (:data:`ne_lib.contract.FIGURE_ATTRIBUTE`),
   collected while each page is read and resolved when the report page is written (again only when
   a figure moved).
7. A rebuild that writes nothing skips the finishing steps. Sphinx writes no page and copies no
   static file when nothing is out of date; the steps run at ``build-finished`` (ours here and in
   ``ne_pagespeed``: stylesheet, icon fonts, HTML repairs, MathJax copy) would make the same files
   again. So a warning-free build that ran them leaves a stamp holding a digest of every file of the
   site and of the extensions' own code (``_ext``); the next build skips them if the digest still
   matches (``app.ne_finish_needed`` is False), and any change (a page written, a file touched, an
   extension edited, a failed or warning build before) runs them all.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

from ne_lib import contract


def _on_config_inited(app, config):
    os.environ[contract.BUILD_ENV] = "1"
    # flipbook frames kept by the hash of the code that draws them (ne_lib.interactive_frames); under
    # _build, so `make clean` empties it and nothing of it is ever committed
    os.environ[contract.FRAME_CACHE_ENV] = str(Path(app.outdir).parent / "ne_frames")
    # one execution cache; each notebook's key includes the ne_lib code it uses (_ext/ne_deps.py)
    config.nb_execution_cache_path = str(Path(app.outdir).parent / ".jupyter_cache" / "notebooks")


FINISH_STAMP = ".ne-finished"


def _site_digest(outdir: Path) -> str:
    """Names, sizes and times of every file of the site, and the extensions' code."""
    digest = hashlib.sha256()
    for path in sorted(outdir.rglob("*")):
        if path.is_file() and path.name != FINISH_STAMP:
            stat = path.stat()
            digest.update(f"{path.relative_to(outdir)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    for path in sorted(Path(__file__).parent.glob("*.*")):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _finish_is_needed(app, exception):
    """First at build-finished: do the finishing steps have anything to do? (see 7. above)"""
    if exception is not None or app.builder.format != "html":
        return
    stamp = Path(app.outdir) / FINISH_STAMP
    app.ne_finish_needed = not (stamp.is_file() and stamp.read_text() == _site_digest(Path(app.outdir)))
    if app.ne_finish_needed:
        stamp.unlink(missing_ok=True)
    else:
        logger.info("ne_build: no file of the site changed since the last complete build: finishing steps skipped")


def _finish_done(app, exception):
    """Last at build-finished: stamp a complete, warning-free finish."""
    if (exception is None and app.builder.format == "html" and getattr(app, "ne_finish_needed", True)
            and getattr(app, "_warncount", 1) == 0):
        (Path(app.outdir) / FINISH_STAMP).write_text(_site_digest(Path(app.outdir)))


def _copy_mathjax(app, exception):
    """Serve MathJax from the site itself (``mathjax_path`` is relative to _static)."""
    if exception is not None or app.builder.format != "html" or not getattr(app, "ne_finish_needed", True):
        return
    source = Path(app.confdir) / "node_modules" / "mathjax" / "es5"
    if not source.is_dir():
        raise RuntimeError(f"MathJax not found at {source}: run `npm ci` (make does it) before building")
    shutil.copytree(source, Path(app.outdir) / "_static" / "mathjax", dirs_exist_ok=True)


_THEME_MODE_FIX = (
    "try{if(!localStorage.getItem('mode')){localStorage.setItem('mode','auto');}}catch(e){}"
    "if(!document.documentElement.dataset.mode){document.documentElement.dataset.mode='auto';}"
)
_THEBE_MARK = "THEBE_JS_URL"


def _clean_page_scripts(app, pagename, templatename, context, doctree):
    """Two console errors of the stock theme on every page, removed.

    sphinx-thebe registers its inline ``THEBE_JS_URL`` script twice (a redeclaration
    error), and pydata-sphinx-theme rejects the empty theme mode of a first visit (the
    ``_THEME_MODE_FIX`` script, added in :func:`setup`). :func:`check_site` verifies both.
    """
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        attributes = getattr(script, "attributes", {})
        key = (getattr(script, "filename", None) or "", tuple(sorted(attributes.items())))
        if key in seen:
            continue
        seen.add(key)
        unique.append(script)
    scripts[:] = unique


# ------------------------------------------------------------------------ HTML repairs, checked
@dataclass(frozen=True)
class HtmlFix:
    """Replace ``old`` by ``new`` in built pages; wherever ``target`` occurs, ``new`` must then occur."""

    name: str
    target: str     # what identifies the markup this fix is for (present whatever its exact form)
    old: str
    new: str


HTML_FIXES = (
    # pydata-sphinx-theme's sidebar toggles are <summary> elements with an icon and no name.
    HtmlFix("sidebar toggles get a name", 'class="toctree-toggle"',
            '<summary><span class="toctree-toggle" role="presentation">',
            '<summary aria-label="Show or hide the pages of this section">'
            '<span class="toctree-toggle" role="presentation">'),
    # docutils marks the bibliography list role="list" but its entries are not list items.
    HtmlFix("citation list is not an ARIA list", 'class="citation-list"',
            '<div role="list" class="citation-list">', '<div class="citation-list">'),
)


def fix_page(text: str) -> tuple[str, list[str]]:
    """``text`` with every fix applied, and the names of fixes whose target is there but unmatched."""
    unmatched = []
    for fix in HTML_FIXES:
        text = text.replace(fix.old, fix.new)
        if fix.target in text and fix.new not in text:
            unmatched.append(fix.name)
    return text, unmatched


def check_site(outdir: Path) -> list[str]:
    """Apply :data:`HTML_FIXES` to every page under ``outdir``; return what failed, one line each.

    A fix fails on a page that has its target but not its repaired form (the theme's markup
    changed); the script repairs fail where a page declares ``THEBE_JS_URL`` twice or lacks the
    theme-mode script.
    """
    problems: dict[str, list[str]] = {}
    for page in sorted(Path(outdir).rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        fixed, unmatched = fix_page(text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
        if fixed.count(f"{_THEBE_MARK} =") > 1:
            unmatched.append("sphinx-thebe script only once")
        if "<head" in fixed and "localStorage.setItem('mode','auto')" not in fixed:
            unmatched.append("theme mode set on a first visit")
        for name in unmatched:
            problems.setdefault(name, []).append(page.relative_to(outdir).as_posix())
    return [f"HTML fix {name!r} did not apply on {len(pages)} page(s), e.g. {pages[0]}: the theme's "
            f"markup changed; update _ext/ne_build.py" for name, pages in problems.items()]


def _fix_html(app, exception):
    """Small accessibility repairs to the theme's markup, applied and checked on every built page."""
    if exception is not None or app.builder.format != "html" or not getattr(app, "ne_finish_needed", True):
        return
    for problem in check_site(Path(app.outdir)):
        logger.warning(problem, type="ne_build", subtype="html_fix")


# ------------------------------------------------------- figure pages, from the figures' markers
class _FigureMarkers(HTMLParser):
    """(name, id) of every element carrying the figure attribute of ne_lib.contract."""

    def __init__(self, attribute: str):
        super().__init__()
        self.attribute, self.found = attribute, []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get(self.attribute):
            self.found.append((values[self.attribute], values.get("id") or ""))


def figure_markers(html_text: str) -> list[tuple[str, str]]:
    parser = _FigureMarkers(contract.FIGURE_ATTRIBUTE)
    parser.feed(html_text)
    return parser.found


def _collect_figures(app, doctree):
    """On reading a page: which interactive figures its executed outputs show, and their anchors."""
    figures = {}
    for node in doctree.findall(nodes.raw):
        if "html" in node.get("format", "").split():
            for name, anchor in figure_markers(node.astext()):
                figures.setdefault(name, anchor or contract.figure_anchor(name))
    store = app.env.__dict__.setdefault("ne_figures", {})
    store.pop(app.env.docname, None)
    if figures:
        store[app.env.docname] = figures


def _purge_figures(app, env, docname):
    env.__dict__.setdefault("ne_figures", {}).pop(docname, None)
    env.__dict__.setdefault("ne_report_docs", set()).discard(docname)


def _merge_figures(app, env, docnames, other):
    env.__dict__.setdefault("ne_figures", {}).update(getattr(other, "ne_figures", {}))
    env.__dict__.setdefault("ne_report_docs", set()).update(getattr(other, "ne_report_docs", set()))


def _report_pages_are_updated(app, env):
    """Report pages are written again when a figure they link to moved to another page or anchor."""
    figures = repr(sorted((doc, sorted(found.items())) for doc, found in getattr(env, "ne_figures", {}).items()))
    if figures == getattr(env, "ne_figures_linked", None):
        return []
    env.ne_figures_linked = figures
    return sorted(getattr(env, "ne_report_docs", set()))


class figure_link(nodes.Inline, nodes.Element):
    """A link to the page showing figure ``name``, resolved when the page is written."""


def _figure_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [figure_link(rawtext, name=text.strip())], []


def _resolve_figure_links(app, doctree, docname):
    pages = {}
    for page, figures in sorted(getattr(app.env, "ne_figures", {}).items()):
        for name, anchor in figures.items():
            pages.setdefault(name, (page, anchor))
    for node in list(doctree.findall(figure_link)):
        target = pages.get(node["name"])
        if target is None:   # a case whose figure no page shows: no link
            node.replace_self([])
            continue
        uri = app.builder.get_relative_uri(docname, target[0]) + "#" + target[1]
        node.replace_self([nodes.Text("("), nodes.reference("", "figure", refuri=uri, internal=True),
                           nodes.Text(")")])


class ValidationReport(SphinxDirective):
    """``{ne-validation-report}``: run every validation case now and show the results.

    ``:part: calibration`` or ``:part: held-out`` shows one of the two tables, on a page of its own
    (the page's title names it, so the table's own heading goes and its chapter headings move up a
    level); ``:part: assumptions`` lists each model's assumptions, one closed dropdown per model.
    A failing case is shown, never hidden; the build itself does not fail on it (the test suite does)."""

    has_content = False
    option_spec = {"part": lambda arg: arg.strip()}
    PARTS = (None, "calibration", "held-out", "assumptions")

    def run(self):
        from ne_deps import dependency_files

        from ne_lib.cases import registry
        from ne_lib.chapters import MODELS

        # the page is read again when any ne_lib file the report can load changes, so its table is never an
        # old run's: the import closure (_ext/ne_deps.py) of every case module and every science module, as
        # the registry finds them by name at run time (pkgutil, ne_lib.chapters.MODELS)
        case_modules = sorted(p.stem for p in Path(registry.__file__).parent.glob("*.py") if p.stem != "__init__")
        code = "\n".join([f"import ne_lib.cases.{name}" for name in case_modules]
                         + [f"import ne_lib.{name}" for name in sorted(MODELS)])
        for path in dependency_files(code):
            self.env.note_dependency(str(path))
        part = self.options.get("part")
        if part not in self.PARTS:
            raise self.error(f"ne-validation-report: unknown part {part!r} (one of {self.PARTS[1:]}, or none)")
        if part == "assumptions":
            text = _assumptions_dropdowns(registry.model_assumptions())
        else:
            self.env.__dict__.setdefault("ne_report_docs", set()).add(self.env.docname)
            cases = [c for c in registry.all_cases() if part is None or c.held_out == (part == "held-out")]
            text = registry.report_markdown([registry.run_case(c) for c in cases],
                                            lambda name: f"{{ne-figure}}`{name}`")
            if part is not None:
                text = _as_own_page(text)
        container = nodes.container()
        self.state.nested_parse(StringList(text.splitlines(), source="ne_lib.cases.registry"),
                                self.content_offset, container)
        return container.children


def _as_own_page(text: str) -> str:
    """One table of the report on a page of its own: its "## " heading goes, "### " become "## "."""
    lines = [line for line in text.splitlines() if not line.startswith("## ")]
    return "\n".join("## " + line[4:] if line.startswith("### ") else line for line in lines)


def _assumptions_dropdowns(assumptions: dict[str, tuple[str, ...]]) -> str:
    if not assumptions:
        return "_No model declares its assumptions yet._"
    lines = []
    for module, items in assumptions.items():
        n = len(items)
        # (a backtick fence's title may hold no backticks: the module name is plain text)
        lines += [f"```{{dropdown}} ne_lib.{module}: {n} assumption{'s' if n != 1 else ''}"]
        lines += ["- " + " ".join(str(a).split()) for a in items]
        lines += ["```", ""]
    return "\n".join(lines)


def _hide_solution_markers(app, docname, source):
    """Solution cells show the reference solution only: the ``### BEGIN/END SOLUTION`` and
    ``# stub:`` lines (which ``make student`` reads) are removed from the notebook before it is
    parsed and executed, so they reach neither the page nor the search index (issue 13)."""
    path = app.env.doc2path(docname)
    if not str(path).endswith(".ipynb") or "SOLUTION" not in source[0]:
        return
    import json

    from ne_lib.coursework.solutions import remove_marker_lines

    nb = json.loads(source[0])
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if "SOLUTION" in text:
                cell["source"] = remove_marker_lines(text)
    source[0] = json.dumps(nb, indent=1, ensure_ascii=False)


def setup(app):
    app.connect("source-read", _hide_solution_markers)
    app.connect("build-finished", _finish_is_needed, priority=1)
    app.connect("build-finished", _fix_html)
    app.connect("build-finished", _finish_done, priority=990)
    app.add_directive("ne-validation-report", ValidationReport)
    app.add_role("ne-figure", _figure_role)
    app.add_node(figure_link)
    app.connect("doctree-read", _collect_figures)
    app.connect("env-purge-doc", _purge_figures)
    app.connect("env-merge-info", _merge_figures)
    app.connect("env-get-updated", _report_pages_are_updated)
    app.connect("doctree-resolved", _resolve_figure_links)
    app.add_js_file(None, body=_THEME_MODE_FIX, priority=1)
    app.connect("html-page-context", _clean_page_scripts, priority=100)  # before any handler that returns a template
    app.connect("build-finished", _copy_mathjax)
    app.connect("config-inited", _on_config_inited, priority=100)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
