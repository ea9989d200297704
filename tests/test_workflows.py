"""The GitHub workflows, which nothing here can run, are checked here: actionlint passes (and fails on a
broken workflow), their steps call the same make targets as .ci/run, the website is deployed with the
official Pages actions from main only, and Dependabot watches pip, npm and the actions."""

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = Path(sys.executable).with_name("actionlint")


def _load(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def _make_targets(script):
    """Make targets a shell script runs (`make a b VAR=1` -> a, b); `bash .ci/run` expands to its own."""
    targets = []
    for line in script.replace("\\\n", " ").splitlines():
        line = line.split("#", 1)[0].strip()
        for command in re.split(r"&&|\|\||;", line):
            words = shlex.split(command)
            if words and words[0] == "make":
                targets += [w for w in words[1:] if not w.startswith("-") and "=" not in w] or ["(default)"]
            elif words[-1:] == [".ci/run"] or words[:1] == [".ci/run"]:
                targets += _make_targets((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    return targets


def _steps(job):
    return job.get("steps", [])


def test_there_are_workflows_and_actionlint_passes():
    assert WORKFLOWS, "no workflow in .github/workflows"
    proc = subprocess.run([str(ACTIONLINT), "-no-color", *map(str, WORKFLOWS)], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    broken = broken.replace("runs-on: ubuntu-24.04", "runs-on: ubuntu-lastest", 1)
    broken = broken.replace("key: npm-", "key: ${{ matrix.nothing }}npm-", 1)
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    target = tmp_path / ".github" / "workflows" / "ci.yml"
    target.write_text(broken, encoding="utf-8")
    proc = subprocess.run([str(ACTIONLINT), "-no-color", str(target)], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "ubuntu-lastest" in proc.stdout and "matrix" in proc.stdout


def test_pull_requests_run_the_same_make_targets_as_ci_run():
    ci_targets = _make_targets((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert ci_targets == ["test"], f".ci/run runs {ci_targets}; this test expects the README's `make test`"
    runs_on_prs = [w for w in WORKFLOWS if "pull_request" in (_load(w)["on"] or {})]
    assert runs_on_prs, "no workflow runs on pull requests"
    for path in runs_on_prs:
        for name, job in _load(path)["jobs"].items():
            if "if" in job:
                continue  # jobs that do not run on pull requests (publishing)
            targets = [t for step in _steps(job) for t in _make_targets(step.get("run", ""))]
            assert targets == ci_targets, f"{path.name} job {name} runs make {targets}, .ci/run runs {ci_targets}"


def test_every_make_target_the_workflows_call_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    defined = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.M))
    for path in WORKFLOWS:
        for job in _load(path)["jobs"].values():
            for step in _steps(job):
                for target in _make_targets(step.get("run", "")):
                    assert target in defined, f"{path.name}: make {target} is not a Makefile target"


def _pages_jobs():
    jobs = {}
    for path in WORKFLOWS:
        for name, job in _load(path)["jobs"].items():
            uses = [s.get("uses", "").split("@")[0] for s in _steps(job)]
            if "actions/upload-pages-artifact" in uses or "actions/deploy-pages" in uses:
                jobs[name] = (path, job, uses)
    return jobs


def test_the_website_is_deployed_from_main_with_the_official_pages_actions():
    jobs = _pages_jobs()
    build = [(p, j) for p, j, uses in jobs.values() if "actions/upload-pages-artifact" in uses]
    deploy = [(p, j) for p, j, uses in jobs.values() if "actions/deploy-pages" in uses]
    assert len(build) == 1 and len(deploy) == 1, jobs.keys()
    (path, job), (_, dep) = build[0], deploy[0]
    wf = _load(path)
    assert "main" in wf["on"]["push"]["branches"]
    assert "refs/heads/main" in job["if"] and "push" in job["if"], "publish only from pushes to main"
    assert job.get("needs") == "test", "publish only what passed make test"
    site = re.search(r"^SITE := (\S+)", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.M).group(1)
    steps = _steps(job)
    assert [t for s in steps for t in _make_targets(s.get("run", ""))] == ["book"]
    upload = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")][0]
    assert upload["with"]["path"] == site, f"uploads {upload['with']['path']}, make book writes {site}"
    assert any(s.get("uses", "").startswith("actions/configure-pages@") for s in steps)
    assert dep["permissions"] == {"pages": "write", "id-token": "write"}
    assert dep["environment"]["name"] == "github-pages"
    assert wf.get("permissions") == {"contents": "read"}, "least privilege by default"


def test_pip_and_npm_downloads_are_cached():
    for path in WORKFLOWS:
        for name, job in _load(path)["jobs"].items():
            if not any(_make_targets(s.get("run", "")) for s in _steps(job)):
                continue
            caches = [s["with"] for s in _steps(job) if s.get("uses", "").startswith("actions/cache@")]
            paths = {c["path"] for c in caches}
            assert {"~/.cache/pip", "~/.npm"} <= paths, f"{path.name} job {name} caches {paths}"
            keys = " ".join(c["key"] for c in caches)
            assert "constraints.txt" in keys and "package-lock.json" in keys, keys


@pytest.mark.parametrize("ecosystem", ["pip", "npm", "github-actions"])
def test_dependabot_watches(ecosystem):
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    entries = [u for u in config["updates"] if u["package-ecosystem"] == ecosystem]
    assert len(entries) == 1 and entries[0]["schedule"]["interval"] in {"daily", "weekly", "monthly"}
    dirs = entries[0].get("directories") or [entries[0]["directory"]]
    for d in dirs:
        assert (ROOT / d.lstrip("/")).is_dir(), d
    if ecosystem == "pip":  # every folder with pinned requirements
        assert {"/", "/requirements", "/binder"} <= set(dirs), dirs
        assert all(list((ROOT / d.lstrip("/")).glob("*.txt")) for d in dirs)


def test_the_colab_copies_are_pushed_to_the_branch_the_colab_buttons_open():
    from ne_lib import release

    jobs = [(p, j) for p in WORKFLOWS for j in _load(p)["jobs"].values()
            if any("plain" in _make_targets(s.get("run", "")) for s in _steps(j))]
    assert len(jobs) == 1, "one job makes the plain-Markdown copies"
    path, job = jobs[0]
    assert "refs/heads/main" in job["if"] and job.get("needs") == "test"
    assert job["permissions"] == {"contents": "write"}
    push = " ".join(s.get("run", "") for s in _steps(job))
    assert "cd _build/plain" in push and f"HEAD:{release.PLAIN_NOTEBOOKS_BRANCH}" in push
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^plain:.*\n\t.*--out _build/plain", makefile, flags=re.M), "make plain writes _build/plain"


def test_the_jupyter_copies_are_pushed_to_the_branch_the_binder_buttons_open():
    from ne_lib import release

    jobs = [j for p in WORKFLOWS for j in _load(p)["jobs"].values()
            if any("jupyter-copies" in _make_targets(s.get("run", "")) for s in _steps(j))]
    assert len(jobs) == 1, "one job makes the copies for JupyterLab"
    job = jobs[0]
    assert "refs/heads/main" in job["if"] and job.get("needs") == "test"
    assert job["permissions"] == {"contents": "write"}
    push = " ".join(s.get("run", "") for s in _steps(job))
    assert "cd _build/jupyter" in push and f"HEAD:{release.JUPYTER_NOTEBOOKS_BRANCH}" in push
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^jupyter-copies:.*\n(\t.*\n)*\t.*--jupyter --out _build/jupyter", makefile, flags=re.M), \
        "make jupyter-copies writes _build/jupyter"
