"""Old import paths that keep working: modules renamed in issue 20, with a DeprecationWarning.

Students' notebooks import ``ne_lib.lc`` or ``from ne_lib import gain``; those imports still work
and return the renamed module itself (the same object, so a module attribute set through either
name is seen through both), with a ``DeprecationWarning`` that names the new path. Nothing lives
at the old file path, so ``git`` sees each rename as a rename. See CONTRIBUTING.md, "What moved where".
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from types import MappingProxyType, ModuleType

#: old module (under ne_lib) -> new module (under ne_lib)
MOVED_MODULES = MappingProxyType({
    "lc": "locus_coeruleus",          # LC firing: named like the chapter and every other layer
    "gain": "logistic_gain",          # ServanSchreiber1990's gain of a logistic unit (not adaptive_gain)
    "validate": "input_checks",       # checks of arguments to public functions
    "validation": "cases.registry",   # the registry of published results, beside the cases themselves
})


def _warn(old: str, new: str, stacklevel: int) -> None:
    warnings.warn(f"ne_lib.{old} is now ne_lib.{new}; the old name will be removed in a later course "
                  f"version (import ne_lib.{new} instead)", DeprecationWarning, stacklevel=stacklevel)


def moved_module(old: str) -> ModuleType:
    """The module that ``ne_lib.<old>`` became (after a DeprecationWarning)."""
    new = MOVED_MODULES[old]
    _warn(old, new, stacklevel=4)
    return importlib.import_module(f"ne_lib.{new}")


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, old: str):
        self.old = old

    def create_module(self, spec):
        return moved_module(self.old)

    def exec_module(self, module):  # already executed under its new name
        pass


class _MovedFinder(importlib.abc.MetaPathFinder):
    """Finds ``ne_lib.<old>`` for ``import ne_lib.lc`` and ``from ne_lib.lc import x``."""

    def find_spec(self, fullname, path=None, target=None):
        prefix, _, old = fullname.partition(".")
        if prefix != "ne_lib" or old not in MOVED_MODULES:
            return None
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(old))


def install() -> None:
    if not any(isinstance(f, _MovedFinder) for f in sys.meta_path):
        sys.meta_path.append(_MovedFinder())
