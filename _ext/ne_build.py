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

BUILD_ENV = "NE_BOOK_BUILD"


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
    os.environ[BUILD_ENV] = "1"
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


def setup(app):
    app.add_js_file(None, body=_THEME_MODE_FIX, priority=1)
    app.connect("html-page-context", _clean_page_scripts, priority=100)  # before any handler that returns a template
    app.connect("build-finished", _copy_mathjax)
    app.add_config_value("ne_lib_source_key", "", "env")
    app.connect("config-inited", _on_config_inited, priority=100)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
