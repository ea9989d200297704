"""Shared fixtures: one warnings-as-errors build of the whole book per test session, and a
local web server for it (used by test_book.py and test_browser.py, marker ``book``)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """Build the book with ``-W -n --keep-going`` into a temporary folder; return (html dir, log).

    ``make test-book`` builds the book once, the same way, into a folder it has just emptied, and passes
    it in NE_BOOK_OUTPUT, so its test processes share one build (a ``build.ok`` file marks a finished
    -W build). Authors may set NE_REUSE_BUILD=<folder given to --path-output> to test an existing build
    (not in CI, where a stale build could pass)."""
    made = os.environ.get("NE_BOOK_OUTPUT")
    if made:
        out = Path(made)
        if not (out / "build.ok").exists():
            pytest.fail(f"NE_BOOK_OUTPUT={made} holds no finished build (make test-book writes build.ok after "
                        "a warning-free build)", pytrace=False)
        return out / "_build" / "html", (out / "build.log").read_text()
    reuse = os.environ.get("NE_REUSE_BUILD")
    if reuse and not os.environ.get("CI"):
        out = Path(reuse)
        return out / "_build" / "html", (out / "build.log").read_text() if (out / "build.log").exists() else ""
    out = tmp_path_factory.mktemp("book")
    proc = subprocess.run([str(JUPYTER_BOOK), "build", str(ROOT), "--path-output", str(out),
                           "-W", "-n", "--keep-going"],
                          capture_output=True, text=True)
    log = proc.stdout + proc.stderr
    (out / "build.log").write_text(log)
    if proc.returncode != 0:
        problems = [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line or "rror" in line]
        pytest.fail("book build failed (exit %d):\n%s" % (proc.returncode, "\n".join(problems[-40:]) or log[-6000:]),
                    pytrace=False)
    return out / "_build" / "html", log


@pytest.fixture(scope="session")
def site_url(built_book):
    """The built site served on 127.0.0.1 as a static host serves it (text gzipped)."""
    from site_browser import serve

    html_dir, _ = built_book
    url, server = serve(html_dir)
    yield url
    server.shutdown()


def toc_files():
    """Every file named in _toc.yml (docnames without suffix)."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    found = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                found.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return found


def chromium_path():
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(autouse=True)
def _run_outside_the_repository(tmp_path_factory, monkeypatch):
    """Every test runs from a folder outside the repository, so none can depend on the working directory."""
    monkeypatch.chdir(tmp_path_factory.getbasetemp())


def pytest_terminal_summary(terminalreporter):
    """Say how many callables and examples the input property test covered (tests/test_input_properties.py)."""
    reports = [r for r in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
               if "test_input_properties.py" in r.nodeid and r.when == "call"]
    examples = sum(v for r in reports for k, v in r.user_properties if k == "examples")
    if reports:
        terminalreporter.write_line(f"input properties: {len([r for r in reports if 'input_properties[' in r.nodeid])} "
                                    f"callables and figure computes, {examples} examples run")
