"""The flipbook's frames: the process pool draws the serial bytes, and the frame cache never serves a
frame that the current code would not draw (ne_lib.interactive_frames).

The figures here live in small modules written to a temporary folder, so a test can edit the drawing
code, or a module it imports, the way an author would, and see the cache notice."""

from __future__ import annotations

import functools
import importlib
import json
import sys
import uuid
from pathlib import Path

import numpy as np
import pytest

from ne_lib import contract, interactive_frames as frames
from ne_lib.interactive import InteractiveFigure, Slider

HELPER = '''
def curve(tau_s, gain):
    import numpy as np
    t = np.linspace(0.0, 10.0, 60)
    return t, gain * np.exp(-t / tau_s)
'''

FIGURE = '''
from ne_lib.interactive import InteractiveFigure, Slider
from . import helper


def compute(tau_s, gain):
    return helper.curve(tau_s, gain)


def draw(fig, result, tau_s, gain):
    ax = fig.subplots()
    (line,) = ax.plot(*result, color="{color}")
    ax.set_xlabel("time (s)")
    ax.set_ylim(0.0, 3.6)
    return line


def update(fig, line, result, tau_s, gain):
    line.set_data(*result)


def alt(values, result):
    return f"decay with tau {{values['tau_s']}} s, gain {{values['gain']}}"


figure = InteractiveFigure(
    "{name}", title="A decay", caption="Move tau.",
    controls=[Slider("tau_s", "tau (s)", 1.0, 5.0, 0.5, 2.0, static_values={tau_grid}),
              Slider("gain", "gain", 1.0, 3.5, 0.25, 2.0, static_values=(1.0, 2.0))],
    compute=compute, draw=draw, update=update, alt=alt, figsize=(4.0, 2.6))
'''


@pytest.fixture
def mini(tmp_path, monkeypatch):
    """A package ``mini_<id>`` with ``helper.py`` and ``fig.py``; returns (folder, load, write)."""
    name = f"mini_{uuid.uuid4().hex[:8]}"
    pkg = tmp_path / name
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "helper.py").write_text(HELPER)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv(contract.FRAME_CACHE_ENV, raising=False)
    monkeypatch.delenv(frames.WORKERS_ENV, raising=False)

    def write(color="#1f77b4", tau_grid=(1.0, 2.0)):
        """(a small grid keeps the tests quick; the pool test asks for several chunks' worth)"""
        (pkg / "fig.py").write_text(FIGURE.format(color=color, name=name, tau_grid=tuple(float(v) for v in tau_grid)))

    def load():
        importlib.invalidate_caches()
        for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[module]
        return importlib.import_module(f"{name}.fig").figure

    write()
    yield pkg, load, write
    for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[module]


def test_pool_output_equals_serial_output(mini):
    _, load, write = mini
    write(tau_grid=np.arange(1.0, 5.01, 0.5))                # 9 x 2 = 18 points: two chunks per rendition
    spec = load()
    assert len(spec.grid_points()) == 18 > frames.CHUNK_POINTS
    serial = frames.frame_data(spec, workers=1)
    pooled = frames.frame_data(spec, workers=2)
    assert len(serial["images"]["wide"]) == len(serial["images"]["phone"]) == 18
    assert pooled == serial                                   # every frame byte for byte, alts, sizes
    assert len(set(serial["images"]["wide"])) == 18           # and the frames do differ from each other
    assert frames.frame_data(spec, workers=3) == serial       # however many processes draw it


def test_a_cache_hit_returns_the_bytes_of_a_fresh_render_without_drawing(mini, tmp_path, monkeypatch):
    _, load, _ = mini
    spec = load()
    cache = tmp_path / "_build" / "ne_frames"
    fresh = frames.frame_data(spec, workers=1)
    before = dict(frames.stats)
    first = frames.frame_data(spec, workers=1, cache_dir=cache)
    assert first == fresh and frames.stats["rendered"] - before["rendered"] == 8
    assert len(list(cache.glob("*.json"))) == 1

    def no_drawing(*args, **kwargs):
        raise AssertionError("a cached figure was drawn again")

    with monkeypatch.context() as patch:
        patch.setattr(frames, "_render_all", no_drawing)
        again = frames.frame_data(spec, cache_dir=cache)
        assert again == fresh and frames.stats["cached"] - before["cached"] == 8
        assert frames.read_log(cache) == {"rendered": 8, "cached": 8}   # what `make bench` reports
        # through the public API too: the flipbook's HTML from the cache is the HTML of a fresh drawing
        patch.setenv(contract.FRAME_CACHE_ENV, str(cache))
        html_cached = spec.to_html()
    assert html_cached == spec.to_html()


def test_editing_the_drawing_code_invalidates_the_cache(mini, tmp_path):
    _, load, write = mini
    cache = tmp_path / "cache"
    old = load()
    old_frames = frames.frame_data(old, workers=1, cache_dir=cache)
    old_key = frames.figure_key(old)
    write(color="#d62728")                                    # an author changes the line colour
    new = load()
    assert frames.figure_key(new) != old_key
    served = frames.frame_data(new, workers=1, cache_dir=cache)
    assert served == frames.frame_data(new, workers=1)        # what the new code draws ...
    assert served["images"]["wide"] != old_frames["images"]["wide"]   # ... not the old frames
    assert len(list(cache.glob("*.json"))) == 2


def test_editing_a_module_the_figure_imports_invalidates_the_cache(mini, tmp_path):
    pkg, load, _ = mini
    cache = tmp_path / "cache"
    old = load()
    old_frames = frames.frame_data(old, workers=1, cache_dir=cache)
    old_key = frames.figure_key(old)
    helper = pkg / "helper.py"
    helper.write_text(HELPER.replace("gain * np.exp", "0.5 * gain * np.exp"))   # the science changed
    new = load()
    assert frames.figure_key(new) != old_key
    served = frames.frame_data(new, workers=1, cache_dir=cache)
    assert served == frames.frame_data(new, workers=1) and served != old_frames


def test_a_lazy_import_inside_a_function_is_part_of_the_key(mini):
    pkg, load, write = mini
    (pkg / "lazy.py").write_text("OFFSET = 0.0\n")
    (pkg / "fig.py").write_text((pkg / "fig.py").read_text().replace(
        "    return helper.curve(tau_s, gain)",
        "    from .lazy import OFFSET\n    t, y = helper.curve(tau_s, gain)\n    return t, y + OFFSET"))
    key = frames.figure_key(load())
    (pkg / "lazy.py").write_text("OFFSET = 0.5\n")
    assert frames.figure_key(load()) != key


def test_a_changed_caption_or_grid_changes_the_key(mini):
    _, load, _ = mini
    spec = load()
    key = frames.figure_key(spec)
    spec.caption = "Move gain."
    assert frames.figure_key(spec) != key
    assert frames.figure_key(spec, spec.grid_points()[:3]) != frames.figure_key(spec)


def _spec_without_files(**overrides):
    def compute(tau_s, gain):
        return np.linspace(0.0, 1.0, 5) * gain / tau_s

    def draw(fig, result, tau_s, gain):
        return fig.subplots().plot(result)[0]

    options = dict(title="T", caption="C.", alt="tau {tau_s}",
                   controls=[Slider("tau_s", "tau", 1.0, 5.0, 0.5, 2.0, static_values=(1.0, 2.0)),
                             Slider("gain", "g", 1.0, 3.5, 0.25, 2.0, static_values=(1.0, 2.0))],
                   compute=compute, draw=draw)
    options.update(overrides)
    return InteractiveFigure("plain", **options)


def test_code_the_key_cannot_see_is_never_cached(tmp_path):
    def draw(fig, result, tau_s, gain, *, color):
        return fig.subplots().plot(result, color=color)[0]

    table = np.array([1.0, 2.0])

    def compute_over_array(tau_s, gain):
        return table * gain

    for spec in (_spec_without_files(draw=functools.partial(draw, color="k")),      # a partial
                 _spec_without_files(compute=compute_over_array)):                   # a closure over an array
        assert frames.figure_key(spec) is None
        frames.frame_data(spec, workers=1, cache_dir=tmp_path)
    assert not list(tmp_path.glob("*.json"))                  # drawn every time, never stored
    assert frames.read_log(tmp_path) == {"rendered": 16, "cached": 0}


def test_a_damaged_or_foreign_entry_is_redrawn_not_served(mini, tmp_path):
    _, load, _ = mini
    spec = load()
    fresh = frames.frame_data(spec, workers=1, cache_dir=tmp_path)
    (entry,) = tmp_path.glob("*.json")
    entry.write_text(entry.read_text()[:1000])                # a build killed mid-write (torn file)
    assert frames.frame_data(spec, workers=1, cache_dir=tmp_path) == fresh
    stored = json.loads(entry.read_text())
    stored["key"] = "0" * 64                                  # another figure's entry under this name
    stored["data"]["alts"] = ["wrong"] * 4
    entry.write_text(json.dumps(stored))
    assert frames.frame_data(spec, workers=1, cache_dir=tmp_path) == fresh


def test_bad_worker_counts_are_refused(mini, monkeypatch):
    _, load, _ = mini
    spec = load()
    with pytest.raises(ValueError, match="workers must be a positive integer"):
        frames.frame_data(spec, workers=0)
    monkeypatch.setenv(frames.WORKERS_ENV, "two")
    with pytest.raises(ValueError, match=frames.WORKERS_ENV):
        frames.frame_data(spec)


def test_the_build_keeps_the_cache_under_its_build_folder(tmp_path, monkeypatch):
    root = Path(__file__).resolve().parents[1]
    monkeypatch.syspath_prepend(str(root / "_ext"))
    monkeypatch.setenv(contract.FRAME_CACHE_ENV, "restored after the test")   # (setenv: undone at teardown)
    monkeypatch.setenv(contract.BUILD_ENV, "0")
    import ne_build

    class App:
        outdir = str(tmp_path / "_build" / "html")

    class Config:
        nb_execution_cache_path = ""

    ne_build._on_config_inited(App(), Config())
    cache = Path(__import__("os").environ[contract.FRAME_CACHE_ENV])
    assert cache == tmp_path / "_build" / "ne_frames" and "_build" in cache.relative_to(tmp_path).parts


def _externalised(page: str) -> tuple[str, dict]:
    """The page with its frames moved out, and the files written (name -> bytes)."""
    from ne_lib import interactive_static

    written: dict = {}
    body, _ = interactive_static.externalise(page, lambda name, data: written.setdefault(name, data) and name)
    return body, written


def test_the_1x_copies_are_kept_and_equal_a_fresh_resize(mini, tmp_path, monkeypatch):
    _, load, _ = mini
    page = load().to_html()

    def externalised():
        return _externalised(page)

    fresh = externalised()
    monkeypatch.setenv(contract.FRAME_CACHE_ENV, str(tmp_path))
    assert externalised() == fresh                            # stored while resizing
    assert len(list((tmp_path / "1x").glob("*.webp"))) == 8    # 4 frames x 2 renditions
    with monkeypatch.context() as patch:
        from PIL import Image

        patch.setattr(Image.Image, "resize", lambda *a, **k: (_ for _ in ()).throw(AssertionError("resized")))
        assert externalised() == fresh                        # from the cache: the same bytes, no resize


def test_the_1x_copies_made_in_a_pool_equal_the_serial_ones(mini, monkeypatch):
    """In the book build a page's 1x copies are resized in a process pool: the same files as one by one."""
    _, load, _ = mini
    page = load().to_html()

    def externalised():
        return _externalised(page)

    monkeypatch.delenv(contract.FRAME_CACHE_ENV, raising=False)
    serial = externalised()
    monkeypatch.setenv(contract.BUILD_ENV, "1")
    monkeypatch.setenv("NE_FRAME_WORKERS", "2")
    pooled = []
    real_pool = __import__("multiprocessing").get_context("fork").Pool

    class CountingPool:
        def __init__(self, n):
            pooled.append(n)
            self.pool = real_pool(n)

        def __enter__(self):
            return self.pool.__enter__()

        def __exit__(self, *exc):
            return self.pool.__exit__(*exc)

    class Context:
        Pool = CountingPool

    monkeypatch.setattr("multiprocessing.get_context", lambda method: Context())
    assert externalised() == serial and pooled == [2]
