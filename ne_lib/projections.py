"""Where the locus coeruleus (LC) sends its axons, and how long a spike takes to get there.

The LC projects to nearly the whole central nervous system: neocortex, hippocampus, thalamus,
hypothalamus, amygdala, basal forebrain, cerebellum, brainstem and spinal cord, with only a sparse
input to the striatum (reviews; fact base grade B/GK). Its thin axons conduct slowly, so the delay
from an LC spike to NE release in a target is ``delay = path length / conduction velocity``
(1 mm at 1 m/s is 1 ms).

Path lengths are *illustrative* round numbers for a rat brain (axons follow curved routes: the
dorsal bundle runs forward, and fibres to the back of the cortex loop forward and then back through
the cingulum, so a path is longer than the straight line). Conduction velocity: cat mean 1.2 m/s
(# Watabe1982, antidromic from the dorsal bundle); rat slower, about 0.5 m/s (illustrative).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

import numpy as np

from ne_lib import input_checks

#: Assumptions and simplifications, shown on the book's validation page.
ASSUMPTIONS: tuple[str, ...] = (
    "The delay from an LC spike to a target is path length divided by one constant conduction velocity, "
    "with no synaptic or release delay added.",
    "Path lengths are illustrative round numbers for a rat brain that allow for curved axon routes.",
    "The cat velocity of 1.2 m/s is a measured mean from antidromic activation of the dorsal bundle "
    "(Watabe1982); the rat value of 0.5 m/s is illustrative.",
    "One velocity serves every axon along its whole path, with no spread of velocities between fibres and "
    "no effect of branching.",
    "Innervation density is only labelled dense or sparse, from reviews, and enters no calculation.",
)


__all__ = ["ProjectionParams", "DEFAULT_PARAMS", "Target", "TARGETS", "CONDUCTION_VELOCITY_M_PER_S", "conduction_delay_ms", "target_delays_ms"]


@input_checks.domain(path_length_mm=input_checks.Interval(0.0, open_low=True),
                     density=input_checks.OneOf(("dense", "sparse")))
@dataclass(frozen=True)
class Target:
    key: str
    label: str
    path_length_mm: float   # rat, illustrative
    density: str            # "dense" or "sparse" LC innervation (reviews; qualitative)


TARGETS = (
    Target("brainstem", "Brainstem nuclei", 3.0, "dense"),            # illustrative length
    Target("cerebellum", "Cerebellum", 4.0, "dense"),                 # illustrative length
    Target("thalamus", "Thalamus", 8.0, "dense"),                     # illustrative length
    Target("hypothalamus", "Hypothalamus", 9.0, "dense"),             # illustrative length
    Target("amygdala", "Amygdala", 11.0, "dense"),                    # illustrative length
    Target("hippocampus", "Hippocampus", 12.0, "dense"),              # illustrative length
    Target("basal_forebrain", "Basal forebrain", 13.0, "dense"),      # illustrative length
    Target("striatum", "Striatum (sparse)", 13.0, "sparse"),          # illustrative length
    Target("frontal_cortex", "Frontal neocortex", 16.0, "dense"),     # illustrative length
    Target("posterior_cortex", "Posterior neocortex", 25.0, "dense"), # illustrative length
    Target("spinal_cord", "Spinal cord (lumbar)", 60.0, "dense"),     # illustrative length
)

#: mean conduction velocity of LC axons, m/s (read-only)
CONDUCTION_VELOCITY_M_PER_S: Mapping[str, float] = MappingProxyType({
    "cat": 1.2,   # Watabe1982
    "rat": 0.5,   # illustrative (fact base: rat slower than cat, value not verified)
})


@dataclass(frozen=True)
class ProjectionParams:
    """The projection model's numbers: one conduction velocity and the targets' path lengths."""

    conduction_velocity_m_per_s: float = CONDUCTION_VELOCITY_M_PER_S["rat"]   # illustrative (rat)
    targets: tuple[Target, ...] = TARGETS                                      # illustrative lengths

    def __post_init__(self):
        input_checks.in_range("conduction_velocity_m_per_s", self.conduction_velocity_m_per_s, 0.01, 100.0)
        for t in self.targets:
            if not isinstance(t, Target):
                raise TypeError("targets must be a tuple of ne_lib.projections.Target")
            input_checks.non_negative(f"path_length_mm of {t.key}", t.path_length_mm)


#: The course's defaults.
DEFAULT_PARAMS = ProjectionParams()


def conduction_delay_ms(path_length_mm, velocity_m_per_s: float):
    """Conduction delay in ms = path length (mm) / velocity (m/s). Works on arrays of lengths."""
    velocity = input_checks.in_range("velocity_m_per_s", velocity_m_per_s, 0.01, 100.0)
    if np.ndim(path_length_mm) == 0:
        return input_checks.non_negative("path_length_mm", path_length_mm) / velocity
    lengths = input_checks.finite_array("path_length_mm", path_length_mm, min_value=0.0)
    return lengths / velocity


def target_delays_ms(velocity_m_per_s: float | None = None, params: ProjectionParams | None = None) -> dict[str, float]:
    """Delay (ms) from the LC to each target at the given conduction velocity.

    ``velocity_m_per_s`` defaults to ``params.conduction_velocity_m_per_s`` (rat, illustrative);
    the targets are ``params.targets`` (default :data:`TARGETS`).
    """
    if params is None:
        params = DEFAULT_PARAMS
    if not isinstance(params, ProjectionParams):
        raise TypeError(f"params must be a ProjectionParams or None, got {type(params).__name__}")
    velocity = params.conduction_velocity_m_per_s if velocity_m_per_s is None else velocity_m_per_s
    lengths = np.array([t.path_length_mm for t in params.targets])
    delays = conduction_delay_ms(lengths, velocity)
    return {t.key: float(d) for t, d in zip(params.targets, delays)}
