"""Parameters as objects: each model's frozen <Model>Params, cited defaults, accepted by its functions."""

from __future__ import annotations

import dataclasses
import math

import pytest
from scipy.special import ndtr

from ne_lib import adaptive_gain, logistic_gain, metabolism, projections, receptors, signaling, treatment

PARAMS = [receptors.ReceptorParams, signaling.SignalingParams, metabolism.MetabolismParams,
          logistic_gain.LogisticGainParams, adaptive_gain.AdaptiveGainParams, projections.ProjectionParams,
          treatment.TreatmentParams]


@pytest.mark.parametrize("cls", PARAMS, ids=lambda c: c.__name__)
def test_params_are_frozen_and_defaults_are_the_modules_constants(cls):
    p = cls()
    field = dataclasses.fields(p)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(p, field.name, getattr(p, field.name))
    module = __import__(cls.__module__, fromlist=["DEFAULT_PARAMS"])
    assert module.DEFAULT_PARAMS == p


@pytest.mark.parametrize("cls, field, bad", [
    (receptors.ReceptorParams, "beta2_k_nM", -1.0), (signaling.SignalingParams, "ca_hill", 0.0),
    (metabolism.MetabolismParams, "brain_share_of_mhpg", 1.5), (logistic_gain.LogisticGainParams, "input_noise_sd", 0.0),
    (adaptive_gain.AdaptiveGainParams, "mode_threshold", 2.0),
    (projections.ProjectionParams, "conduction_velocity_m_per_s", 0.0)])
def test_a_bad_parameter_is_named(cls, field, bad):
    with pytest.raises(ValueError, match=field):
        cls(**{field: bad})


def test_functions_take_params_and_follow_them():
    assert signaling.camp_relative(1.0, 0.0, signaling.SignalingParams(gs_max_stimulation=4.0)) == pytest.approx(5.0)
    assert signaling.camp_relative(0.0, 1.0, signaling.SignalingParams(gi_max_inhibition=1.0)) == pytest.approx(0.5)
    half = signaling.SignalingParams(ca_half_occupancy=0.25)
    assert signaling.calcium_nM(0.25, half) == pytest.approx(half.ca_rest_nM + half.ca_max_rise_nM / 2)

    assert metabolism.urinary_mhpg_fold(2.0, params=metabolism.MetabolismParams(brain_share_of_mhpg=0.5)) == 1.5
    all_vma = metabolism.route_metabolites(params=metabolism.MetabolismParams(mhpg_to_vma_fraction=1.0))
    assert all_vma.mhpg_unchanged == 0.0 and all_vma.vma == pytest.approx(all_vma.mhpg_formed)

    noisy = logistic_gain.LogisticGainParams(input_noise_sd=1.0)
    assert logistic_gain.single_unit_accuracy(noisy) == pytest.approx(float(ndtr(1.0 / math.sqrt(2.0))))
    assert logistic_gain.detection_accuracy(2.0, "single", noisy) == logistic_gain.single_unit_accuracy(noisy)

    steep = adaptive_gain.AdaptiveGainParams(engagement_exponent=6.0)
    beta = adaptive_gain.distractibility_exponent(0.5)
    assert adaptive_gain.optimal_tonic_activity(0.5, steep) == pytest.approx(6.0 / (6.0 + beta))
    curve = [adaptive_gain.task_performance(a / 100, 0.5, steep) for a in range(101)]
    assert max(curve) == pytest.approx(adaptive_gain.peak_performance(0.5), abs=1e-3)

    unit = projections.ProjectionParams(conduction_velocity_m_per_s=1.0)     # 1 m/s: 1 mm takes 1 ms
    assert projections.target_delays_ms(params=unit) == {t.key: t.path_length_mm for t in projections.TARGETS}


def test_wrong_params_type_is_a_type_error():
    for call in (lambda: signaling.camp_relative(0.5, params=receptors.ReceptorParams()),
                 lambda: adaptive_gain.task_performance(0.5, params={"engagement_exponent": 2}),
                 lambda: treatment.simulate_treatment(params=adaptive_gain.AdaptiveGainParams())):
        with pytest.raises(TypeError, match="params"):
            call()
