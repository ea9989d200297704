"""Science tests for the LC's somatodendritic autoinhibition and habituation, and the synthesis store (issue 14)."""

import math

import numpy as np
import pytest

from ne_lib import locus_coeruleus as lc, synthesis as syn


# ----------------------------------------------------------------------------- autoinhibition
def test_drug_free_rate_is_returned_unchanged():
    for r in (0.0, 0.3, 1.0, 5.0, 20.0):
        assert lc.autoinhibited_rate_hz(r) == pytest.approx(r, rel=1e-9, abs=1e-12)


def test_rate_satisfies_the_feedback_equation():
    """r (1 + G A(k r)) equals the drive worked out from the drug-free rate."""
    p = lc.DEFAULT_PARAMS
    r0 = 1.5

    def act(r, xa=0.0, xb=0.0):
        c = p.somatodendritic_ne_nM_per_hz * r / p.alpha2a_k_nM
        return (c + p.agonist_efficacy * xa) / (1 + c + xa + xb)

    drive = r0 * (1 + p.somatodendritic_gain * act(r0))
    for occ in (0.1, 0.5, 0.9):
        x = occ / (1 - occ)
        r = lc.autoinhibited_rate_hz(r0, alpha2_agonist=occ)
        assert r * (1 + p.somatodendritic_gain * act(r, xa=x)) == pytest.approx(drive, rel=1e-9)


def test_full_agonist_and_full_block_limits_are_analytic():
    p = lc.DEFAULT_PARAMS
    r0 = 1.0
    c = p.somatodendritic_ne_nM_per_hz * r0 / p.alpha2a_k_nM
    drive = r0 * (1 + p.somatodendritic_gain * c / (1 + c))
    assert lc.autoinhibited_rate_hz(r0, alpha2_block=1.0) == pytest.approx(drive, rel=1e-12)
    assert lc.autoinhibited_rate_hz(r0, alpha2_agonist=1.0) == pytest.approx(
        drive / (1 + p.somatodendritic_gain * p.agonist_efficacy), rel=1e-9)


def test_agonist_slows_and_antagonist_speeds_monotonically():
    occ = np.linspace(0, 0.99, 12)
    ag = [lc.autoinhibited_rate_hz(1.0, alpha2_agonist=o) for o in occ]
    ant = [lc.autoinhibited_rate_hz(1.0, alpha2_block=o) for o in occ]
    assert np.all(np.diff(ag) < 0) and np.all(np.diff(ant) > 0)


def test_alpha2a_knockout_removes_the_brake_and_alpha2c_does_not():
    assert lc.autoinhibited_rate_hz(1.0, alpha2_agonist=0.9, knockout="alpha2A") == pytest.approx(
        lc.autoinhibited_rate_hz(1.0, knockout="alpha2A"))
    assert lc.autoinhibited_rate_hz(1.0, alpha2_agonist=0.9, knockout="alpha2C") == pytest.approx(
        lc.autoinhibited_rate_hz(1.0, alpha2_agonist=0.9))


def test_systemic_agonist_lowers_forebrain_ne_more_than_terminal_feedback_alone():
    from ne_lib import synapse

    terminals = synapse.steady_state_ne_nM(alpha2_agonist=0.3) / synapse.steady_state_ne_nM()
    whole = synapse.in_vivo_steady_ne_nM(alpha2_agonist=0.3) / synapse.in_vivo_steady_ne_nM()
    assert whole < 0.5 * terminals


# ----------------------------------------------------------------------------- habituation
def test_freshness_follows_the_recurrence_exactly():
    p = lc.DEFAULT_PARAMS
    times = np.array([0.0, 10.0, 25.0])
    h = lc.habituation_freshness(times, [0, 0, 0])
    d, tau = p.habituation_decrement, p.habituation_recovery_s
    h2 = 1 - (1 - (1 - d)) * math.exp(-10 / tau)
    h3 = 1 - (1 - h2 * (1 - d)) * math.exp(-15 / tau)
    assert h == pytest.approx([1.0, h2, h3], rel=1e-12)


def test_repetition_habituates_novelty_recovers_and_time_restores():
    times = np.arange(6) * 30.0
    resp = lc.phasic_response_strengths(times, [0, 0, 0, 0, 0, 1])
    assert np.all(np.diff(resp[:5]) < 0) and resp[5] == pytest.approx(resp[0])
    later = lc.phasic_response_strengths([0.0, 1e6], [0, 0])
    assert later[1] == pytest.approx(later[0], rel=1e-6)        # after a long rest the response is back
    never = lc.phasic_response_strengths([0.0, 1.0], [0, 0], params=lc.LCParams(habituation_decrement=0.0))
    assert never[0] == never[1]


def test_expected_burst_spikes_matches_the_spike_train_simulation():
    stims = np.arange(1.0, 2000.0, 2.0)
    train = lc.simulate_spike_train("active_wake", 2000.0, rate_hz=0.0, stimulus_times_s=stims, salience=0.6, seed=7)
    per_stimulus = len(train.spike_times_s) / len(stims)
    assert per_stimulus == pytest.approx(lc.expected_burst_spikes(0.6), rel=0.08)


def test_spike_train_with_ids_habituates():
    stims = np.arange(1.0, 400.0, 2.0)
    kw = dict(rate_hz=0.0, stimulus_times_s=stims, salience=1.0, seed=3)
    fresh = lc.simulate_spike_train("active_wake", 400.0, **kw)
    habituated = lc.simulate_spike_train("active_wake", 400.0, stimulus_ids=np.zeros(stims.size, int), **kw)
    assert len(habituated.spike_times_s) < 0.2 * len(fresh.spike_times_s)


@pytest.mark.parametrize("call,word", [
    (lambda: lc.autoinhibited_rate_hz(-1.0), "drug_free_rate_hz"),
    (lambda: lc.autoinhibited_rate_hz(1.0, alpha2_agonist=1.2), "alpha2_agonist"),
    (lambda: lc.autoinhibited_rate_hz(1.0, knockout="alpha2B"), "knockout"),
    (lambda: lc.autoinhibited_rate_hz(1.0, params=3), "params"),
    (lambda: lc.LCParams(habituation_decrement=2.0), "habituation_decrement"),
    (lambda: lc.LCParams(somatodendritic_gain=-1.0), "somatodendritic_gain"),
    (lambda: lc.habituation_freshness([0.0, 1.0], [0]), "stimulus_ids"),
    (lambda: lc.habituation_freshness([1.0, 0.0], [0, 0]), "stimulus_times_s"),
    (lambda: lc.habituation_freshness([0.0], [0.5]), "stimulus_ids"),
    (lambda: lc.phasic_response_strengths([0.0], [0], salience=1.5), "salience"),
    (lambda: lc.expected_burst_spikes(-0.1), "salience"),
    (lambda: syn.vesicular_store_fraction(-1.0), "duration_h"),
    (lambda: syn.vesicular_store_fraction(1.0, vmat2_block=1.5), "vmat2_block"),
    (lambda: syn.SynthesisParams(k_leak_per_h=0.0), "k_leak_per_h"),
    (lambda: syn.steady_state(params="x"), "params"),
])
def test_bad_input_names_the_parameter(call, word):
    with pytest.raises((ValueError, TypeError), match=word):
        call()


# ----------------------------------------------------------------------------- synthesis store
def test_vmat2_block_empties_vesicles_at_the_vesicular_loss_rate():
    """With VMAT2 fully blocked nothing enters the vesicles: vesicular NE decays exactly as
    exp(-(leak + release) t) (dopamine inside keeps making a little NE through DBH, so allow for that)."""
    p = syn.DEFAULT_PARAMS
    t = 2.0
    frac = syn.vesicular_store_fraction(t, vmat2_block=1.0)
    pure = math.exp(-(p.k_leak_per_h + p.k_release_per_h) * t)
    assert pure <= frac <= 1.2 * pure
    assert syn.steady_state(vmat2_block=1.0).ne_vesicle_uM == 0.0


def test_synthesis_block_lowers_the_store_over_hours_towards_the_new_steady_state():
    # the last time is over ten turnover times of the store (about 9 h each, synthesis_dynamics)
    fr = [syn.vesicular_store_fraction(t, th_activity=0.2) for t in (0.0, 1.0, 4.0, 120.0)]
    assert fr[0] == 1.0 and fr[0] > fr[1] > fr[2] > fr[3]
    target = syn.steady_state(th_activity=0.2).ne_vesicle_uM / syn.steady_state().ne_vesicle_uM
    assert fr[3] == pytest.approx(target, rel=1e-3)


def test_store_feeds_synapse_release():
    from ne_lib import synapse

    store = syn.vesicular_store_fraction(4.0, th_activity=0.2)
    assert synapse.steady_state_ne_nM(store_fraction=store) < synapse.steady_state_ne_nM()
