"""ne_lib: small, cited models of the brain's norepinephrine (NE) system.

One module per piece of science (numbers in, arrays and small dataclasses out); the
presentation layer (:mod:`ne_lib.style`, :mod:`ne_lib.interactive`, :mod:`ne_lib.figures`,
:mod:`ne_lib.quiz`) and the course tooling (:mod:`ne_lib.coursework`, :mod:`ne_lib.check`,
:mod:`ne_lib.cases`) sit on top; :mod:`ne_lib.chapters` is the map and
:mod:`ne_lib.contract` what crosses boundaries. See CONTRIBUTING.md for the layers.

The science modules (generated from :data:`ne_lib.chapters.MODELS`):

"""

from ne_lib import _moved, chapters as _chapters

__version__ = "0.1.0"

__doc__ = (__doc__ or "") + _chapters.models_table() + "\n"

_moved.install()


def __getattr__(name: str):
    """``ne_lib.lc`` and the other old module names (see :data:`ne_lib._moved.MOVED_MODULES`)."""
    if name in _moved.MOVED_MODULES:
        return _moved.moved_module(name)
    raise AttributeError(f"module 'ne_lib' has no attribute {name!r}")
