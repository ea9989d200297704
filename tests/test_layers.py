"""The house rules of CONTRIBUTING.md ("The layers"): which layer each ne_lib module is in, what
each layer may import, and how long a file may grow."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ne_lib.chapters import MODELS

ROOT = Path(__file__).resolve().parents[1]

#: the base every layer may use: the course map, the contract, argument checks, old names
FOUNDATION = {"ne_lib", "ne_lib._moved", "ne_lib.chapters", "ne_lib.contract", "ne_lib.input_checks"}
SCIENCE = {f"ne_lib.{m}" for m in MODELS}
PRESENTATION_PREFIXES = ("ne_lib.style", "ne_lib.interactive", "ne_lib.figures", "ne_lib.diagrams", "ne_lib.quiz")
TOOLING_PREFIXES = ("ne_lib.cases", "ne_lib.check", "ne_lib.coursework", "ne_lib.release", "ne_lib.plain_markdown",
                    "ne_lib.jupyter_settings")

#: layer -> layers it may import (its own included)
MAY_IMPORT = {
    "foundation": {"foundation"},
    "science": {"foundation", "science"},
    "presentation": {"foundation", "science", "presentation"},
    "tooling": {"foundation", "science", "tooling"},
}
#: third-party packages that belong to one layer only
DISPLAY_PACKAGES = {"matplotlib", "ipywidgets", "IPython", "PIL", "jupyterquiz"}
NOTEBOOK_PACKAGES = {"nbformat", "nbclient"}
#: tooling modules that host a student's notebook run, so import what a notebook imports (with the reason)
HOSTS_NOTEBOOKS = {"ne_lib.coursework.warm_server": "the grading server: preloads what the course notebooks "
                   "import (Matplotlib, ipywidgets) and runs a submission's cells in an IPython shell"}

#: files over the length limit, each with the reason it is still allowed (remove when split)
LONG_FILES: dict[str, str] = {}
MAX_LINES = 400


def layer(module: str) -> str:
    if module in FOUNDATION:
        return "foundation"
    if module in SCIENCE:
        return "science"
    if module.startswith(PRESENTATION_PREFIXES):
        return "presentation"
    if module.startswith(TOOLING_PREFIXES):
        return "tooling"
    raise AssertionError(f"{module} is in no layer: add it to ne_lib.chapters.MODELS (science) or to a "
                         f"layer in tests/test_layers.py, and to the picture in CONTRIBUTING.md")


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted((ROOT / "ne_lib").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if parts[-1] != "__main__":
            found[name] = path
    return found


def _imports(module: str, path: Path) -> set[str]:
    """Absolute names of everything ``module`` imports (ne_lib modules and top-level packages)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            out.add(stem)
            out.update(f"{stem}.{a.name}" for a in node.names)   # `from ne_lib import drugs` imports a module
    modules = _modules()
    return {name for name in out if name in modules} | {name.split(".")[0] for name in out
                                                        if not name.startswith("ne_lib")}


MODULES = _modules()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_is_in_a_layer_and_imports_only_what_its_layer_may(module):
    mine = layer(module)
    imported = _imports(module, MODULES[module])
    wrong = sorted(m for m in imported if m.startswith("ne_lib") and m != module
                   and layer(m) not in MAY_IMPORT[mine])
    assert not wrong, f"{module} ({mine}) imports {wrong}; {mine} may import only {sorted(MAY_IMPORT[mine])}"
    if mine != "presentation" and module not in HOSTS_NOTEBOOKS:
        assert not imported & DISPLAY_PACKAGES, f"{module} ({mine}) imports display code {imported & DISPLAY_PACKAGES}"
    if mine != "tooling":
        assert not imported & NOTEBOOK_PACKAGES, f"{module} ({mine}) imports notebook tooling"


def test_the_layer_rules_can_fail():
    assert layer("ne_lib.drugs") == "science" and layer("ne_lib.figures.synthesis") == "presentation"
    assert "presentation" not in MAY_IMPORT["science"] and "tooling" not in MAY_IMPORT["presentation"]
    with pytest.raises(AssertionError, match="no layer"):
        layer("ne_lib.mystery")


def test_no_file_is_longer_than_the_limit():
    too_long = {}
    for folder in ("ne_lib", "_ext", "tools"):
        for path in (ROOT / folder).rglob("*.py"):
            n = len(path.read_text(encoding="utf-8").splitlines())
            if n > MAX_LINES:
                too_long[path.relative_to(ROOT).as_posix()] = n
    unexplained = {p: n for p, n in too_long.items() if p not in LONG_FILES}
    assert not unexplained, f"over {MAX_LINES} lines (split them): {unexplained}"
