"""The bibliography is checked and every number in the science modules says where it comes from.

1. Every entry of references.bib records the stored record it was checked against (`verified`, not
   printed) and has a DOI or a stated reason why not (`nodoi`); no note shown to readers says
   "unverified".
2. Every numeric constant of a science module of ne_lib (module level, or the default of a class-level
   field such as a ``<Model>Params`` dataclass) carries, in its comment, a key of references.bib or the
   word "illustrative" (or "calibrated", for values fitted by a documented calibration). The comment may be
   on the number's own line, on comment lines directly above that line, or in the comment block above the
   statement; a number inside a call with a ``source=`` keyword naming a key (a validation case) is sourced
   by it. 0, 1 and 2 are structural and exempt, and so are private names (``_N_QUAD``: numerics, not science).
"""

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest
from pybtex.database import parse_file

from ne_lib.chapters import MODELS

ROOT = Path(__file__).resolve().parents[1]
BIB = parse_file(str(ROOT / "references.bib"))
KEYS = set(BIB.entries)
EXEMPT = {0, 1, 2, -1}


def test_every_entry_has_a_doi_or_a_reason_and_a_verification_record():
    missing = [k for k, e in BIB.entries.items() if "doi" not in e.fields and "nodoi" not in e.fields]
    assert not missing, f"entries without a doi or a nodoi reason: {missing}"
    unchecked = [k for k, e in BIB.entries.items() if not e.fields.get("verified", "").strip()]
    assert not unchecked, f"entries without a `verified` record: {unchecked}"


def test_no_reader_visible_field_says_unverified():
    shown = ("note", "title", "journal", "howpublished", "author")
    bad = [(k, f) for k, e in BIB.entries.items() for f in shown
           if "unverif" in str(e.fields.get(f, "")).lower()]
    bad += [(k, "author") for k, e in BIB.entries.items()
            if any("unverif" in str(p).lower() for p in e.persons.get("author", []))]
    assert not bad, bad


def test_dois_look_like_dois():
    bad = [k for k, e in BIB.entries.items()
           if "doi" in e.fields and not re.fullmatch(r"10\.\d{4,9}/\S+", e.fields["doi"])]
    assert not bad, bad


def _comments(source: str) -> dict[int, str]:
    out: dict[int, str] = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            out[tok.start[0]] = out.get(tok.start[0], "") + " " + tok.string
    return out


def _sourced(text: str) -> bool:
    if "illustrative" in text.lower() or "calibrated" in text.lower():
        return True
    return any(word in KEYS for word in re.findall(r"[A-Za-z][A-Za-z0-9]+", text))


def _unsourced_constants(path: Path) -> list[tuple[int, object]]:
    """(line, value) of numeric literals in module-level or class-level assignments without a source."""
    source = path.read_text(encoding="utf-8")
    comments = _comments(source)
    lines = source.splitlines()
    tree = ast.parse(source)

    def block_above(lineno: int) -> str:
        text, i = "", lineno - 1
        while i >= 1 and lines[i - 1].lstrip().startswith("#"):
            text += " " + lines[i - 1]
            i -= 1
        return text

    statements = []
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            statements.append(node)
        elif isinstance(node, ast.ClassDef):
            statements += [n for n in node.body if isinstance(n, (ast.Assign, ast.AnnAssign))]
    def comment_lines_above(lineno: int) -> str:
        text, i = "", lineno - 1
        while i >= 1 and lines[i - 1].lstrip().startswith("#"):
            text += " " + lines[i - 1]
            i -= 1
        return text

    def call_sources(value) -> dict[int, bool]:
        """id(constant) -> True for constants inside a call whose ``source=`` keyword names a key."""
        covered: dict[int, bool] = {}
        for call in ast.walk(value):
            if isinstance(call, ast.Call):
                src = [k.value for k in call.keywords if k.arg == "source"]
                if src and isinstance(src[0], ast.Constant) and isinstance(src[0].value, str) \
                        and _sourced(src[0].value):
                    for sub in ast.walk(call):
                        covered[id(sub)] = True
        return covered

    found = []
    for stmt in statements:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        if any(isinstance(t, ast.Name) and t.id.startswith("_") for t in targets):
            continue
        value = stmt.value
        if value is None:
            continue
        above = block_above(stmt.lineno)
        by_call = call_sources(value)
        for sub in ast.walk(value):
            if isinstance(sub, ast.Constant) and type(sub.value) in (int, float) and sub.value not in EXEMPT:
                own = comments.get(sub.lineno, "") + comment_lines_above(sub.lineno)
                first = comments.get(stmt.lineno, "")
                if not (by_call.get(id(sub)) or _sourced(own) or _sourced(above)
                        or (sub.lineno == stmt.lineno and _sourced(first))):
                    if (sub.lineno, sub.value) not in found:
                        found.append((sub.lineno, sub.value))
    return found


SCIENCE_MODULES = sorted({m for m in MODELS} | {"drugs", "cases/synthesis", "cases/locus_coeruleus",
                                                "cases/receptors", "cases/disorders"})


@pytest.mark.parametrize("module", SCIENCE_MODULES)
def test_every_numeric_constant_names_its_source_or_says_illustrative(module):
    path = ROOT / "ne_lib" / f"{module}.py"
    if not path.exists():
        pytest.fail(f"science module {module} listed in ne_lib.chapters.MODELS has no file {path}")
    bad = _unsourced_constants(path)
    assert not bad, (f"ne_lib/{module}.py: numbers without a references.bib key or 'illustrative' "
                     f"in their comment: {bad}")


def test_the_constant_check_can_fail(tmp_path):
    """A module with one unsourced and two sourced numbers: exactly the unsourced one is reported."""
    key = next(iter(KEYS))
    mod = tmp_path / "m.py"
    mod.write_text(f"A = 3.5\nB = 4.5  # {key}\n# illustrative, chosen to show a shape\nC = 7\n"
                   "class P:\n    rate_hz: float = 9.0\n    k: int = 2\n"
                   f"CASES = [f(x=3.3, source='{key}'), f(x=4.4, source='nowhere')]\n_N = 240\n")
    assert _unsourced_constants(mod) == [(1, 3.5), (6, 9.0), (8, 4.4)]
