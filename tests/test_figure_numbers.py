"""Science numbers stay out of figure code (issue 20): a figure module draws what the science modules
compute and says numbers only by formatting them from there.

Two rules over the source of every module in ``ne_lib/figures``:

* no text a reader sees (labels, captions, alt texts, options) writes a number with a unit
  ("15-50 ms", "(310 nM)", "10 spikes at 15 Hz"): such text is an f-string that formats the
  science module's constant, so the caption cannot drift from the model;
* no code comment cites a source: a number that needs a reference belongs, with it, in a science
  module (``310.0  # Palij1994`` in draw code was exactly that).
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIGURE_MODULES = sorted((ROOT / "ne_lib" / "figures").glob("*.py"))

_NUMBER = r"\d+(?:\.\d+)?(?:\s*(?:-|–|to)\s*\d+(?:\.\d+)?)?"
_UNIT = (r"(?:(?:\s*|-)(?:nM|uM|µM|mM|pM|µM/h|uM/h|nM/s|Hz|ms|s|min|h|%|mg/kg|m/s|mm|um|µm|spikes?|pulses|times|fold"
         r"|seconds?|minutes?|hours?|days?)|x)")
#: a number with a unit, as a caption would write it ("14 nM", "15-50 ms", "2.3 times", "5-10x")
NUMBER_WITH_UNIT = re.compile(rf"(?<![\w.^]){_NUMBER}{_UNIT}(?![\w/])")
#: keys of references.bib, as they appear in code comments ("Palij1994") or in text ("Watabe 1982")
SOURCE_KEYS = sorted(set(re.findall(r"@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text(encoding="utf-8"))))


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes (they describe the code to its maintainer, not to the reader)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                out.add(id(body[0].value))
    return out


def numbers_in_text(source: str) -> list[str]:
    """Every number with a unit written into a string of ``source`` (not its docstrings)."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            found += [f"line {node.lineno}: {m.group(0)!r} in {node.value.strip()[:60]!r}"
                      for m in NUMBER_WITH_UNIT.finditer(node.value)]
    return found


def sources_cited(source: str) -> list[str]:
    """Every comment of ``source`` that names a references.bib key (also as "Author Year")."""
    patterns = [re.compile(re.escape(k) + r"\b") for k in SOURCE_KEYS]
    patterns += [re.compile(rf"\b{m.group(1)}\s+{m.group(2)}\b")
                 for m in (re.fullmatch(r"([A-Z][A-Za-z]+?)(\d{4})[a-z]?", k) for k in SOURCE_KEYS) if m]
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT and any(p.search(tok.string) for p in patterns):
            found.append(f"line {tok.start[0]}: {tok.string.strip()[:70]!r}")
    return found


@pytest.mark.parametrize("path", FIGURE_MODULES, ids=lambda p: p.name)
def test_figure_text_formats_its_numbers_from_the_science_modules(path):
    found = numbers_in_text(path.read_text(encoding="utf-8"))
    assert not found, (f"{path.name} writes numbers into its text; format them from the science module's "
                       f"constant instead (f-string): {found}")


@pytest.mark.parametrize("path", FIGURE_MODULES, ids=lambda p: p.name)
def test_figure_code_cites_no_source(path):
    found = sources_cited(path.read_text(encoding="utf-8"))
    assert not found, (f"{path.name} cites a source: move the number, with its key, into the science module "
                       f"and import it: {found}")


def test_the_rules_catch_the_numbers_they_were_written_for():
    old = ('"""Doc: 15-50 ms is fine here."""\n'
           'LABEL = "shaded, 15-50 ms latency"\n'
           'ALT = f"basal NE (14 nM) and a burst peak (310 nM); {x:.0f} nM"\n'
           'CAPTION = "The burst (10 spikes at 15 Hz) raises NE about 2.3 times; DBH: 5-10x, over 36 hours, a 3-fold rise, 0.5 µM/h"\n'
           'PEAKS = ((1.0, "basal"), (310.0, "burst peak"))   # Abercrombie1988; Palij1994\n'
           'CAT = "Cat (1.2 m/s, Watabe 1982)"\n')
    texts = " ".join(numbers_in_text(old))
    for written in ("15-50 ms", "14 nM", "310 nM", "10 spikes", "15 Hz", "2.3 times", "5-10x", "36 hours", "3-fold", "0.5 µM/h", "1.2 m/s"):
        assert repr(written) in texts
    assert "Doc" not in texts and "{x" not in texts
    assert [c.split(":")[0] for c in sources_cited(old + "VELOCITY = 1.2   # Watabe 1982\n")] == ["line 5", "line 7"]
    fine = ('AXIS = "NE (nM)"\nTITLE = f"{rate:g} Hz, log10 of 10^n nM, alpha2A, 5 x 10^n nM"\n'
            'SIZE = (7.0, 3.8)  # layout\n')
    assert numbers_in_text(fine) == [] and sources_cited(fine) == []
