"""The course diagrams (ne_lib/diagrams): committed SVG equals a fresh drawing, legible at phone width,
safe on a dark page, shown on their pages with alt text, and free of science numbers."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ne_lib import diagrams
from ne_lib.diagrams import _svg

ROOT = Path(__file__).resolve().parents[1]
NS = {"s": "http://www.w3.org/2000/svg"}
NAMES = sorted(diagrams.DIAGRAMS)
PHONE_WIDTH_PX = 350


def _tree(name):
    return ET.parse(diagrams.OUT_DIR / name).getroot()


@pytest.mark.parametrize("name", NAMES)
def test_committed_svg_is_what_the_code_draws(name):
    pytest.importorskip("rdkit")  # pinned in requirements/book.txt; needed for the structures
    committed = (diagrams.OUT_DIR / name).read_text(encoding="utf-8")
    assert committed == diagrams.render(name), f"images/diagrams/{name} is stale: run python -m ne_lib.diagrams"


@pytest.mark.parametrize("name", NAMES)
def test_text_is_legible_at_phone_width(name):
    root = _tree(name)
    assert root.get("viewBox").split()[2] == str(_svg.WIDTH)
    sizes = [float(t.get("font-size")) for t in root.iter(f"{{{NS['s']}}}text")]
    assert sizes, "a diagram without labels"
    # shown 350 px wide on a phone, the smallest label is still about 10 px
    assert min(sizes) * PHONE_WIDTH_PX / _svg.WIDTH >= 9.5, min(sizes)


@pytest.mark.parametrize("name", NAMES)
def test_drawn_on_a_light_panel_with_title_and_description(name):
    root = _tree(name)
    title, desc = root.find("s:title", NS), root.find("s:desc", NS)
    assert title is not None and title.text and desc is not None and len(desc.text.split()) >= 15
    first_shape = next(el for el in root if el.tag.split("}")[1] not in ("title", "desc", "defs"))
    assert first_shape.tag.endswith("rect") and first_shape.get("fill") == _svg.PANEL
    assert (first_shape.get("width"), first_shape.get("height")) == (root.get("width"), root.get("height"))


@pytest.mark.parametrize("name", NAMES)
def test_shown_on_its_page_with_alt_text(name):
    page = ROOT / diagrams.DIAGRAMS[name][1]
    text = "".join("".join(c["source"]) for c in json.loads(page.read_text(encoding="utf-8"))["cells"]
                   if c["cell_type"] == "markdown")
    m = re.search(rf"!\[([^\]]*)\]\(\.\./\.\./images/diagrams/{re.escape(name)}\)", text)
    assert m, f"{name} is not shown on {page.name}"
    assert len(m.group(1).split()) >= 15, "alt text should describe the picture"


@pytest.mark.parametrize("name", NAMES)
def test_no_science_numbers_in_the_labels(name):
    """Diagrams are presentation: a value with a unit belongs in a cited model, not in a picture."""
    labels = " ".join(t.text or "" for t in _tree(name).iter(f"{{{NS['s']}}}text"))
    assert not re.search(r"\d\s*(nM|µM|uM|mM|Hz|ms|s\b|%|mm|m/s|min)", labels), labels


def test_structures_are_the_natural_stereoisomers():
    Chem = pytest.importorskip("rdkit.Chem")
    from rdkit.Chem import rdCIPLabeler

    from ne_lib.diagrams.pathway import MOLECULES
    expected = {"L-tyrosine": ["S"], "L-DOPA": ["S"], "dopamine": [], "norepinephrine (NE)": ["R"],
                "adrenaline": ["R"]}
    for name, smiles in MOLECULES:
        mol = Chem.MolFromSmiles(smiles)
        rdCIPLabeler.AssignCIPLabels(mol)
        codes = [a.GetProp("_CIPCode") for a in mol.GetAtoms() if a.HasProp("_CIPCode")]
        assert codes == expected[name], name


def test_render_names_the_allowed_values():
    with pytest.raises(ValueError, match="name must be one of"):
        diagrams.render("kidney.svg")
