"""Automatic checks for the coding exercises of the chapter "Receptors and signaling, and how the signal ends".

Each check computes the expected answer from the course's own models (the reference
solution) and explains typical mistakes. ``None`` means "not answered yet".
"""

from __future__ import annotations

from ne_lib import receptors, synapse
from ne_lib.check import Feedback, check_number, wrong_earlier_answer
from ne_lib.check.registry import exercise, written

__all__ = ["prazosin_dose_ratio", "ne_for_half_alpha1_with_prazosin", "net_block_fold"]

PRAZOSIN_nM = 1.0      # the concentration used in exercise rec-ex-schild
NET_BLOCK = 0.9        # the NET block of exercise rec-ex-net on the website (the default variant)
ALPHA2_BLOCK = 0.5     # the alpha2 block of exercise rec-ex-alpha2


@exercise("rec-ex-schild", answers=("ratio",), points=1)
def prazosin_dose_ratio(ratio) -> Feedback:
    """Exercise rec-ex-schild (part 1): dose ratio of 1 nM prazosin at alpha1."""
    k_b = receptors.ANTAGONISTS["prazosin"].k_b_nM["alpha1"]
    expected = receptors.dose_ratio(PRAZOSIN_nM, k_b)
    mistakes = {
        "This is [B]/K_B alone: the dose ratio is 1 + [B]/K_B.": PRAZOSIN_nM / k_b,
        "This is K_B/[B]: the antagonist concentration goes on top.": k_b / PRAZOSIN_nM,
        "This is the dose ratio minus one inverted: use 1 + [B]/K_B.": 1 + k_b / PRAZOSIN_nM,
    }
    return check_number("rec-ex-schild", ratio, expected, name="dose ratio", units="",
                        hint="The dose ratio compares the antagonist concentration with its K_B (both in nM).", mistakes=mistakes)


@exercise("rec-ex-schild-ne", answers=("conc_nM",), points=1, carried={"previous_ratio": "rec-ex-schild"})
def ne_for_half_alpha1_with_prazosin(conc_nM, previous_ratio=None) -> Feedback:
    """Exercise rec-ex-schild-ne: NE (nM) giving 50% alpha1 occupancy with 1 nM prazosin.

    ``previous_ratio`` is the student's answer to rec-ex-schild (the dose ratio), which this exercise reuses.
    """
    k = receptors.NE_AFFINITY_nM["alpha1"]
    k_b = receptors.ANTAGONISTS["prazosin"].k_b_nM["alpha1"]
    expected = k * receptors.dose_ratio(PRAZOSIN_nM, k_b)
    mistakes = {
        "This is the alpha1 K without the drug: the antagonist multiplies it by the dose ratio.": k,
        "This multiplies K by [B]/K_B only: the factor is 1 + [B]/K_B.": k * PRAZOSIN_nM / k_b,
        "This is in uM: the answer is wanted in nM.": expected / 1000.0,
    }
    carried = {}
    earlier = wrong_earlier_answer(previous_ratio, prazosin_dose_ratio)
    if earlier is not None:   # the right method (K times the dose ratio) applied to the student's own ratio
        carried[f"the alpha1 K times your dose ratio from exercise rec-ex-schild (ratio = {earlier:.3g})"] = k * earlier
    return check_number("rec-ex-schild-ne", conc_nM, expected, name="NE for half occupancy", units="nM",
                        hint="Without the drug, half occupancy is at K; the antagonist shifts it by the dose ratio.",
                        mistakes=mistakes, carried_over=carried)


@exercise("rec-ex-net", answers=("fold",), points=2, variants={"net_block": (0.8, 0.85, 0.9, 0.95)},
          reference=lambda net_block: synapse.steady_state_ne_nM(net_block=net_block) / synapse.steady_state_ne_nM())
def net_block_fold(fold, net_block: float = NET_BLOCK) -> Feedback:
    """Exercise rec-ex-net: steady NE with a fraction ``net_block`` of NET blocked divided by basal steady NE."""
    base = synapse.steady_state_ne_nM()
    blocked = synapse.steady_state_ne_nM(net_block=net_block)
    expected = blocked / base
    no_feedback_base = synapse.steady_state_ne_nM(alpha2_block=1.0)
    no_feedback_blocked = synapse.steady_state_ne_nM(net_block=net_block, alpha2_block=1.0)
    mistakes = {
        "This is basal divided by blocked: put the blocked level on top.": base / blocked,
        "This is the rise in nM, not the fold: divide instead of subtracting.": blocked - base,
        "This is blocked NE in nM, not a ratio: divide by the basal level.": blocked,
        "This is 1/(1 - block), the answer if NET were the only clearance and there were no feedback; "
        "use the model's steady states.": 1.0 / (1.0 - net_block),
        "This has the alpha2 receptors blocked too: leave alpha2_block at 0.":
            no_feedback_blocked / no_feedback_base,
    }
    if net_block != NET_BLOCK:
        mistakes[f"This is the answer for the website's {NET_BLOCK:.0%} block; use the net_block of your own "
                 f"exercise cell ({net_block:g})."] = synapse.steady_state_ne_nM(net_block=NET_BLOCK) / base
    return check_number("rec-ex-net", fold, expected, name="fold rise in NE", units="fold",
                        hint=f"Compare the model's steady level with {net_block:.0%} of NET blocked against the "
                             "basal steady level, at the same firing rate.",
                        mistakes=mistakes)


# Written exercises (marked by hand with the rubric in the instructor guide) and their points.
written("rec-ex-cell", points=2, module=__name__)
written("rec-ex-schild-read", points=2, module=__name__)
written("rec-ex-agonist", points=3, module=__name__)
written("rec-ex-volume", points=2, module=__name__)


@exercise("rec-ex-alpha2", answers=("alpha2_fold",), points=1)
def alpha2_block_fold(fold) -> Feedback:
    """Exercise rec-ex-alpha2: steady NE with half of the alpha2 autoreceptors blocked divided by basal NE."""
    base = synapse.steady_state_ne_nM()
    blocked = synapse.steady_state_ne_nM(alpha2_block=ALPHA2_BLOCK)
    expected = blocked / base
    mistakes = {
        "This is basal divided by blocked: put the level with the autoreceptors blocked on top.": base / blocked,
        "This is the rise in nM, not the fold: divide instead of subtracting.": blocked - base,
        "This is the NE level in nM, not a ratio: divide by the basal level.": blocked,
        "This is the NET-block answer of the previous exercise: here NET works and only alpha2 is blocked.":
            synapse.steady_state_ne_nM(net_block=NET_BLOCK) / base,
        "This blocks both NET and alpha2: leave NET working.":
            synapse.steady_state_ne_nM(net_block=NET_BLOCK, alpha2_block=ALPHA2_BLOCK) / base,
        "This is a full alpha2 block; the question blocks half of the autoreceptors (alpha2_block=0.5).":
            synapse.steady_state_ne_nM(alpha2_block=1.0) / base,
    }
    return check_number("rec-ex-alpha2", fold, expected, name="fold rise in NE", units="fold",
                        hint="Take the steady level with the autoreceptors half blocked relative to the basal one.",
                        mistakes=mistakes)
