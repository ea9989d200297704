"""Chapter hygiene for chapters/receptors: clean notebooks, known citations and glossary terms, a sound quiz."""

import json
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "receptors"
NOTEBOOKS = sorted(CHAPTER.glob("*.ipynb"))
BIB_KEYS = set(re.findall(r"@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text(encoding="utf-8")))
GLOSSARY_TERMS = {
    line.strip().lower()
    for path in [ROOT / "glossary.md", *ROOT.glob("chapters/*/_glossary.md")]
    for line in path.read_text(encoding="utf-8").splitlines()
    if line and not line.startswith((" ", "`", "#")) and not line.startswith("Terms used")
}


def _text(path):
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_clean(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("path", [*NOTEBOOKS, CHAPTER / "index.md"], ids=lambda p: p.name)
def test_citations_and_terms_resolve(path):
    text = _text(path)
    for group in re.findall(r"\{cite:?p?\}`([^`]+)`", text):
        for key in group.split(","):
            assert key.strip() in BIB_KEYS, f"{path.name}: unknown citation {key!r}"
    for term in re.findall(r"\{term\}`([^`]+)`", text):
        target = re.search(r"<([^>]+)>", term)
        name = (target.group(1) if target else term).strip().lower()
        assert name in GLOSSARY_TERMS, f"{path.name}: unknown glossary term {name!r}"


def test_exercises_count_and_coding_exercises_have_checks():
    text = "\n".join(_text(p) for p in NOTEBOOKS)
    labels = re.findall(r"```\{exercise\}\n:label: ([\w-]+)", text)
    assert len(labels) >= 3
    code = "\n".join(c.source for p in NOTEBOOKS for c in nbformat.read(p, as_version=4).cells
                     if c.cell_type == "code")
    assert code.count("### BEGIN SOLUTION") >= 1 and code.count("check.") >= 1


def test_quiz_is_well_formed():
    quiz = json.loads((CHAPTER / "quiz.json").read_text(encoding="utf-8"))
    assert len(quiz) >= 4
    for q in quiz:
        assert q["question"].strip()
        correct = [a for a in q["answers"] if a.get("correct")]
        assert len(correct) == 1, q["question"]
        assert all(a.get("feedback") for a in q["answers"])
