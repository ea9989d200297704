"""Sphinx extension: what a page transfers before the reader does anything.

1. The interactive figures' frames leave the page. The book's kernels embed each flipbook's frames
   (see ``ne_lib.interactive_static``); here, as each page is written, they move into image files
   under ``_images/ne-frames/`` (content-hash names: a frame is stored once) and the page keeps the
   default frame as an ``<img>`` with width, height and ``srcset``, and the other frames' file names,
   fetched when the reader reaches for the figure.
2. MathJax only on pages with mathematics (jupyter-book asks Sphinx to put it on every page).
3. No Font Awesome script (1.5 MB; the theme's ``webpack-macros.html`` is overridden in
   ``_templates/``): the icons the built pages use get a small stylesheet, ``_static/ne-icons.css``,
   over the theme's own web fonts, with the code points read from the theme's Font Awesome file.

Each step warns (so ``-W`` fails) when it finds nothing to do where it expected work, never
leaving a heavy or broken page silently.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)
FRAMES_DIR = "_images/ne-frames"
ICONS_CSS = "ne-icons.css"


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

    new_body, moved = externalise(body, write)
    expected = body.count('class="ne-flipbook-data"')
    if moved != expected:
        logger.warning(f"{pagename}: moved the frames of {moved} of {expected} flipbooks out of the page",
                       location=pagename)
    context["body"] = new_body


def _has_math(doctree, body: str) -> bool:
    if doctree is not None and (doctree.next_node(nodes.math) is not None
                                or doctree.next_node(nodes.math_block) is not None):
        return True
    return 'class="math' in body or "\\(" in body or "$$" in body


def _mathjax_only_with_math(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts or _has_math(doctree, context.get("body") or ""):
        return
    mathjax = str(app.config.mathjax_path)
    kept = [s for s in scripts if not (getattr(s, "filename", None) or "").endswith(mathjax)
            and "MathJax" not in str(getattr(s, "attributes", {}).get("body", ""))]
    scripts[:] = kept


_ICON_CLASS = re.compile(r'class="[^"]*\b(fa-(?:solid|regular|brands)|fas|far|fab)\b[^"]*"')
_NAMES = re.compile(r"\bfa-([a-z0-9-]+)\b")
_STYLES = {"fa-solid": "solid", "fas": "solid", "fa-regular": "regular", "far": "regular",
           "fa-brands": "brands", "fab": "brands"}
_FONTS = {"solid": ("Font Awesome 6 Free", 900, "fa-solid-900"), "regular": ("Font Awesome 6 Free", 400,
                                                                              "fa-regular-400"),
          "brands": ("Font Awesome 6 Brands", 400, "fa-brands-400")}
_NOT_ICONS = {"solid", "regular", "brands", "fw", "lg", "xs", "sm", "xl", "2x", "spin", "pulse", "border"}


def _write_icon_css(app, exception):
    if exception is not None or app.builder.format != "html":
        return
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
        rules.append(f'@font-face{{font-family:"{family}";font-style:normal;font-weight:{weight};'
                     f'font-display:block;src:url(vendor/fontawesome/webfonts/{file}.woff2) format("woff2")}}')
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


def setup(app):
    app.connect("html-page-context", _externalise_page)
    app.connect("html-page-context", _mathjax_only_with_math)
    app.add_css_file(ICONS_CSS)
    app.connect("build-finished", _write_icon_css)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
