"""JupyterLab / Notebook 7 settings the course needs, and a command that installs them.

Both clients read default settings from ``{sys.prefix}/share/jupyter/lab/settings/overrides.json``.
The course's file (``ne_lib/settings/overrides.json``):

* lets arrow keys reach a focused slider. The notebook's command-mode shortcuts
  (ArrowLeft/ArrowRight: previous/next heading, ArrowUp/ArrowDown: previous/next cell)
  match any focused element inside a notebook, so in Notebook 7 they take the key before
  the slider sees it. The file disables them and binds them again for every focused element
  *outside* cell outputs, so heading and cell navigation keep working;
* turns off JupyterLab's news and update checks (no toast, no request to another host).

A normal install of ne_lib (wheel, ``pip install .``, a git URL) puts the file there itself
(``[tool.setuptools.data-files]``). Editable installs (``pip install -e .``) do not install
data files (setuptools issue 3399), so Binder's ``postBuild`` and ``make test-clients`` run::

    python -m ne_lib.jupyter_settings            # into this Python's sys.prefix
    python -m ne_lib.jupyter_settings --prefix P # into another environment

An existing ``overrides.json`` is kept: the course's entries are merged into it.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from pathlib import Path

__all__ = ["course_overrides", "overrides_path", "merged", "install"]

SETTINGS_SUBDIR = Path("share", "jupyter", "lab", "settings")


def course_overrides() -> dict:
    """The course's settings overrides (plugin id -> settings)."""
    text = resources.files("ne_lib").joinpath("settings", "overrides.json").read_text(encoding="utf-8")
    return json.loads(text)


def overrides_path(prefix: str | Path | None = None) -> Path:
    """Where JupyterLab and Notebook 7 of the environment at ``prefix`` (default: this one) read overrides."""
    return Path(sys.prefix if prefix is None else prefix) / SETTINGS_SUBDIR / "overrides.json"


def merged(existing: dict, ours: dict) -> dict:
    """``existing`` with the course's settings added (lists such as shortcuts: union; other keys: ours)."""
    if not isinstance(existing, dict):
        raise TypeError(f"existing must be a dict of plugin settings, got {type(existing).__name__}")
    out = {plugin: dict(values) for plugin, values in existing.items()}
    for plugin, values in ours.items():
        target = out.setdefault(plugin, {})
        for key, value in values.items():
            if isinstance(value, list) and isinstance(target.get(key), list):
                target[key] = target[key] + [v for v in value if v not in target[key]]
            else:
                target[key] = value
    return out


def install(prefix: str | Path | None = None) -> Path:
    """Write (or merge) the course's overrides into the environment at ``prefix``; return the file."""
    path = overrides_path(prefix)
    if prefix is not None and not Path(prefix).is_dir():
        raise ValueError(f"prefix must be an existing environment folder, got {str(prefix)!r}")
    existing = {}
    if path.exists():
        try:
            existing = json.loads(path.read_text(encoding="utf-8") or "{}")
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path} is not valid JSON ({exc}); fix or remove it, then run again") from exc
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(merged(existing, course_overrides()), indent=2) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Install the course's JupyterLab/Notebook 7 settings overrides.")
    ap.add_argument("--prefix", default=None, help="environment folder (default: this Python's sys.prefix)")
    args = ap.parse_args(argv)
    print(f"wrote {install(args.prefix)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
