"""Schematic diagrams drawn as code: the LC and its projections, a noradrenergic synapse, and
the receptor -> G protein -> second messenger cascade.

Presentation only. The labels follow the chapter text (chapters/locus_coeruleus/lc_anatomy_and_firing,
chapters/receptors/clearing_ne and receptors_and_signaling); shapes are schematic, not to scale,
and every number here is a layout coordinate.
"""
from __future__ import annotations

from ._svg import (
    BLUE,
    GREEN,
    INK,
    MUTED,
    ORANGE,
    PALE_BLUE,
    PALE_GREEN,
    PALE_GREY,
    PALE_ORANGE,
    PALE_PURPLE,
    PURPLE,
    RED,
    Drawing,
)


def lc_projections() -> str:
    """A side view of the brain with the LC and its main targets."""
    d = Drawing(
        470,
        title="The locus coeruleus and its main projections",
        desc=("Side view of a brain, front to the left. The locus coeruleus, a small group of cells "
              "in the pons of the brainstem, sends branching axons forward to the neocortex, "
              "thalamus, hippocampus and amygdala, back to the cerebellum and down the spinal cord. "
              "Much of the input to the hypothalamus comes instead from the A1 and A2 groups in the "
              "medulla, shown dashed."))
    d.text(280, 32, "The LC broadcasts to the whole brain", size=21, weight="bold")
    # outlines (schematic): cerebrum, cerebellum, brainstem and spinal cord
    d.path("M60,215 C48,125 140,62 262,60 C378,58 462,100 470,180 C476,232 444,262 392,262 "
           "L322,262 C300,300 250,318 200,306 C150,296 112,282 88,262 C70,248 62,234 60,215 Z",
           fill=PALE_GREY, stroke=INK, width=2)
    d.path("M318,262 L352,262 C360,300 364,330 360,372 L334,372 C334,330 328,296 318,262 Z",
           fill="#e8e8e8", stroke=INK, width=2)
    d.path("M334,372 L360,372 L358,452 L338,452 Z", fill="#e8e8e8", stroke=INK, width=2)
    d.ellipse(420, 300, 62, 40, fill="#e8e8e8", stroke=INK, width=2)
    for dy in (-18, 0, 18):
        d.path(f"M372,{300 + dy} C400,{290 + dy} 440,{290 + dy} 470,{300 + dy}", stroke=MUTED,
               width=1)
    # target regions (schematic places)
    d.ellipse(282, 196, 40, 20, fill="#ffffff", stroke=INK)  # thalamus
    d.text(282, 202, "thalamus", size=16)
    d.path("M212,232 C236,214 278,222 300,240", stroke=INK, width=7)  # hippocampus
    d.circle(190, 262, 11, fill="#ffffff", stroke=INK)  # amygdala
    d.circle(252, 262, 9, fill="#ffffff", stroke=INK, width=1.5)  # hypothalamus
    # LC and the lower groups
    lc = (352, 292)
    a12 = (346, 352)
    # LC axons (solid blue)
    d.path(f"M{lc[0]},{lc[1]} C380,230 360,130 262,122 C200,118 140,132 110,160", stroke=BLUE,
           width=3, arrow=BLUE)
    d.path("M330,134 C370,140 400,150 420,170", stroke=BLUE, width=3, arrow=BLUE)
    d.path(f"M{lc[0]},{lc[1]} C330,262 312,238 296,222", stroke=BLUE, width=3, arrow=BLUE)
    d.path(f"M{lc[0]},{lc[1]} C330,270 310,250 296,244", stroke=BLUE, width=2.5, arrow=BLUE)
    d.path(f"M{lc[0]},{lc[1]} C320,300 240,300 204,268", stroke=BLUE, width=2.5, arrow=BLUE)
    d.path(f"M{lc[0]},{lc[1]} C372,290 384,296 396,300", stroke=BLUE, width=3, arrow=BLUE)
    d.path(f"M{lc[0]},{lc[1]} C356,330 350,380 348,440", stroke=BLUE, width=3, arrow=BLUE)
    # A1/A2 to the hypothalamus (dashed grey)
    d.path(f"M{a12[0]},{a12[1]} C330,320 290,290 262,268", stroke=MUTED, width=2.5, dash="6 4",
           arrow=MUTED)
    d.circle(*lc, 9, fill=BLUE, stroke=INK)
    d.circle(*a12, 6, fill=MUTED, stroke=INK)
    # labels
    d.text(262, 92, "neocortex", size=18, weight="bold")
    d.text(150, 218, "hippocampus", size=16)
    d.text(150, 300, "amygdala", size=16)
    d.text(236, 340, "hypothalamus", size=16)
    d.path("M244,322 L250,274", stroke=INK, width=1)
    d.text(420, 356, "cerebellum", size=16)
    d.text(372, 274, "LC", size=20, weight="bold", color=BLUE, anchor="start")
    d.text(372, 410, "A1/A2", size=16, color=MUTED, anchor="start")
    d.path(f"M370,404 L{a12[0] + 6},{a12[1] + 4}", stroke=MUTED, width=1)
    d.text(300, 448, "spinal cord", size=16, anchor="end")
    d.text(40, 448, "\u2190 front", size=16, anchor="start", color=MUTED)
    # key
    d.path("M396,424 L426,424", stroke=BLUE, width=3)
    d.text(432, 430, "LC axons", size=16, anchor="start")
    d.path("M396,448 L426,448", stroke=MUTED, width=2.5, dash="6 4")
    d.text(432, 454, "A1/A2 axons", size=16, anchor="start")
    return d.svg()


def _ne_dots(d: Drawing, points) -> None:
    for x, y in points:
        d.circle(x, y, 4.5, fill=ORANGE, stroke="none", width=0)


def noradrenergic_synapse() -> str:
    """A varicosity releasing NE, the three ways the signal ends, and the receptors it reaches."""
    d = Drawing(
        560,
        title="A noradrenergic synapse",
        desc=("An axon swelling of a noradrenergic neuron holds vesicles in which dopamine "
              "beta-hydroxylase makes NE. A vesicle releases NE into the gap. NE acts on alpha1, beta "
              "and alpha2A receptors of the next cell and on alpha2 autoreceptors that brake further "
              "release. The transporter NET carries NE back into the terminal, where it is repackaged "
              "or broken down by MAO on mitochondria; COMT acts mostly outside noradrenergic neurons."))
    d.text(280, 32, "A noradrenergic synapse", size=21, weight="bold")
    # presynaptic terminal
    d.path("M40,56 L520,56 L520,210 C520,236 500,250 474,250 L86,250 C60,250 40,236 40,210 Z",
           fill=PALE_ORANGE, stroke=INK, width=2)
    d.text(56, 82, "axon swelling of an NE neuron", size=16, anchor="start", color=MUTED)
    # vesicles, where DBH finishes NE
    for cx, cy in ((110, 160), (190, 188), (266, 150)):
        d.circle(cx, cy, 26, fill="#ffffff", stroke=PURPLE, width=2)
        _ne_dots(d, ((cx - 9, cy - 6), (cx + 8, cy - 9), (cx + 2, cy + 9)))
    d.text(70, 114, "vesicles: DBH makes NE inside", size=16, anchor="start", color=PURPLE)
    # fusing vesicle releasing NE
    d.path("M300,250 C300,222 360,222 360,250", fill="#ffffff", stroke=PURPLE, width=2)
    _ne_dots(d, ((318, 242), (338, 240), (314, 266), (332, 276), (350, 262), (300, 284), (366, 288),
                 (250, 280), (410, 278), (286, 298)))
    d.text(330, 214, "release", size=16, weight="bold")
    # mitochondrion with MAO
    d.ellipse(440, 126, 62, 24, fill=PALE_GREEN, stroke=GREEN, width=2)
    d.text(440, 132, "mitochondrion", size=16, color=GREEN)
    d.text(440, 92, "MAO", size=17, weight="bold", color=GREEN)
    # NET: reuptake
    d.rect(452, 238, 34, 26, fill="#ffffff", stroke=BLUE, rx=5, width=2.5)
    d.text(476, 290, "NET", size=17, anchor="start", weight="bold", color=BLUE)
    d.path("M436,300 C452,280 462,262 468,214", stroke=BLUE, width=2.5, arrow=BLUE)
    d.path("M468,206 C466,186 460,170 452,156", stroke=BLUE, width=2, dash="5 4", arrow=BLUE)
    d.text(450, 204, "reuptake", size=16, anchor="end", color=BLUE)
    # presynaptic alpha2 autoreceptor
    d.rect(150, 238, 30, 26, fill="#ffffff", stroke=RED, rx=5, width=2.5)
    d.inhibit(162, 236, 176, 212, color=RED, width=2)
    d.text(56, 292, "\u03b12 autoreceptor:", size=16, anchor="start", color=RED, weight="bold")
    d.text(56, 312, "brakes release", size=16, anchor="start", color=RED)
    # gap
    d.text(540, 318, "gap", size=16, anchor="end", color=MUTED, italic=True)
    # postsynaptic cell
    d.path("M40,350 C40,336 52,328 70,328 L490,328 C508,328 520,336 520,350 L520,470 L40,470 Z",
           fill=PALE_BLUE, stroke=INK, width=2)
    for x, label, colour in ((140, "\u03b11", INK), (250, "\u03b2", INK), (360, "\u03b12A", INK)):
        d.rect(x - 18, 316, 36, 26, fill="#ffffff", stroke=colour, rx=5, width=2.5)
        d.text(x, 366, label, size=17, weight="bold")
    d.text(140, 390, "Gq", size=16)
    d.text(250, 390, "Gs", size=16)
    d.text(360, 390, "Gi", size=16)
    d.text(56, 446, "next cell (neuron, glia or muscle)", size=16, anchor="start", color=MUTED)
    d.rect(410, 404, 102, 50, fill=PALE_GREEN, stroke=GREEN, rx=8, width=1.5)
    d.text(461, 426, "COMT", size=17, weight="bold", color=GREEN)
    d.text(461, 446, "mostly here", size=16, color=GREEN)
    # key
    d.circle(60, 510, 5, fill=ORANGE, stroke="none", width=0)
    d.text(74, 516, "NE", size=16, anchor="start")
    d.inhibit(140, 510, 172, 510, color=RED, width=2)
    d.text(182, 516, "inhibits", size=16, anchor="start")
    d.text(272, 516, "schematic, not to scale", size=16, anchor="start", color=MUTED, italic=True)
    d.text(56, 540, "Three exits: reuptake (main), spread, breakdown", size=16, anchor="start")
    return d.svg()


def receptor_cascade() -> str:
    """Receptor -> G protein -> effector -> second messenger -> kinase, for the three families."""
    d = Drawing(
        570,
        title="From receptor to second messenger",
        desc=("Norepinephrine binds three receptor families. Alpha1 receptors act through Gq and "
              "phospholipase C, making IP3, which frees calcium, and DAG, which turns on protein "
              "kinase C. Beta receptors act through Gs to stimulate adenylyl cyclase, raising cAMP and "
              "activating protein kinase A. Alpha2 receptors act through Gi to inhibit adenylyl "
              "cyclase and to open potassium channels, quieting the cell."))
    d.text(280, 32, "From receptor to second messenger", size=21, weight="bold")
    d.box(180, 50, 200, 40, ["NE binds"], fill=PALE_ORANGE, stroke=ORANGE, size=18, weight="bold")
    cols = (95, 280, 465)
    w = 168
    for x in cols:
        d.arrow(280 + (x - 280) * 0.3, 92, x, 112, color=INK, width=2)

    def box(col, y, rows, h=48, **kw):
        d.box(cols[col] - w / 2, y, w, h, rows, **kw)

    box(0, 116, ["\u03b11 receptor", "(A, B, D)"], h=54, fill="#ffffff", weight="bold")
    box(1, 116, ["\u03b2 receptor", "(1, 2, 3)"], h=54, fill="#ffffff", weight="bold")
    box(2, 116, ["\u03b12 receptor", "(A, B, C)"], h=54, fill="#ffffff", weight="bold")
    for x in cols:
        d.arrow(x, 172, x, 194, width=2)
    box(0, 198, ["Gq"], h=40, fill=PALE_PURPLE, stroke=PURPLE, size=18, weight="bold")
    box(1, 198, ["Gs"], h=40, fill=PALE_GREEN, stroke=GREEN, size=18, weight="bold")
    box(2, 198, ["Gi/o"], h=40, fill=PALE_BLUE, stroke=BLUE, size=18, weight="bold")
    d.arrow(cols[0], 240, cols[0], 262, width=2)
    d.arrow(cols[1], 240, cols[1], 262, color=GREEN, width=2.5)
    d.text(cols[1] + 12, 258, "+", size=20, anchor="start", weight="bold", color=GREEN)
    d.inhibit(cols[2] - 40, 240, cols[1] + 70, 264, color=RED, width=2.5)
    d.text(cols[2] - 62, 270, "\u2212", size=22, anchor="middle", weight="bold", color=RED)
    d.arrow(cols[2] + 30, 240, cols[2] + 30, 290, color=BLUE, width=2)
    box(0, 266, ["phospholipase C"], h=44)
    box(1, 266, ["adenylyl cyclase"], h=44)
    box(2, 294, ["K\u207a channels open,", "Ca\u00b2\u207a channels shut"], h=56, fill=PALE_BLUE,
        stroke=BLUE)
    d.arrow(cols[0] - 40, 312, cols[0] - 40, 336, width=2)
    d.arrow(cols[0] + 40, 312, cols[0] + 40, 336, width=2)
    d.arrow(cols[1], 312, cols[1], 336, width=2)
    d.box(cols[0] - 84, 340, 78, 40, ["IP3"], fill=PALE_ORANGE, stroke=ORANGE, weight="bold")
    d.box(cols[0] + 6, 340, 78, 40, ["DAG"], fill=PALE_ORANGE, stroke=ORANGE, weight="bold")
    box(1, 340, ["cAMP"], h=40, fill=PALE_ORANGE, stroke=ORANGE, weight="bold")
    d.arrow(cols[0] - 45, 382, cols[0] - 45, 404, width=2)
    d.arrow(cols[0] + 45, 382, cols[0] + 45, 404, width=2)
    d.arrow(cols[1], 382, cols[1], 404, width=2)
    d.box(cols[0] - 84, 408, 78, 56, ["Ca\u00b2\u207a", "freed"], fill="#ffffff")
    d.box(cols[0] + 6, 408, 78, 56, ["PKC", "on"], fill="#ffffff")
    box(1, 408, ["protein kinase A", "(PKA) on"], h=56, fill="#ffffff")
    d.arrow(cols[2], 352, cols[2], 404, color=BLUE, width=2)
    box(2, 408, ["cell quieter;", "at NE terminals,", "less release"], h=70, fill="#ffffff")
    d.text(cols[0], 502, "mostly excitatory", size=16, color=PURPLE, weight="bold")
    d.text(cols[1], 502, "depends on the cell", size=16, color=GREEN, weight="bold")
    d.text(cols[2], 502, "mostly inhibitory", size=16, color=BLUE, weight="bold")
    d.text(280, 532, "second messengers: IP3, DAG, Ca\u00b2\u207a, cAMP (orange)", size=16,
           color=MUTED)
    d.text(280, 554, "cAMP reports the balance of \u03b2 against \u03b12", size=16, color=MUTED)
    return d.svg()
