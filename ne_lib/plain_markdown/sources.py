"""What the course's own sources say about its words and works: the glossary's definitions and the
bibliography's references, read from ``glossary.md``, ``chapters/*/_glossary.md`` and
``references.bib`` for the plain copies (:mod:`ne_lib.plain_markdown`)."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["read_glossary", "read_citations", "course_references"]


def read_glossary(paths) -> dict[str, str]:
    """term (lower case) -> definition, from the ``{glossary}`` blocks of the given Markdown files."""
    terms: dict[str, str] = {}
    for path in paths:
        lines: list[str] = []
        inside, term = False, None
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if re.match(r"^`{3,}\{glossary\}", line):
                inside = True
                continue
            if not inside:
                continue
            if re.match(r"^`{3,}\s*$", line) or (line.strip() and not line[0].isspace()):
                if term:
                    terms[term.lower()] = " ".join(lines)
                term, lines = None, []
                if line.startswith("`"):
                    inside = False
                    continue
                term = line.strip()
            elif line.strip() and term:
                lines.append(line.strip())
        if term:
            terms[term.lower()] = " ".join(lines)
    return terms


def _author_year(entry) -> tuple[str, str]:
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    last = [" ".join(p.last_names) for p in people if str(p) != "others"] or ["Anon."]
    if len(last) < len(people):
        last += ["others", "others"]  # "and others" in the record: always "et al."
    who = last[0] if len(last) == 1 else f"{last[0]} and {last[1]}" if len(last) == 2 else f"{last[0]} et al."
    return who.replace("{", "").replace("}", ""), entry.fields.get("year", "n.d.")


def read_citations(bib_path) -> dict[str, tuple[str, str, str]]:
    """key -> (authors for the text, year, one-line reference), from a BibTeX file."""
    from pybtex.database import parse_file

    out = {}
    for key, entry in parse_file(str(bib_path)).entries.items():
        who, year = _author_year(entry)
        people = ", ".join(" ".join(p.last_names + p.first_names[:1]) for p in entry.persons.get("author", [])
                           if str(p) != "others")
        title = entry.fields.get("title", "").replace("{", "").replace("}", "")
        venue = entry.fields.get("journal") or entry.fields.get("booktitle") or entry.fields.get("publisher", "")
        doi = entry.fields.get("doi")
        ref = f"{people} ({year}). {title}. *{venue}*." + (f" https://doi.org/{doi}" if doi else "")
        out[key] = (who, year, ref.replace("  ", " "))
    return out


def course_references(root: str | Path) -> tuple[dict[str, str], dict]:
    """(glossary, citations) of the course at ``root``: its ``glossary.md`` and ``chapters/*/_glossary.md``
    blocks, and ``references.bib`` (empty if it has none)."""
    root = Path(root)
    glossary = read_glossary([p for p in [root / "glossary.md", *sorted((root / "chapters").rglob("_glossary.md"))]
                              if p.is_file()])
    citations = read_citations(root / "references.bib") if (root / "references.bib").is_file() else {}
    return glossary, citations
