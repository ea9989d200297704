"""A very small SVG writer for the course diagrams (presentation layer only).

Every number in this package is a layout coordinate, a font size or a colour: no science numbers.
The output is deterministic (same input, same bytes), so the committed SVG files can be checked
by regenerating them (tests/test_diagrams.py).

Design rules shared by every diagram:

* drawn on a light panel (a white rounded rectangle under everything), so the picture reads the same
  on a light or a dark page;
* width 560 units; the smallest text is 16 units, which is still about 10 px when a phone shows the
  picture 350 px wide;
* a ``<title>`` and ``<desc>`` inside the file for screen readers; the page gives the alt text too.
"""
from __future__ import annotations

from html import escape

WIDTH = 560  # layout width in SVG units
MIN_FONT = 16  # smallest font size used anywhere
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
INK = "#1b1b1b"  # text and outlines
MUTED = "#555555"
PANEL = "#ffffff"
PANEL_EDGE = "#b8b8b8"
BLUE = "#1f5fa8"
RED = "#b3261e"
GREEN = "#2e7d32"
ORANGE = "#b35900"
PURPLE = "#6a3d9a"
PALE_BLUE = "#e3eefa"
PALE_GREEN = "#e6f2e6"
PALE_ORANGE = "#fbeedd"
PALE_PURPLE = "#efe7f6"
PALE_GREY = "#f1f1f1"


def _f(value: float) -> str:
    """Format a coordinate compactly and reproducibly."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


class Drawing:
    """Collects SVG elements on a light panel of the given height."""

    def __init__(self, height: float, title: str, desc: str):
        self.height = height
        self.title = title
        self.desc = desc
        self.defs: list[str] = []
        self.items: list[str] = []
        self._markers: set[str] = set()

    # --- primitives -------------------------------------------------------------------------
    def raw(self, markup: str) -> None:
        self.items.append(markup)

    def rect(self, x, y, w, h, fill=PALE_GREY, stroke=INK, rx=8, width=1.5, dash=None) -> None:
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.items.append(
            f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}" rx="{_f(rx)}" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{_f(width)}"{extra}/>')

    def circle(self, cx, cy, r, fill=PALE_GREY, stroke=INK, width=1.5) -> None:
        self.items.append(f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(r)}" fill="{fill}" '
                          f'stroke="{stroke}" stroke-width="{_f(width)}"/>')

    def ellipse(self, cx, cy, rx, ry, fill=PALE_GREY, stroke=INK, width=1.5) -> None:
        self.items.append(f'<ellipse cx="{_f(cx)}" cy="{_f(cy)}" rx="{_f(rx)}" ry="{_f(ry)}" '
                          f'fill="{fill}" stroke="{stroke}" stroke-width="{_f(width)}"/>')

    def path(self, d, fill="none", stroke=INK, width=1.5, dash=None, arrow=None) -> None:
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        if arrow:
            extra += f' marker-end="url(#{self._marker(arrow)})"'
        self.items.append(f'<path d="{d}" fill="{fill}" stroke="{stroke}" '
                          f'stroke-width="{_f(width)}" stroke-linejoin="round"{extra}/>')

    def arrow(self, x1, y1, x2, y2, color=INK, width=2.5, dash=None) -> None:
        self.path(f"M{_f(x1)},{_f(y1)} L{_f(x2)},{_f(y2)}", stroke=color, width=width,
                  dash=dash, arrow=color)

    def inhibit(self, x1, y1, x2, y2, color=INK, width=2.5) -> None:
        """A line ending in a flat bar (the usual sign for 'inhibits')."""
        self.path(f"M{_f(x1)},{_f(y1)} L{_f(x2)},{_f(y2)}", stroke=color, width=width)
        length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 or 1.0
        nx, ny = -(y2 - y1) / length * 9, (x2 - x1) / length * 9
        self.path(f"M{_f(x2 - nx)},{_f(y2 - ny)} L{_f(x2 + nx)},{_f(y2 + ny)}", stroke=color,
                  width=width + 1)

    def text(self, x, y, s, size=MIN_FONT, anchor="middle", weight="normal", color=INK,
             italic=False) -> None:
        if size < MIN_FONT:
            raise ValueError(f"size must be >= {MIN_FONT}, got {size}")
        style = ' font-style="italic"' if italic else ""
        bold = f' font-weight="{weight}"' if weight != "normal" else ""
        self.items.append(f'<text x="{_f(x)}" y="{_f(y)}" font-size="{_f(size)}" '
                          f'text-anchor="{anchor}" fill="{color}"{bold}{style}>{escape(s)}</text>')

    def lines(self, x, y, rows, size=MIN_FONT, gap=None, **kw) -> None:
        """Several lines of text, the first baseline at y."""
        step = gap if gap is not None else size * 1.25
        for i, row in enumerate(rows):
            self.text(x, y + i * step, row, size=size, **kw)

    def box(self, x, y, w, h, rows, fill=PALE_GREY, stroke=INK, size=MIN_FONT, weight="normal",
            color=INK, dash=None) -> None:
        """A rounded box with centred lines of text."""
        self.rect(x, y, w, h, fill=fill, stroke=stroke, dash=dash)
        step = size * 1.25
        first = y + h / 2 - step * (len(rows) - 1) / 2 + size * 0.35
        self.lines(x + w / 2, first, rows, size=size, weight=weight, color=color)

    # --- output -----------------------------------------------------------------------------
    def _marker(self, color: str) -> str:
        name = "arrow-" + color.lstrip("#")
        if name not in self._markers:
            self._markers.add(name)
            self.defs.append(
                f'<marker id="{name}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" '
                f'markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
                f'fill="{color}"/></marker>')
        return name

    def svg(self) -> str:
        h = _f(self.height)
        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{h}" '
            f'viewBox="0 0 {WIDTH} {h}" role="img" font-family="{FONT}">',
            f"<title>{escape(self.title)}</title>",
            f"<desc>{escape(self.desc)}</desc>",
        ]
        if self.defs:
            out.append("<defs>" + "".join(self.defs) + "</defs>")
        out.append(f'<rect class="panel" x="0" y="0" width="{WIDTH}" height="{h}" rx="12" '
                   f'fill="{PANEL}" stroke="{PANEL_EDGE}" stroke-width="1"/>')
        out.extend(self.items)
        out.append("</svg>")
        return "\n".join(out) + "\n"
