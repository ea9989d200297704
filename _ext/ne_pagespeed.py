"""Sphinx extension: what a page transfers before the reader does anything.

1. The interactive figures' frames leave the page. The book's kernels embed each flipbook's frames
   (see ``ne_lib.interactive_static``); here, as each page is written, they move into image files
   under ``_images/ne-frames/`` (content-hash names: a frame is stored once) and the page keeps the
   default frame as an ``<img>`` with width, height and ``srcset``, and the other frames' file names,
   fetched when the reader reaches for the figure.
2. No MathJax in the reader's browser: each page's TeX is typeset into SVG (with MathML for screen
   readers) as the page is written, by ``mathjax-full`` in Node (``_ext/typeset_math.cjs``), and the
   MathJax script is kept only on a page whose mathematics could not all be typeset so (none now).
3. No Font Awesome script (1.5 MB; the theme's ``webpack-macros.html`` is overridden in
   ``_templates/``): the icons the built pages use get a small stylesheet, ``_static/ne-icons.css``,
   over the theme's own web fonts cut down (fontTools) to just those icons (270 KB -> a few KB), with
   the code points read from the theme's Font Awesome file.
4. Nothing but the styles blocks the first paint: every script is deferred (bar the few hundred
   bytes of ``documentation_options.js`` that inline scripts read), the search index is not loaded on
   every page (``_templates/layout.html``: search-as-you-type is off, so only the search page needs
   it), and the theme's stylesheets keep only the rules some page or script of this site can use
   (PurgeCSS, from npm, over every built page and script: 400 KB -> about 110 KB), all in one file,
   ``_static/ne-site.css``, in the order the pages linked them (13 stylesheets were 13 requests, more
   than a phone's six connections to a host fetch at once, before anything showed).

Each step warns (so ``-W`` fails) when it finds nothing to do where it expected work, never
leaving a heavy or broken page silently.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)
FRAMES_DIR = "_images/ne-frames"
ICONS_CSS = "ne-icons.css"
ICON_FONTS_DIR = "_static/ne-icons"
ROOT = Path(__file__).resolve().parents[1]
PURGECSS = ROOT / "node_modules" / ".bin" / "purgecss"
PURGECSS_CONFIG = Path(__file__).with_name("purgecss.config.cjs")
#: the one stylesheet every page links (``_templates/static/webpack-macros.html``), made at the end of
#: the build from the theme's two stylesheets and the ones Sphinx and the extensions add
SITE_CSS = "_static/ne-site.css"
THEME_CSS = ("_static/basic.css", "_static/styles/pydata-sphinx-theme.css")
#: scripts that inline scripts of the page read at once: loaded in order, not deferred
NOT_DEFERRED = ("documentation_options.js",)


def _externalise_page(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if not body or 'class="ne-flipbook-data"' not in body:
        return
    from ne_lib.interactive_static import externalise

    out = Path(app.outdir) / FRAMES_DIR
    out.mkdir(parents=True, exist_ok=True)

    def write(name: str, data: bytes) -> str:
        target = out / name
        if not target.exists():
            target.write_bytes(data)
        return context["pathto"](f"{FRAMES_DIR}/{name}", 1)

    # every frame lazy, the first one too: the browser fetches an image in view at once anyway, and one
    # below the fold (where the first figure is on a phone) must not take the bandwidth the text needs
    new_body, moved = externalise(body, write, first_eager=False)
    expected = body.count('class="ne-flipbook-data"')
    if moved != expected:
        logger.warning(f"{pagename}: moved the frames of {moved} of {expected} flipbooks out of the page",
                       location=pagename)
    context["body"] = new_body


TYPESET_MATH = Path(__file__).with_name("typeset_math.cjs")
_INLINE_MATH = re.compile(r'<span class="math notranslate nohighlight">\\\((.*?)\\\)</span>', re.S)
_DISPLAY_MATH = re.compile(r'<div class="math notranslate nohighlight"([^>]*)>(.*?)\\\[(.*?)\\\]\s*</div>', re.S)


def _typeset(items: list[dict]) -> dict:
    import json
    import subprocess

    proc = subprocess.run(["node", str(TYPESET_MATH)], input=json.dumps(items), capture_output=True, text=True,
                          timeout=300, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-1500:])
    return json.loads(proc.stdout)


def _typeset_page_math(app, pagename, templatename, context, doctree):
    body = context.get("body") or ""
    if 'class="math notranslate nohighlight"' not in body:
        return
    import html

    inline, display = list(_INLINE_MATH.finditer(body)), list(_DISPLAY_MATH.finditer(body))
    items = ([{"tex": html.unescape(m.group(1)), "display": False} for m in inline]
             + [{"tex": html.unescape(m.group(3)), "display": True} for m in display])
    try:
        drawn = iter(_typeset(items)["html"])
    except (RuntimeError, OSError, ValueError) as err:
        logger.warning(f"ne_pagespeed: {pagename}: its TeX could not be typeset at build time ({err}); "
                       "the page keeps MathJax", location=pagename)
        return
    spans = {m.group(0): f'<span class="math notranslate nohighlight ne-math">{next(drawn)}</span>' for m in inline}
    divs = {m.group(0): f'<div class="math notranslate nohighlight ne-math"{m.group(1)}>{m.group(2)}{next(drawn)}</div>'
            for m in display}
    body = _INLINE_MATH.sub(lambda m: spans[m.group(0)], body)
    body = _DISPLAY_MATH.sub(lambda m: divs[m.group(0)], body)
    context["body"] = body


def _has_math(doctree, body: str) -> bool:
    """Mathematics left for MathJax: TeX in the page that was not typeset at build time."""
    return bool(_INLINE_MATH.search(body) or _DISPLAY_MATH.search(body))


def _mathjax_only_with_math(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts or _has_math(doctree, context.get("body") or ""):
        return
    mathjax = str(app.config.mathjax_path)
    kept = [s for s in scripts if not (getattr(s, "filename", None) or "").endswith(mathjax)
            and "MathJax" not in str(getattr(s, "attributes", {}).get("body", ""))]
    scripts[:] = kept


def _site_sheets(app) -> list[str]:
    """The stylesheets Sphinx and the extensions add to every page, in order."""
    return [str(getattr(sheet, "filename", sheet)) for sheet in app.builder.css_files]


def _one_stylesheet(app, pagename, templatename, context, doctree):
    sheets = context.get("css_files")
    if sheets is None:
        return
    for sheet in sheets:
        attributes = getattr(sheet, "attributes", {}) or {}
        if attributes.get("media", "all") != "all" or "://" in str(getattr(sheet, "filename", sheet)):
            logger.warning(f"ne_pagespeed: {pagename} links {sheet}, which cannot join {SITE_CSS}",
                           location=pagename)
            return
    page = [str(getattr(sheet, "filename", sheet)) for sheet in sheets]
    if page != _site_sheets(app):
        logger.warning(f"ne_pagespeed: {pagename} links other stylesheets ({page}) than the rest of the site "
                       f"({_site_sheets(app)}); {SITE_CSS} holds one list", location=pagename)
        return
    context["css_files"] = []


_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")


def _rebase_urls(css: str, from_dir: str, to_dir: str) -> str:
    """``url(...)`` references of a stylesheet in ``from_dir`` rewritten for one in ``to_dir``."""
    import posixpath

    def rebase(match):
        quote, url = match.groups()
        if url.startswith(("data:", "/", "#")) or "://" in url:
            return match.group(0)
        target = posixpath.normpath(posixpath.join(from_dir, url))
        return f"url({quote}{posixpath.relpath(target, to_dir)}{quote})"

    return _URL.sub(rebase, css)


def _write_site_css(app, exception):
    if exception is not None or app.builder.format != "html" or not getattr(app, "ne_finish_needed", True):
        return  # (ne_build: nothing of the site changed since the last complete build)
    import posixpath

    outdir = Path(app.outdir)
    files = list(THEME_CSS) + [f if f.startswith("_static/") else f"_static/{f}"
                               for f in _site_sheets(app)]
    parts = []
    for name in files:
        path = outdir / name
        if not path.is_file():
            logger.warning(f"ne_pagespeed: {name} not found: {SITE_CSS} would miss it")
            continue
        css = re.sub(r'^\s*@charset "[^"]*";', "", path.read_text(encoding="utf-8"))
        css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)
        # the theme's own Font Awesome faces (the whole fonts, 270 KB): ne-icons.css declares cut-down ones
        css = re.sub(r"@font-face\{[^}]*fontawesome[^}]*\}", "", css)
        if re.search(r"@import\b", css):
            logger.warning(f"ne_pagespeed: {name} has an @import: {SITE_CSS} would fetch it late")
        parts.append(f"/* {name} */\n" + _rebase_urls(css, posixpath.dirname(name), posixpath.dirname(SITE_CSS)))
    try:
        parts.append("/* mathematics typeset at build time (_ext/typeset_math.cjs) */\n" + _typeset([])["css"])
    except (RuntimeError, OSError, ValueError) as err:
        logger.warning(f"ne_pagespeed: the typeset mathematics has no stylesheet: {err}")
    (outdir / SITE_CSS).write_text('@charset "UTF-8";\n' + "\n".join(parts), encoding="utf-8")
    _purge(app, SITE_CSS)


def _defer_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts or pagename == "search":  # the search page's own scripts run at once and need doctools.js
        return
    from sphinx.builders.html._assets import _JavaScript

    def deferred(script):
        filename = str(getattr(script, "filename", "") or "")
        attributes = dict(getattr(script, "attributes", None) or {})
        if (not filename or filename.endswith(NOT_DEFERRED) or {"async", "defer"} & set(attributes)
                or attributes.get("type", "text/javascript") != "text/javascript"):
            return script
        return _JavaScript(script.filename, priority=script.priority, **{**attributes, "defer": "defer"})

    # new objects: the builder shares one per script among all pages
    scripts[:] = [deferred(script) for script in scripts]


_ICON_CLASS = re.compile(r'class="[^"]*\b(fa-(?:solid|regular|brands)|fas|far|fab)\b[^"]*"')
_NAMES = re.compile(r"\bfa-([a-z0-9-]+)\b")
_STYLES = {"fa-solid": "solid", "fas": "solid", "fa-regular": "regular", "far": "regular",
           "fa-brands": "brands", "fab": "brands"}
_FONTS = {"solid": ("Font Awesome 6 Free", 900, "fa-solid-900"), "regular": ("Font Awesome 6 Free", 400,
                                                                              "fa-regular-400"),
          "brands": ("Font Awesome 6 Brands", 400, "fa-brands-400")}
_NOT_ICONS = {"solid", "regular", "brands", "fw", "lg", "xs", "sm", "xl", "2x", "spin", "pulse", "border"}


def _subset_icon_font(source: Path, target: Path, code_points: set[str]) -> None:
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[int(cp, 16) for cp in code_points])
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(target), options)


def _write_icon_css(app, exception):
    if exception is not None or app.builder.format != "html" or not getattr(app, "ne_finish_needed", True):
        return  # (ne_build: nothing of the site changed since the last complete build)
    outdir = Path(app.outdir)
    source = outdir / "_static" / "scripts" / "fontawesome.js"
    if not source.is_file():
        logger.warning(f"ne_pagespeed: {source} not found: the theme changed; the icons have no stylesheet")
        return
    used: dict[str, set[str]] = {}
    for page in outdir.rglob("*.html"):
        for match in _ICON_CLASS.finditer(page.read_text(encoding="utf-8")):
            style = _STYLES[match.group(1)]
            for name in _NAMES.findall(match.group(0)):
                if name not in _NOT_ICONS:
                    used.setdefault(name, set()).add(style)
    code_points = dict(re.findall(r'"?([a-z0-9-]+)"?:\[\d+,\d+,\[[^\]]*\],"([0-9a-f]+)"',
                                  source.read_text(encoding="utf-8")))
    missing = sorted(n for n in used if n not in code_points)
    if missing:
        logger.warning(f"ne_pagespeed: no Font Awesome code point for icon(s) {missing}")
    rules = ["/* Written by _ext/ne_pagespeed.py: the Font Awesome icons the pages use, over the theme's fonts. */"]
    for style in sorted({s for styles in used.values() for s in styles}):
        family, weight, file = _FONTS[style]
        font = outdir / "_static" / "vendor" / "fontawesome" / "webfonts" / f"{file}.woff2"
        if not font.is_file():
            logger.warning(f"ne_pagespeed: {font} not found: the theme changed; the {style} icons have no font")
            continue
        wanted = {code_points[n] for n, styles in used.items() if style in styles and n in code_points}
        _subset_icon_font(font, outdir / ICON_FONTS_DIR / f"{file}.woff2", wanted)
        rules.append(f'@font-face{{font-family:"{family}";font-style:normal;font-weight:{weight};'
                     f'font-display:block;src:url(ne-icons/{file}.woff2) format("woff2")}}')
    rules.append(".fa,.fas,.far,.fab,.fa-solid,.fa-regular,.fa-brands{display:inline-block;font-style:normal;"
                 "font-variant:normal;line-height:1;text-rendering:auto;-webkit-font-smoothing:antialiased}")
    rules.append('.fa,.fas,.fa-solid{font-family:"Font Awesome 6 Free";font-weight:900}')
    rules.append('.far,.fa-regular{font-family:"Font Awesome 6 Free";font-weight:400}')
    rules.append('.fab,.fa-brands{font-family:"Font Awesome 6 Brands";font-weight:400}')
    rules.append(".fa-fw{text-align:center;width:1.25em}")
    for name in sorted(used):
        if name in code_points:
            rules.append(f'.fa-{name}::before{{content:"\\{code_points[name]}"}}')
    (outdir / "_static" / ICONS_CSS).write_text("\n".join(rules) + "\n", encoding="utf-8")


def _search_index_only_on_search_page(app, exception):
    if exception is not None or app.builder.format != "html" or not getattr(app, "ne_finish_needed", True):
        return  # (ne_build: nothing of the site changed since the last complete build)
    loaded = sorted(str(p.relative_to(app.outdir)) for p in Path(app.outdir).rglob("*.html")
                    if p.name != "search.html" and "searchindex.js" in p.read_text(encoding="utf-8"))
    if loaded:
        logger.warning(f"ne_pagespeed: {len(loaded)} pages load the search index (e.g. {loaded[:3]}): "
                       "_templates/layout.html no longer matches the theme's layout")


def _purge(app, css: str) -> None:
    """Cut ``css`` (a path under the site) down to the rules some page or script of the site can use."""
    if not PURGECSS.exists():
        logger.warning(f"ne_pagespeed: {PURGECSS} is missing (run `make setup`: npm ci): {css} was left whole "
                       "(400 KB of the theme's rules block the first paint)")
        return
    import os
    import subprocess

    outdir = Path(app.outdir)
    path = outdir / css
    before = path.stat().st_size
    proc = subprocess.run([str(PURGECSS), "--config", str(PURGECSS_CONFIG), "--css", str(path),
                           "--output", str(path.parent)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NE_SITE": str(outdir)})
    if proc.returncode != 0 or not path.is_file() or path.stat().st_size >= before:
        logger.warning(f"ne_pagespeed: PurgeCSS did not cut down {css}: {proc.stderr[-1000:]}")
        return
    logger.info(f"ne_pagespeed: {css} {before // 1024} KB -> {path.stat().st_size // 1024} KB")


def setup(app):
    app.connect("html-page-context", _externalise_page)
    app.connect("html-page-context", _typeset_page_math)
    app.connect("html-page-context", _mathjax_only_with_math, priority=600)
    app.connect("html-page-context", _defer_scripts)
    app.connect("html-page-context", _one_stylesheet, priority=900)
    app.add_css_file(ICONS_CSS)
    app.connect("build-finished", _write_icon_css)
    app.connect("build-finished", _search_index_only_on_search_page)
    app.connect("build-finished", _write_site_css, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
