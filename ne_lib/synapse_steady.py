"""The synapse model at steady state: NE in both spaces at a constant LC firing rate.

The model, its parameters (:class:`ne_lib.synapse.SynapseParams`) and its rate functions are in
:mod:`ne_lib.synapse`; this module solves release = clearance in the near-release space for the
steady state (the bulk space, which dialysis samples, follows from it), and builds on that:

* :func:`steady_state` (both spaces and the releasable pool) and :func:`steady_state_ne_nM` (bulk NE,
  the number other chapters use; basal 14 nM, Abercrombie1988);
* :func:`in_vivo_steady_ne_nM`: a drug given systemically, which also slows or speeds LC firing
  through the somatodendritic alpha2 receptors of :mod:`ne_lib.locus_coeruleus`;
* :func:`fold_change` (yohimbine 230%, Abercrombie1988; desipramine in the probe 8x, Kalen1988: both
  calibration targets of :func:`ne_lib.synapse_dynamics.calibrate`) and :func:`rate_for_steady_ne_hz`,
  the exact inverse of :func:`steady_state_ne_nM`.

The steady state is the unique root of the near-space balance, because release falls and clearance
rises with NE; it is found with ``scipy.optimize.brentq`` between 0 and the level with no NET and no
feedback. These names can also be imported from :mod:`ne_lib.synapse` (the old import path).
"""

from __future__ import annotations

from dataclasses import dataclass

from scipy.optimize import brentq

from ne_lib import input_checks as validate
from ne_lib.synapse import (
    BASAL_RATE_HZ,
    MAX_RATE_HZ,
    SynapseParams,
    _alpha2,
    _check_knockout,
    _net,
    _params,
    _pool_steady,
    _Setup,
    _setup,
)

#: Assumptions and simplifications, shown on the book's validation page.
ASSUMPTIONS: tuple[str, ...] = (
    "The model is deterministic: steady states are exact roots of release = clearance.",
    "For a drug given systemically, the LC rate is set first (somatodendritic alpha2 feedback) and the "
    "terminals then see that rate; NET block acts at the terminals only, as with a drug in a dialysis probe.",
)

__all__ = ["SteadyState", "steady_state", "steady_state_ne_nM", "in_vivo_steady_ne_nM", "fold_change",
           "rate_for_steady_ne_hz"]


def _check_rate(rate_hz, name: str = "rate_hz") -> float:
    return validate.in_range(name, rate_hz, 0.0, MAX_RATE_HZ)


@validate.domain()   # every field a finite number
@dataclass(frozen=True)
class SteadyState:
    """Steady NE in both spaces (nM) and the releasable pool filling (0..1) at a constant firing rate."""

    near_nM: float
    bulk_nM: float
    pool: float
    rate_hz: float


def _steady(s: _Setup, rate: float) -> SteadyState:
    if rate == 0.0 or s.p_inf == 0.0:
        return SteadyState(0.0, 0.0, s.p_inf, rate)
    rfac, uptake = _alpha2(s)[1], _net(s)
    q, p_inf, te, k_eff = s.q, s.p_inf, s.tau * s.eps * rate, s.k_eff

    def balance(c):
        r = rfac(c)
        return q * rate * r * p_inf / (1.0 + te * r) - uptake(c) - k_eff * c

    upper = s.q * rate * s.p_inf / s.k_eff
    c = float(brentq(balance, 0.0, upper, xtol=1e-10, rtol=1e-11))
    return SteadyState(c, c * s.bulk_over_near, _pool_steady(s, rate, c), rate)


def _check_drugs(net_block, alpha2_block, alpha2_agonist):
    for name, value in (("net_block", net_block), ("alpha2_block", alpha2_block),
                        ("alpha2_agonist", alpha2_agonist)):
        validate.fraction(name, value)


def steady_state(rate_hz: float = BASAL_RATE_HZ, net_block: float = 0.0, alpha2_block: float = 0.0,
                 alpha2_agonist: float = 0.0, *, knockout=None, vmat2_block: float = 0.0,
                 store_fraction: float = 1.0, params: SynapseParams | None = None) -> SteadyState:
    """Steady NE in the near and bulk spaces at a constant LC firing rate ``rate_hz`` (0..100 Hz).

    Drugs are lone occupancies (0..1). ``vmat2_block`` (0..1) stops vesicle refilling;
    ``store_fraction`` (0..1) is the vesicular store relative to normal (from
    :func:`ne_lib.synthesis.vesicular_store_fraction`). The steady state is the unique root of
    release = clearance in the near space (release falls and clearance rises with NE).
    """
    rate = _check_rate(rate_hz)
    _check_drugs(net_block, alpha2_block, alpha2_agonist)
    s = _setup(_params(params), net_block, alpha2_block, alpha2_agonist, _check_knockout(knockout),
               vmat2_block, store_fraction)
    return _steady(s, rate)


def steady_state_ne_nM(rate_hz: float = BASAL_RATE_HZ, net_block: float = 0.0,
                       alpha2_block: float = 0.0, alpha2_agonist: float = 0.0, *,
                       params: SynapseParams | None = None, **conditions) -> float:
    """Steady extracellular NE (nM) in the bulk space, as dialysis samples it, at LC rate ``rate_hz``.

    Parameters
    ----------
    rate_hz : LC firing rate, 0..100 Hz (default :data:`BASAL_RATE_HZ`, 1 Hz, illustrative).
    net_block : fraction of NET a blocker would occupy on its own, 0..1 (1 = uptake abolished).
    alpha2_block : fraction of alpha2 receptors an antagonist would occupy on its own, 0..1.
    alpha2_agonist : fraction of alpha2 receptors an agonist would occupy on its own, 0..1.
    conditions : ``knockout``, ``vmat2_block``, ``store_fraction`` (see :func:`steady_state`).

    Terminal autoreceptors only: the firing rate is given. At the defaults it returns ~14 nM
    (Abercrombie1988). For a drug that also reaches the LC see :func:`in_vivo_steady_ne_nM`.
    """
    return steady_state(rate_hz, net_block, alpha2_block, alpha2_agonist, params=params, **conditions).bulk_nM


def in_vivo_steady_ne_nM(drive_rate_hz: float = BASAL_RATE_HZ, net_block: float = 0.0, alpha2_block: float = 0.0,
                         alpha2_agonist: float = 0.0, *, knockout=None, params: SynapseParams | None = None,
                         lc_params=None) -> float:
    """Bulk NE (nM) for a drug given systemically: it acts on LC firing and on the terminals.

    The LC fires at :func:`ne_lib.locus_coeruleus.autoinhibited_rate_hz` (somatodendritic alpha2A feedback,
    with the same alpha2 drugs) for a drug-free rate ``drive_rate_hz``; the terminals then see
    that rate. NET block is taken to act at the terminals only (a drug in a dialysis probe).
    """
    from ne_lib import locus_coeruleus as lc

    drive_rate_hz = validate.in_range("drive_rate_hz", drive_rate_hz, 0.0, 20.0)   # lc's drug-free range
    _check_drugs(net_block, alpha2_block, alpha2_agonist)
    rate = lc.autoinhibited_rate_hz(drive_rate_hz, alpha2_block=alpha2_block, alpha2_agonist=alpha2_agonist,
                                    knockout=knockout, params=lc_params)
    return steady_state_ne_nM(min(rate, MAX_RATE_HZ), net_block, alpha2_block, alpha2_agonist,
                              knockout=knockout, params=params)


def fold_change(net_block: float = 0.0, alpha2_block: float = 0.0, alpha2_agonist: float = 0.0,
                rate_hz: float = BASAL_RATE_HZ, *, params: SynapseParams | None = None) -> float:
    """Steady bulk NE with the drugs divided by steady NE without them, at the same firing rate."""
    base = steady_state_ne_nM(rate_hz, params=params)
    if base == 0.0:
        raise ValueError("rate_hz must be > 0 for a fold change (no release, no NE)")
    return steady_state_ne_nM(rate_hz, net_block, alpha2_block, alpha2_agonist, params=params) / base


def rate_for_steady_ne_hz(ne_nM: float, *, params: SynapseParams | None = None) -> float:
    """The drug-free firing rate (Hz) whose steady bulk NE is ``ne_nM``: the exact inverse of
    :func:`steady_state_ne_nM`. Raises ValueError if no rate (even infinite) reaches it."""
    s = _setup(_params(params))
    cb = validate.non_negative("ne_nM", ne_nM)
    c = cb / s.bulk_over_near
    clearance = s.uptake(c) + s.k_eff * c
    r = s.release_factor(c)
    # clearance = q r_hz R P_inf / (1 + tau eps r_hz R)  ->  r_hz = J / (R (q P_inf - J tau eps))
    denom = r * (s.q * s.p_inf - clearance * s.tau * s.eps)
    if denom <= 0.0:
        raise ValueError(f"ne_nM={cb!r} cannot be reached at any firing rate (the releasable pool limits release)")
    return float(clearance / denom)
