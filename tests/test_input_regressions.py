"""Regression tests: each bad input that once slipped through (issue 16, and the examples the
property test in test_input_properties.py found), kept as an ordinary test."""

import dataclasses
import math

import numpy as np
import pytest

from ne_lib import binding, drugs, input_checks, receptors, synapse, synthesis, treatment
from ne_lib.check import check_array, check_number
from ne_lib.input_checks import Interval, OneOf, domain
from ne_lib.interactive import all_figures


# ----------------------------------------------------------------------------- the helpers' own bounds
@pytest.mark.parametrize("low, high", [(0.5, math.nan), (math.nan, 1.0), ("0", 1.0), (None, 1.0)])
def test_in_range_checks_its_own_bounds(low, high):
    with pytest.raises(TypeError, match="low|high"):
        input_checks.in_range("x", 0.5, low, high)


def test_in_range_refuses_reversed_bounds():
    with pytest.raises(ValueError, match="low .* must be <= high"):
        input_checks.in_range("x", 0.5, 1.0, 0.0)


def test_integer_and_one_of_check_their_own_arguments():
    with pytest.raises(TypeError, match="low"):
        input_checks.integer("n", 3, low=0.5)
    with pytest.raises(ValueError, match="allowed"):
        input_checks.one_of("drug", "x", [])
    with pytest.raises(TypeError, match="name"):
        input_checks.number(None, 1.0)


def test_one_of_does_not_take_true_for_1_or_an_array():
    with pytest.raises(ValueError, match="n must be one of"):
        input_checks.one_of("n", True, [1, 2])
    with pytest.raises(ValueError, match="receptor must be one of"):
        input_checks.one_of("receptor", np.array(["alpha1"]), ["alpha1"])


@pytest.mark.parametrize("values", [[], np.array([]), [[]], "abc", None])
def test_finite_array_refuses_empty_and_non_arrays(values):
    with pytest.raises((TypeError, ValueError), match="conc_nM"):
        input_checks.finite_array("conc_nM", values)


def test_interval_domain_names_the_range():
    with pytest.raises(ValueError, match=r"rate_hz must be a number in \[0, 100\], got 101"):
        Interval(0, 100).check("rate_hz", 101)
    with pytest.raises(TypeError, match=r"rate_hz must be a number in \[0, 100\], got NoneType"):
        Interval(0, 100).check("rate_hz", None)
    with pytest.raises(ValueError, match="low"):
        Interval(1.0, 0.0)


def test_domain_decorator_checks_declared_arguments_and_keeps_the_signature():
    @domain(x=Interval(0, 1), kind=OneOf(("a", "b")))
    def f(x, kind="a"):
        """Doc."""
        return x

    assert f(0.5) == 0.5 and f.__doc__ == "Doc." and list(input_checks.domains_of(f)) == ["x", "kind"]
    with pytest.raises(ValueError, match="x must be"):
        f(2.0)
    with pytest.raises(ValueError, match="kind must be one of"):
        f(0.5, kind="c")


# ----------------------------------------------------------------------------- synapse helpers
@pytest.mark.parametrize("fn", [synapse.alpha2_activation, synapse.release_factor, synapse.net_uptake_nM_per_s,
                                synapse.other_clearance_nM_per_s])
@pytest.mark.parametrize("bad", [None, math.inf, math.nan, -1.0, "10", []])
def test_synapse_helpers_check_ne_nM(fn, bad):
    with pytest.raises((ValueError, TypeError), match="ne_nM"):
        fn(bad)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -1.0, 1e12])
def test_release_rate_checks_rate_hz(bad):
    with pytest.raises(ValueError, match="rate_hz"):
        synapse.release_rate_nM_per_s(14.0, bad)
    with pytest.raises(ValueError, match="rate_hz"):
        synapse.dne_dt(14.0, bad)


def test_alpha2_activation_stays_in_0_1_and_clearance_non_negative_on_valid_input():
    ne = np.array([0.0, 1.0, 1e3, 1e9])
    act = synapse.alpha2_activation(ne)
    assert np.all((act >= 0) & (act <= 1))
    assert np.all(synapse.net_uptake_nM_per_s(ne) >= 0)


def test_simulate_burst_names_tonic_rate_hz():
    with pytest.raises(ValueError, match="tonic_rate_hz"):
        synapse.simulate_burst(tonic_rate_hz=-1)


# ----------------------------------------------------------------------------- figure controls
def _figure(name):
    return next(f for f in all_figures() if f.name == name)


@pytest.mark.parametrize("name, control, bad", [
    ("lc-projection-map", "species", "dog"),
    ("receptors-synapse-burst", "condition", "bogus"),
])
def test_unknown_choice_names_control_and_options(name, control, bad):
    fig = _figure(name)
    with pytest.raises(ValueError, match=rf"{control} must be one of \["):
        fig.compute(**{**fig.defaults(), control: bad})


@pytest.mark.parametrize("bad, exc", [(1e12, ValueError), (-math.inf, ValueError), (math.inf, ValueError),
                                      (math.nan, ValueError), ("3", TypeError), (None, TypeError), (True, TypeError)])
def test_sliders_refuse_out_of_range_overflow_nan_and_strings(bad, exc):
    for fig in all_figures():
        for c in fig.controls:
            if hasattr(c, "options"):
                continue
            with pytest.raises(exc, match=c.name):
                fig.compute(**{**fig.defaults(), c.name: bad})


def test_nan_never_becomes_the_default():
    fig = _figure("receptors-synapse-steady")
    with pytest.raises(ValueError, match="alpha2_drug"):
        fig.compute(**{**fig.defaults(), "alpha2_drug": math.nan})


def test_unknown_control_is_named():
    fig = all_figures()[0]
    with pytest.raises(ValueError, match="unknown control"):
        fig.compute(**fig.defaults(), no_such_control=1)


# ----------------------------------------------------------------------------- ne_lib.check arguments
@pytest.mark.parametrize("kwargs, exc, param", [
    ({"mistakes": "abc"}, TypeError, "mistakes"),
    ({"mistakes": {"why": "x"}}, TypeError, "mistakes"),
    ({"carried_over": [1.0]}, TypeError, "carried_over"),
    ({"expected": [1, 2]}, TypeError, "expected"),
    ({"expected": math.nan}, ValueError, "expected"),
    ({"rel_tol": math.inf}, ValueError, "rel_tol"),
    ({"rel_tol": math.nan}, ValueError, "rel_tol"),
    ({"rel_tol": -0.1}, ValueError, "rel_tol"),
    ({"rel_tol": "0.1"}, TypeError, "rel_tol"),
    ({"abs_tol": -1.0}, ValueError, "abs_tol"),
    ({"abs_tol": math.inf}, ValueError, "abs_tol"),
])
def test_check_number_refuses_bad_author_arguments(kwargs, exc, param):
    args = {"expected": 1.0, **kwargs}
    expected = args.pop("expected")
    with pytest.raises(exc, match=param):
        check_number("ex", 1.0, expected, name="x", **args)


def test_check_number_no_longer_marks_1e9_right_against_1():
    with pytest.raises(ValueError, match="rel_tol"):
        check_number("ex", 1e9, 1.0, name="x", rel_tol=math.inf)
    assert not check_number("ex", 1e9, 1.0, name="x")


def test_check_array_refuses_bad_tolerances():
    with pytest.raises(ValueError, match="abs_tol"):
        check_array("ex", [1.0], [1.0], name="x", abs_tol=math.nan)


# ----------------------------------------------------------------------------- drugs, arrays, records
def test_receptor_k_names_parameter_and_valid_receptors():
    with pytest.raises(ValueError, match=r"receptor must be .*\['alpha2A'\].*'nonexistent'"):
        drugs.receptor_k_nM("clonidine", receptor="nonexistent")
    with pytest.raises(TypeError, match="receptor"):
        drugs.receptor_k_nM("clonidine", receptor=None)
    assert drugs.receptor_k_nM("clonidine", "alpha2A") == 43.0


@pytest.mark.parametrize("call", [lambda: receptors.occupancy([], "alpha1"),
                                  lambda: binding.occupancy([], 1.0),
                                  lambda: drugs.transporter_occupancy(np.array([]), 5.0)])
def test_empty_arrays_are_refused(call):
    with pytest.raises(ValueError, match="conc_nM.*at least one value"):
        call()


def test_treatment_result_refuses_zero_untreated_ne():
    r = treatment.simulate_treatment("atomoxetine", 10.0)
    with pytest.raises(ValueError, match="ne_untreated_nM"):
        dataclasses.replace(r, ne_untreated_nM=0)
    with pytest.raises(ValueError, match="net_occupancy"):
        dataclasses.replace(r, net_occupancy=math.nan)
    with pytest.raises(TypeError, match="drug"):
        dataclasses.replace(r, drug=3)


def test_pathway_state_refuses_unknown_conditions():
    s = synthesis.steady_state()
    with pytest.raises(ValueError, match="conditions must have exactly the keys"):
        dataclasses.replace(s, conditions={"bogus": 1.0})
    with pytest.raises(ValueError, match="dopa_uM"):
        dataclasses.replace(s, dopa_uM=-1.0)


def test_spike_train_refuses_nan_and_negative():
    from ne_lib import locus_coeruleus as lc

    train = lc.simulate_spike_train()
    with pytest.raises(ValueError, match="duration_s"):
        dataclasses.replace(train, duration_s=0.0)
    with pytest.raises(ValueError, match="tonic_rate_hz"):
        dataclasses.replace(train, tonic_rate_hz=math.nan)
    with pytest.raises(ValueError, match="spike_times_s"):
        dataclasses.replace(train, spike_times_s=np.array([np.nan]))


# ----------------------------------------------------------------------------- found by Hypothesis
def test_spike_train_of_a_vanishing_recording_is_refused():
    """Hypothesis: SpikeTrain(duration_s=5e-324) made mean_rate_hz infinite."""
    from ne_lib import locus_coeruleus as lc

    a = np.array([0.0])
    with pytest.raises(ValueError, match="duration_s"):
        lc.SpikeTrain(a, a, a, a, 5e-324, "active_wake", 0.0)


def test_pathway_state_without_conditions_uses_the_normal_ones():
    """The property test: PathwayState(...) with its default conditions had no fluxes (TypeError deep inside)."""
    s = synthesis.PathwayState(1.0, 1.0, 1.0, 1.0, 1.0, 0.0)
    assert math.isfinite(s.th_flux_uM_per_h) and s.th_flux_uM_per_h > 0


def test_logistic_activation_refuses_strings_and_empty_arrays():
    """The property test: logistic_activation('1.0') returned a number, and [] an empty array."""
    from ne_lib import logistic_gain

    with pytest.raises(TypeError, match="net_input"):
        logistic_gain.logistic_activation("1.0")
    with pytest.raises(ValueError, match="net_input"):
        logistic_gain.logistic_activation([])


def test_record_text_fields_must_be_text():
    with pytest.raises(TypeError, match="notes"):
        dataclasses.replace(drugs.drug("atomoxetine"), notes=3.5)
