"""The synthesis pathway, tyrosine to adrenaline, with structures drawn by RDKit from SMILES.

Presentation only: the enzymes, cofactors and places match the table in chapter 1
(chapters/synthesis/making_ne.ipynb); no science numbers. Needs RDKit (requirements/book.txt).
"""
from __future__ import annotations

import math
import re

from ._svg import BLUE, INK, MUTED, PALE_PURPLE, PURPLE, Drawing

#: (name, SMILES). Stereo centres: L-tyrosine and L-DOPA are (S); natural NE and adrenaline are (R).
MOLECULES = (
    ("L-tyrosine", "N[C@@H](Cc1ccc(O)cc1)C(=O)O"),
    ("L-DOPA", "N[C@@H](Cc1ccc(O)c(O)c1)C(=O)O"),
    ("dopamine", "NCCc1ccc(O)c(O)c1"),
    ("norepinephrine (NE)", "NC[C@H](O)c1ccc(O)c(O)c1"),
    ("adrenaline", "CNC[C@H](O)c1ccc(O)c(O)c1"),
)

#: (enzyme, what it needs and where, what it does) for each arrow.
STEPS = (
    ("tyrosine hydroxylase (TH)", "Fe\u00b2\u207a, O\u2082, BH4 \u00b7 cytosol", "adds OH to the ring; slowest step"),
    ("AADC", "vitamin B6 \u00b7 cytosol", "removes CO\u2082"),
    ("dopamine \u03b2-hydroxylase (DBH)", "Cu, vitamin C, O\u2082", "inside the vesicle (after VMAT2)"),
    ("PNMT", "SAM (methyl donor) \u00b7 cytosol", "adrenal medulla, C1\u2013C3; not in the LC"),
)

MOL_W, MOL_H = 250, 104  # size of each structure drawing
ROW = 104 + 78  # vertical distance from one molecule to the next
TOP = 56


def _template():
    """Phenethylamine laid out with the ring on the left and the side chain to the right."""
    from rdkit import Chem
    from rdkit.Chem import rdDepictor
    from rdkit.Geometry import Point3D

    tmpl = Chem.MolFromSmiles("NCCc1ccccc1")
    rdDepictor.Compute2DCoords(tmpl)
    conf = tmpl.GetConformer()
    ring = [a.GetIdx() for a in tmpl.GetAtoms() if a.GetIsAromatic()]
    cx = sum(conf.GetAtomPosition(i).x for i in ring) / len(ring)
    cy = sum(conf.GetAtomPosition(i).y for i in ring) / len(ring)
    n = conf.GetAtomPosition(0)
    angle = -math.atan2(n.y - cy, n.x - cx)  # rotate so the amine lies along +x
    c, s = math.cos(angle), math.sin(angle)
    for i in range(tmpl.GetNumAtoms()):
        p = conf.GetAtomPosition(i)
        x, y = p.x - cx, p.y - cy
        conf.SetAtomPosition(i, Point3D(x * c - y * s, x * s + y * c, 0.0))
    return tmpl


def structure_svg(smiles: str, template=None) -> str:
    """The inner SVG markup (no header, no background) of one structure, MOL_W x MOL_H."""
    from rdkit import Chem
    from rdkit.Chem import rdDepictor
    from rdkit.Chem.Draw import rdMolDraw2D

    mol = Chem.MolFromSmiles(smiles)
    if mol is None:
        raise ValueError(f"smiles is not a valid SMILES string: {smiles!r}")
    template = template if template is not None else _template()
    rdDepictor.GenerateDepictionMatching2DStructure(mol, template)
    drawer = rdMolDraw2D.MolDraw2DSVG(MOL_W, MOL_H)
    opts = drawer.drawOptions()
    opts.clearBackground = False
    opts.fixedBondLength = 24
    opts.fixedFontSize = 17
    opts.bondLineWidth = 2
    opts.padding = 0.04
    opts.addStereoAnnotation = False
    drawer.DrawMolecule(mol)
    drawer.FinishDrawing()
    text = drawer.GetDrawingText()
    body = text.split("<!-- END OF HEADER -->", 1)[1]
    body = body.replace("</svg>", "").strip()
    body = re.sub(r"\s+/>", "/>", body)
    return body.replace("'", '"')


def synthesis_pathway() -> str:
    """SVG text of the pathway figure."""
    from rdkit import Chem

    template = _template()
    height = TOP + ROW * (len(MOLECULES) - 1) + MOL_H + 16
    d = Drawing(
        height,
        title="How norepinephrine is made",
        desc=("Four enzyme steps: tyrosine hydroxylase turns L-tyrosine into L-DOPA, AADC turns "
              "L-DOPA into dopamine, dopamine beta-hydroxylase inside the vesicle turns dopamine into "
              "norepinephrine, and PNMT, outside the locus coeruleus, turns norepinephrine into "
              "adrenaline."))
    d.text(280, 34, "From tyrosine to adrenaline", size=21, weight="bold")
    mol_x = 8
    arrow_x = mol_x + MOL_W * 0.36
    label_x = 272
    for i, (name, smiles) in enumerate(MOLECULES):
        if Chem.MolFromSmiles(smiles) is None:
            raise ValueError(f"bad SMILES for {name}")
        y = TOP + i * ROW
        d.raw(f'<svg x="{mol_x}" y="{y}" width="{MOL_W}" height="{MOL_H}" '
              f'viewBox="0 0 {MOL_W} {MOL_H}">{structure_svg(smiles, template)}</svg>')
        d.text(label_x, y + MOL_H / 2 + 7, name, size=20, anchor="start", weight="bold")
        if name.startswith("norepinephrine"):
            d.text(label_x, y + MOL_H / 2 + 31, "LC neurons stop here", size=17, anchor="start",
                   color=MUTED, italic=True)
        if i == len(STEPS):
            continue
        enzyme, needs, note = STEPS[i]
        top, bottom = y + MOL_H + 4, y + ROW - 4
        if enzyme.startswith("dopamine"):
            d.rect(4, top - 2, 552, bottom - top + 4, fill=PALE_PURPLE, stroke=PURPLE, rx=10,
                   width=1.2, dash="6 4")
        d.arrow(arrow_x, top, arrow_x, bottom, color=BLUE, width=3)
        tx = arrow_x + 16
        d.text(tx, top + 21, enzyme, size=18, anchor="start", weight="bold", color=BLUE)
        d.text(tx, top + 44, needs, size=16, anchor="start", color=INK)
        d.text(tx, top + 65, note, size=16, anchor="start", color=MUTED, italic=True)
    return d.svg()
