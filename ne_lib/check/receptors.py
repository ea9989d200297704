"""Automatic checks for the coding exercises of the chapter "Receptors and signaling, and how the signal ends".

Each check computes the expected answer from the course's own models (the reference
solution) and explains typical mistakes. ``None`` means "not answered yet".
"""

from __future__ import annotations

from ne_lib import receptors, synapse
from ne_lib.check import Feedback, check_number

__all__ = ["prazosin_dose_ratio", "ne_for_half_alpha1_with_prazosin", "net_block_fold"]

PRAZOSIN_nM = 1.0      # the concentration used in exercise rec-ex-schild
NET_BLOCK = 0.9        # the NET block used in exercise rec-ex-net


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
                        hint="K_B is receptors.ANTAGONISTS['prazosin'].k_b_nM['alpha1'] (nM).", mistakes=mistakes)


def ne_for_half_alpha1_with_prazosin(conc_nM) -> Feedback:
    """Exercise rec-ex-schild (part 2): NE (nM) giving 50% alpha1 occupancy with 1 nM prazosin."""
    k = receptors.NE_AFFINITY_nM["alpha1"]
    k_b = receptors.ANTAGONISTS["prazosin"].k_b_nM["alpha1"]
    expected = k * receptors.dose_ratio(PRAZOSIN_nM, k_b)
    mistakes = {
        "This is the alpha1 K without the drug: the antagonist multiplies it by the dose ratio.": k,
        "This multiplies K by [B]/K_B only: the factor is 1 + [B]/K_B.": k * PRAZOSIN_nM / k_b,
        "This is in uM: the answer is wanted in nM.": expected / 1000.0,
    }
    return check_number("rec-ex-schild-ne", conc_nM, expected, name="NE for half occupancy", units="nM",
                        hint="Multiply NE_AFFINITY_nM['alpha1'] by the dose ratio.", mistakes=mistakes)


def net_block_fold(fold) -> Feedback:
    """Exercise rec-ex-net: steady NE with NET 90% blocked divided by basal steady NE (same firing rate)."""
    base = synapse.steady_state_ne_nM()
    blocked = synapse.steady_state_ne_nM(net_block=NET_BLOCK)
    expected = blocked / base
    no_feedback_base = synapse.steady_state_ne_nM(alpha2_block=1.0)
    no_feedback_blocked = synapse.steady_state_ne_nM(net_block=NET_BLOCK, alpha2_block=1.0)
    mistakes = {
        "This is basal divided by blocked: put the blocked level on top.": base / blocked,
        "This is the rise in nM, not the fold: divide instead of subtracting.": blocked - base,
        "This is blocked NE in nM, not a ratio: divide by the basal level.": blocked,
        "This is 1/(1 - block), the answer if NET were the only clearance and there were no feedback; "
        "use the model's steady states.": 1.0 / (1.0 - NET_BLOCK),
        "This has the alpha2 receptors blocked too: leave alpha2_block at 0.":
            no_feedback_blocked / no_feedback_base,
    }
    return check_number("rec-ex-net", fold, expected, name="fold rise in NE", units="fold",
                        hint="Call synapse.steady_state_ne_nM(net_block=0.9) and steady_state_ne_nM().",
                        mistakes=mistakes)
