"""Time courses of extracellular NE around the terminals: a burst, repeated trains, periodic firing.

The model is :mod:`ne_lib.synapse` (two spaces, near-release and bulk, a releasable pool tied
to the vesicular store, terminal alpha2A/alpha2C feedback, saturable NET); this module
integrates its equations in time with SciPy, using the same rate functions
(:func:`ne_lib.synapse._alpha2`, :func:`ne_lib.synapse._net`) that the steady states use.
Its parameters are :class:`ne_lib.synapse.SynapseParams`. :func:`calibrate` fits the five
calibrated parameters (it needs the slice burst, so it lives here).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np
from scipy.integrate import odeint, solve_ivp

from ne_lib import input_checks as validate
from ne_lib.synapse import (
    BASAL_RATE_HZ,
    DEFAULT_PARAMS,
    MAX_RATE_HZ,
    NET_BLOCK_FOLD,
    SLICE_BURST_RATE_HZ,
    SLICE_BURST_SPIKES,
    SLICE_HALF_TIME_S,
    YOHIMBINE_FOLD,
    BASAL_NE_nM,
    SLICE_PEAK_nM,
    SynapseParams,
    _alpha2,
    _check_knockout,
    _net,
    _params,
    _Setup,
    _setup,
)
from ne_lib.synapse_steady import _check_drugs, _check_rate, _steady

#: Assumptions and simplifications, shown on the book's validation page.
ASSUMPTIONS: tuple[str, ...] = (
    "A burst is a firing rate spread evenly over its duration, not a series of single impulses; the "
    "time courses are deterministic solutions of the synapse model's ordinary differential equations.",
    "A drug or a VMAT2 block acts at full strength from the start of a time course (no pharmacokinetics).",
)

__all__ = ["BurstResult", "simulate_burst", "TrainsResult", "simulate_repeated_trains", "mean_ne_periodic_nM",
           "calibrate"]


def _rhs(s: _Setup, rate: float):
    """Right-hand side with every constant bound to a local float (it is called thousands of times)."""
    ratio, k_ex, k_other, q, eps, tau, p_inf = s.ratio, s.k_ex, s.k_other, s.q, s.eps, s.tau, s.p_inf
    rfac, uptake = _alpha2(s)[1], _net(s)      # the same formulas as the public helpers

    def rhs(t, y):
        cn, cb, pool = y
        rel = rate * rfac(cn)
        exch = k_ex * (cn - cb)
        return [q * pool * rel - uptake(cn) - exch, ratio * exch - k_other * cb,
                (p_inf - pool) / tau - eps * rel * pool]
    return rhs


def _integrate(s, rate, t0, t1, y0, t_eval=None, events=None, rtol=1e-5, dense=False):
    sol = solve_ivp(_rhs(s, rate), (t0, t1), y0, t_eval=t_eval, events=events, rtol=rtol, atol=1e-6,
                    method="RK45", dense_output=dense)
    if not sol.success:  # pragma: no cover - would be a model bug
        raise RuntimeError(f"synapse integration failed: {sol.message}")
    return sol


def _times(*parts):
    """Sorted times with near-duplicates (closer than 1 us) merged, as odeint needs distinct times."""
    t = np.unique(np.concatenate([np.atleast_1d(np.asarray(p, dtype=float)) for p in parts]))
    keep = np.concatenate([[True], np.diff(t) > 1e-6])
    return t[keep]


def _grid(s, rate, y0, t):
    """States at the times ``t`` (t[0] is the start, state y0), by LSODA (odeint: its stepping loop is compiled,
    so it is several times faster than solve_ivp for these small systems)."""
    f = _rhs(s, rate)
    out, info = odeint(lambda y, tt: f(tt, y), y0, t, rtol=1e-8, atol=1e-9, full_output=True)
    if info["message"] != "Integration successful.":  # pragma: no cover - would be a model bug
        raise RuntimeError(f"synapse integration failed: {info['message']}")
    return out.T


@validate.domain(half_time_s=validate.Interval(0.0, inf_ok=True))  # inf: the decay never reaches half-way
@dataclass(frozen=True)
class BurstResult:
    """A time course: NE (nM) at times ``time_s`` in the chosen compartment; the burst starts at ``burst_start_s``."""

    time_s: np.ndarray
    ne_nM: np.ndarray
    baseline_nM: float
    peak_nM: float
    peak_time_s: float
    half_time_s: float          # from the peak to half-way back to baseline; inf if never
    burst_start_s: float
    burst_duration_s: float
    compartment: str = "bulk"
    pool: np.ndarray = field(default_factory=lambda: np.empty(0))   # releasable pool filling at time_s


def _burst(s: _Setup, tonic, spikes, b_rate, duration, start, n, compartment, half_time=True):
    base = _steady(s, tonic)
    y0 = np.array([base.near_nM, base.bulk_nM, base.pool])
    idx = 0 if compartment == "near" else 1
    burst_dur = spikes / b_rate if spikes > 0 else 0.0
    burst_end = start + burst_dur
    t_all = np.linspace(0.0, duration, n)
    y = np.repeat(y0[:, None], n, axis=1)
    baseline = float(y0[idx])
    if burst_dur == 0:
        return BurstResult(t_all, y[idx], baseline, baseline, start, math.inf, start, 0.0, compartment, y[2])
    inside = (t_all >= start) & (t_all <= burst_end)
    t_in = _times([start, burst_end], t_all[inside])
    during = _grid(s, tonic + b_rate, y0, t_in)
    y_end = during[:, -1]
    if inside.any():
        y[:, inside] = during[:, np.clip(np.searchsorted(t_in, t_all[inside] - 1e-6), 0, t_in.size - 1)]
    post = t_all > burst_end
    # after the burst: the figure's time points plus a fine grid over at least 30 s. The near space peaks
    # at the end of the burst (release falls back at once); the bulk keeps filling for a while.
    horizon = max(duration, burst_end + 30.0)
    t_post = _times([burst_end], t_all[post], np.linspace(burst_end, horizon, 301))
    after = _grid(s, tonic, y_end, t_post)
    if np.any(post):
        y[:, post] = after[:, np.clip(np.searchsorted(t_post, t_all[post] - 1e-6), 0, t_post.size - 1)]
    trace = after[idx]
    i_peak = int(np.argmax(trace)) if idx == 1 else 0
    peak_val, peak_t = float(trace[i_peak]), float(t_post[i_peak])
    half = math.inf
    if half_time and peak_val - baseline > 1e-9:
        level = baseline + 0.5 * (peak_val - baseline)
        below = np.nonzero(trace[i_peak:] <= level)[0]
        if below.size:
            j = i_peak + int(below[0])
            fine_t = np.linspace(t_post[j - 1], t_post[j], 41)
            fine = _grid(s, tonic, after[:, j - 1], fine_t)[idx]
            fine[-1] = min(fine[-1], trace[j])
            k = int(np.nonzero(fine <= level)[0][0]) if np.any(fine <= level) else len(fine) - 1
            k = max(k, 1)
            half = float(np.interp(level, [fine[k], fine[k - 1]], [fine_t[k], fine_t[k - 1]]) - peak_t)
        else:
            def reached_half(t, yy):
                return yy[idx] - level
            reached_half.terminal = True    # type: ignore[attr-defined]  # solve_ivp's event attributes
            reached_half.direction = -1     # type: ignore[attr-defined]
            far = _integrate(s, tonic, horizon, horizon + 600.0, after[:, -1], events=reached_half)
            if far.t_events[0].size:
                half = float(far.t_events[0][0] - peak_t)
    return BurstResult(t_all, y[idx], baseline, max(peak_val, baseline), peak_t, half, start, burst_dur,
                       compartment, y[2])


def simulate_burst(tonic_rate_hz: float = BASAL_RATE_HZ, burst_spikes: int = 30, burst_rate_hz: float = 100.0,
                   net_block: float = 0.0, alpha2_block: float = 0.0, alpha2_agonist: float = 0.0,
                   duration_s: float = 20.0, burst_start_s: float = 1.0, n_points: int = 201, *,
                   compartment: str = "near", knockout=None, vmat2_block: float = 0.0, store_fraction: float = 1.0,
                   params: SynapseParams | None = None) -> BurstResult:
    """NE before, during and after a burst of ``burst_spikes`` at ``burst_rate_hz``.

    The system starts at its steady state for ``tonic_rate_hz`` (0 = a silent slice) and the burst
    is added on top of the tonic rate. ``compartment`` is "near" (next to the terminals, what
    voltammetry reads; the default) or "bulk" (what dialysis samples). Returns a
    :class:`BurstResult` (times in s, NE in nM) with the peak, the half-time of the decay and the
    releasable pool's filling.
    """
    tonic = _check_rate(tonic_rate_hz, "tonic_rate_hz")
    spikes = validate.integer("burst_spikes", burst_spikes, 0, 5000)
    b_rate = validate.in_range("burst_rate_hz", burst_rate_hz, 1.0, MAX_RATE_HZ)
    _check_drugs(net_block, alpha2_block, alpha2_agonist)
    duration = validate.in_range("duration_s", duration_s, 1.0, 600.0)
    start = validate.in_range("burst_start_s", burst_start_s, 0.0, duration)
    n = validate.integer("n_points", n_points, 10, 10000)
    validate.one_of("compartment", compartment, ("near", "bulk"))
    if start + spikes / b_rate > duration:
        raise ValueError("duration_s must be longer than burst_start_s plus the burst "
                         f"({start + spikes / b_rate:g} s)")
    s = _setup(_params(params), net_block, alpha2_block, alpha2_agonist, _check_knockout(knockout),
               vmat2_block, store_fraction)
    return _burst(s, tonic, spikes, b_rate, duration, start, n, compartment)


@validate.domain()   # finite arrays and a finite interval
@dataclass(frozen=True)
class TrainsResult:
    """Peaks of near-space NE (nM) after each of a series of identical trains, and the pool before each."""

    peaks_nM: np.ndarray
    pool_before: np.ndarray
    interval_s: float


def simulate_repeated_trains(n_trains: int = 10, interval_s: float = 300.0, *,
                             train_spikes: int = SLICE_BURST_SPIKES, train_rate_hz: float = SLICE_BURST_RATE_HZ,
                             tonic_rate_hz: float = 0.0, net_block: float = 0.0, vmat2_block: float = 0.0,
                             store_fraction: float = 1.0, params: SynapseParams | None = None) -> TrainsResult:
    """Identical trains every ``interval_s`` (a slice protocol, Palij1994: 30 pulses at 100 Hz every 5 min).

    Starts from the drug-free steady state at ``tonic_rate_hz``; the drugs act from t = 0 (so a
    VMAT2 blocker empties the releasable pool as vesicles recycle).
    """
    n = validate.integer("n_trains", n_trains, 1, 500)
    interval = validate.in_range("interval_s", interval_s, 1.0, 7200.0)
    spikes = validate.integer("train_spikes", train_spikes, 1, 5000)
    b_rate = validate.in_range("train_rate_hz", train_rate_hz, 1.0, MAX_RATE_HZ)
    tonic = _check_rate(tonic_rate_hz, "tonic_rate_hz")
    if spikes / b_rate >= interval:
        raise ValueError(f"interval_s must be longer than one train ({spikes / b_rate:g} s)")
    p = _params(params)
    y = np.array(_steady_state_vector(p, tonic))
    s = _setup(p, net_block, 0.0, 0.0, None, vmat2_block, store_fraction)
    dur = spikes / b_rate
    peaks, pools = [], []
    for _ in range(n):
        pools.append(y[2])
        sol = _integrate(s, tonic + b_rate, 0.0, dur, y)
        y = sol.y[:, -1]
        peaks.append(y[0])
        y = _integrate(s, tonic, dur, interval, y).y[:, -1]
    return TrainsResult(np.array(peaks), np.array(pools), interval)


def _steady_state_vector(p, tonic):
    st = _steady(_setup(p), tonic)
    return st.near_nM, st.bulk_nM, st.pool if tonic > 0 else 1.0


@validate.domain(burst_spikes=validate.Interval(1, 5000, integer=True),
                 burst_rate_hz=validate.Interval(1.0, MAX_RATE_HZ), period_s=validate.Interval(1e-3, 3600.0))
def mean_ne_periodic_nM(burst_spikes: int, burst_rate_hz: float, period_s: float, *, compartment: str = "bulk",
                        net_block: float = 0.0, alpha2_block: float = 0.0, alpha2_agonist: float = 0.0,
                        params: SynapseParams | None = None, n_periods: int | None = None) -> float:
    """Mean NE (nM) under a periodic firing pattern: ``burst_spikes`` at ``burst_rate_hz`` every ``period_s``.

    One spike per period is evenly spaced (tonic) firing at ``1/period_s``. The pattern is run
    until it repeats (about 10 bulk time constants) and the mean over the last period returned.
    """
    spikes = validate.integer("burst_spikes", burst_spikes, 1, 5000)
    b_rate = validate.in_range("burst_rate_hz", burst_rate_hz, 1.0, MAX_RATE_HZ)
    period = validate.in_range("period_s", period_s, 1e-3, 3600.0)
    validate.one_of("compartment", compartment, ("near", "bulk"))
    _check_drugs(net_block, alpha2_block, alpha2_agonist)
    burst = spikes / b_rate
    if burst > period:
        raise ValueError(f"period_s must be at least the burst duration ({burst:g} s)")
    p = _params(params)
    s = _setup(p, net_block, alpha2_block, alpha2_agonist)
    mean_rate = spikes / period
    if mean_rate > MAX_RATE_HZ:
        raise ValueError("the pattern's mean rate must not exceed 100 Hz")
    st = _steady(s, mean_rate)
    y = np.array([st.near_nM, st.bulk_nM, st.pool])
    if n_periods is None:
        n_periods = int(min(2000, max(20, math.ceil(10.0 / (p.other_clearance_per_s * period)))))
    idx = 0 if compartment == "near" else 1
    for _ in range(n_periods):
        if burst >= period:          # continuous firing
            sol = _integrate(s, b_rate, 0.0, period, y, t_eval=np.linspace(0, period, 21))
            y = sol.y[:, -1]
            last = sol
            continue
        s1 = _integrate(s, b_rate, 0.0, burst, y, t_eval=np.linspace(0, burst, 6))
        s2 = _integrate(s, 0.0, burst, period, s1.y[:, -1], t_eval=np.linspace(burst, period, 21))
        y = s2.y[:, -1]
        last = (s1, s2)
    if isinstance(last, tuple):
        t = np.concatenate([last[0].t, last[1].t[1:]])
        c = np.concatenate([last[0].y[idx], last[1].y[idx, 1:]])
    else:
        t, c = last.t, last.y[idx]
    return float(np.trapezoid(c, t) / period)


# ----------------------------------------------------------------------------- calibration
_FITTED = ("release_per_spike_nM", "net_vmax_nM_per_s", "other_clearance_per_s", "exchange_per_s",
           "autoreceptor_gain")


def calibrate(lc_params=None) -> dict[str, float]:
    """Fit the five calibrated parameters to the five targets in the module docstring (a few seconds).

    Returns the parameters and the model's values of the five targets at the fit.
    """
    from scipy.optimize import least_squares

    from ne_lib import locus_coeruleus as lc

    yoh_rate_factor = lc.autoinhibited_rate_hz(BASAL_RATE_HZ, alpha2_block=1.0, params=lc_params) / \
        lc.autoinhibited_rate_hz(BASAL_RATE_HZ, params=lc_params)

    def model(log_p):
        p = replace(DEFAULT_PARAMS, **dict(zip(_FITTED, np.exp(log_p))))
        base = _steady(_setup(p), BASAL_RATE_HZ).bulk_nM
        yoh = _steady(_setup(p, alpha2_block=1.0), BASAL_RATE_HZ * yoh_rate_factor).bulk_nM / base
        net = _steady(_setup(p, net_block=1.0), BASAL_RATE_HZ).bulk_nM / base
        sl = _burst(_setup(p), 0.0, SLICE_BURST_SPIKES, SLICE_BURST_RATE_HZ, 30.0, 0.0, 11, "near")
        return base, yoh, net, sl.peak_nM, sl.half_time_s

    targets = np.array([BASAL_NE_nM, YOHIMBINE_FOLD, NET_BLOCK_FOLD, SLICE_PEAK_nM, SLICE_HALF_TIME_S])

    def residuals(log_p):
        return np.log(np.array(model(log_p)) / targets)

    start = np.log([getattr(DEFAULT_PARAMS, name) for name in _FITTED])
    fit = least_squares(residuals, start, xtol=1e-12, ftol=1e-12, gtol=1e-12)
    values = dict(zip(_FITTED, np.exp(fit.x)))
    base, yoh, net, peak, half = model(fit.x)
    return {**values, "basal_nM": base, "yohimbine_fold": yoh, "net_block_fold": net, "slice_peak_nM": peak,
            "slice_half_time_s": half, "cost": float(fit.cost)}
