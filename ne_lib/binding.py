"""Single-site binding at equilibrium: the one implementation of occupancy and its inverse.

A ligand binds one site reversibly (the law of mass action). At free concentration ``C``
with dissociation constant ``K`` (the concentration giving half occupancy) the fraction of
sites it holds is

    occupancy = C / (C + K)            and back:   C = K * occupancy / (1 - occupancy).

With competitors at concentrations ``B_i`` (constants ``K_i``) on the same site, every
ligand's share is ``(C/K) / (1 + C/K + sum B_i/K_i)`` (Gaddum), so a competitor multiplies
the apparent ``K`` of the first ligand by the dose ratio ``1 + B/K_B`` (Schild).

Receptors (:mod:`ne_lib.receptors`), transporters (:mod:`ne_lib.drugs`), the synapse's drug
inputs and the treatment chain all call these functions; the same hyperbola with a dose
in place of ``C`` and an ED50 in place of ``K`` is the dose-occupancy curve of PET studies.
Textbook pharmacology: the formulas carry no fitted number.
"""

from __future__ import annotations

import numpy as np

from ne_lib import input_checks
from ne_lib.input_checks import Fixed, Interval, domain

_CONC = Interval(0.0, shape="either")   # any unit shared with K (nM in the course)
_K = Interval(0.0, open_low=True)
_NAME = Fixed("conc_nM")

#: Assumptions and simplifications, shown on the book's validation page.
ASSUMPTIONS: tuple[str, ...] = (
    "A ligand binds one site reversibly and at equilibrium (mass action), so occupancy is C / (C + K).",
    "Competitors share that one site (Gaddum): each multiplies the others' apparent K by 1 + B / K_B, "
    "with no allosteric or second-site binding.",
    "Concentrations are free (unbound) concentrations at the site; depletion of the ligand by binding is "
    "ignored.",
)

__all__ = ["occupancy", "concentration_for_occupancy", "occupancy_with_competitors", "dose_ratio",
           "concentration"]


@domain(_check=False, name=_NAME, value=_CONC)
def concentration(name: str, value):
    """A non-negative concentration: a number gives a float, a list or array gives an array."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return input_checks.finite_array(name, value, min_value=0.0), True
    return input_checks.non_negative(name, value), False


@domain(_check=False, conc=_CONC, k=_K, conc_name=_NAME, k_name=Fixed("k_nM"))
def occupancy(conc, k, *, conc_name: str = "conc_nM", k_name: str = "k_nM"):
    """Fraction (0..1) of sites held at free concentration ``conc``: ``C / (C + K)``.

    ``conc`` and ``k`` in the same units (nM in the course); a number gives a float, a list
    or array an array. Exactly 0.5 at ``conc == k``. ``conc_name``/``k_name`` name the
    caller's parameters in error messages.
    """
    kk = input_checks.positive(k_name, k)
    c, is_array = concentration(conc_name, conc)
    occ = c / (c + kk)
    return occ if is_array else float(occ)


@domain(_check=False, fraction=Interval(0.0, 1.0, open_high=True), k=_K, fraction_name=Fixed("occupancy"),
        k_name=Fixed("k_nM"))
def concentration_for_occupancy(fraction: float, k, *, fraction_name: str = "occupancy",
                                k_name: str = "k_nM") -> float:
    """Inverse of :func:`occupancy`: the free concentration holding ``fraction`` (0 <= f < 1) of sites."""
    kk = input_checks.positive(k_name, k)
    f = input_checks.in_range(fraction_name, fraction, 0.0, 1.0)
    if f >= 1.0:
        raise ValueError(f"{fraction_name} must be < 1 (full occupancy needs an infinite concentration), got 1.0")
    return kk * f / (1.0 - f)


@domain(_check=False, competitor=Interval(0.0), k_competitor=_K, competitor_name=Fixed("antagonist_nM"),
        k_name=Fixed("k_b_nM"))
def dose_ratio(competitor, k_competitor, *, competitor_name: str = "antagonist_nM",
               k_name: str = "k_b_nM") -> float:
    """Schild dose ratio ``1 + B / K_B``: the factor by which a competitor raises a ligand's apparent K."""
    b = input_checks.non_negative(competitor_name, competitor)
    kb = input_checks.positive(k_name, k_competitor)
    return 1.0 + b / kb


@domain(_check=False, conc=_CONC, k=_K, competitors=Fixed(()), conc_name=_NAME, k_name=Fixed("k_nM"))
def occupancy_with_competitors(conc, k, competitors=(), *, conc_name: str = "conc_nM", k_name: str = "k_nM"):
    """Share of sites held by the ligand (``conc``, ``k``) when ``competitors`` ``((B, K_B), ...)`` share them.

    ``(C/K) / (1 + C/K + sum B/K_B)`` (Gaddum). With no competitors this is :func:`occupancy`.
    """
    kk = input_checks.positive(k_name, k)
    c, is_array = concentration(conc_name, conc)
    load = 0.0
    for i, pair in enumerate(competitors):
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise TypeError(f"competitors[{i}] must be a (concentration, K) pair")
        load += dose_ratio(pair[0], pair[1], competitor_name=f"competitors[{i}] concentration",
                           k_name=f"competitors[{i}] K") - 1.0
    x = c / kk
    occ = x / (1.0 + x + load)
    return occ if is_array else float(occ)
