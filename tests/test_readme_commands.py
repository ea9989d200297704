"""Every command the README lists is run, as the README gives it (marker ``commands``, `make test-commands`).

``README_COMMANDS`` maps each command (as the README writes it) to what runs it: a test in this file,
or a step of `make test` itself. ``test_every_readme_command_is_exercised`` reads the README and fails
on a command that has no entry, so a new command cannot be listed without a test that runs it.
"""

import csv
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import JUPYTER_BOOK, ROOT

MAKE = shutil.which("make") or "make"

#: README command (its first words, as written) -> what runs it
README_COMMANDS = {
    "make book": "test_make_book_runs_the_build_that_test_book_checks (and the Pages workflow)",
    "make test": "the suite itself (.ci/run and the workflow run it)",
    "make serve": "test_make_serve_serves_the_site",
    "make student": "make test-student (its prerequisite is `make student`); test_make_grade_on_a_sample",
    "make grade": "test_make_grade_on_a_sample",
    "make bench": "test_make_bench_quick (QUICK=1; the full run builds the book three times)",
    "make chapter": "test_make_chapter",
    "make clean": "test_make_clean",
    "python -m ne_lib.coursework links": "test_coursework_links",
    "python -m ne_lib.coursework gradebook": "test_make_grade_on_a_sample (then the gradebook for Canvas); "
                                             "test_coursework_gradebook.py::test_cli_gradebook",
    "make plain": "test_make_plain",
    "make test-clients": "a step of make test",
    "make test-jupyter": "a step of make test (tests/test_jupyter_clients.py)",
    "make test-book": "a step of make test; test_make_book_runs_the_build_that_test_book_checks reads it (make -n)",
    "python -m ne_lib.jupyter_settings": "tests/test_jupyter_clients.py (editable install, then the command)",
    ".ci/run": "the CI itself (and tests/test_workflows.py reads it)",
    ".venv/bin/pre-commit": "make test-hygiene runs `pre-commit run --all-files`",
    "pip install -r requirements.txt -c constraints.txt": "make setup (a prerequisite of every make target)",
}


def readme_commands():
    """Commands in the README: lines of its ```bash blocks, and `inline code` that starts with a command."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```(?:bash|sh|console)\n(.*?)```", text, flags=re.S):
        found += [line.split("#")[0].strip() for line in block.splitlines() if line.split("#")[0].strip()]
    found += re.findall(r"`((?:make |python |pip |\.venv/bin/|tools/|\.ci/)[^`]*)`", text)
    return sorted(set(found))


def _entry(command):
    keys = [k for k in README_COMMANDS if command == k or command.startswith(k + " ")]
    return max(keys, key=len) if keys else None


def test_every_readme_command_is_exercised():
    commands = readme_commands()
    assert any(c.startswith("make bench") for c in commands) and any(c == "make test" for c in commands)
    missing = [c for c in commands if _entry(c) is None]
    assert not missing, f"README commands with no test that runs them (add one to {__name__}): {missing}"
    here = sys.modules[__name__]
    for key, runner in README_COMMANDS.items():
        name = runner.split()[0]
        if name.startswith("test_"):
            assert hasattr(here, name), f"{key}: {name} does not exist"


def _run(args, timeout, cwd=ROOT, **kw):
    t0 = time.perf_counter()
    proc = subprocess.run([MAKE, "--no-print-directory", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, **kw)
    print(f"make {' '.join(args)}: {time.perf_counter() - t0:.1f} s")
    assert proc.returncode == 0, f"make {' '.join(args)} failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
    return proc.stdout


pytestmark = pytest.mark.commands


def test_make_bench_quick():
    out = _run(["bench", "QUICK=1"], timeout=300)
    from ne_lib.interactive import all_figures

    names = [f.name for f in all_figures()]
    for name in names:  # one line per interactive figure, with real numbers
        assert re.search(rf"^{re.escape(name)}: median \d+\.\d ms, p95 \d+\.\d ms", out, flags=re.M), name
    assert re.search(r"^chapters/\S+\.ipynb: \d+\.\d s", out, flags=re.M)
    assert re.search(r"^\.venv: \d+ MB", out, flags=re.M)
    assert "bench (quick) finished in" in out


def _sandbox(tmp_path):
    """A folder with the real Makefile and the project's .venv, for targets that touch _build."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    return tmp_path


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_serve_serves_the_site(tmp_path):
    box = _sandbox(tmp_path)
    site = box / "_build" / "html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>NE</title><p>served by make serve</p>")
    port = _free_port()
    proc = subprocess.Popen([MAKE, "--no-print-directory", "serve", f"PORT={port}"], cwd=box,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        body, deadline = None, time.monotonic() + 30
        while body is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as resp:
                    body = resp.read().decode()
            except OSError:
                time.sleep(0.2)
        assert body is not None and "served by make serve" in body, "make serve did not serve _build/html"
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=10)
    # without a site it says what to do instead of serving an empty folder
    shutil.rmtree(box / "_build")
    failed = subprocess.run([MAKE, "--no-print-directory", "serve"], cwd=box, capture_output=True, text=True)
    assert failed.returncode != 0 and "make book" in failed.stdout + failed.stderr


def test_make_clean(tmp_path):
    box = _sandbox(tmp_path)
    (box / "_build" / "html").mkdir(parents=True)
    (box / "_build" / "html" / "index.html").write_text("x")
    (box / "keep.txt").write_text("not build output")
    _run(["clean"], timeout=60, cwd=box)
    assert not (box / "_build").exists() and (box / "keep.txt").exists()


@pytest.fixture(scope="module")
def student_copies(tmp_path_factory):
    """Student copies, made as `make student` makes them, in <tmp>/_build/student."""
    base = tmp_path_factory.mktemp("course")
    students = base / "_build" / "student"
    subprocess.run([sys.executable, "-m", "ne_lib.coursework", "student", "--out", str(students)], cwd=ROOT,
                   check=True, capture_output=True, text=True, timeout=300)
    return students


def test_make_grade_on_a_sample(tmp_path, student_copies):
    """Grade two submissions of one notebook: the student copy as handed out (stubs unfilled) and
    the full notebook (the answer key). The first passes no exercise, the second every auto-checked one."""
    students = student_copies
    notebook = Path("synthesis") / "breaking_down_ne.ipynb"  # the smallest chapter notebook with checks
    subs = tmp_path / "submissions"
    (subs / "unfilled").mkdir(parents=True)
    (subs / "key").mkdir()
    shutil.copy(students / notebook, subs / "unfilled" / notebook.name)
    shutil.copy(ROOT / "chapters" / notebook, subs / "key" / notebook.name)
    out_csv = tmp_path / "grades.csv"
    _run(["grade", f"SUBMISSIONS={subs}", f"OUT={out_csv}", "TIMEOUT=600", "JOBS=2"], timeout=1200)
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert rows and {"student_file", "exercise", "passed", "message"} <= set(rows[0])
    by = {"unfilled": [], "key": []}
    for row in rows:
        if row["exercise"] == "(notebook)":  # the notebook itself ran to the end, in both
            assert row["passed"] == "True", row
            continue
        by[Path(row["student_file"]).parts[-2]].append(row)
    exercises = {r["exercise"] for r in by["key"]}
    assert exercises and exercises == {r["exercise"] for r in by["unfilled"]}, by
    checked = [r for r in by["key"] if r["passed"] != ""]  # written exercises wait for a marker ("")
    assert checked and all(r["passed"].lower() in ("true", "1", "yes") for r in checked), by["key"]
    assert not any(r["passed"].lower() in ("true", "1", "yes") for r in by["unfilled"]), by["unfilled"]
    # the README's next step: per-student totals in Canvas's import format
    canvas = tmp_path / "canvas.csv"
    proc = subprocess.run([sys.executable, "-m", "ne_lib.coursework", "gradebook", str(out_csv), "--lms", "canvas",
                           "--out", str(canvas)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    book = list(csv.reader(canvas.open(encoding="utf-8")))
    assert len(book) >= 3 and any("Norepinephrine course" in h for h in book[0]), book[:3]
    text = canvas.read_text(encoding="utf-8")
    assert "unfilled" in text and "key" in text, text[:500]


def test_make_chapter():
    out = _run(["chapter", "CH=synthesis"], timeout=1200)
    html = ROOT / "_build" / "chapter-synthesis" / "_build" / "html"
    assert (html / "chapters" / "synthesis" / "index.html").exists(), out[-2000:]
    assert (html / "chapters" / "synthesis" / "making_ne.html").exists()
    assert not (html / "chapters" / "receptors").exists(), "a chapter build holds only that chapter"


def test_make_book_runs_the_build_that_test_book_checks():
    """`make book` runs the same warnings-as-errors build as the test-book fixture (conftest.built_book),
    which builds in full in `make test`; here `make -n` shows its commands without running them."""
    dry = subprocess.run([MAKE, "--no-print-directory", "-n", "book"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    build = [line for line in dry.splitlines() if "jupyter-book build" in line]
    assert len(build) == 1, dry
    for flag in ("-W", "-n", "--keep-going"):
        assert f" {flag}" in build[0], (flag, build[0])
    assert Path(JUPYTER_BOOK).name in build[0]
    assert "cp -r _build/staging/_build/html _build/html" in dry
    # and `make test-book` tests a build made the same way, into a folder it empties first
    dry = subprocess.run([MAKE, "--no-print-directory", "-n", "test-book"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    tested = [line for line in dry.splitlines() if "jupyter-book build" in line]
    assert len(tested) == 1, dry
    for flag in ("-W", "-n", "--keep-going", "--path-output _build/test-book"):
        assert f" {flag}" in tested[0], (flag, tested[0])
    assert "rm -rf _build/test-book" in dry and "NE_BOOK_OUTPUT=" in dry


def test_coursework_links(student_copies):
    """Run where `make student` has written _build/student, as the instructor guide says."""
    proc = subprocess.run([sys.executable, "-m", "ne_lib.coursework", "links", "--repo",
                           "https://github.com/example-org/ne-student", "--hub", "https://hub.example.edu"],
                          cwd=student_copies.parent.parent, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "https://hub.example.edu/hub/user-redirect/git-pull?repo=" in proc.stdout
    assert "example-org%2Fne-student" in proc.stdout


def test_make_plain():
    """`make plain` writes a plain-Markdown copy of every chapter notebook at the same path (for Colab)."""
    _run(["plain"], timeout=600)
    out = ROOT / "_build" / "plain"
    sources = sorted(p.relative_to(ROOT) for p in (ROOT / "chapters").rglob("*.ipynb")
                     if not any(part.startswith((".", "_")) for part in p.relative_to(ROOT).parts))
    made = sorted(p.relative_to(out) for p in out.rglob("*.ipynb"))
    assert made == sources, (made, sources)
    text = (out / sources[0]).read_text(encoding="utf-8")
    assert "{term}" not in text and "{cite" not in text, "MyST roles left in a plain copy"
