"""Binder and Colab, proven with their own readings of our files (run by `make test-clients`).

- repo2docker's own reading of the repository, of the copies for JupyterLab that the Binder button
  opens (the ``jupyter`` branch) and of a folder of student copies (``--no-build
  --debug`` prints the Dockerfile it would build; no Docker daemon needed): Python 3.11 and our lock;
- Binder's environment built fresh from exactly ``binder/requirements.txt`` (``make binder-env``)
  runs every chapter notebook and every student copy;
- a Colab-like environment (Colab's ipywidgets 7.7.1 and science stack, no jupyterquiz) gets the
  course the way the hidden install cell does it (a ``git+`` URL at the release tag, here of a local
  clone) and runs every plain-Markdown copy, with live widgets created under ipywidgets 7.

Environments come from the Makefile (NE_BINDER_PYTHON, NE_COLAB_PYTHON); without them the tests skip,
and in CI (CI=true) a skip is a failure (conftest).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ne_lib import coursework, release
from ne_lib.plain_markdown import write_plain_copies

pytestmark = pytest.mark.clients

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from checkout_copy import copy_checkout  # noqa: E402

RUNNER = ROOT / "tools" / "run_notebooks.py"
NOTEBOOKS = sorted(p for p in (ROOT / "chapters").rglob("*.ipynb")
                   if not any(part.startswith((".", "_")) for part in p.relative_to(ROOT).parts))
TOOLING = ("jupyter-book", "sphinx", "myst-nb", "pytest", "nbval", "playwright", "jupyter-repo2docker",
           "sphinx-exercise", "sphinxcontrib-bibtex", "pydata-sphinx-theme")


def _env_python(var: str) -> Path:
    value = os.environ.get(var)
    if not value or not Path(value).is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{var} is not set: the client environments must be tested in CI", pytrace=False)
        pytest.skip(f"{var} is not set to an environment's python (run `make test-clients`)")
    return Path(value)


def _repo2docker(folder: Path) -> str:
    exe = Path(sys.executable).parent / "jupyter-repo2docker"
    out = subprocess.run([str(exe), "--no-build", "--debug", str(folder)], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout + out.stderr


def _python_311(dockerfile: str) -> bool:
    """repo2docker's conda base environment for Python 3.11 (its lock file's name, path-escaped)."""
    return ("Building conda environment for python=3.11" in dockerfile
            and re.search(r"environment(\.|-2e)py(-|-2d)3(\.|-2e)11(-|-2d)linux", dockerfile) is not None)


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*([A-Za-z0-9_.-]+)\s*==\s*(\S+)", line)
        if m:
            pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


def _run(python: Path, notebooks: list[Path], label: str) -> list[dict]:
    out = subprocess.run([str(python), str(RUNNER), *map(str, notebooks)], capture_output=True, text=True,
                         timeout=1200, cwd=ROOT)
    try:
        results = json.loads(out.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        pytest.fail(f"{label}: the runner printed no summary\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")
    for r in results:
        print(f"{label}: {Path(r['notebook']).name}: {'ok' if r['ok'] else 'FAILED'} in {r['seconds']} s, "
              f"{r['widgets']} live widget(s)")
    failed = [f"{r['notebook']}: {r['error']}" for r in results if not r["ok"] or r["errors"]]
    assert not failed, "\n\n".join(failed)
    return results


# ---- Binder: repo2docker's reading -----------------------------------------------------------

def test_repo2docker_reads_python_311_and_our_lock():
    dockerfile = _repo2docker(ROOT)
    assert "Python version unspecified" not in dockerfile
    assert _python_311(dockerfile), "Binder must use Python 3.11"
    assert re.search(r'pip install .*-r "binder/requirements\.txt"', dockerfile)


def test_binder_lock_is_the_slim_jupyter_environment():
    lock = _pins(ROOT / "binder" / "requirements.txt")
    wanted = {**_pins(ROOT / "requirements" / "runtime.txt"), **_pins(ROOT / "requirements" / "jupyter.txt")}
    assert {name: lock.get(name) for name in wanted} == wanted, "regenerate: python tools/lock_environments.py"
    for name in ("jupyterlab", "notebook", "jupyterlab-myst", "jupyterquiz", "ipywidgets"):
        assert name in lock
    assert not [name for name in TOOLING if name in lock], "no book, test or browser tooling in Binder"
    lines = [x.strip() for x in (ROOT / "binder" / "requirements.txt").read_text().splitlines()]
    assert "." in lines, "Binder installs the course from the checkout it builds"
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == f"python-{release.PYTHON_VERSION}"


def test_repo2docker_reads_a_student_copy_folder(tmp_path):
    out = tmp_path / "student"
    coursework.make_student_copies(ROOT / "chapters", out)
    dockerfile = _repo2docker(out)
    assert _python_311(dockerfile)
    assert re.search(r'pip install .*-r "requirements\.txt"', dockerfile)
    req = (out / "requirements.txt").read_text().splitlines()
    assert release.install_requirement() in req and "main" not in release.install_requirement()
    assert _pins(out / "requirements.txt") == _pins(ROOT / "binder" / "requirements.txt")


def test_repo2docker_reads_the_jupyter_copies_the_binder_button_opens(tmp_path):
    """The jupyter branch (``make jupyter-copies``): repo2docker builds Python 3.11 and the lock with the
    course at its release tag (tests/test_jupyter_clients.py drives these copies in JupyterLab and Notebook 7)."""
    from ne_lib.plain_markdown import write_jupyter_copies

    out = tmp_path / "jupyter"
    write_jupyter_copies(ROOT, out)
    dockerfile = _repo2docker(out)
    assert "Python version unspecified" not in dockerfile and _python_311(dockerfile)
    assert re.search(r'pip install .*-r "binder/requirements\.txt"', dockerfile)
    req = (out / "binder" / "requirements.txt").read_text().splitlines()
    assert release.install_requirement() in req and "main" not in release.install_requirement()
    assert _pins(out / "binder" / "requirements.txt") == _pins(ROOT / "binder" / "requirements.txt")


# ---- Binder: a fresh environment from exactly those files -----------------------------------

def test_binder_environment_runs_every_notebook_and_student_copy(tmp_path):
    python = _env_python("NE_BINDER_PYTHON")
    installed = subprocess.run([str(python), "-m", "pip", "freeze"], capture_output=True, text=True).stdout
    assert not [name for name in TOOLING if re.search(rf"^{re.escape(name)}==", installed, re.M | re.I)]
    results = _run(python, NOTEBOOKS, "binder")
    tour = [r for r in results if r["notebook"].endswith("how_to_use.ipynb")]
    assert tour and tour[0]["widgets"] > 0, "live widgets (not the website fallback) in Jupyter"
    out = tmp_path / "student"
    copies = coursework.make_student_copies(ROOT / "chapters", out)
    _run(python, copies, "binder, student copy")


# ---- Colab -----------------------------------------------------------------------------------

def _tagged_clone(tmp_path: Path) -> Path:
    """A git repository of this checkout's files (tracked and new), tagged with the release tag."""
    repo = copy_checkout(tmp_path / "course", ROOT)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}
    for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "snapshot"], ["tag", release.RELEASE_REF]):
        subprocess.run(["git", *cmd], cwd=repo, check=True, env=env, capture_output=True)
    return repo


def test_colab_like_environment_installs_the_course_and_runs_every_plain_copy(tmp_path):
    python = _env_python("NE_COLAB_PYTHON")
    pip = [str(python), "-m", "pip"]
    # what an earlier run installed goes first (make reuses the environment), then Colab's starting point
    subprocess.run([*pip, "uninstall", "-y", "-q", "ne_lib", "jupyterquiz"], capture_output=True)
    before = subprocess.run([*pip, "freeze"], capture_output=True, text=True).stdout
    preinstalled = _pins(ROOT / "tests" / "clients" / "colab-preinstalled.txt")
    assert "ipywidgets==7.7.1" in before and "jupyterquiz" not in before.lower() and "jupyterquiz" not in preinstalled, \
        "Colab's starting point"
    # what the hidden install cell runs, with the repository URL pointing at a local clone
    requirement = release.install_requirement(f"file://localhost{_tagged_clone(tmp_path)}", release.RELEASE_REF)
    assert requirement.endswith(f"@{release.RELEASE_REF}")
    done = subprocess.run([*pip, "install", "--quiet", "--disable-pip-version-check", requirement],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    after = subprocess.run([*pip, "freeze"], capture_output=True, text=True).stdout
    assert "ipywidgets==7.7.1" in after, "installing the course must keep Colab's ipywidgets"
    assert re.search(r"^jupyterquiz==", after, re.M | re.I), "the quiz comes with the course"
    plain = tmp_path / "plain"
    copies = write_plain_copies(ROOT, plain)
    assert len(copies) == len(NOTEBOOKS)
    results = _run(python, copies, "colab")
    assert sum(r["widgets"] for r in results) > 0, "live widgets are created under ipywidgets 7"
