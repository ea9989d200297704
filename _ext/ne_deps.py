"""Dependency-aware execution: a notebook re-executes only when it, or ne_lib code it uses, changed.

jupyter-cache keys a notebook on its code cells (and its ``kernelspec`` metadata) and knows nothing of
the library the cells import (jupyter-book issue 1633); Sphinx re-reads a page only when its own
source changed. So:

1. a notebook reader (myst-nb's ``nb_custom_formats`` hook for ``.ipynb``) computes the notebook's
   **inputs**: the ``ne_lib`` modules its code imports, followed through every import those modules
   make (inside functions too, and module names written as strings, as the deprecation shims and
   ``importlib`` use them), plus the package's data files; their hash goes into the notebook's
   ``kernelspec`` metadata, which jupyter-cache hashes. An edit to a module a notebook uses changes its
   key (it re-executes); an edit to any other module leaves it cached;
2. ``env-get-outdated`` re-reads exactly the pages whose inputs changed since the last build, so
   their HTML is rewritten from the new outputs.

Never stale by construction: a module a notebook could load is in its inputs unless it is reached
through a name computed at run time, which the course does not do (CONTRIBUTING.md, "Build").
"""
from __future__ import annotations

import ast
import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

import nbformat

PACKAGE = "ne_lib"
KEY = "ne_lib_inputs"
_DATA_SUFFIXES = {".json", ".csv", ".txt", ".toml"}
_MODULE_STRING = re.compile(rf"^{PACKAGE}(\.[A-Za-z_]\w*)*$")


def _package_dir() -> Path:
    local = Path(__file__).resolve().parents[1] / PACKAGE
    if local.is_dir():
        return local
    import ne_lib

    return Path(ne_lib.__file__).parent


def _module_file(name: str, package_dir: Path) -> Path | None:
    parts = name.split(".")[1:]
    base = package_dir.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def imported_modules(code: str, current: str | None = None, is_package: bool = False) -> set[str]:
    """``ne_lib`` module names that ``code`` imports (or names in a string), at any depth of the code."""
    # IPython magics and shell lines become `pass` (same indentation), so the rest still parses
    lines = [line[: len(line) - len(line.lstrip())] + "pass" if line.lstrip().startswith(("%", "!")) else line
             for line in code.splitlines()]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return {PACKAGE}  # unparsable: depend on the whole package (never stale)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == PACKAGE)
        elif isinstance(node, ast.ImportFrom):
            if node.level and current:
                base = current.split(".") if is_package else current.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.split(".")[0] != PACKAGE:
                continue
            found.add(module)
            found.update(f"{module}.{a.name}" for a in node.names)  # a submodule or just a name
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _MODULE_STRING.match(node.value):
            found.add(node.value)
    return found


@lru_cache(maxsize=None)
def _module_imports(path: Path, name: str, mtime_ns: int) -> frozenset[str]:
    return frozenset(imported_modules(path.read_text(encoding="utf-8"), name, path.name == "__init__.py"))


def dependency_files(code: str, package_dir: Path | None = None) -> list[Path]:
    """Every file of ``ne_lib`` that running ``code`` can load: the import closure plus data files."""
    package_dir = package_dir or _package_dir()
    try:  # old module names still imported by students' notebooks (ne_lib._moved)
        from ne_lib._moved import MOVED_MODULES
    except ImportError:
        MOVED_MODULES = {}
    todo = list(imported_modules(code))
    seen: set[str] = set()
    files: set[Path] = set()
    while todo:
        name = todo.pop()
        for parent in _parents(name):
            if parent in seen:
                continue
            path = _module_file(parent, package_dir)
            old = parent.split(".")[1] if parent.count(".") == 1 else None
            if path is None and old in MOVED_MODULES:
                todo.append(f"{PACKAGE}.{MOVED_MODULES[old]}")
            if path is None:
                continue  # a name inside a module, not a module
            seen.add(parent)
            files.add(path)
            todo.extend(_module_imports(path, parent, path.stat().st_mtime_ns))
    if files:
        files.update(p for p in package_dir.rglob("*") if p.suffix in _DATA_SUFFIXES and p.is_file()
                     and "__pycache__" not in p.parts)
    return sorted(files)


def inputs_key(code: str, package_dir: Path | None = None) -> str:
    """A short hash of the contents of :func:`dependency_files` (paths and bytes)."""
    package_dir = package_dir or _package_dir()
    digest = hashlib.sha256()
    for path in dependency_files(code, package_dir):
        digest.update(path.relative_to(package_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _code(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


def read_notebook(text: str) -> nbformat.NotebookNode:
    """myst-nb's reader for ``.ipynb``, with the notebook's inputs key in its kernelspec metadata."""
    nb = nbformat.reads(text, as_version=4)
    spec = nb.metadata.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3",
                                                 "language": "python"})
    spec[KEY] = inputs_key(_code(nb))
    return nb


def _notebook_key(path: Path) -> str | None:
    try:
        nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    except (OSError, ValueError, json.JSONDecodeError):
        return None
    return inputs_key(_code(nb))


def _record_inputs(app, docname, source):
    path = Path(app.env.doc2path(docname))
    if path.suffix == ".ipynb":
        if not hasattr(app.env, "ne_lib_inputs"):
            app.env.ne_lib_inputs = {}
        app.env.ne_lib_inputs[docname] = _notebook_key(path)


def _outdated(app, env, added, changed, removed):
    """Pages whose ne_lib inputs changed since the last build (their own source did not)."""
    recorded = getattr(env, "ne_lib_inputs", {})
    stale = []
    for docname, key in recorded.items():
        if docname in added or docname in changed or docname in removed:
            continue
        path = Path(env.doc2path(docname))
        if path.is_file() and _notebook_key(path) != key:
            stale.append(docname)
    return stale


def _purge(app, env, docname):
    getattr(env, "ne_lib_inputs", {}).pop(docname, None)


def _merge(app, env, docnames, other):
    env.ne_lib_inputs = {**getattr(env, "ne_lib_inputs", {}),
                         **{d: k for d, k in getattr(other, "ne_lib_inputs", {}).items() if d in docnames}}


def _use_reader(app, config):
    formats = dict(config.nb_custom_formats or {})
    formats[".ipynb"] = f"{__name__}.read_notebook"
    config.nb_custom_formats = formats


def setup(app):
    app.connect("config-inited", _use_reader)
    app.connect("source-read", _record_inputs)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
