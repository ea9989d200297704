"""Extracellular NE around noradrenergic terminals: release, NET uptake, other clearance, alpha2 feedback.

One well-mixed compartment of extracellular fluid holds NE at concentration ``C`` (nM):

    dC/dt = q * rate(t) * R(C)  -  Vmax * C / (C + Km * (1 + x_NET))  -  k_other * C

* **Release**: each LC action potential releases ``q`` nM (averaged over the volume);
  ``rate(t)`` is the LC firing rate in Hz (tonic, plus a burst when asked).
* **alpha2 autoreceptor feedback**: release per spike is scaled by
  ``R = 1 / (1 + G * A)``, where ``A`` (0..1) is the activation of alpha2 receptors by NE
  and, optionally, by an alpha2 agonist; an alpha2 antagonist lowers ``A``. Drugs bind
  competitively with NE (Gaddum): a drug that alone would occupy a fraction ``f`` has
  ``x = f / (1 - f)`` (its concentration in units of its K), and
  ``A = (C/K2 + e * x_ag) / (1 + C/K2 + x_ag + x_ant)`` with ``K2`` NE's alpha2A K.
  This term lumps the terminal autoreceptors with the somatodendritic alpha2 receptors
  that slow LC firing, because the in-vivo drug effects it is calibrated on include both.
* **NET uptake**: saturable (Michaelis-Menten). A NET blocker is competitive: fractional
  block ``n`` raises the apparent Km by ``1 + n / (1 - n)``, so at low NE uptake falls to
  exactly ``(1 - n)`` of normal; ``n = 1`` abolishes it.
* **Other clearance**: first order (diffusion out of the region, uptake into glia and
  other cells, enzymatic breakdown) with rate constant ``k_other``.

Parameters. ``Km`` (400 nM) and the basal firing rate (1 Hz) are illustrative. The four
parameters ``q``, ``Vmax``, ``k_other`` and ``G`` are *calibrated* (see :func:`calibrate`,
whose output the constants below reproduce; a test re-runs it) so that, together:
basal extracellular NE is 14 nM (Abercrombie1988, recovery-corrected); full alpha2
blockade gives 230% of basal (Abercrombie1988, yohimbine); full NET block gives 8x basal
(Kalen1988, desipramine in the probe); and after 30 pulses at 100 Hz with no tonic firing
(a slice) NE falls from its peak to half in 2.93 s (Palij1994). Those four are therefore
consistency checks, not predictions. What the model then predicts is the *shape* of the
responses: the fall of NE with an alpha2 agonist at a partial occupancy, steady NE against
firing rate, the slowing of the decay after a burst when NET is blocked.
One parameter set serves in-vivo and slice-like conditions: a simplification with a visible
cost. The model's peak after the slice burst is ~72 nM, about 4x below the 0.31 uM measured
by voltammetry next to stimulated terminals (Palij1994): release per spike calibrated on
dialysis (an average over a large volume) does not carry over to a point next to the
stimulating electrode. The feedback acts instantly (no G-protein delay): another simplification.

Public interface used by other chapters (keep stable):
``steady_state_ne_nM(rate_hz=BASAL_RATE_HZ, net_block=0.0, alpha2_block=0.0, alpha2_agonist=0.0)``
and ``BASAL_RATE_HZ``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

from ne_lib import drugs, validate
from ne_lib.receptors import NE_AFFINITY_nM

#: Assumptions and simplifications, shown on the book's validation page.
ASSUMPTIONS: tuple[str, ...] = (
    "Extracellular NE is one well-mixed compartment: release is averaged over its volume and diffusion "
    "gradients are left out.",
    "Release per spike, NET Vmax, other clearance and the autoreceptor gain are calibrated together to "
    "basal NE and yohimbine (Abercrombie1988), desipramine (Kalen1988) and the slice half-time "
    "(Palij1994), so those four results are consistency checks, not predictions.",
    "The NET Km (400 nM), the basal firing rate (1 Hz) and the alpha2A affinity of NE are illustrative.",
    "One parameter set serves in-vivo dialysis and slice conditions, so the peak after the slice burst is "
    "about 4 times below the voltammetry value (Palij1994).",
    "Alpha2 feedback acts instantly (no G-protein delay), does not desensitise, and lumps terminal "
    "autoreceptors with the somatodendritic receptors that slow LC firing.",
    "An alpha2 agonist is treated as a full agonist, although clonidine is partial, and drugs enter only "
    "as the fraction of their target each would occupy alone, with no pharmacokinetics.",
    "Clearance other than NET (diffusion out of the region, glial uptake, breakdown) is lumped into one "
    "first-order term.",
    "The model is deterministic, and a burst is a firing rate spread evenly over its duration, not a "
    "series of single impulses.",
)


__all__ = [
    "BASAL_RATE_HZ", "BASAL_NE_nM", "MAX_RATE_HZ", "NET_KM_nM", "ALPHA2_K_nM", "AGONIST_EFFICACY",
    "RELEASE_PER_SPIKE_nM", "NET_VMAX_nM_PER_S", "OTHER_CLEARANCE_PER_S", "AUTORECEPTOR_GAIN",
    "alpha2_activation", "release_factor", "release_rate_nM_per_s", "net_uptake_nM_per_s",
    "other_clearance_nM_per_s", "dne_dt", "steady_state_ne_nM", "fold_change",
    "BurstResult", "simulate_burst", "calibrate", "DESIPRAMINE_NET_KD_nM", "net_block_from_drug",
]

# ----------------------------------------------------------------------------- fixed inputs
BASAL_RATE_HZ = 1.0      # illustrative: inside the 0.5-2 Hz tonic range of waking LC neurons (fact base §2)
BASAL_NE_nM = 14.0       # Abercrombie1988: rat hippocampus, recovery-corrected extracellular NE
MAX_RATE_HZ = 100.0      # upper limit accepted (Palij1994 stimulated at 100 Hz)
NET_KM_nM = 400.0        # illustrative: NET Km for NE is often quoted 0.3-0.5 uM (fact base grade GK)
ALPHA2_K_nM = NE_AFFINITY_nM["alpha2A"]   # illustrative (see receptors.NE_AFFINITY_nM)
AGONIST_EFFICACY = 1.0   # illustrative: the alpha2 agonist is treated as a full agonist (clonidine is partial)
DESIPRAMINE_NET_KD_nM = drugs.affinity_nM("desipramine", "NET")   # Tatsumi1997 (human NET Kd), from the drug table

# Calibration targets (the published numbers the four fitted parameters reproduce together)
YOHIMBINE_FOLD = 2.30    # Abercrombie1988: yohimbine 5 mg/kg -> 230% of basal
NET_BLOCK_FOLD = 8.0     # Kalen1988: desipramine 5 uM in the probe -> dialysate NE x8
SLICE_HALF_TIME_S = 2.93  # Palij1994: 2.93 +- 0.28 s, rat LC slice, after 30 pulses at 100 Hz
SLICE_PEAK_nM = 310.0     # Palij1994: peak 0.31 +- 0.04 uM after the same train
SLICE_BURST_SPIKES = 30   # Palij1994
SLICE_BURST_RATE_HZ = 100.0  # Palij1994

# ----------------------------------------------------------------------------- calibrated
# Output of calibrate() (rounded to 4 significant figures); tests/test_synapse.py re-runs it.
RELEASE_PER_SPIKE_nM = 7.943       # calibrated (see module docstring)
NET_VMAX_nM_PER_S = 100.5          # calibrated
OTHER_CLEARANCE_PER_S = 0.01410    # calibrated
AUTORECEPTOR_GAIN = 6.042          # calibrated


#: Domains of the helpers' inputs (checked on every call by @validate.domain)
_NE = validate.Interval(0.0, 1e9, shape="either")   # nM; 1 M is a bound, not a value
_RATE = validate.Interval(0.0, MAX_RATE_HZ)


def _occupancy_ratio(name: str, fraction: float) -> float:
    """x = f / (1 - f): a drug's concentration in units of its K, from its lone occupancy f."""
    f = validate.fraction(name, fraction)
    return np.inf if f >= 1.0 else f / (1.0 - f)


@validate.domain(ne_nM=_NE)
def alpha2_activation(ne_nM, alpha2_block: float = 0.0, alpha2_agonist: float = 0.0):
    """Activation (0..1) of alpha2 receptors by NE and an agonist, with an antagonist competing.

    ``alpha2_block`` and ``alpha2_agonist`` are the fractions each drug would occupy on its own
    (0..1). Full block (1) gives 0 whatever else is present.
    """
    c = np.asarray(ne_nM, dtype=float) / ALPHA2_K_nM
    x_ant = _occupancy_ratio("alpha2_block", alpha2_block)
    x_ag = _occupancy_ratio("alpha2_agonist", alpha2_agonist)
    if np.isinf(x_ant):
        act = np.zeros_like(c)
    elif np.isinf(x_ag):
        act = np.full_like(c, AGONIST_EFFICACY)
    else:
        act = (c + AGONIST_EFFICACY * x_ag) / (1.0 + c + x_ag + x_ant)
    return act if act.ndim else float(act)


@validate.domain(ne_nM=_NE)
def release_factor(ne_nM, alpha2_block: float = 0.0, alpha2_agonist: float = 0.0):
    """Release per spike relative to no autoreceptor activation: 1 / (1 + G * activation)."""
    return 1.0 / (1.0 + AUTORECEPTOR_GAIN * alpha2_activation(ne_nM, alpha2_block, alpha2_agonist))


@validate.domain(ne_nM=_NE, rate_hz=_RATE)
def release_rate_nM_per_s(ne_nM, rate_hz: float, alpha2_block: float = 0.0, alpha2_agonist: float = 0.0):
    """NE release (nM/s) at firing rate ``rate_hz`` with autoreceptor feedback at ``ne_nM``."""
    return RELEASE_PER_SPIKE_nM * rate_hz * release_factor(ne_nM, alpha2_block, alpha2_agonist)


@validate.domain(ne_nM=_NE)
def net_uptake_nM_per_s(ne_nM, net_block: float = 0.0):
    """Saturable NET uptake (nM/s); ``net_block`` (0..1) is a competitive blocker's lone occupancy."""
    x_net = _occupancy_ratio("net_block", net_block)
    c = np.asarray(ne_nM, dtype=float)
    out = np.zeros_like(c) if np.isinf(x_net) else NET_VMAX_nM_PER_S * c / (c + NET_KM_nM * (1.0 + x_net))
    return out if out.ndim else float(out)


@validate.domain(ne_nM=_NE)
def other_clearance_nM_per_s(ne_nM):
    """First-order clearance other than NET (diffusion, glial uptake, breakdown), nM/s."""
    if np.ndim(ne_nM):
        return OTHER_CLEARANCE_PER_S * np.asarray(ne_nM, dtype=float)
    return OTHER_CLEARANCE_PER_S * float(ne_nM)


@validate.domain(ne_nM=_NE, rate_hz=_RATE)
def dne_dt(ne_nM, rate_hz, net_block=0.0, alpha2_block=0.0, alpha2_agonist=0.0):
    """Right-hand side of the model (nM/s): release - NET uptake - other clearance."""
    return (release_rate_nM_per_s(ne_nM, rate_hz, alpha2_block, alpha2_agonist)
            - net_uptake_nM_per_s(ne_nM, net_block) - other_clearance_nM_per_s(ne_nM))


def _check_rate(rate_hz, name: str = "rate_hz") -> float:
    return validate.in_range(name, rate_hz, 0.0, MAX_RATE_HZ)


def _steady(rate_hz, net_block, alpha2_block, alpha2_agonist, params) -> float:
    q, vmax, k_other, gain = params
    if rate_hz == 0.0:
        return 0.0
    k2 = ALPHA2_K_nM
    x_ant = _occupancy_ratio("alpha2_block", alpha2_block)
    x_ag = _occupancy_ratio("alpha2_agonist", alpha2_agonist)
    x_net = _occupancy_ratio("net_block", net_block)

    def act(c):
        if np.isinf(x_ant):
            return 0.0
        if np.isinf(x_ag):
            return AGONIST_EFFICACY
        return (c / k2 + AGONIST_EFFICACY * x_ag) / (1.0 + c / k2 + x_ag + x_ant)

    def balance(c):
        uptake = 0.0 if np.isinf(x_net) else vmax * c / (c + NET_KM_nM * (1.0 + x_net))
        return q * rate_hz / (1.0 + gain * act(c)) - uptake - k_other * c

    upper = q * rate_hz / k_other   # release can never exceed q*rate, clearance is at least k_other*C
    return float(brentq(balance, 0.0, upper, xtol=1e-9, rtol=1e-10))


def steady_state_ne_nM(rate_hz: float = BASAL_RATE_HZ, net_block: float = 0.0,
                       alpha2_block: float = 0.0, alpha2_agonist: float = 0.0) -> float:
    """Steady extracellular NE (nM) at a constant LC firing rate, with optional drugs.

    Parameters
    ----------
    rate_hz : LC firing rate, 0..100 Hz (default :data:`BASAL_RATE_HZ`, 1 Hz, illustrative).
    net_block : fraction of NET a blocker would occupy on its own, 0..1 (1 = uptake abolished).
    alpha2_block : fraction of alpha2 receptors an antagonist would occupy on its own, 0..1.
    alpha2_agonist : fraction of alpha2 receptors an agonist would occupy on its own, 0..1.

    At the defaults it returns ~14 nM (Abercrombie1988). The steady state is the unique root of
    release = clearance (release falls and clearance rises with NE), found by bracketing.
    """
    rate_hz = _check_rate(rate_hz)
    for name, value in (("net_block", net_block), ("alpha2_block", alpha2_block),
                        ("alpha2_agonist", alpha2_agonist)):
        validate.fraction(name, value)
    params = (RELEASE_PER_SPIKE_nM, NET_VMAX_nM_PER_S, OTHER_CLEARANCE_PER_S, AUTORECEPTOR_GAIN)
    return _steady(rate_hz, net_block, alpha2_block, alpha2_agonist, params)


def fold_change(net_block: float = 0.0, alpha2_block: float = 0.0, alpha2_agonist: float = 0.0,
                rate_hz: float = BASAL_RATE_HZ) -> float:
    """Steady NE with the drugs divided by steady NE without them, at the same firing rate."""
    base = steady_state_ne_nM(rate_hz)
    if base == 0.0:
        raise ValueError("rate_hz must be > 0 for a fold change (no release, no NE)")
    return steady_state_ne_nM(rate_hz, net_block, alpha2_block, alpha2_agonist) / base


def net_block_from_drug(conc_nM: float, kd_nM: float = DESIPRAMINE_NET_KD_nM) -> float:
    """Fraction of NET occupied by a competitive blocker at free concentration ``conc_nM``."""
    c = validate.non_negative("conc_nM", conc_nM)
    k = validate.positive("kd_nM", kd_nM)
    return drugs.transporter_occupancy(c, k)


@validate.domain(half_time_s=validate.Interval(0.0, inf_ok=True))  # inf: the decay never reaches half-way
@dataclass(frozen=True)
class BurstResult:
    """A time course: NE (nM) at times ``time_s``; the burst starts at ``burst_start_s``."""

    time_s: np.ndarray
    ne_nM: np.ndarray
    baseline_nM: float
    peak_nM: float
    peak_time_s: float
    half_time_s: float          # from the peak to half-way back to baseline; nan-free: inf if never
    burst_start_s: float
    burst_duration_s: float


def _simulate(params, tonic_rate_hz, burst_spikes, burst_rate_hz, net_block, alpha2_block, alpha2_agonist,
              duration_s, burst_start_s, n_points):
    q, vmax, k_other, gain = params
    k2 = ALPHA2_K_nM
    x_ant = _occupancy_ratio("alpha2_block", alpha2_block)
    x_ag = _occupancy_ratio("alpha2_agonist", alpha2_agonist)
    x_net = _occupancy_ratio("net_block", net_block)
    km_app = NET_KM_nM * (1.0 + x_net) if not np.isinf(x_net) else np.inf

    def rhs_at(rate):
        def rhs(t, y):
            c = y[0]
            if np.isinf(x_ant):
                act = 0.0
            elif np.isinf(x_ag):
                act = AGONIST_EFFICACY
            else:
                act = (c / k2 + AGONIST_EFFICACY * x_ag) / (1.0 + c / k2 + x_ag + x_ant)
            uptake = 0.0 if np.isinf(km_app) else vmax * c / (c + km_app)
            return [q * rate / (1.0 + gain * act) - uptake - k_other * c]
        return rhs

    baseline = _steady(tonic_rate_hz, net_block, alpha2_block, alpha2_agonist, params)
    burst_dur = burst_spikes / burst_rate_hz if burst_spikes > 0 else 0.0
    burst_end = burst_start_s + burst_dur
    t_all = np.linspace(0.0, duration_s, n_points)
    y = np.full(n_points, baseline)
    after = t_all >= burst_start_s
    # burst (the spikes are spread evenly over the burst: a rate, not single impulses)
    c_end = baseline
    if burst_dur > 0:
        t_b = np.linspace(burst_start_s, burst_end, 25)
        sol = solve_ivp(rhs_at(tonic_rate_hz + burst_rate_hz), (burst_start_s, burst_end), [baseline],
                        t_eval=t_b, rtol=1e-6, atol=1e-6, max_step=burst_dur / 10)
        c_end = float(sol.y[0, -1])
        in_burst = after & (t_all <= burst_end)
        y[in_burst] = np.interp(t_all[in_burst], sol.t, sol.y[0])
    post = t_all > burst_end
    if np.any(post):
        t_p = np.concatenate([[burst_end], t_all[post]])
        sol = solve_ivp(rhs_at(tonic_rate_hz), (burst_end, duration_s), [c_end], t_eval=t_p,
                        rtol=1e-6, atol=1e-6)
        y[post] = sol.y[0, 1:]
    # peak and decay half-time from a fine look at the decay (analytic peak is the burst end)
    peak = max(c_end, baseline)
    half_level = baseline + 0.5 * (peak - baseline)
    half_time = np.inf
    if peak - baseline > 1e-9:
        def reached_half(t, yy):
            return yy[0] - half_level
        reached_half.terminal = True
        reached_half.direction = -1
        sol = solve_ivp(rhs_at(tonic_rate_hz), (burst_end, burst_end + 600.0), [c_end], events=reached_half,
                        rtol=1e-8, atol=1e-8)
        if sol.t_events[0].size:
            half_time = float(sol.t_events[0][0] - burst_end)
    return BurstResult(t_all, y, baseline, peak, burst_end, half_time, burst_start_s, burst_dur)


def simulate_burst(tonic_rate_hz: float = BASAL_RATE_HZ, burst_spikes: int = 30, burst_rate_hz: float = 100.0,
                   net_block: float = 0.0, alpha2_block: float = 0.0, alpha2_agonist: float = 0.0,
                   duration_s: float = 20.0, burst_start_s: float = 1.0, n_points: int = 201) -> BurstResult:
    """Extracellular NE before, during and after a burst of ``burst_spikes`` at ``burst_rate_hz``.

    The system starts at its steady state for ``tonic_rate_hz`` (0 = a silent slice) and the burst
    is added on top of the tonic rate. Returns a :class:`BurstResult` (times in s, NE in nM) with
    the peak and the half-time of the decay back towards baseline.
    """
    tonic = _check_rate(tonic_rate_hz, "tonic_rate_hz")
    spikes = validate.integer("burst_spikes", burst_spikes, 0, 1000)
    b_rate = validate.in_range("burst_rate_hz", burst_rate_hz, 1.0, MAX_RATE_HZ)
    for name, value in (("net_block", net_block), ("alpha2_block", alpha2_block),
                        ("alpha2_agonist", alpha2_agonist)):
        validate.fraction(name, value)
    duration = validate.in_range("duration_s", duration_s, 1.0, 600.0)
    start = validate.in_range("burst_start_s", burst_start_s, 0.0, duration)
    n = validate.integer("n_points", n_points, 10, 10000)
    if start + spikes / b_rate > duration:
        raise ValueError("duration_s must be longer than burst_start_s plus the burst "
                         f"({start + spikes / b_rate:g} s)")
    params = (RELEASE_PER_SPIKE_nM, NET_VMAX_nM_PER_S, OTHER_CLEARANCE_PER_S, AUTORECEPTOR_GAIN)
    return _simulate(params, tonic, spikes, b_rate, net_block, alpha2_block, alpha2_agonist,
                     duration, start, n)


def calibrate() -> dict[str, float]:
    """Fit q, Vmax, k_other and G to the four targets in the module docstring (takes ~1 s).

    Returns the parameters and the model's values of the four targets at the fit.
    """
    from scipy.optimize import least_squares

    def model(log_p):
        p = tuple(np.exp(log_p))
        base = _steady(BASAL_RATE_HZ, 0.0, 0.0, 0.0, p)
        yoh = _steady(BASAL_RATE_HZ, 0.0, 1.0, 0.0, p) / base
        net = _steady(BASAL_RATE_HZ, 1.0, 0.0, 0.0, p) / base
        sl = _simulate(p, 0.0, SLICE_BURST_SPIKES, SLICE_BURST_RATE_HZ, 0.0, 0.0, 0.0, 30.0, 0.0, 31)
        return base, yoh, net, sl.half_time_s

    targets = np.array([BASAL_NE_nM, YOHIMBINE_FOLD, NET_BLOCK_FOLD, SLICE_HALF_TIME_S])

    def residuals(log_p):
        return np.log(np.array(model(log_p)) / targets)

    start = np.log([10.0, 100.0, 0.02, 6.0])
    fit = least_squares(residuals, start, xtol=1e-12, ftol=1e-12, gtol=1e-12)
    q, vmax, k_other, gain = np.exp(fit.x)
    base, yoh, net, half = model(fit.x)
    return {"RELEASE_PER_SPIKE_nM": q, "NET_VMAX_nM_PER_S": vmax, "OTHER_CLEARANCE_PER_S": k_other,
            "AUTORECEPTOR_GAIN": gain, "basal_nM": base, "yohimbine_fold": yoh, "net_block_fold": net,
            "slice_half_time_s": half}
