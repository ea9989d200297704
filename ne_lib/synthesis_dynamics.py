"""The synthesis model in time: time courses, the store after a drug, NE turnover and its time scale.

The model is :mod:`ne_lib.synthesis` (six pools, TH saturable and feedback-inhibited, every other
step first order; parameters :class:`ne_lib.synthesis.SynthesisParams`). This module integrates it
in time and measures how fast NE turns over:

* :func:`ne_turnover_time_h`: the **turnover time** of tissue NE at a steady state, the store divided
  by the rate at which NE is irreversibly lost (MAO-A in the neuron plus NE handled outside), as
  in the steady-state method of turnover studies;
* :func:`labelled_ne_half_life_h`: after a pulse of labelled L-DOPA into the normal steady state, the
  half-life with which labelled NE is falling at a given time. This is what Burack1964 measured
  (mouse brain after dopa-3H: labelled catecholamine fell with t1/2 4-8 h at first, then more slowly,
  18 h after a day). Tracer follows the same first-order steps as the unlabelled amine, so it obeys
  the linear part of the model, solved exactly with a matrix exponential;
* :func:`calibrate_time_scale`: the factor on every rate constant that makes the labelled-NE
  half-life 6 h, the middle of 4-8 h, once the early transient is over (the model's store has one
  slow phase; read at 8 h it is 6.1 h). Scaling all rates by one factor scales every time constant by
  its inverse and leaves steady-state levels unchanged, so the fit is exact and touches nothing
  the steady-state cases test. The late phase (18 h) is held out (:mod:`ne_lib.cases.held_out`).
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from scipy.integrate import solve_ivp
from scipy.linalg import expm

from ne_lib import input_checks as validate
from ne_lib.synthesis import (
    DEFAULT_PARAMS,
    NORMAL_TYROSINE_UM,
    RATE_SHAPE_PER_H,
    PathwayTimeCourse,
    SynthesisParams,
    _derivatives,
    _jacobian,
    _linear_part,
    _rates,
    _syn_params,
    steady_state,
)

#: Assumptions and simplifications, shown on the book's validation page.
ASSUMPTIONS: tuple[str, ...] = (
    "Labelled NE follows the same first-order steps as unlabelled NE, from a pulse of labelled L-DOPA "
    "into the normal steady state; the measured half-life (Burack1964) is of mouse brain catecholamine, "
    "most of it NE by the time it is read, and is applied to the model's neuron.",
    "A drug acts at full strength from the start of a time course (no pharmacokinetics).",
)

__all__ = ["simulate_pathway", "vesicular_store_fraction", "ne_turnover_time_h", "labelled_ne_half_life_h",
           "calibrate_time_scale", "LABELLED_NE_HALF_LIFE_H", "LABELLED_NE_HALF_LIFE_RANGE_H"]

LABELLED_NE_HALF_LIFE_RANGE_H = (4.0, 8.0)   # Burack1964: labelled brain catecholamine, t1/2 at first (mouse)
LABELLED_NE_HALF_LIFE_H = 6.0                # Burack1964: the middle of that range (the calibration target)
#: the time after the labelled pulse at which the early half-life is read (labelled L-DOPA is gone by 4 h)
EARLY_READ_TIME_H = 8.0                      # Burack1964: inside the first phase (4 h to 1 day)
SLOW_PHASE_READ_H = 240.0                    # illustrative: late enough that only the slow mode is left
_NE_POOLS = (3, 4)                           # vesicular and cytosolic NE in the state vector


def simulate_pathway(duration_h: float = 24.0, n_points: int = 49, *, start: dict | None = None,
                     tyrosine_uM: float = NORMAL_TYROSINE_UM, th_activity: float = 1.0,
                     feedback_strength: float = 1.0, dbh_activity: float = 1.0,
                     mao_inhibition: float = 0.0, droxidopa_uM_per_h: float = 0.0, vmat2_block: float = 0.0,
                     params: SynthesisParams | None = None) -> PathwayTimeCourse:
    """Time course after the conditions change at t = 0.

    The pools start at the steady state of ``start`` (a dict of conditions; default: all normal) and
    evolve under the new conditions for ``duration_h`` hours (0 < d <= 1000), sampled at ``n_points``
    (2-2001) times. Integrated with ``solve_ivp`` (LSODA, exact Jacobian, relative tolerance 1e-4).
    """
    duration_h = validate.in_range("duration_h", duration_h, 1e-3, 1000.0)
    n_points = validate.integer("n_points", n_points, 2, 2001)
    if start is not None and not isinstance(start, dict):
        raise TypeError(f"start must be a dict of conditions or None, got {type(start).__name__}")
    initial = steady_state(**(start or {}), params=params)
    new = steady_state(tyrosine_uM=tyrosine_uM, th_activity=th_activity, feedback_strength=feedback_strength,
                       dbh_activity=dbh_activity, mao_inhibition=mao_inhibition,
                       droxidopa_uM_per_h=droxidopa_uM_per_h, vmat2_block=vmat2_block, params=params)
    r = _rates(**new.conditions)
    t_eval = np.linspace(0.0, duration_h, n_points)
    sol = solve_ivp(lambda t, x: _derivatives(x, r), (0.0, duration_h), initial.pools, method="LSODA",
                    t_eval=t_eval, jac=lambda t, x: _jacobian(x, r), rtol=1e-4, atol=1e-8)
    if not sol.success:  # pragma: no cover - would be a model bug
        raise RuntimeError(f"pathway integration failed: {sol.message}")
    return PathwayTimeCourse(time_h=sol.t, pools=np.clip(sol.y, 0.0, None), start=initial, steady=new)


def vesicular_store_fraction(duration_h: float = 0.0, *, params: SynthesisParams | None = None,
                             **conditions) -> float:
    """Vesicular NE ``duration_h`` hours after switching to ``conditions``, relative to normal (0..).

    ``duration_h = 0`` gives 1 (the store starts normal); very long times give the new steady store.
    Conditions as in :func:`simulate_pathway` (e.g. ``th_activity=0.2`` for AMPT-like synthesis block,
    ``vmat2_block=1`` for reserpine-like block). The synapse model takes this as its ``store_fraction``.
    """
    duration_h = validate.in_range("duration_h", duration_h, 0.0, 1000.0)
    normal = steady_state(params=params).ne_vesicle_uM
    if duration_h == 0.0:
        steady_state(params=params, **conditions)   # validates the conditions
        return 1.0
    course = simulate_pathway(duration_h, n_points=2, params=params, **conditions)
    return float(course.pool("ne_vesicle_uM")[-1] / normal)


def ne_turnover_time_h(*, params: SynthesisParams | None = None, **conditions) -> float:
    """Turnover time of tissue NE (h) at the steady state of ``conditions``: store / irreversible loss.

    The loss is MAO-A acting on cytosolic NE plus released NE not recaptured (handled outside).
    Conditions as in :func:`ne_lib.synthesis.steady_state`. Raises ValueError when there is no NE.
    """
    state = steady_state(params=params, **conditions)
    f = state.fluxes
    loss = f["mao_ne"] + f["outside_ne"]
    if loss <= 0.0 or state.ne_uM <= 0.0:
        raise ValueError(f"conditions={conditions!r} leave no NE store to turn over")
    return float(state.ne_uM / loss)


@validate.domain(time_h=validate.Interval(4.0, 240.0))
def labelled_ne_half_life_h(time_h: float = EARLY_READ_TIME_H, *, params: SynthesisParams | None = None) -> float:
    """Half-life (h) with which labelled NE is falling ``time_h`` hours (4-240) after a pulse of labelled
    L-DOPA into the normal steady state: ``-ln 2 N(t) / N'(t)``, ``N`` the labelled NE (both pools)."""
    p = _syn_params(params)
    a = _linear_part(_rates(**steady_state(params=p).conditions))
    pulse = np.zeros(a.shape[0])
    pulse[0] = 1.0                                   # all label starts as L-DOPA
    x = expm(a * time_h) @ pulse
    n, dn = x[list(_NE_POOLS)].sum(), (a @ x)[list(_NE_POOLS)].sum()
    if not (n > 0.0 and dn < 0.0):
        raise ValueError(f"time_h={time_h!r}: labelled NE is not falling yet with these params (choose a later "
                         f"time, 4-240 h)")
    return float(-math.log(2.0) * n / dn)


def calibrate_time_scale(half_life_h: float = LABELLED_NE_HALF_LIFE_H) -> float:
    """The factor on every rate of :data:`ne_lib.synthesis.RATE_SHAPE_PER_H` that makes labelled NE fall
    with ``half_life_h`` (0.1-100 h) once the early transient is over (its single slow phase).

    Exact: multiplying every rate by ``s`` divides every time constant by ``s``, so the factor is the
    shape's slow half-life (read at :data:`SLOW_PHASE_READ_H`, where only the slow mode is left) over
    the target."""
    target = validate.in_range("half_life_h", half_life_h, 0.1, 100.0)
    shape = replace(DEFAULT_PARAMS, **RATE_SHAPE_PER_H)
    return float(labelled_ne_half_life_h(SLOW_PHASE_READ_H, params=shape) / target)
