"""Sphinx extension for the course build.

1. Never-stale execution cache. jupyter-cache keys a notebook on its code cells only,
   and Sphinx re-reads only documents whose source changed, so an edit to ``ne_lib``
   would otherwise leave every cached figure stale. Here the hash of the ``ne_lib``
   sources becomes (a) a config value that Sphinx compares with the previous build
   (a change makes it re-read every page) and (b) part of the execution-cache path
   (a change starts an empty cache, so every notebook re-executes). Unchanged sources
   reuse both, so a no-change rebuild executes nothing.
4. Removes two stock console errors (a duplicated sphinx-thebe script, an empty theme mode).
3. Copies MathJax from ``node_modules`` into the site, so no page loads it from a CDN.
2. Tells the notebook kernels that this is the book build (``NE_BOOK_BUILD=1``), so
   interactive figures pre-render their static flipbooks instead of live widgets.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from ne_lib import contract


def source_key(package_dir: Path) -> str:
    """A short hash of every source file under ``package_dir`` (path and content)."""
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json", ".csv", ".txt", ".toml"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package_dir).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()[:16]


def _package_dir(confdir: Path) -> Path:
    local = confdir / "ne_lib"
    if local.is_dir():
        return local
    import ne_lib  # installed elsewhere

    return Path(ne_lib.__file__).parent


def _on_config_inited(app, config):
    os.environ[contract.BUILD_ENV] = "1"
    key = source_key(_package_dir(Path(app.confdir)))
    config.ne_lib_source_key = key
    cache_root = Path(app.outdir).parent / ".jupyter_cache"
    config.nb_execution_cache_path = str(cache_root / key)
    if cache_root.is_dir():  # drop caches of older ne_lib versions
        for old in cache_root.iterdir():
            if old.is_dir() and old.name != key:
                shutil.rmtree(old, ignore_errors=True)


def _copy_mathjax(app, exception):
    """Serve MathJax from the site itself (``mathjax_path`` is relative to _static)."""
    if exception is not None or app.builder.format != "html":
        return
    source = Path(app.confdir) / "node_modules" / "mathjax" / "es5"
    if not source.is_dir():
        raise RuntimeError(f"MathJax not found at {source}: run `npm ci` (make does it) before building")
    shutil.copytree(source, Path(app.outdir) / "_static" / "mathjax", dirs_exist_ok=True)


_THEME_MODE_FIX = (
    "try{if(!localStorage.getItem('mode')){localStorage.setItem('mode','auto');}}catch(e){}"
    "if(!document.documentElement.dataset.mode){document.documentElement.dataset.mode='auto';}"
)


def _clean_page_scripts(app, pagename, templatename, context, doctree):
    """Two console errors of the stock theme on every page, removed.

    sphinx-thebe registers its inline ``THEBE_JS_URL`` script twice (a redeclaration
    error), and pydata-sphinx-theme rejects the empty theme mode of a first visit.
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


def _figure_links(confdir: Path) -> dict[str, str]:
    """Map each interactive figure's name to the page (and anchor) whose notebook shows it."""
    import json
    import re

    from ne_lib.interactive import InteractiveFigure
    import ne_lib.figures as pkg
    import importlib
    import pkgutil

    by_variable = {}
    for info in pkgutil.iter_modules(pkg.__path__):
        module = importlib.import_module(f"ne_lib.figures.{info.name}")
        for var, obj in vars(module).items():
            if isinstance(obj, InteractiveFigure):
                by_variable[var] = obj.name
    links = {}
    for nb_path in sorted((confdir / "chapters").rglob("*.ipynb")):
        if "_build" in nb_path.parts or any(p.startswith(".") for p in nb_path.parts):
            continue
        cells = json.loads(nb_path.read_text())["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        for var in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\.show\(\s*\)", code):
            if var in by_variable:
                page = nb_path.relative_to(confdir).with_suffix(".html").as_posix()
                anchor = "ne-fig-" + "".join(ch if ch.isalnum() else "-" for ch in by_variable[var])
                links.setdefault(by_variable[var], f"{page}#{anchor}")
    return links


class ValidationReport(SphinxDirective):
    """``{ne-validation-report}``: run every validation case now and show the results.

    A failing case is shown, never hidden; the build itself does not fail on it (the
    test suite does)."""

    has_content = False
    option_spec = {"part": lambda arg: arg.strip()}

    def run(self):
        from ne_lib.cases import registry as validation

        if self.options.get("part") == "assumptions":
            text = validation.assumptions_markdown()
        else:
            text = validation.report_markdown(validation.run_all(), _figure_links(Path(self.env.srcdir)))
        container = nodes.container()
        self.state.nested_parse(StringList(text.splitlines(), source="ne_lib.cases.registry"),
                                self.content_offset, container)
        return container.children


_HTML_FIXES = [
    # pydata-sphinx-theme's sidebar toggles are <summary> elements with an icon and no name.
    ('<summary><span class="toctree-toggle" role="presentation">',
     '<summary aria-label="Show or hide the pages of this section"><span class="toctree-toggle" role="presentation">'),
    # docutils marks the bibliography list role="list" but its entries are not list items.
    ('<div role="list" class="citation-list">', '<div class="citation-list">'),
]


def _fix_html(app, exception):
    """Small accessibility repairs to the theme's markup, applied to every built page."""
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = text
        for old, new in _HTML_FIXES:
            fixed = fixed.replace(old, new)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def setup(app):
    app.connect("build-finished", _fix_html)
    app.add_directive("ne-validation-report", ValidationReport)
    app.add_js_file(None, body=_THEME_MODE_FIX, priority=1)
    app.connect("html-page-context", _clean_page_scripts, priority=100)  # before any handler that returns a template
    app.connect("build-finished", _copy_mathjax)
    app.add_config_value("ne_lib_source_key", "", "env")
    app.connect("config-inited", _on_config_inited, priority=100)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
