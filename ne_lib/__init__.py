"""ne_lib: small, cited models of the brain's norepinephrine (NE) system.

One module per piece of science; plotting (:mod:`ne_lib.style`) and the
interactive-figure helper (:mod:`ne_lib.interactive`) are thin layers on top.
"""

__version__ = "0.1.0"
