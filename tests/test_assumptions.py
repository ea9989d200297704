"""Every science module declares its assumptions, and the validation page lists them all."""

from __future__ import annotations

import importlib

import pytest

from ne_lib.cases import registry as validation
from ne_lib.chapters import MODELS

#: the science modules, from the course map (tests/test_layers.py checks that every module is in a layer)
SCIENCE_MODULES = sorted(MODELS)


def test_science_modules_found():
    # guards the discovery itself: an empty or tiny list would make the tests below vacuous
    assert {"synthesis", "synapse", "receptors", "locus_coeruleus", "drugs"} <= set(SCIENCE_MODULES)
    assert not {"check", "figures", "cases"} & set(SCIENCE_MODULES)


@pytest.mark.parametrize("name", SCIENCE_MODULES)
def test_module_declares_assumptions(name):
    module = importlib.import_module(f"ne_lib.{name}")
    assumptions = getattr(module, "ASSUMPTIONS", None)
    assert isinstance(assumptions, tuple), f"ne_lib.{name} must define ASSUMPTIONS as a tuple of str"
    assert assumptions, f"ne_lib.{name}.ASSUMPTIONS is empty"
    for item in assumptions:
        assert isinstance(item, str), f"ne_lib.{name}.ASSUMPTIONS holds a non-string: {item!r}"
        assert item.strip(), f"ne_lib.{name}.ASSUMPTIONS holds an empty string"
        assert item.rstrip().endswith("."), f"ne_lib.{name}: assumption does not end with a full stop: {item!r}"


def test_assumptions_markdown_lists_every_module():
    text = validation.assumptions_markdown()
    for name in SCIENCE_MODULES:
        # the module's heading (in code font), not a mere mention in another module's sentence
        assert f"`ne_lib.{name}`" in text, f"ne_lib.{name} missing from the validation page's assumptions"
        # every sentence appears (whitespace normalised and "|" escaped, as the page does)
        for item in importlib.import_module(f"ne_lib.{name}").ASSUMPTIONS:
            assert " ".join(item.split()).replace("|", "\\|") in text
