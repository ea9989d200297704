"""The frames of a static flipbook: rendered in a process pool, cached on disk by what draws them.

:func:`frame_data` renders every point of a figure's static grid in both renditions (``wide``,
``phone``) and returns the encoded frames with what the flipbook's HTML needs (sizes, smallest
text, alt texts). Two speed-ups, neither changing a byte of the output:

* **Chunks, in a pool.** The frames are cut into fixed chunks (:data:`CHUNK_POINTS` grid points of
  one rendition). Each chunk starts from a new view laid out at the grid's first point (as the
  serial flipbook always was) and draws its points in order. A chunk depends only on the figure and
  its own points, never on which process draws it or how many there are, so the pool's output is
  the serial output (tested). The pool forks the calling process (the figure need not be picklable)
  and is used only where fork exists; ``workers=1`` draws in-process.
* **A cache** (a folder; the book build passes ``_build/…/ne_frames`` through :data:`CACHE_ENV`):
  one file per figure, named by a hash of everything that can change its pixels: the figure's
  texts, sizes, controls and grid; the source of every module the figure's callables and the
  renderer load (their import closure within ``ne_lib`` and the figure's own package, found in the
  files, so a lazy import inside a function counts too), ``ne_lib``'s data files; the effective
  matplotlib rcParams; the Python, NumPy, SciPy, matplotlib and Pillow versions and those of any
  other library the closure imports. A figure whose callables are not plain module-level code of
  such a module (a lambda typed in a notebook, a ``functools.partial``, a closure over anything but
  numbers and strings) is never cached: it is drawn every time. An entry is written atomically and
  carries its key, which is checked on reading, so a torn or foreign file is redrawn, not served.

What the key cannot see: a module edited after the running process imported it (the build starts
a fresh kernel per notebook, so its code is the files' code), and a figure module's globals changed
at run time (the course keeps no global state in ``ne_lib``; CONTRIBUTING.md, "Build").
"""

from __future__ import annotations

import ast
import base64
import hashlib
import importlib.util
import json
import os
import sys
import tempfile
import types
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from .contract import FRAME_CACHE_ENV, in_book_build

__all__ = ["frame_data", "figure_key", "read_log", "CACHE_ENV", "WORKERS_ENV", "CHUNK_POINTS", "stats"]

#: environment variable naming the frame cache folder (unset: no cache; set by the book build)
CACHE_ENV = FRAME_CACHE_ENV
#: environment variable capping the pool's size (default: the cores this process may use)
WORKERS_ENV = "NE_FRAME_WORKERS"
#: grid points per chunk of one rendition (fixed, so that the output never depends on the pool)
CHUNK_POINTS = 12
#: bump when the cache entry's format or the meaning of its key changes
FORMAT = "ne-frames-1"
_PACKAGE = "ne_lib"
_RENDERER = "ne_lib.interactive_static"          # its import closure: render, spec, style, contract
_ALWAYS_VERSIONED = ("numpy", "scipy", "matplotlib", "PIL")
_DATA_SUFFIXES = {".json", ".csv", ".txt", ".toml"}
_DISTRIBUTION = {"PIL": "pillow", "yaml": "PyYAML"}   # import name -> distribution, where they differ
_SIMPLE = (int, float, str, bool, bytes, type(None))

#: frames drawn and frames served from the cache by this process (for ``make bench`` and tests)
stats = {"rendered": 0, "cached": 0}


# ------------------------------------------------------------------ rendering, in chunks
def _chunks(n_points: int) -> list[tuple[str, int, int]]:
    return [(layout, start, min(start + CHUNK_POINTS, n_points))
            for layout in ("wide", "phone") for start in range(0, n_points, CHUNK_POINTS)]


def _render_chunk(spec, points: list[dict], layout: str, start: int, stop: int) -> dict:
    from .interactive_render import View, min_text_pt, render
    from .interactive_static import _webp

    view = View.new(spec, layout)
    if start:
        render(spec, view, **points[0])      # the layout of the grid's first point, as in chunk 0
    images, alts, min_pt = [], [], float("inf")
    for values in points[start:stop]:
        render(spec, view, **values)
        images.append(base64.b64encode(_webp(view, layout)).decode("ascii"))
        min_pt = min(min_pt, min_text_pt(view.figure))
        if layout == "wide":
            alts.append(spec.alt_text(values, view.result))
    fig = view.figure
    return {"images": images, "alts": alts, "min_pt": min_pt, "width_in": round(fig.get_figwidth(), 3),
            "aspect": fig.get_figheight() / fig.get_figwidth()}


_JOB: tuple[Any, list[dict]] | None = None   # the figure a forked pool draws (inherited, not pickled)


def _pool_chunk(chunk: tuple[str, int, int]) -> dict:
    assert _JOB is not None
    return _render_chunk(_JOB[0], _JOB[1], *chunk)


def _workers(requested: int | None, n_chunks: int) -> int:
    if requested is None:
        env = os.environ.get(WORKERS_ENV, "").strip()
        if env:
            try:
                requested = int(env)
            except ValueError:
                raise ValueError(f"{WORKERS_ENV} must be a positive integer, got {env!r}") from None
        elif not in_book_build():
            requested = 1                      # a kernel or a test: draw in-process
        else:
            requested = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if isinstance(requested, bool) or not isinstance(requested, int) or requested < 1:
        raise ValueError(f"workers must be a positive integer, got {requested!r}")
    return max(1, min(requested, n_chunks))


def _render_all(spec, points: list[dict], workers: int | None) -> list[dict]:
    global _JOB
    chunks = _chunks(len(points))
    n = _workers(workers, len(chunks))
    import multiprocessing

    if n == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [_render_chunk(spec, points, *c) for c in chunks]
    from concurrent.futures import ProcessPoolExecutor

    _JOB = (spec, points)
    try:
        with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_pool_chunk, chunks))
    finally:
        _JOB = None


def _assemble(points: list[dict], parts: list[dict]) -> dict:
    chunks = _chunks(len(points))
    data: dict[str, Any] = {"images": {"wide": [], "phone": []}, "text": {}, "aspect": {}, "alts": []}
    for (layout, _, _), part in zip(chunks, parts):
        data["images"][layout].extend(part["images"])
        data["alts"].extend(part["alts"])
        entry = data["text"].setdefault(layout, {"min_pt": part["min_pt"], "width_in": part["width_in"]})
        entry["min_pt"] = min(entry["min_pt"], part["min_pt"])
        data["aspect"][layout] = part["aspect"]
    return data


# ------------------------------------------------------------------ the cache key
def _callables(spec) -> list[Callable]:
    found = [getattr(spec.compute, "__wrapped__", spec.compute), spec.draw]
    found += [f for f in (spec.update, spec.alt) if callable(f)]
    found += [c.value_format for c in spec.controls if getattr(c, "value_format", None) is not None]
    return found


def _plain_value(value, depth: int = 0) -> bool:
    if isinstance(value, _SIMPLE):
        return True
    if isinstance(value, (tuple, frozenset)) and depth < 3:
        return all(_plain_value(v, depth + 1) for v in value)
    return isinstance(value, types.ModuleType) or (isinstance(value, types.FunctionType) and depth < 3
                                                   and _describable(value, depth + 1) is not None)


def _describable(func, depth: int = 0) -> str | None:
    """``module:qualname`` and the plain values it closes over, or None (a function we cannot key)."""
    if not isinstance(func, types.FunctionType):
        return None
    module = sys.modules.get(func.__module__)
    if module is None or not getattr(module, "__file__", None) or func.__module__ == "__main__":
        return None
    cells = [c.cell_contents for c in (func.__closure__ or ())]
    defaults = list(func.__defaults__ or ()) + sorted((func.__kwdefaults__ or {}).items())
    if not all(_plain_value(v, depth) for v in cells + defaults):
        return None
    shown = [v.__name__ if isinstance(v, types.ModuleType) else
             _describable(v, depth) if isinstance(v, types.FunctionType) else repr(v) for v in cells + defaults]
    return f"{func.__module__}:{func.__qualname__}:{shown}"


def _imports(code: str, current: str, is_package: bool, roots: frozenset[str]) -> set[str]:
    tree = ast.parse(code)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = current.split(".") if is_package else current.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{a.name}" for a in node.names)   # a submodule, or just a name
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.split(".")[0] in roots:
            found.add(node.value)                                       # importlib / shims by name
    return {name for name in found if name}


def _find(name: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError, AttributeError):
        return None
    origin = getattr(spec, "origin", None) if spec else None
    return Path(origin) if origin and origin.endswith(".py") else None


@lru_cache(maxsize=256)
def _file_imports(path: Path, name: str, mtime_ns: int, size: int, roots: frozenset[str]) -> frozenset[str]:
    return frozenset(_imports(path.read_text(encoding="utf-8"), name, path.name == "__init__.py", roots))


def _closure(modules: set[str]) -> tuple[dict[str, Path], set[str]]:
    """The files of ``modules`` and of every module of their packages they import (at any depth),
    and the top-level names of the other libraries they import."""
    roots = frozenset({_PACKAGE} | {m.split(".")[0] for m in modules})
    todo, files, libraries = sorted(modules), {}, set()
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        parts = name.split(".")
        if parts[0] not in roots:
            libraries.add(parts[0])
            continue
        for i in range(1, len(parts) + 1):
            parent = ".".join(parts[:i])
            if parent in seen:
                continue
            seen.add(parent)
            path = _find(parent)
            if path is None:
                continue                                    # a name inside a module, not a module
            files[parent] = path
            stat = path.stat()
            todo.extend(_file_imports(path, parent, stat.st_mtime_ns, stat.st_size, roots))
    return files, libraries


@lru_cache(maxsize=1)
def _distributions() -> dict:
    from importlib import metadata

    return dict(metadata.packages_distributions())


@lru_cache(maxsize=None)
def _version(library: str) -> str:
    if library in sys.stdlib_module_names or library == "__future__":
        return sys.version
    module = sys.modules.get(library)
    version = getattr(module, "__version__", None) if module else None
    if version is None:
        from importlib import metadata

        try:
            version = metadata.version(_DISTRIBUTION.get(library, library))
        except metadata.PackageNotFoundError:
            names = _distributions().get(library, [])
            version = ",".join(f"{n}={metadata.version(n)}" for n in sorted(names)) or "unknown"
    return str(version)


def figure_key(spec, points: list[dict] | None = None) -> str | None:
    """The cache key of ``spec``'s flipbook frames, or None when its code cannot be keyed."""
    import matplotlib as mpl

    from . import style

    described = [_describable(f) for f in _callables(spec)]
    if any(d is None for d in described):
        return None
    modules = {f.__module__ for f in _callables(spec)} | {_RENDERER}
    files, libraries = _closure(modules)
    digest = hashlib.sha256(FORMAT.encode())

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode() + data)

    controls = [{k: (v if not callable(v) else "callable") for k, v in vars(c).items()} for c in spec.controls]
    add("figure", json.dumps({"name": spec.name, "title": spec.title, "caption": spec.caption,
                              "figsize": spec.figsize, "phone_figsize": spec.phone_figsize,
                              "alt": spec.alt if isinstance(spec.alt, str) else None,
                              "controls": controls, "callables": described,
                              "points": points if points is not None else spec.grid_points()},
                             sort_keys=True, default=repr).encode())
    for name in sorted(files):
        add(f"module {name}", files[name].read_bytes())
    package = Path(files[_PACKAGE]).parent if _PACKAGE in files else None
    if package is not None:
        for path in sorted(p for p in package.rglob("*") if p.suffix in _DATA_SUFFIXES and p.is_file()
                           and "__pycache__" not in p.parts):
            add(f"data {path.relative_to(package).as_posix()}", path.read_bytes())
    for library in sorted(set(_ALWAYS_VERSIONED) | libraries):
        add(f"version {library}", _version(library).encode())
    add("python", sys.version.encode())
    with style.course_style():
        add("rcParams", repr(sorted((k, repr(v)) for k, v in mpl.rcParams.items())).encode())
    return digest.hexdigest()


# ------------------------------------------------------------------ the one entry point
def _cache_dir(cache_dir: str | os.PathLike | None) -> Path | None:
    if cache_dir is None:
        cache_dir = os.environ.get(CACHE_ENV, "").strip() or None
    return Path(cache_dir) if cache_dir is not None else None


def _read(path: Path, key: str) -> dict | None:
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("key") != key or not isinstance(entry.get("data"), dict):
        return None
    return entry["data"]


def _write(path: Path, key: str, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"key": key, "data": data}, f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def frame_data(spec, *, workers: int | None = None, cache_dir: str | os.PathLike | None = None) -> dict:
    """Every frame of ``spec``'s static grid, both renditions (base64 WebP), with text sizes,
    aspect ratios and alt texts; from the cache when an entry with the same key exists.

    ``cache_dir``: the cache folder (default: :data:`CACHE_ENV`, no cache if unset);
    ``workers``: processes drawing chunks (default: :data:`WORKERS_ENV`, else the usable cores in the
    book build and 1 elsewhere)."""
    points = spec.grid_points()
    folder = _cache_dir(cache_dir)
    key = figure_key(spec, points) if folder is not None else None
    path = folder / f"{key}.json" if folder is not None and key is not None else None
    if folder is not None and path is not None and key is not None:
        cached = _read(path, key)
        if cached is not None:
            stats["cached"] += 2 * len(points)
            _log(folder, "cached", spec.name, 2 * len(points))
            return cached
    data = _assemble(points, _render_all(spec, points, workers))
    stats["rendered"] += 2 * len(points)
    if path is not None and key is not None and figure_key(spec, points) == key:  # code unchanged meanwhile
        _write(path, key, data)
    if folder is not None:
        _log(folder, "rendered", spec.name, 2 * len(points))
    return data


LOG = "log.txt"


def _log(folder: Path, what: str, name: str, n_frames: int) -> None:
    """One line per flipbook in the cache folder's log (``make bench`` counts frames drawn vs cached)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOG, "a", encoding="utf-8") as f:
        f.write(f"{what} {n_frames} {name}\n")


def read_log(folder: str | os.PathLike) -> dict[str, int]:
    """Frames drawn and frames served from the cache, from the log in ``folder``."""
    counts = {"rendered": 0, "cached": 0}
    path = Path(folder) / LOG
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            what, n, _ = line.split(" ", 2)
            counts[what] += int(n)
    return counts
