"""Science tests for metabolite routing (ne_lib.metabolism)."""

import math

import pytest

from ne_lib import metabolism as met, synthesis as syn


@pytest.mark.parametrize("mao,comt", [(0, 0), (0.9, 0), (0, 0.9), (0.5, 0.5), (1.0, 1.0)])
def test_metabolites_conserve_ne_outflow(mao, comt):
    """End products add up to exactly the NE leaving the neuron's stores (MAO-A + escaped NE)."""
    r = met.route_metabolites(mao_inhibition=mao, comt_inhibition=comt)
    f = r.pathway.fluxes
    assert math.isclose(sum(r.end_products.values()), f["mao_ne"] + f["outside_ne"], rel_tol=1e-12)
    assert all(v >= 0 for v in r.end_products.values())


def test_routing_uses_the_pathway_state():
    r = met.route_metabolites(dbh_activity=0.3, tyrosine_uM=50.0)
    assert r.dhpg_formed == pytest.approx(syn.steady_state(dbh_activity=0.3, tyrosine_uM=50.0).dhpg_flux_uM_per_h)


def test_normal_routing_matches_eisenhofer2004():
    """Most NE turnover starts inside the neuron; DHPG is the main product of the neuron;
    normetanephrine is minor; MHPG is methylated DHPG, not methylated normetanephrine."""
    r = met.route_metabolites()
    assert r.intraneuronal_fraction > 0.5
    assert r.normetanephrine < 0.2 * r.mhpg_formed
    assert r.vma > r.mhpg_unchanged        # over half of MHPG becomes VMA


def test_mao_inhibition_lowers_dhpg_line_and_raises_normetanephrine():
    base = met.route_metabolites()
    maoi = met.route_metabolites(mao_inhibition=0.9)
    assert maoi.dhpg_formed < base.dhpg_formed
    assert maoi.mhpg_formed < base.mhpg_formed
    assert maoi.vma < base.vma
    assert maoi.normetanephrine > base.normetanephrine   # more NE in stores, more released and escaping
    assert maoi.pathway.ne_uM > base.pathway.ne_uM


def test_comt_inhibition_lowers_methylated_products_only():
    base = met.route_metabolites()
    comti = met.route_metabolites(comt_inhibition=0.9)
    assert comti.dhpg_formed == pytest.approx(base.dhpg_formed)     # COMT acts outside the neuron
    assert comti.mhpg_formed < base.mhpg_formed
    assert comti.normetanephrine < base.normetanephrine
    assert comti.vma < base.vma
    assert comti.dhpg_unchanged > base.dhpg_unchanged
    assert comti.ne_spillover > base.ne_spillover
    full = met.route_metabolites(comt_inhibition=1.0)
    assert full.mhpg_formed == 0 and full.normetanephrine == 0 and full.vma == 0


def test_urinary_mhpg_is_a_blunt_window_on_brain_ne():
    """If the brain makes <= 20% of body MHPG, doubling brain NE turnover raises urinary MHPG by <= 20%."""
    assert met.urinary_mhpg_fold(2.0, brain_share=0.2) == pytest.approx(1.2)
    assert met.urinary_mhpg_fold(0.0, brain_share=0.2) == pytest.approx(0.8)   # brain silent: still 80%
    assert met.urinary_mhpg_fold(5.0, brain_share=0.0) == 1.0
    assert met.urinary_mhpg_fold(3.0, brain_share=1.0) == pytest.approx(3.0)


@pytest.mark.parametrize("kwargs,error,name", [
    ({"comt_inhibition": -0.1}, ValueError, "comt_inhibition"),
    ({"comt_inhibition": float("nan")}, ValueError, "comt_inhibition"),
    ({"comt_inhibition": "0.5"}, TypeError, "comt_inhibition"),
    ({"mao_inhibition": 2.0}, ValueError, "mao_inhibition"),
    ({"dbh_activity": float("inf")}, ValueError, "dbh_activity"),
])
def test_routing_bad_input(kwargs, error, name):
    with pytest.raises(error, match=name):
        met.route_metabolites(**kwargs)


def test_routing_unknown_keyword():
    with pytest.raises(TypeError):
        met.route_metabolites(adrenaline=1.0)


@pytest.mark.parametrize("args,error,name", [
    ((-1.0,), ValueError, "brain_turnover_fold"), ((2.0, 1.5), ValueError, "brain_share"),
    ((None,), TypeError, "brain_turnover_fold"), ((2.0, float("nan")), ValueError, "brain_share"),
])
def test_urinary_bad_input(args, error, name):
    with pytest.raises(error, match=name):
        met.urinary_mhpg_fold(*args)
