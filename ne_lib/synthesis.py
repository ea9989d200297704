"""Synthesis of norepinephrine (NE): a small kinetic model from tyrosine to vesicular NE.

The model follows one noradrenergic neuron's catecholamine pools (concentrations in µM,
time in hours) through the textbook pathway:

    tyrosine --TH--> L-DOPA --AADC--> dopamine (cytosol) --VMAT2--> dopamine (vesicle)
        --DBH (inside the vesicle)--> NE (vesicle) --leak / release--> NE (cytosol) --MAO-A--> DHPG

* Tyrosine hydroxylase (TH) is saturable in tyrosine (Michaelis-Menten, Km 40 µM, the middle
  of the 20-60 µM range of Bailey1989) and is inhibited by cytosolic catecholamines
  (dopamine + NE) binding its low-affinity feedback site (KD 90 nM, Gordon2008).
  ``th_activity`` scales TH's maximal rate; with synthetic cofactor analogues PKA phosphorylation
  changed Vmax 0.6- to 4-fold (Bailey1989), so values 0.5-4 stand for "less" to "strongly phosphorylated".
* AADC, VMAT2, DBH, vesicular leakage, release and MAO-A are first-order steps.
  MAO-A's Km for NE is 290 µM (StrolinBenedetti1983), far above the model's cytosolic
  levels (well under 1 µM), so its rate is proportional to concentration.
* Most released NE is taken back by the transporter (NET) into the cytosol; the rest is
  handled outside the neuron (COMT, wash-out), which is followed in :mod:`ne_lib.metabolism`.
  Release and reuptake take seconds, so they are lumped into one quasi-instant step.
* Droxidopa (L-threo-DOPS) is decarboxylated by AADC straight to NE in the cytosol,
  bypassing DBH (Ohmura1978; Kaufmann2003).

The rate constants (:class:`SynthesisParams`) are an illustrative **shape** times one **time scale**.
The shape (their ratios, :data:`RATE_SHAPE_PER_H`) was chosen so that (1) TH is the slow, rate-limiting
step, (2) most NE is metabolised inside the neuron after leaking from vesicles (Eisenhofer2004) and (3)
with DBH absent, dopamine rises about seven-fold, inside the 5-10x of DBH deficiency (Robertson1991; a
calibration). The time scale :data:`TIME_SCALE` is **calibrated** to measured turnover: labelled brain
catecholamine fell with a half-life of 4-8 h at first after a labelled precursor (mouse, Burack1964), and
the model's labelled NE falls with 6 h, the middle (:func:`ne_lib.synthesis_dynamics.calibrate_time_scale`).
Scaling every rate by one factor leaves steady-state levels unchanged and sets only how fast they change.
The steady state is exact: given the TH flux, every pool is linear in it, and the feedback then gives a
quadratic for the flux. Time courses (``scipy.integrate.solve_ivp``) and turnover
(``simulate_pathway``, ``vesicular_store_fraction``, turnover time, labelled-NE half-life, the calibration)
are in :mod:`ne_lib.synthesis_dynamics`; their names can be imported from here too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import astuple, dataclass, field, fields
from types import MappingProxyType

import numpy as np

from ne_lib import input_checks as validate

#: Assumptions and simplifications, shown on the book's validation page.
ASSUMPTIONS: tuple[str, ...] = (
    "The ratios of the rate constants are illustrative; their common time scale is calibrated so that "
    "labelled NE falls with a half-life of 6 h, the middle of the 4-8 h first phase measured in mouse brain "
    "(Burack1964). The other measured inputs are the TH Km for tyrosine (Bailey1989), the TH feedback-site "
    "KD (Gordon2008) and the MAO-A Km for NE (StrolinBenedetti1983).",
    "The whole store turns over with one slow time constant; the slower late phase of labelled "
    "catecholamine (half-life 18 h after a day, Burack1964) implies pools the model does not have.",
    "The DBH rate constant was calibrated so that dopamine rises about seven-fold without DBH "
    "(Robertson1991), so agreement with that result is a consistency check, not a prediction.",
    "Kinetic constants mix species and preparations: TH values come from bovine enzyme (Bailey1989), the "
    "MAO-A Km from rat brain (StrolinBenedetti1983) and the DBH calibration from human patients "
    "(Robertson1991).",
    "The neuron is a set of well-mixed pools (cytosol and vesicle) with no spatial structure or "
    "diffusion.",
    "Every step except TH is first order; MAO-A is linear because its Km is far above the model's "
    "cytosolic NE, and TH phosphorylation is only a scaling of its maximal rate.",
    "Release and NET reuptake, which take seconds, are lumped into one instantaneous step with a fixed "
    "recaptured share of 80% (illustrative) in a model that runs over hours.",
    "A VMAT2 blocker scales down vesicular loading; with VMAT2 fully blocked nothing is stored and the "
    "vesicles empty by leakage and release at the illustrative rates above.",
    "Droxidopa enters the neuron at a set illustrative rate and is converted by AADC straight to "
    "cytosolic NE; its pharmacokinetics in the body are not modelled.",
    "The model is deterministic: steady states are exact and time courses come from ordinary differential "
    "equations.",
)

__all__ = [
    "TH_KM_TYROSINE_UM", "TH_FEEDBACK_KD_UM", "MAO_A_KM_NE_UM", "NORMAL_TYROSINE_UM",
    "PathwayState", "PathwayTimeCourse", "th_rate", "steady_state",
    "STATE_NAMES", "SynthesisParams", "DEFAULT_PARAMS", "RATE_SHAPE_PER_H", "TIME_SCALE",
]   # simulate_pathway, vesicular_store_fraction and the turnover names: see _DYNAMICS below

# --- cited constants ---------------------------------------------------------------------
TH_KM_TYROSINE_UM = 40.0      # Bailey1989: Km for tyrosine 20-60 µM (bovine TH, pH 7); midpoint
TH_FEEDBACK_KD_UM = 0.090     # Gordon2008: catecholamine low-affinity site of TH, KD 90 nM
MAO_A_KM_NE_UM = 290.0        # StrolinBenedetti1983: rat brain MAO-A Km for NE
DBH_DEFICIENCY_DOPAMINE_FOLD = (5.0, 10.0)   # Robertson1991: dopamine 5-10x normal in DBH deficiency

# --- illustrative constants (no measured in vivo values; chosen as described above) ------
NORMAL_TYROSINE_UM = 100.0    # illustrative: tissue tyrosine, a few times TH's Km

#: The shape of the rate constants (per hour at TIME_SCALE = 1): only their ratios matter
RATE_SHAPE_PER_H = MappingProxyType({
    "th_vmax_uM_per_h": 1.0,    # illustrative: TH maximal rate with th_activity = 1 (µM/h)
    "k_aadc_per_h": 20.0,       # illustrative: AADC is fast, so L-DOPA stays low
    "k_vmat_per_h": 10.0,       # illustrative: VMAT2 loading of cytosolic amines
    "k_mao_per_h": 2.0,         # illustrative: MAO-A deamination of cytosolic amines
    "k_dbh_per_h": 1.5,         # illustrative: DBH in the vesicle (calibrated to Robertson1991)
    "k_leak_per_h": 1.0,        # illustrative: passive leakage of vesicular amines
    "k_release_per_h": 0.15,    # illustrative: exocytotic release at tonic firing
    "k_dops_aadc_per_h": 0.3,   # illustrative: AADC on droxidopa (Km 2.1 mM, Ohmura1978, so slow)
    "k_dops_loss_per_h": 0.7,   # illustrative: droxidopa leaving the neuron unconverted
})
#: One factor on every rate: calibrated so labelled NE falls with t1/2 6 h (Burack1964; a test re-derives it)
TIME_SCALE = 0.57537          # calibrated: synthesis_dynamics.calibrate_time_scale() (Burack1964)


@dataclass(frozen=True)
class SynthesisParams:
    """Rate constants of the synthesis model (per hour): an illustrative shape times the calibrated
    :data:`TIME_SCALE` (the module docstring says how each was chosen)."""

    th_vmax_uM_per_h: float = RATE_SHAPE_PER_H["th_vmax_uM_per_h"] * TIME_SCALE
    k_aadc_per_h: float = RATE_SHAPE_PER_H["k_aadc_per_h"] * TIME_SCALE
    k_vmat_per_h: float = RATE_SHAPE_PER_H["k_vmat_per_h"] * TIME_SCALE
    k_mao_per_h: float = RATE_SHAPE_PER_H["k_mao_per_h"] * TIME_SCALE
    k_dbh_per_h: float = RATE_SHAPE_PER_H["k_dbh_per_h"] * TIME_SCALE
    k_leak_per_h: float = RATE_SHAPE_PER_H["k_leak_per_h"] * TIME_SCALE
    k_release_per_h: float = RATE_SHAPE_PER_H["k_release_per_h"] * TIME_SCALE
    reuptake_fraction: float = 0.8     # illustrative: share of released NE recaptured by NET (no time scale)
    k_dops_aadc_per_h: float = RATE_SHAPE_PER_H["k_dops_aadc_per_h"] * TIME_SCALE
    k_dops_loss_per_h: float = RATE_SHAPE_PER_H["k_dops_loss_per_h"] * TIME_SCALE

    def __post_init__(self):
        for f in fields(self):
            if f.name != "reuptake_fraction":
                validate.in_range(f.name, getattr(self, f.name), 1e-6, 1e4)
        validate.fraction("reuptake_fraction", self.reuptake_fraction)


DEFAULT_PARAMS = SynthesisParams()
#: The defaults under their old names (kept for notebooks and tests)
(TH_VMAX_UM_PER_H, K_AADC_PER_H, K_VMAT_PER_H, K_MAO_PER_H, K_DBH_PER_H, K_LEAK_PER_H, K_RELEASE_PER_H,
 REUPTAKE_FRACTION, K_DOPS_AADC_PER_H, K_DOPS_LOSS_PER_H) = astuple(DEFAULT_PARAMS)


def _syn_params(params) -> SynthesisParams:
    return validate.parameter_set(params, DEFAULT_PARAMS)


STATE_NAMES = ("dopa_uM", "dopamine_cytosol_uM", "dopamine_vesicle_uM", "ne_vesicle_uM",
               "ne_cytosol_uM", "droxidopa_uM")
N_STATES = len(STATE_NAMES)
_POOL = validate.Interval(0.0)   # µM, any amount


class _Conditions:
    """The conditions of a steady state: exactly the keys of :func:`steady_state`'s inputs, each valid."""

    def check(self, name, value):
        keys = ("tyrosine_uM", "th_activity", "feedback_strength", "dbh_activity", "mao_inhibition",
                "droxidopa_uM_per_h", "vmat2_block", "params")
        if not isinstance(value, Mapping):
            raise TypeError(f"{name} must be a dict with the keys {list(keys)}, got {type(value).__name__}")
        if set(value) != set(keys):
            raise ValueError(f"{name} must have exactly the keys {list(keys)}, got {sorted(value)}")
        _syn_params(value["params"])
        _check_conditions(**{k: v for k, v in value.items() if k != "params"})
        return value


@validate.domain(dopa_uM=_POOL, dopamine_cytosol_uM=_POOL, dopamine_vesicle_uM=_POOL, ne_vesicle_uM=_POOL,
                 ne_cytosol_uM=_POOL, droxidopa_uM=_POOL, conditions=_Conditions())
@dataclass(frozen=True)
class PathwayState:
    """Pools (µM) and fluxes (µM/h) of the pathway at one instant (here: a steady state)."""

    dopa_uM: float
    dopamine_cytosol_uM: float
    dopamine_vesicle_uM: float
    ne_vesicle_uM: float
    ne_cytosol_uM: float
    droxidopa_uM: float
    conditions: dict = field(default_factory=lambda: {  # the normal conditions (steady_state defaults)
        **_check_conditions(NORMAL_TYROSINE_UM, 1.0, 1.0, 1.0, 0.0, 0.0), "params": DEFAULT_PARAMS})

    @property
    def pools(self) -> np.ndarray:
        return np.array([getattr(self, n) for n in STATE_NAMES])

    @property
    def ne_uM(self) -> float:
        """Tissue NE (vesicular + cytosolic), µM."""
        return self.ne_vesicle_uM + self.ne_cytosol_uM

    @property
    def dopamine_uM(self) -> float:
        """Tissue dopamine (cytosolic + vesicular), µM."""
        return self.dopamine_cytosol_uM + self.dopamine_vesicle_uM

    @property
    def fluxes(self) -> dict:
        """Every flux of the model in µM/h (see :func:`_fluxes`)."""
        return _fluxes(self.pools, _rates(**self.conditions))

    @property
    def th_flux_uM_per_h(self) -> float:
        """Rate of the TH step (new catecholamine synthesis), µM/h."""
        return self.fluxes["th"]

    @property
    def dhpg_flux_uM_per_h(self) -> float:
        """DHPG formation by MAO-A inside the neuron, µM/h."""
        return self.fluxes["mao_ne"]

    @property
    def input_flux_uM_per_h(self) -> float:
        """Everything entering: TH synthesis plus droxidopa supply, µM/h."""
        return self.fluxes["th"] + self.fluxes["droxidopa_in"]

    @property
    def output_flux_uM_per_h(self) -> float:
        """Everything leaving: MAO-A products, amines handled outside, unconverted droxidopa, µM/h."""
        f = self.fluxes
        return (f["mao_ne"] + f["mao_dopamine"] + f["outside_ne"] + f["outside_dopamine"]
                + f["droxidopa_loss"])


@validate.domain(start=validate.Fixed(lambda: steady_state()), steady=validate.Fixed(lambda: steady_state()))
@dataclass(frozen=True)
class PathwayTimeCourse:
    """A time course after switching from ``start`` conditions to new ones at t = 0."""

    time_h: np.ndarray
    pools: np.ndarray          # shape (N_STATES, n_times), order STATE_NAMES
    start: PathwayState
    steady: PathwayState       # the new steady state the course approaches

    def pool(self, name: str) -> np.ndarray:
        validate.one_of("name", name, STATE_NAMES)
        return self.pools[STATE_NAMES.index(name)]

    @property
    def ne_uM(self) -> np.ndarray:
        return self.pool("ne_vesicle_uM") + self.pool("ne_cytosol_uM")

    @property
    def dopamine_uM(self) -> np.ndarray:
        return self.pool("dopamine_vesicle_uM") + self.pool("dopamine_cytosol_uM")


def _check_conditions(tyrosine_uM, th_activity, feedback_strength, dbh_activity, mao_inhibition,
                      droxidopa_uM_per_h, vmat2_block=0.0) -> dict:
    return dict(
        vmat2_block=validate.fraction("vmat2_block", vmat2_block),
        tyrosine_uM=validate.in_range("tyrosine_uM", tyrosine_uM, 0.0, 5000.0),
        th_activity=validate.in_range("th_activity", th_activity, 0.0, 20.0),
        feedback_strength=validate.in_range("feedback_strength", feedback_strength, 0.0, 100.0),
        dbh_activity=validate.in_range("dbh_activity", dbh_activity, 0.0, 10.0),
        mao_inhibition=validate.fraction("mao_inhibition", mao_inhibition),
        droxidopa_uM_per_h=validate.in_range("droxidopa_uM_per_h", droxidopa_uM_per_h, 0.0, 5.0),
    )


def _rates(tyrosine_uM, th_activity, feedback_strength, dbh_activity, mao_inhibition,
           droxidopa_uM_per_h, vmat2_block=0.0, params: SynthesisParams | None = None) -> dict:
    """Effective rate constants for already-validated conditions."""
    p = _syn_params(params)
    return dict(
        th_max=p.th_vmax_uM_per_h * th_activity * tyrosine_uM / (TH_KM_TYROSINE_UM + tyrosine_uM)
        if tyrosine_uM > 0 else 0.0,
        feedback=feedback_strength / TH_FEEDBACK_KD_UM,
        aadc=p.k_aadc_per_h, vmat=p.k_vmat_per_h * (1.0 - vmat2_block), mao=p.k_mao_per_h * (1.0 - mao_inhibition),
        dbh=p.k_dbh_per_h * dbh_activity, leak=p.k_leak_per_h, release=p.k_release_per_h,
        reuptake=p.reuptake_fraction, dops_in=droxidopa_uM_per_h, dops_aadc=p.k_dops_aadc_per_h,
        dops_loss=p.k_dops_loss_per_h,
    )


def _fluxes(x, r) -> dict:
    dopa, da_c, da_v, ne_v, ne_c, dops = x
    catechol_cytosol = da_c + ne_c
    return dict(
        th=r["th_max"] / (1.0 + r["feedback"] * catechol_cytosol),
        aadc=r["aadc"] * dopa,
        vmat_dopamine=r["vmat"] * da_c,
        vmat_ne=r["vmat"] * ne_c,
        dbh=r["dbh"] * da_v,
        leak_dopamine=r["leak"] * da_v,
        leak_ne=r["leak"] * ne_v,
        release_dopamine=r["release"] * da_v,
        release_ne=r["release"] * ne_v,
        reuptake_dopamine=r["release"] * r["reuptake"] * da_v,
        reuptake_ne=r["release"] * r["reuptake"] * ne_v,
        outside_dopamine=r["release"] * (1.0 - r["reuptake"]) * da_v,
        outside_ne=r["release"] * (1.0 - r["reuptake"]) * ne_v,
        mao_dopamine=r["mao"] * da_c,
        mao_ne=r["mao"] * ne_c,
        droxidopa_in=r["dops_in"],
        droxidopa_aadc=r["dops_aadc"] * dops,
        droxidopa_loss=r["dops_loss"] * dops,
    )


def _derivatives(x, r) -> np.ndarray:
    f = _fluxes(x, r)
    return np.array([
        f["th"] - f["aadc"],
        f["aadc"] - f["vmat_dopamine"] - f["mao_dopamine"] + f["leak_dopamine"] + f["reuptake_dopamine"],
        f["vmat_dopamine"] - f["dbh"] - f["leak_dopamine"] - f["release_dopamine"],
        f["dbh"] + f["vmat_ne"] - f["leak_ne"] - f["release_ne"],
        f["droxidopa_aadc"] + f["leak_ne"] + f["reuptake_ne"] - f["vmat_ne"] - f["mao_ne"],
        f["droxidopa_in"] - f["droxidopa_aadc"] - f["droxidopa_loss"],
    ])


def _linear_part(r):
    """Matrix A and unit input vectors so that dx/dt = A x + J_TH e_dopa + dops_in e_dops."""
    out_v = r["leak"] + r["release"]
    back = r["leak"] + r["release"] * r["reuptake"]
    a = np.zeros((N_STATES, N_STATES))
    a[0, 0] = -r["aadc"]
    a[1, 0], a[1, 1], a[1, 2] = r["aadc"], -(r["vmat"] + r["mao"]), back
    a[2, 1], a[2, 2] = r["vmat"], -(r["dbh"] + out_v)
    a[3, 2], a[3, 3], a[3, 4] = r["dbh"], -out_v, r["vmat"]
    a[4, 3], a[4, 4], a[4, 5] = back, -(r["vmat"] + r["mao"]), r["dops_aadc"]
    a[5, 5] = -(r["dops_aadc"] + r["dops_loss"])
    return a


def _jacobian(x, r) -> np.ndarray:
    jac = _linear_part(r)
    c = x[1] + x[4]
    d_th = -r["th_max"] * r["feedback"] / (1.0 + r["feedback"] * c) ** 2
    jac[0, [1, 4]] += d_th   # TH feedback from cytosolic dopamine and NE
    return jac


def th_rate(tyrosine_uM: float, catecholamine_uM: float = 0.0, th_activity: float = 1.0,
            feedback_strength: float = 1.0) -> float:
    """TH rate (µM/h) at a tyrosine level (µM) and cytosolic catecholamine level (µM).

    Michaelis-Menten in tyrosine (Km 40 µM, Bailey1989) divided by the feedback term
    ``1 + feedback_strength * catecholamine / 0.09 µM`` (Gordon2008); the maximal rate is illustrative.
    """
    cond = _check_conditions(tyrosine_uM, th_activity, feedback_strength, 1.0, 0.0, 0.0)
    c = validate.in_range("catecholamine_uM", catecholamine_uM, 0.0, 1e4)
    r = _rates(**cond)
    return r["th_max"] / (1.0 + r["feedback"] * c)


def steady_state(tyrosine_uM: float = NORMAL_TYROSINE_UM, th_activity: float = 1.0,
                 feedback_strength: float = 1.0, dbh_activity: float = 1.0,
                 mao_inhibition: float = 0.0, droxidopa_uM_per_h: float = 0.0, *, vmat2_block: float = 0.0,
                 params: SynthesisParams | None = None) -> PathwayState:
    """Exact steady state of the pathway.

    Parameters
    ----------
    tyrosine_uM : tyrosine available to TH, 0-5000 µM (normal 100 µM, illustrative).
    th_activity : TH maximal rate relative to normal, 0-20 (phosphorylation raises it).
    feedback_strength : strength of catecholamine feedback on TH relative to normal, 0-100
        (0 = no feedback).
    dbh_activity : DBH activity relative to normal, 0-10 (0 = DBH deficiency).
    mao_inhibition : fraction of MAO-A activity blocked, 0-1.
    droxidopa_uM_per_h : droxidopa (L-threo-DOPS) entering the neuron, 0-5 µM/h (illustrative scale:
        normal TH synthesis is about 0.17 µM/h).
    vmat2_block : fraction of VMAT2 blocked (reserpine- or tetrabenazine-like), 0-1. With VMAT2 fully
        blocked nothing is loaded into vesicles, so there is no steady vesicular store.
    params : :class:`SynthesisParams` (None = the defaults).
    """
    cond = _check_conditions(tyrosine_uM, th_activity, feedback_strength, dbh_activity,
                             mao_inhibition, droxidopa_uM_per_h, vmat2_block)
    r = _rates(**cond, params=params)
    a = _linear_part(r)
    # x = J * x_th + x_dops, with A x_th = -e_dopa and A x_dops = -dops_in e_dops.
    rhs = np.zeros((N_STATES, 2))
    rhs[0, 0] = -1.0
    rhs[5, 1] = -r["dops_in"]
    sol = np.linalg.solve(a, rhs)
    x_th, x_dops = sol[:, 0], sol[:, 1]
    c1 = x_th[1] + x_th[4]
    c0 = x_dops[1] + x_dops[4]
    # J (1 + F (J c1 + c0)) = th_max  ->  F c1 J^2 + (1 + F c0) J - th_max = 0
    qa = r["feedback"] * c1
    qb = 1.0 + r["feedback"] * c0
    j_th = 2.0 * r["th_max"] / (qb + math.sqrt(qb * qb + 4.0 * qa * r["th_max"]))
    dopa, da_c, da_v, ne_v, ne_c, dops = (float(v) for v in np.clip(j_th * x_th + x_dops, 0.0, None))
    return PathwayState(dopa, da_c, da_v, ne_v, ne_c, dops, conditions={**cond, "params": _syn_params(params)})


#: time courses and turnover, served from :mod:`ne_lib.synthesis_dynamics`
_DYNAMICS = ("simulate_pathway", "vesicular_store_fraction", "ne_turnover_time_h", "labelled_ne_half_life_h",
             "calibrate_time_scale", "LABELLED_NE_HALF_LIFE_H", "LABELLED_NE_HALF_LIFE_RANGE_H")


def __getattr__(name: str):
    """``synthesis.simulate_pathway`` and the other names of :mod:`ne_lib.synthesis_dynamics`."""
    if name in _DYNAMICS:
        from ne_lib import synthesis_dynamics

        return getattr(synthesis_dynamics, name)
    raise AttributeError(f"module 'ne_lib.synthesis' has no attribute {name!r}")
