"""Sphinx extension: constants written with an underscore read as a reader expects.

Authors write a subscripted constant in running text as a plain-text ``K_B`` or ``K_m`` (in a formula
they write ``$K_B$``, which is typeset). Markdown shows the underscore as it is, so the page read
"1 + [B]/K_B". Here every such token in the prose of every page (chapters, glossary, instructor guide,
validation tables) becomes the letter with a subscript, K\\ :sub:`B`: one capital letter, an underscore
and one or two letters or digits, standing alone. Code, formulas and raw HTML are left as written
(``k_b_nM`` in code stays code). The flipbooks' captions are HTML made by ``ne_lib.figures`` and are
written with ``<sub>`` there (``InteractiveFigure`` refuses a caption with a raw ``K_B`` or ``$``).
"""

from __future__ import annotations

import re

from docutils import nodes

#: a capital letter, "_", one or two letters/digits; not inside a longer word, path or identifier
SUBSCRIPTED = re.compile(r"(?<![\w.\\-])([A-Z])_([A-Za-z0-9]{1,2})(?![\w-])")
_LEAVE_ALONE = (nodes.literal, nodes.literal_block, nodes.math, nodes.math_block, nodes.raw, nodes.comment,
                nodes.FixedTextElement, nodes.target)


def subscripts(text: str) -> list[nodes.Node]:
    """``text`` as Text and subscript nodes (a single Text node when it holds no such token)."""
    out: list[nodes.Node] = []
    at = 0
    for m in SUBSCRIPTED.finditer(text):
        out.append(nodes.Text(text[at:m.start()] + m.group(1)))
        out.append(nodes.subscript(m.group(2), m.group(2)))
        at = m.end()
    out.append(nodes.Text(text[at:]))
    return [n for n in out if not (isinstance(n, nodes.Text) and not str(n))]


def _in_code(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _LEAVE_ALONE):
            return True
        parent = parent.parent
    return False


def _subscript_constants(app, doctree):
    for text in list(doctree.findall(nodes.Text)):
        if "_" not in text or not SUBSCRIPTED.search(str(text)) or _in_code(text):
            continue
        parent = text.parent
        index = parent.index(text)
        parent.remove(text)
        for k, node in enumerate(subscripts(str(text))):
            parent.insert(index + k, node)


def setup(app):
    app.connect("doctree-read", _subscript_constants)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
