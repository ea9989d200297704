"""Packaging: pyproject.toml declares what ne_lib imports, and its ranges agree with the exact pins.

The slow test (marker ``commands``, run by `make test-commands`) installs the package, copied on its
own, into a new venv with nothing but its declared dependencies, and imports every module there.
"""

import re
import shutil
import subprocess
import sys
import tomllib

import pytest
from conftest import ROOT
from packaging.requirements import Requirement

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]


def _pins(*files):
    """name -> exact version from requirements files (following -r)."""
    pins = {}
    for name in files:
        for line in (ROOT / "requirements" / name).read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line.startswith("-r "):
                pins.update(_pins(line[3:].strip()))
            elif "==" in line:
                req = Requirement(line)
                pins[req.name.lower().replace("_", "-")] = next(iter(req.specifier)).version
    return pins


def _check(requirements, pins):
    problems = []
    for text in requirements:
        req = Requirement(text)
        name = req.name.lower().replace("_", "-")
        if name == PROJECT["name"].lower().replace("_", "-"):
            continue  # ne_lib[book]
        if name not in pins:
            problems.append(f"{text}: not pinned in requirements/")
        elif not req.specifier.contains(pins[name], prereleases=True):
            problems.append(f"{text}: the pin {name}=={pins[name]} is outside the range")
    return problems


def _constraints():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("#", 1)[0].strip().split("==")
            pins[name.lower().replace("_", "-")] = version
    return pins


def test_runtime_dependencies_agree_with_the_pinned_environment():
    """Each declared dependency is pinned in constraints.txt within its range; the science stack in
    requirements/runtime.txt too."""
    assert not _check(PROJECT["dependencies"], _constraints())
    runtime = _pins("runtime.txt")
    assert not _check([d for d in PROJECT["dependencies"] if Requirement(d).name.lower() in runtime], runtime)
    assert {"numpy", "scipy", "matplotlib", "ipywidgets", "pillow", "jupyterquiz"} <= set(runtime)


@pytest.mark.parametrize("extra,files", [("book", ("book.txt",)), ("test", ("test.txt",))])
def test_extras_agree_with_the_pins(extra, files):
    assert not _check(PROJECT["optional-dependencies"][extra], _pins(*files))


def test_metadata_is_complete():
    assert PROJECT["license"] == "MIT AND CC-BY-4.0"
    for f in PROJECT["license-files"]:
        assert (ROOT / f).is_file(), f
    assert (ROOT / PROJECT["readme"]).is_file() and PROJECT["authors"]
    assert {"Homepage", "Source", "Issues", "Changelog"} <= set(PROJECT["urls"])
    assert PROJECT["requires-python"] == ">=3.11"


def test_the_check_finds_a_pin_outside_a_range():
    assert _check(["numpy>=99"], {"numpy": "2.4.6"}) and _check(["left-pad>=1"], {})
    assert not _check(["numpy>=1.26"], {"numpy": "2.4.6"})


IMPORT_ALL = r"""
import importlib, pkgutil, sys, json
import ne_lib
assert ne_lib.__file__.startswith(sys.prefix), ne_lib.__file__   # the installed copy, not the checkout
failed = {}
names = ["ne_lib"] + [m.name for m in pkgutil.walk_packages(ne_lib.__path__, "ne_lib.")
                      if not m.name.endswith("__main__")]
for name in names:
    try:
        importlib.import_module(name)
    except Exception as exc:  # report every module, not only the first
        failed[name] = f"{type(exc).__name__}: {exc}"
from importlib import resources, metadata
quizzes = sorted(p.name for p in resources.files("ne_lib").joinpath("quizzes").iterdir() if p.name.endswith(".json"))
print(json.dumps({"modules": names, "failed": failed, "quizzes": quizzes,
                  "license": metadata.metadata("ne_lib")["License-Expression"],
                  "installed": sorted(d.metadata["Name"].lower() for d in metadata.distributions())}))
"""


@pytest.mark.commands
def test_every_module_imports_with_the_declared_dependencies_alone(tmp_path):
    import json

    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", PROJECT["readme"], *PROJECT["license-files"]):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "ne_lib", src / "ne_lib", ignore=shutil.ignore_patterns("__pycache__"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    py = venv / "bin" / "python"
    pip = subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-compile",
                          "-c", str(ROOT / "constraints.txt"), str(src)], capture_output=True, text=True, timeout=900)
    assert pip.returncode == 0, pip.stdout[-3000:] + pip.stderr[-3000:]
    proc = subprocess.run([str(py), "-c", IMPORT_ALL], cwd=tmp_path, capture_output=True, text=True, timeout=600,
                          env={"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "MPLBACKEND": "Agg", "HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert len(report["modules"]) > 20, report["modules"]
    assert not report["failed"], f"modules that need an undeclared package: {report['failed']}"
    assert report["quizzes"] == sorted(p.name for p in (ROOT / "ne_lib" / "quizzes").glob("*.json"))
    assert report["license"] == PROJECT["license"]
    declared = {re.split(r"[<>=!~\[ ;]", d)[0].lower().replace("_", "-") for d in PROJECT["dependencies"]}
    installed = {n.replace("_", "-") for n in report["installed"]}
    assert declared <= installed and "jupyter-book" not in installed and "pytest" not in installed
