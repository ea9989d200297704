"""The course's JupyterLab / Notebook 7 settings overrides and their installer (ne_lib.jupyter_settings).

That the settings really let arrow keys reach sliders is proven in the real clients
(tests/test_clients.py); here: the file's shape, merging into an existing file, bad input."""

import json
import re

import pytest

from ne_lib import jupyter_settings as js

SHORTCUTS = "@jupyterlab/shortcuts-extension:shortcuts"
ARROWS = {"ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"}


def test_every_disabled_arrow_shortcut_is_bound_again_outside_cell_outputs():
    entries = js.course_overrides()[SHORTCUTS]["shortcuts"]
    disabled = [e for e in entries if e.get("disabled")]
    rebound = [e for e in entries if not e.get("disabled")]
    assert {k for e in disabled for k in e["keys"]} == ARROWS
    for d in disabled:
        twin = [r for r in rebound if r["command"] == d["command"] and r["keys"] == d["keys"]]
        assert len(twin) == 1, d
        # the same selector, narrowed so that no focused element inside a cell output matches
        assert twin[0]["selector"].startswith(d["selector"])
        assert re.search(r":not\(\.jp-OutputArea-output \*\)$", twin[0]["selector"])


def test_install_writes_into_the_prefix_and_merges_with_what_is_there(tmp_path):
    path = js.overrides_path(tmp_path)
    assert path == tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    path.parent.mkdir(parents=True)
    admin = {"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
             SHORTCUTS: {"shortcuts": [{"command": "x:y", "keys": ["Ctrl K"], "selector": "body"}]}}
    path.write_text(json.dumps(admin))
    assert js.install(tmp_path) == path
    once = json.loads(path.read_text())
    assert once["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}   # kept
    ours = js.course_overrides()[SHORTCUTS]["shortcuts"]
    assert once[SHORTCUTS]["shortcuts"] == admin[SHORTCUTS]["shortcuts"] + ours            # appended
    js.install(tmp_path)
    assert json.loads(path.read_text()) == once                                             # idempotent


def test_install_into_an_empty_environment(tmp_path):
    path = js.install(tmp_path)
    assert json.loads(path.read_text()) == js.course_overrides()


def test_bad_input_names_the_problem(tmp_path):
    with pytest.raises(ValueError, match="prefix"):
        js.install(tmp_path / "missing")
    path = js.overrides_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    with pytest.raises(ValueError, match="overrides.json"):
        js.install(tmp_path)
    with pytest.raises(TypeError, match="existing"):
        js.merged(["not", "a", "dict"], {})


def test_command_line(tmp_path, capsys):
    assert js.main(["--prefix", str(tmp_path)]) == 0
    assert str(js.overrides_path(tmp_path)) in capsys.readouterr().out
