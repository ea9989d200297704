"""Extracellular NE around noradrenergic terminals: release, NET uptake, diffusion, alpha2 feedback.

Two spaces of extracellular fluid, each well mixed:

* the **near-release** space next to the varicosities (a fraction ``phi`` of the extracellular
  volume), where NE is released, where NET sits and where a voltammetry electrode placed among
  the terminals reads NE (``Cn``, nM);
* the **bulk** space (the rest), which a microdialysis probe samples (``Cb``, nM).

    dCn/dt = q * P * rate(t) * R(Cn)  -  Vmax Cn / (Cn + Km (1 + x_NET))  -  k_ex (Cn - Cb)
    dCb/dt = k_ex * phi/(1 - phi) * (Cn - Cb)  -  k_other * Cb
    dP/dt  = (P_inf - P) / tau_refill  -  eps * rate(t) * R(Cn) * P

* **Release is tied to the store.** Each action potential releases ``q * P`` nM into the near
  space, where ``P`` (0..1) is the filling of the *releasable pool* relative to normal. Each
  spike empties a fraction ``eps`` of it (so long, fast bursts deplete it) and it refills
  towards ``P_inf`` with time constant ``tau_refill``. Refilling needs VMAT2 to load vesicles,
  and it can only reach what the vesicular store holds: ``P_inf = store_fraction * (1 -
  vmat2_block)``, where ``store_fraction`` is the vesicular NE of :mod:`ne_lib.synthesis`
  relative to normal (AMPT or DBH loss lower it over hours; :func:`ne_lib.synthesis.
  vesicular_store_fraction` computes it).
* **Terminal alpha2 autoreceptors**: ``R = 1 / (1 + G ((1-s) A_2A + s A_2C))``. ``A`` is each
  subtype's activation by NE (and by an agonist; an antagonist competes, Gaddum): alpha2C binds
  NE more tightly, so it acts at low firing rates, alpha2A at high ones (Hein1999). ``s`` is the
  share of the gain carried by alpha2C; a knockout removes a subtype's share.
* **NET** is saturable (Michaelis-Menten) in the near space; a competitive blocker with lone
  occupancy ``n`` raises the apparent Km by ``1 + n / (1 - n)``.
* **Diffusion** between the spaces is first order (``k_ex``); **other clearance** (diffusion out
  of the region, glia, breakdown) acts in the bulk space (``k_other``).

Somatodendritic alpha2 receptors, which slow LC firing itself, live in :mod:`ne_lib.locus_coeruleus`
(:func:`ne_lib.locus_coeruleus.autoinhibited_rate_hz`); :func:`ne_lib.synapse_steady.in_vivo_steady_ne_nM`
couples the two for a drug given systemically.

Parameters: :class:`SynapseParams`. The NET Km, the alpha2 affinities and subtype share, the
near volume fraction and the releasable-pool constants are illustrative. Five are **calibrated**
together (:func:`calibrate`; a test re-runs it) on five published results: basal dialysis NE
14 nM (Abercrombie1988), 230% with yohimbine (Abercrombie1988; with the LC firing increase of
:mod:`ne_lib.locus_coeruleus`), 8x with desipramine in the probe (Kalen1988), and in an LC slice after 30
pulses at 100 Hz a peak of 0.31 uM and a half-time of 2.93 s (Palij1994). Agreement with those
five is a consistency check. What the model predicts is everything else; the held-out cases
(:mod:`ne_lib.cases.held_out`) test it against results it was not fitted to. Feedback acts
instantly (no G-protein delay).

This module holds the parameters and the rate functions, written once. Two modules use them
and their names can be imported from here too (old import paths keep working):
:mod:`ne_lib.synapse_steady` (the steady states: ``steady_state``, ``SteadyState``,
``steady_state_ne_nM``, ``in_vivo_steady_ne_nM``, ``fold_change``, ``rate_for_steady_ne_hz``) and
:mod:`ne_lib.synapse_dynamics` (time courses and the calibration: ``simulate_burst``, ``BurstResult``,
``simulate_repeated_trains``, ``TrainsResult``, ``mean_ne_periodic_nM``, ``calibrate``).

Public interface used by other chapters (keep stable): ``synapse.steady_state_ne_nM(rate_hz=BASAL_RATE_HZ,
net_block=0.0, alpha2_block=0.0, alpha2_agonist=0.0)`` (bulk, dialysis NE) and ``BASAL_RATE_HZ``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ne_lib import drugs, input_checks as validate
from ne_lib.receptors import NE_AFFINITY_nM

#: Assumptions and simplifications, shown on the book's validation page.
ASSUMPTIONS: tuple[str, ...] = (
    "Extracellular NE is two well-mixed spaces, one next to the terminals (where NE is released, NET "
    "works and voltammetry reads) and the bulk (which dialysis samples), joined by first-order diffusion; "
    "real gradients are continuous.",
    "Release per spike, NET Vmax, bulk clearance, the exchange rate and the terminal autoreceptor gain are "
    "calibrated together to basal NE and yohimbine (Abercrombie1988), desipramine (Kalen1988) and the "
    "slice peak and half-time (Palij1994), so those five results are consistency checks, not predictions.",
    "The NET Km (400 nM), the basal firing rate (1 Hz), the alpha2A and alpha2C affinities of NE, the "
    "alpha2C share of the autoreceptor gain, the near volume fraction and the releasable pool constants "
    "are illustrative.",
    "One parameter set serves in-vivo dialysis and slice voltammetry.",
    "Release per spike is proportional to the filling of a releasable pool that refills from the "
    "vesicular store only through VMAT2; the store itself comes from the synthesis model.",
    "Alpha2 feedback acts instantly (no G-protein delay) and does not desensitise; drugs occupy alpha2A "
    "and alpha2C equally, enter only as the fraction of their target each would occupy alone, and an "
    "agonist is treated as a full agonist.",
)

__all__ = [
    "SynapseParams", "DEFAULT_PARAMS", "KNOCKOUTS",
    "BASAL_RATE_HZ", "BASAL_NE_nM", "MAX_RATE_HZ", "NET_KM_nM", "ALPHA2_K_nM", "AGONIST_EFFICACY",
    "RELEASE_PER_SPIKE_nM", "NET_VMAX_nM_PER_S", "OTHER_CLEARANCE_PER_S", "AUTORECEPTOR_GAIN",
    "alpha2_activation", "release_factor", "release_rate_nM_per_s", "net_uptake_nM_per_s",
    "other_clearance_nM_per_s", "dne_dt", "DESIPRAMINE_NET_KD_nM", "net_block_from_drug",
    "SLICE_BURST_SPIKES", "SLICE_BURST_RATE_HZ", "SLICE_HALF_TIME_S", "SLICE_PEAK_nM",
]

# ----------------------------------------------------------------------------- fixed inputs
BASAL_RATE_HZ = 1.0      # illustrative: inside the 0.5-2 Hz tonic range of waking LC neurons (fact base §2)
BASAL_NE_nM = 14.0       # Abercrombie1988: rat hippocampus, recovery-corrected extracellular NE
MAX_RATE_HZ = 100.0      # upper limit accepted (Palij1994 stimulated at 100 Hz)
DESIPRAMINE_NET_KD_nM = drugs.affinity_nM("desipramine", "NET")   # Tatsumi1997 (human NET Kd), from the drug table
KNOCKOUTS = (None, "alpha2A", "alpha2C", "alpha2A+alpha2C")

# Calibration targets (the published numbers the five fitted parameters reproduce together)
YOHIMBINE_FOLD = 2.30    # Abercrombie1988: yohimbine 5 mg/kg -> 230% of basal
NET_BLOCK_FOLD = 8.0     # Kalen1988: desipramine 5 uM in the probe -> dialysate NE x8
SLICE_HALF_TIME_S = 2.93  # Palij1994: 2.93 +- 0.28 s, rat LC slice, after 30 pulses at 100 Hz
SLICE_PEAK_nM = 310.0     # Palij1994: peak 0.31 +- 0.04 uM after the same train
SLICE_BURST_SPIKES = 30   # Palij1994
SLICE_BURST_RATE_HZ = 100.0  # Palij1994


@dataclass(frozen=True)
class SynapseParams:
    """Parameters of the synapse model (units in the names; sources next to each default)."""

    basal_rate_hz: float = BASAL_RATE_HZ          # illustrative (see BASAL_RATE_HZ)
    net_km_nM: float = 400.0                      # illustrative: NET Km often quoted 0.3-0.5 uM (fact base, GK)
    alpha2a_k_nM: float = NE_AFFINITY_nM["alpha2A"]   # illustrative (receptors.NE_AFFINITY_nM, grade B)
    alpha2c_k_nM: float = 20.0                    # illustrative: tighter than alpha2A (acts at low rates, Hein1999)
    alpha2c_gain_share: float = 0.3               # illustrative: share of the terminal gain carried by alpha2C
    agonist_efficacy: float = 1.0                 # illustrative: a full agonist (clonidine is partial)
    near_volume_fraction: float = 0.1             # illustrative: near-release share of extracellular volume
    pool_release_fraction_per_spike: float = 0.01  # illustrative: share of the releasable pool one spike uses
    pool_refill_s: float = 60.0                   # illustrative: refilling time constant of the releasable pool
    release_per_spike_nM: float = 30.92           # calibrated (near space; see calibrate())
    net_vmax_nM_per_s: float = 119.7              # calibrated
    other_clearance_per_s: float = 0.008306       # calibrated (bulk space)
    exchange_per_s: float = 0.04482               # calibrated (near <-> bulk diffusion)
    autoreceptor_gain: float = 2.403              # calibrated (terminal alpha2)

    def __post_init__(self):
        for name in ("basal_rate_hz", "net_km_nM", "alpha2a_k_nM", "alpha2c_k_nM", "pool_refill_s",
                     "release_per_spike_nM", "net_vmax_nM_per_s", "other_clearance_per_s", "exchange_per_s"):
            validate.positive(name, getattr(self, name))   # a finite number > 0
        validate.fraction("alpha2c_gain_share", self.alpha2c_gain_share)
        validate.fraction("agonist_efficacy", self.agonist_efficacy)
        validate.in_range("near_volume_fraction", self.near_volume_fraction, 1e-4, 0.9)
        validate.in_range("pool_release_fraction_per_spike", self.pool_release_fraction_per_spike, 0.0, 0.5)
        validate.in_range("autoreceptor_gain", self.autoreceptor_gain, 0.0, 1e3)
        validate.in_range("basal_rate_hz", self.basal_rate_hz, 1e-3, MAX_RATE_HZ)


DEFAULT_PARAMS = SynapseParams()

# Old names, kept for other chapters (values of the default parameter set)
NET_KM_nM = DEFAULT_PARAMS.net_km_nM
ALPHA2_K_nM = DEFAULT_PARAMS.alpha2a_k_nM
AGONIST_EFFICACY = DEFAULT_PARAMS.agonist_efficacy
RELEASE_PER_SPIKE_nM = DEFAULT_PARAMS.release_per_spike_nM
NET_VMAX_nM_PER_S = DEFAULT_PARAMS.net_vmax_nM_per_s
OTHER_CLEARANCE_PER_S = DEFAULT_PARAMS.other_clearance_per_s
AUTORECEPTOR_GAIN = DEFAULT_PARAMS.autoreceptor_gain


def _params(params) -> SynapseParams:
    return validate.parameter_set(params, DEFAULT_PARAMS)


def _occupancy_ratio(name: str, fraction: float) -> float:
    """x = f / (1 - f): a drug's concentration in units of its K, from its lone occupancy f."""
    f = validate.fraction(name, fraction)
    return math.inf if f >= 1.0 else f / (1.0 - f)


def _check_knockout(knockout):
    if knockout not in KNOCKOUTS:
        raise ValueError(f"knockout must be one of {KNOCKOUTS}, got {knockout!r}")
    return knockout


@dataclass(frozen=True)
class _Setup:
    """Everything the right-hand side needs, precomputed for one parameter set and drug condition."""

    q: float
    vmax: float
    km_app: float                 # inf when NET is fully blocked
    k_ex: float
    k_other: float
    ratio: float                  # phi / (1 - phi)
    gain_a: float
    gain_c: float
    k_a: float
    k_c: float
    x_ag: float
    x_ant: float
    efficacy: float
    eps: float
    tau: float
    p_inf: float

    def activation(self, c, k):
        return _alpha2(self)[0](c, k)

    def release_factor(self, c):
        return _alpha2(self)[1](c)

    def uptake(self, c):
        return _net(self)(c)

    @property
    def k_eff(self) -> float:
        """First-order loss from the near space at steady state (diffusion to the bulk, then clearance)."""
        return self.k_ex * self.k_other / (self.k_ex * self.ratio + self.k_other)

    @property
    def bulk_over_near(self) -> float:
        return self.k_ex * self.ratio / (self.k_ex * self.ratio + self.k_other)


def _alpha2(s: _Setup):
    """The alpha2 formulas, written once: activation ``A(c, k)`` by NE at ``c`` nM (affinity ``k``) with the
    agonist and antagonist of ``s`` competing (Gaddum), and the terminal release factor
    ``R(c) = 1 / (1 + G_2A A(c, k_2A) + G_2C A(c, k_2C))``. Plain arithmetic (scalars or arrays), returned
    as closures with the constants bound, since the ODE right-hand side calls ``R`` thousands of times."""
    ga, gc, ka, kc, xag, xant, e = s.gain_a, s.gain_c, s.k_a, s.k_c, s.x_ag, s.x_ant, s.efficacy
    if math.isinf(xant):
        def act(c, k):
            return 0.0 * c
    elif math.isinf(xag):
        def act(c, k):
            return e + 0.0 * c
    else:
        def act(c, k):
            a = c / k
            return (a + e * xag) / (1.0 + a + xag + xant)

    def rfac(c):
        return 1.0 / (1.0 + ga * act(c, ka) + gc * act(c, kc))
    return act, rfac


def _net(s: _Setup):
    """NET uptake, written once: ``U(c) = Vmax c / (c + Km_app)`` nM/s (0 when NET is fully blocked)."""
    vmax, km = s.vmax, s.km_app
    if math.isinf(km):
        return lambda c: 0.0 * c
    return lambda c: vmax * c / (c + km)


def _setup(p: SynapseParams, net_block=0.0, alpha2_block=0.0, alpha2_agonist=0.0, knockout=None,
           vmat2_block=0.0, store_fraction=1.0) -> _Setup:
    x_net = _occupancy_ratio("net_block", net_block)
    share = p.alpha2c_gain_share
    gain_a = p.autoreceptor_gain * (1.0 - share)
    gain_c = p.autoreceptor_gain * share
    if knockout in ("alpha2A", "alpha2A+alpha2C"):
        gain_a = 0.0
    if knockout in ("alpha2C", "alpha2A+alpha2C"):
        gain_c = 0.0
    phi = p.near_volume_fraction
    return _Setup(
        q=p.release_per_spike_nM, vmax=p.net_vmax_nM_per_s,
        km_app=math.inf if math.isinf(x_net) else p.net_km_nM * (1.0 + x_net),
        k_ex=p.exchange_per_s, k_other=p.other_clearance_per_s, ratio=phi / (1.0 - phi),
        gain_a=gain_a, gain_c=gain_c, k_a=p.alpha2a_k_nM, k_c=p.alpha2c_k_nM,
        x_ag=_occupancy_ratio("alpha2_agonist", alpha2_agonist), x_ant=_occupancy_ratio("alpha2_block", alpha2_block),
        efficacy=p.agonist_efficacy, eps=p.pool_release_fraction_per_spike, tau=p.pool_refill_s,
        p_inf=(validate.fraction("store_fraction", store_fraction)
               * (1.0 - validate.fraction("vmat2_block", vmat2_block))))


# ----------------------------------------------------------------------------- pieces (near space)
#: Domains of the helpers' inputs (checked on every call by @validate.domain)
_NE = validate.Interval(0.0, 1e9, shape="either")   # nM; 1 M is a bound, not a value
_RATE = validate.Interval(0.0, MAX_RATE_HZ)


@validate.domain(ne_nM=_NE)
def alpha2_activation(ne_nM, alpha2_block: float = 0.0, alpha2_agonist: float = 0.0, *, subtype: str = "alpha2A",
                      params: SynapseParams | None = None):
    """Activation (0..1) of alpha2A (or alpha2C) receptors by NE and an agonist, with an antagonist competing.

    ``alpha2_block`` and ``alpha2_agonist`` are the fractions each drug would occupy on its own
    (0..1). Full block (1) gives 0 whatever else is present.
    """
    p = _params(params)
    validate.one_of("subtype", subtype, ("alpha2A", "alpha2C"))
    s = _setup(p, 0.0, alpha2_block, alpha2_agonist)
    c = np.asarray(ne_nM, dtype=float)
    act = np.asarray(s.activation(c, s.k_a if subtype == "alpha2A" else s.k_c), dtype=float)
    return act if act.ndim else float(act)


@validate.domain(ne_nM=_NE)
def release_factor(ne_nM, alpha2_block: float = 0.0, alpha2_agonist: float = 0.0, *, knockout=None,
                   params: SynapseParams | None = None):
    """Release per spike relative to no autoreceptor activation, ``1 / (1 + G_2A A_2A + G_2C A_2C)``.

    ``knockout`` (None, "alpha2A", "alpha2C" or "alpha2A+alpha2C") removes a subtype's share.
    """
    s = _setup(_params(params), 0.0, alpha2_block, alpha2_agonist, _check_knockout(knockout))
    out = np.asarray(s.release_factor(np.asarray(ne_nM, dtype=float)), dtype=float)
    return out if out.ndim else float(out)


@validate.domain(ne_nM=_NE, rate_hz=_RATE)
def release_rate_nM_per_s(ne_nM, rate_hz: float, alpha2_block: float = 0.0, alpha2_agonist: float = 0.0, *,
                          pool: float = 1.0, params: SynapseParams | None = None):
    """NE release into the near space (nM/s) at ``rate_hz`` with feedback at ``ne_nM`` and pool filling ``pool``."""
    p = _params(params)
    return p.release_per_spike_nM * validate.fraction("pool", pool) * rate_hz * release_factor(
        ne_nM, alpha2_block, alpha2_agonist, params=p)


@validate.domain(ne_nM=_NE)
def net_uptake_nM_per_s(ne_nM, net_block: float = 0.0, *, params: SynapseParams | None = None):
    """Saturable NET uptake in the near space (nM/s); ``net_block`` (0..1) is a competitive blocker's lone occupancy."""
    s = _setup(_params(params), net_block)
    out = np.asarray(s.uptake(np.asarray(ne_nM, dtype=float)), dtype=float)
    return out if out.ndim else float(out)


@validate.domain(ne_nM=_NE)
def other_clearance_nM_per_s(ne_nM, *, params: SynapseParams | None = None):
    """Steady-state loss from the near space other than NET (diffusion to the bulk and clearance there), nM/s."""
    s = _setup(_params(params))
    out = s.k_eff * np.asarray(ne_nM, dtype=float)
    return out if out.ndim else float(out)


def _pool_steady(s: _Setup, rate: float, c):
    return s.p_inf / (1.0 + s.tau * s.eps * rate * s.release_factor(c))


@validate.domain(ne_nM=_NE, rate_hz=_RATE)
def dne_dt(ne_nM, rate_hz, net_block=0.0, alpha2_block=0.0, alpha2_agonist=0.0, *,
           params: SynapseParams | None = None):
    """Steady-state balance of the near space (nM/s): release (steady pool) - NET - loss to the bulk."""
    s = _setup(_params(params), net_block, alpha2_block, alpha2_agonist)
    c = np.asarray(ne_nM, dtype=float)
    out = np.asarray(s.q * rate_hz * s.release_factor(c) * _pool_steady(s, rate_hz, c) - s.uptake(c) - s.k_eff * c)
    return out if out.ndim else float(out)


def net_block_from_drug(conc_nM: float, kd_nM: float = DESIPRAMINE_NET_KD_nM) -> float:
    """Fraction of NET occupied by a competitive blocker at free concentration ``conc_nM``."""
    c = validate.non_negative("conc_nM", conc_nM)
    k = validate.positive("kd_nM", kd_nM)
    return drugs.transporter_occupancy(c, k)


#: names defined in the two modules built on this one (see the module docstring), served from here
_MOVED = {
    **dict.fromkeys(("SteadyState", "steady_state", "steady_state_ne_nM", "in_vivo_steady_ne_nM", "fold_change",
                     "rate_for_steady_ne_hz"), "synapse_steady"),
    **dict.fromkeys(("BurstResult", "simulate_burst", "TrainsResult", "simulate_repeated_trains",
                     "mean_ne_periodic_nM", "calibrate"), "synapse_dynamics"),
}


def __getattr__(name: str):
    """``synapse.steady_state_ne_nM``, ``synapse.simulate_burst`` and the other names of
    :mod:`ne_lib.synapse_steady` and :mod:`ne_lib.synapse_dynamics` (the old import paths)."""
    if name in _MOVED:
        import importlib

        value = getattr(importlib.import_module(f"ne_lib.{_MOVED[name]}"), name)
        globals()[name] = value            # later look-ups are plain attribute reads
        return value
    raise AttributeError(f"module 'ne_lib.synapse' has no attribute {name!r}")
