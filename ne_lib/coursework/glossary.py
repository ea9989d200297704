"""The glossary a student copy carries: the course's definitions of the terms its notebook uses.

Jupyter has no glossary page, so each student copy ends with a "Glossary" cell defining every
``{term}`` the notebook uses, read from the chapters' ``_glossary.md`` files (MyST ``{glossary}``
blocks: a term line, then its indented definition).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from ._paths import METADATA_KEY

__all__ = ["read_glossary", "terms_used", "glossary_cell"]

_ROLE = re.compile(r"\{term\}`([^`]+)`")


def read_glossary(chapters_dir: str | Path) -> dict[str, tuple[str, str]]:
    """{term in lower case: (term, definition)} from every ``_glossary.md`` under ``chapters_dir``
    and the book's own ``glossary.md`` beside it."""
    terms: dict[str, tuple[str, str]] = {}
    chapters_dir = Path(chapters_dir)
    for path in sorted(chapters_dir.rglob("_glossary.md")) + [chapters_dir.parent / "glossary.md"]:
        if not path.is_file():
            continue
        inside, term = False, None
        lines: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines() + [""]:
            if line.startswith("```{glossary}"):
                inside = True
                continue
            if not inside:
                continue
            if line.startswith("```"):
                inside = False
            if line.strip() and not line.startswith((" ", "\t")) and not line.startswith("```"):
                if term and lines:
                    terms[term.lower()] = (term, " ".join(lines))
                term, lines = line.strip(), []
            elif line.strip() and term:
                lines.append(line.strip())
            if not inside and term:
                if lines:
                    terms[term.lower()] = (term, " ".join(lines))
                term, lines = None, []
    return terms


def terms_used(nb) -> list[str]:
    """The glossary terms a notebook's Markdown cells use, in first-use order (``{term}`text <term>```)."""
    seen: dict[str, None] = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for role in _ROLE.findall(cell.source):
                m = re.search(r"<([^>]+)>\s*$", role)
                seen.setdefault((m.group(1) if m else role).strip().lower(), None)
    return list(seen)


def glossary_cell(nb, glossary: dict[str, tuple[str, str]]):
    """A Markdown cell defining the terms ``nb`` uses, or None if it uses none that are defined."""
    used = sorted(t for t in terms_used(nb) if t in glossary)
    if not used:
        return None
    entries = [f"**{glossary[t][0]}**: {glossary[t][1]}" for t in used]
    text = "## Glossary\n\nThe course's definitions of the terms used in this notebook.\n\n" + "\n\n".join(entries)
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata[METADATA_KEY] = {"glossary": True}
    return cell
