"""The chapter's exercise checks pass on the reference answers and explain typical wrong answers."""

import pytest

from ne_lib import receptors, synapse
from ne_lib.check import receptors as check


def _kb():
    return receptors.ANTAGONISTS["prazosin"].k_b_nM["alpha1"]


def test_dose_ratio_check():
    right = 1 + 1.0 / _kb()          # reference solution written out independently: 1 + B/K_B
    assert check.prazosin_dose_ratio(right).passed
    fb = check.prazosin_dose_ratio(1.0 / _kb())
    assert not fb.passed and "1 + [B]/K_B" in fb.message
    fb = check.prazosin_dose_ratio(_kb())
    assert not fb.passed and "on top" in fb.message
    fb = check.prazosin_dose_ratio(None)
    assert not fb.passed and not fb.answered
    assert not check.prazosin_dose_ratio("5").passed


def test_half_occupancy_check():
    k = receptors.NE_AFFINITY_nM["alpha1"]
    right = k * (1 + 1.0 / _kb())
    assert check.ne_for_half_alpha1_with_prazosin(right).passed
    fb = check.ne_for_half_alpha1_with_prazosin(k)
    assert not fb.passed and "without the drug" in fb.message
    fb = check.ne_for_half_alpha1_with_prazosin(right / 1000)
    assert not fb.passed and "nM" in fb.message
    assert not check.ne_for_half_alpha1_with_prazosin(None).answered


def test_net_block_check():
    base = synapse.steady_state_ne_nM()
    blocked = synapse.steady_state_ne_nM(net_block=0.9)
    assert check.net_block_fold(blocked / base).passed
    fb = check.net_block_fold(base / blocked)
    assert not fb.passed and "on top" in fb.message
    fb = check.net_block_fold(blocked - base)
    assert not fb.passed and "divide" in fb.message
    fb = check.net_block_fold(10.0)
    assert not fb.passed and "feedback" in fb.message
    assert not check.net_block_fold(None).answered
    assert not check.net_block_fold(float("nan")).passed


def test_alpha2_block_check():
    base = synapse.steady_state_ne_nM()
    half = synapse.steady_state_ne_nM(alpha2_block=0.5)
    assert check.alpha2_block_fold(half / base).passed
    assert "on top" in check.alpha2_block_fold(base / half).message
    assert "full alpha2 block" in check.alpha2_block_fold(synapse.steady_state_ne_nM(alpha2_block=1.0) / base).message
    assert "NET-block answer" in check.alpha2_block_fold(synapse.steady_state_ne_nM(net_block=0.9) / base).message
    assert not check.alpha2_block_fold(None).answered


def test_net_block_variant_and_website_answer():
    base = synapse.steady_state_ne_nM()
    for block in (0.8, 0.85, 0.95):
        assert check.net_block_fold(synapse.steady_state_ne_nM(net_block=block) / base, net_block=block).passed
    website = check.net_block_fold(synapse.steady_state_ne_nM(net_block=0.9) / base, net_block=0.8)
    assert not website.passed and "website" in website.message


# ---- the chain rec-ex-schild -> rec-ex-schild-ne: the later exercise reuses the dose ratio --------------

def _gaddum_ratio():
    return 1 + 1.0 / _kb()          # Gaddum: 1 + [B]/K_B with [B] = 1 nM, written out independently


def test_chain_right_ratio_and_right_concentration_pass():
    k = receptors.NE_AFFINITY_nM["alpha1"]
    ratio = _gaddum_ratio()
    assert check.prazosin_dose_ratio(ratio).passed
    assert check.ne_for_half_alpha1_with_prazosin(k * ratio, previous_ratio=ratio).passed


@pytest.mark.parametrize("wrong_ratio", [1.0 / _kb(), _kb(), 2.0])   # [B]/K_B, K_B/[B], an arbitrary slip
def test_chain_concentration_from_a_wrong_ratio_is_carried_over(wrong_ratio):
    k = receptors.NE_AFFINITY_nM["alpha1"]
    assert not check.prazosin_dose_ratio(wrong_ratio).passed
    fb = check.ne_for_half_alpha1_with_prazosin(k * wrong_ratio, previous_ratio=wrong_ratio)
    assert not fb.passed and fb.answered
    assert "carried over" in fb.message and "rec-ex-schild" in fb.message and "method here is right" in fb.message


def test_chain_a_simply_wrong_concentration_is_not_called_carried_over():
    k = receptors.NE_AFFINITY_nM["alpha1"]
    right = k * _gaddum_ratio()
    for value, previous in [(1.37 * right, _gaddum_ratio()), (k, _gaddum_ratio()), (1.37 * right, 2.0),
                            (k * 2.0, None), (k * 2.0, "2")]:
        fb = check.ne_for_half_alpha1_with_prazosin(value, previous_ratio=previous)
        assert not fb.passed and "carried over" not in fb.message, (value, previous, fb.message)
    assert "without the drug" in check.ne_for_half_alpha1_with_prazosin(k, previous_ratio=_gaddum_ratio()).message
