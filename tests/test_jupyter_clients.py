"""Every notebook in the real clients students use: JupyterLab and Notebook 7, end to end.

``make test-jupyter`` uses Binder's environment (built once from binder/requirements.txt by
``make binder-env``, the course reinstalled with ``pip install .`` as Binder does) and points
``NE_BINDER_PYTHON`` at its Python. This module then starts a real ``jupyter lab`` and a
real ``jupyter notebook`` (Notebook 7) server from that venv on 127.0.0.1, each serving what the
Binder button opens: the copies made for JupyterLab (``write_jupyter_copies``, the ``jupyter`` branch:
plain Markdown with solutions in MyST dropdowns, because jupyterlab-myst cannot resolve the course's
cross-file glossary terms or citations, nor hide a gated solution's cells), and drives Debian's
Chromium through Playwright (one browser for everything). For every notebook under ``chapters/``,
in each client (solutions are read from the MyST source, so a copy that shows one fails):

* the Markdown as rendered in the client shows no MyST syntax (roles such as ``{term}``,
  directive fences, ``:class:`` options) and no solution text until its dropdown is clicked;
* Run All runs every cell without an error;
* every live figure is the ipywidgets view (not the still-frame fallback, no error box);
  each slider changes the image by keyboard (arrow keys on the focused handle: this is what the
  course's settings overrides make possible in Notebook 7) and by mouse (a click on its track),
  each menu changes it by keyboard and by mouse (a choice in the menu), and Reset restores the
  controls and the first image;
* the quiz answers: choosing a right answer shows "correct" feedback, a wrong one "incorrect";
* no console error, no page error, no request to any host but 127.0.0.1.

One student copy per client (``make student``'s in JupyterLab, a per-student copy in Notebook 7), served
as a hub serves handed-out copies: no MyST syntax anywhere in it (closed parts included), no renderer or
console error, its images shown, and no solution text in the page or in the served file.

It prints, per client and notebook, the key-press-to-new-image latency (median, p95).
Without the venv, Chromium or Playwright the tests skip with the reason; in CI (CI=true) they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, chromium_path

pytestmark = pytest.mark.jupyter

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NOTEBOOKS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "chapters").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
CLIENTS = {  # client -> (server command, URL of a notebook)
    "jupyterlab": ("lab", "/lab/tree/{nb}?reset"),  # ?reset: a fresh workspace, only this notebook open
    "notebook7": ("notebook", "/notebooks/{nb}"),
}
# Arrow-key presses per slider, each must bring a new image: two on a figure's first slider (the handle
# keeps the focus and answers again after an update), one on each other slider (its own keyboard path)
KEY_MOVES = (2, 1)
UPDATE_TIMEOUT_MS = 30000
RUN_ALL_TIMEOUT_MS = 300000
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")

# MyST that must not reach the reader as text: roles (`{term}`...), directive fences
# (```{exercise}), colon fences, directive options on their own line (:class: dropdown).
MYST_LEFTOVERS = [
    (re.compile(r"\{(term|cite(:[a-z]+)?|doc|ref|numref|eq|glue(:[a-z]+)?|download|abbr|sub|sup|prf:[a-z]+)\}"),
     "a MyST role"),
    (re.compile(r"```+\s*\{[\w:-]+\}"), "a MyST directive fence"),
    (re.compile(r"^\s*:::+", re.M), "a colon fence"),
    (re.compile(r"^\s*:(class|label|name|open|nonumber|hidden):", re.M), "a directive option"),
    (re.compile(r"\{(exercise|solution|solution-start|solution-end|admonition|note|tip|warning|dropdown)\}"),
     "a MyST directive name"),
]

LATENCIES: dict[tuple[str, str], list[float]] = {}
VISIT_S: dict[tuple[str, str], float] = {}  # (client, notebook) -> seconds of its whole visit (open to closed)
MARKDOWN: dict[tuple[str, str], "Findings"] = {}
# jupyterlab-myst resolves references only inside the notebook: a {term} whose glossary lives in
# another file is logged as a console error while the Markdown renders. Those messages belong to the
# Markdown test (test_markdown_reads_well_in_client); every other console error fails the figures test.
MYST_REFERENCE_ERROR = "Cross reference target was not found"
# Errors of the clients themselves, not the course's, each with its upstream issue. Matched on the
# message AND the script it comes from; reported, not counted. Nothing else is excused.
UPSTREAM_ERRORS = [
    # Notebook 7.6: a settings race in its shortcuts plugin, on every page (also /tree, no course code)
    ("notebook7", "Cannot read properties of undefined (reading 'schema')", "/static/notebook/notebook_core.",
     "jupyter/notebook#7862"),
]


def _say(config, text: str) -> None:
    """Print now, past pytest's capture (progress and timings for `make test` logs)."""
    capman = config.pluginmanager.getplugin("capturemanager")
    with capman.global_and_fixture_disabled():
        print(text, flush=True)


# --------------------------------------------------------------------------- environment

def _require(what: list[str]) -> None:
    if what:
        msg = "the JupyterLab/Notebook 7 tests cannot run: " + "; ".join(what)
        if os.environ.get("CI"):
            pytest.fail(msg + " (CI: a skipped client is a failure)", pytrace=False)
        pytest.skip(msg)


def _browser_missing() -> list[str]:
    missing = []
    if not chromium_path():
        missing.append("Debian's chromium is not installed (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package is not installed")
    return missing


@pytest.fixture(scope="session")
def clients_venv() -> Path:
    missing = []
    python = os.environ.get("NE_BINDER_PYTHON")
    venv = str(Path(python).parents[1]) if python else None
    if not venv:
        missing.append("NE_BINDER_PYTHON is not set (run `make test-jupyter`, which builds Binder's environment)")
    else:
        for tool in ("jupyter-lab", "jupyter-notebook"):
            if not (Path(venv) / "bin" / tool).exists():
                missing.append(f"{venv}/bin/{tool} not found")
    _require(missing + _browser_missing())
    return Path(venv)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One Jupyter server (``jupyter lab`` or ``jupyter notebook``) on 127.0.0.1, no token."""

    def __init__(self, venv: Path, app: str, work: Path, extra_args: tuple[str, ...] = (), tag: str = ""):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.root = work
        private = work / f".jupyter-{app}{tag}"
        env = dict(os.environ,
                   # Private user config/data/settings/workspaces: no user kernelspecs or stale
                   # workspace. The app settings (overrides.json) still come from the venv's sys.prefix.
                   JUPYTER_CONFIG_DIR=str(private / "config"), JUPYTER_DATA_DIR=str(private / "data"),
                   JUPYTER_RUNTIME_DIR=str(private / "runtime"),
                   JUPYTERLAB_SETTINGS_DIR=str(private / "settings"),
                   JUPYTERLAB_WORKSPACES_DIR=str(private / "workspaces"),
                   PATH=f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
        for var in ("NE_BOOK_BUILD", "MPLBACKEND", "VIRTUAL_ENV", "PYTHONPATH"):
            env.pop(var, None)  # the live widget, in the client's own environment
        cmd = [str(venv / "bin" / "jupyter"), app, "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
               "--ServerApp.port_retries=0", "--IdentityProvider.token=", "--ServerApp.password=",
               f"--ServerApp.root_dir={work}", "--ServerApp.disable_check_xsrf=False"]
        if app == "lab":
            cmd += ["--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        cmd += list(extra_args)
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        self.log_path = work / f"{app}{tag}.log"
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(cmd, cwd=work, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.time() + 120
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter {app} exited with {self.proc.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.time() > deadline:
                raise RuntimeError(f"jupyter {app} did not answer within 120 s:\n{self.log()}")
            time.sleep(0.5)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def wait_kernel_idle(self, page, nb: str, timeout_s: float = 90) -> None:
        """Wait until the server has a session for ``nb`` whose kernel is idle (the kernel is ready).

        Polls with ``page.wait_for_timeout``: the page's routed requests are served only while
        Playwright has control."""
        deadline = time.time() + timeout_s
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/api/sessions", timeout=5) as r:
                    for s in json.load(r):
                        if s.get("path", "").endswith(nb) and s["kernel"]["execution_state"] == "idle":
                            return
            except OSError:
                pass
            page.wait_for_timeout(150)
        raise RuntimeError(f"no idle kernel for {nb} after {timeout_s:.0f} s:\n{self.log()}")

    def shutdown_kernels(self) -> None:
        """Shut every kernel down (one notebook's kernel at a time keeps memory low)."""
        try:
            with urllib.request.urlopen(f"{self.url}/api/sessions", timeout=10) as r:
                sessions = json.load(r)
            for s in sessions:
                req = urllib.request.Request(f"{self.url}/api/sessions/{s['id']}", method="DELETE")
                urllib.request.urlopen(req, timeout=20).close()
        except OSError:
            pass

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the server shuts its kernels down on SIGTERM
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                pass
        try:  # anything left in the server's own process group (its kernels)
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if self.proc.poll() is None:
            self.proc.wait(timeout=10)
        self._log.close()


@pytest.fixture(scope="session")
def workdir():
    from ne_lib.plain_markdown import write_jupyter_copies

    work = Path(tempfile.mkdtemp(prefix="ne-clients-"))
    # what Binder serves: the Jupyter copies the Binder button opens (the `jupyter` branch: the
    # notebooks in plain Markdown, the images they link to, binder/), made as the publishing workflow does
    write_jupyter_copies(ROOT, work)
    yield work
    shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="session")
def servers(clients_venv, workdir, pytestconfig):
    started: dict[str, Server] = {}

    def get(client: str) -> Server:
        if client not in started:
            t0 = time.time()
            started[client] = Server(clients_venv, CLIENTS[client][0], workdir)
            _say(pytestconfig, f"\n[{client}] server up in {time.time() - t0:.1f} s at {started[client].url}")
        return started[client]

    yield get
    for server in started.values():
        server.stop()


@pytest.fixture(scope="session")
def browser():
    _require(_browser_missing())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="ne-chromium-"), executable_path=chromium_path(), args=CHROMIUM_FLAGS,
            headless=True, viewport={"width": 1400, "height": 1000})
        yield context
        context.close()


@pytest.fixture(scope="session", autouse=True)
def latency_summary(pytestconfig):
    yield
    if VISIT_S:
        lines = ["", "Notebook visits (open, Markdown, run all, every control, quiz, close), per client:"]
        for client in CLIENTS:
            times = [v for (c, _), v in VISIT_S.items() if c == client]
            if times:
                lines.append(f"  {client:10s} {len(times)} visits, {sum(times):.0f} s in all, "
                             f"{statistics.mean(times):.1f} s per visit (median {statistics.median(times):.1f}, "
                             f"max {max(times):.1f})")
        _say(pytestconfig, "\n".join(lines))
    if LATENCIES:
        lines = ["", "Key press -> new image (ms), per client and notebook:"]
        for (client, nb), values in sorted(LATENCIES.items()):
            lines.append(f"  {client:10s} {nb:55s} {_latency_text(values)}")
        for client in CLIENTS:
            every = [v for (c, _), vals in LATENCIES.items() if c == client for v in vals]
            if every:
                lines.append(f"  {client:10s} {'all notebooks':55s} {_latency_text(every)}")
        _say(pytestconfig, "\n".join(lines))


def _latency_text(values: list[float]) -> str:
    if not values:
        return "no key presses"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"median {statistics.median(ordered):.0f}, p95 {p95:.0f}, max {ordered[-1]:.0f} over {len(ordered)}"


# --------------------------------------------------------------------------- page helpers

# Each new image, with the slider readouts shown at that moment: the kernel sets a readout before the
# image in the same update, so an image is attributed to the slider move whose new value it shows.
JS_INSTALL = """(box) => {
  const img = box.querySelector('img');
  box.__neChanges = [];
  new MutationObserver(() => box.__neChanges.push({t: performance.now(), src: img.src,
      readouts: JSON.stringify(Array.from(box.querySelectorAll('.ne-readout')).map(e => e.textContent))}))
      .observe(img, {attributes: true, attributeFilter: ['src']});
}"""
# The image's pixels, kept in the page (box.__neFirst) and compared there: how many pixels differ
# by more than 60 in a channel from the first image (the same tolerance as tests/test_interactive.py).
JS_PIXELS = """async ([box, keep]) => {
  const img = box.querySelector('img');
  if (!img.complete || !img.naturalWidth) await img.decode();
  const c = document.createElement('canvas');
  c.width = img.naturalWidth; c.height = img.naturalHeight;
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const px = ctx.getImageData(0, 0, c.width, c.height).data;
  if (keep) { box.__neFirst = {w: c.width, h: c.height, px}; return {big: 0, total: c.width * c.height}; }
  const f = box.__neFirst, total = c.width * c.height;
  if (f.w !== c.width || f.h !== c.height) return {big: total, total};
  let big = 0;
  for (let i = 0; i < px.length; i += 4) {
    if (Math.max(Math.abs(px[i] - f.px[i]), Math.abs(px[i+1] - f.px[i+1]), Math.abs(px[i+2] - f.px[i+2])) > 60) big++;
  }
  return {big, total};
}"""
JS_READOUTS = "(b) => Array.from(b.querySelectorAll('.ne-readout')).map(e => e.textContent)"
# Text the reader can see: rendered Markdown cells, with closed <details> bodies left out.
JS_VISIBLE_MARKDOWN = """() => Array.from(document.querySelectorAll('.jp-MarkdownCell')).map(cell => {
  const out = cell.querySelector('.jp-RenderedMarkdown, .jp-RenderedMySTMarkdown, .myst') ||
              cell.querySelector('.jp-MarkdownOutput');
  if (!out) return {rendered: false, text: cell.innerText};
  const clone = out.cloneNode(true);
  clone.querySelectorAll('details:not([open]) > :not(summary)').forEach(n => n.remove());
  return {rendered: true, text: clone.innerText};
})"""


class Findings:
    def __init__(self, client: str, nb: str):
        self.where = f"[{client}] {nb}"
        self.problems: list[str] = []
        self.checked = False

    def check(self, ok, what: str) -> bool:
        if not ok:
            self.problems.append(what)
        return bool(ok)


def _change_count(page, box) -> int:
    return page.evaluate("(b) => b.__neChanges.length", box)


def _wait_change(page, box, count: int) -> float | None:
    try:
        page.wait_for_function("([b, n]) => b.__neChanges.length > n", arg=[box, count], timeout=UPDATE_TIMEOUT_MS)
    except Exception:
        return None
    return page.evaluate("([b, n]) => b.__neChanges[n].t", [box, count])


def _readouts(page, box) -> str:
    return page.evaluate("(b) => JSON.stringify(Array.from(b.querySelectorAll('.ne-readout')).map(e => e.textContent))",
                         box)


def _wait_slider_image(page, box, count: int, readouts_before: str) -> float | None:
    """The time of the first new image (after change number ``count``) that shows readouts other than
    ``readouts_before``: the image of this slider move, never a late one of an earlier move (whose
    readouts are those before this move). A precise signal in place of waiting for quiet."""
    if readouts_before == "[]":  # no readout to tell the images apart: the first new one, then quiet
        t1 = _wait_change(page, box, count)
        _settle(page, box)
        return t1
    js = "([b, n, r]) => b.__neChanges.slice(n).some(c => c.readouts !== r)"
    try:
        page.wait_for_function(js, arg=[box, count, readouts_before], timeout=UPDATE_TIMEOUT_MS)
    except Exception:
        return None
    return page.evaluate("([b, n, r]) => b.__neChanges.slice(n).find(c => c.readouts !== r).t",
                         [box, count, readouts_before])


def _settle(page, box, quiet_ms: int = 400) -> None:
    page.wait_for_function(
        "([b, q]) => { const c = b.__neChanges; return !c.length || performance.now() - c[c.length-1].t > q; }",
        arg=[box, quiet_ms], timeout=UPDATE_TIMEOUT_MS, polling=100)


def _solutions(nb_path: Path) -> tuple[list[str], list[str]]:
    """(a prose line of each Markdown solution, the longest line of each solution code cell) of the
    notebook's source: ```{solution} blocks and everything between {solution-start} and {solution-end}."""
    nb = nbformat.read(nb_path, as_version=4)
    prose, code, inside = [], [], False
    for cell in nb.cells:
        src = cell.source
        if cell.cell_type == "code":
            if inside:
                lines = [ln.strip() for ln in src.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
                code += sorted(lines, key=len)[-1:]  # its longest line: the least likely to occur elsewhere
            continue
        for m in re.finditer(r"```+\{solution\}[^\n]*\n(.*?)```", src, re.S):
            prose += [ln for ln in m.group(1).splitlines() if ln.strip() and not ln.lstrip().startswith(":")][:1]
        if "{solution-start}" in src:
            inside = True
            continue
        if inside:
            text = src.split("```{solution-end}")[0]
            prose += [ln for ln in text.splitlines() if ln.strip() and not ln.startswith(("```", ":"))][:1]
            if "{solution-end}" in src:
                inside = False
    return prose, code


def _plain_words(line: str) -> list[str]:
    """The longest run of plain words in a Markdown line (math, roles, code and markup cut it)."""
    pieces = re.split(r"\$[^$]*\$|\{[\w:-]+\}`[^`]*`|`[^`]*`|[*_\\\[\]()]|\d+", line)
    runs = [re.findall(r"[A-Za-z]+", piece) for piece in pieces]
    return max(runs, key=len, default=[])


# --------------------------------------------------------------------------- the checks

def _check_markdown(page, f: Findings, nb_path: Path) -> None:
    cells = page.evaluate(JS_VISIBLE_MARKDOWN)
    unrendered = [c["text"][:80] for c in cells if not c["rendered"] and c["text"].strip()]
    f.check(not unrendered, f"{len(unrendered)} Markdown cell(s) not rendered: {unrendered[:2]}")
    text = "\n".join(c["text"] for c in cells)
    for pattern, what in MYST_LEFTOVERS:
        hits = sorted({m.group(0).strip() for m in pattern.finditer(text)})
        f.check(not hits, f"{what} visible as text: {hits[:5]}")
    flat = re.sub(r"\s+", " ", text)
    prose, code = _solutions(nb_path)
    for sol in prose:
        words = _plain_words(sol)[:8]
        if len(words) >= 3:  # those words, in order, anywhere in the visible text
            pattern = r"\W+".join(re.escape(w) for w in words)
            f.check(not re.search(pattern, flat), f"solution text visible without a click: {sol[:70]!r}")
    visible_code = re.sub(r"\s+", " ", page.evaluate(
        """() => Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputArea'))
                 .filter(a => a.offsetParent !== null).map(a => a.innerText).join('\\n')"""))
    for line in code:
        f.check(re.sub(r"\s+", " ", line) not in visible_code,
                f"solution code visible without a click: {line[:70]!r}")


def _wait_notebook_ready(page, server: Server, nb: str) -> None:
    """Every cell attached and every Markdown cell rendered (the kernel may still be starting)."""
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90000)
    n_cells = len(nbformat.read(server.root / nb, as_version=4).cells)
    # JupyterLab attaches off-screen cells when the CPU is idle ("defer" windowing): wait for all,
    # and for every Markdown cell to be rendered (jupyterlab-myst: .myst)
    page.wait_for_function(
        """(n) => { const cells = document.querySelectorAll('.jp-Notebook .jp-Cell');
                  return cells.length >= n && Array.from(document.querySelectorAll('.jp-MarkdownCell'))
                      .every(c => c.querySelector('.myst, .jp-RenderedMarkdown')); }""",
        arg=n_cells, timeout=90000, polling=250)


# The live figures: widget boxes with a control and an image, not nested in another widget box
JS_FIGURE_BOXES = """() => Array.from(document.querySelectorAll('.jp-OutputArea-output .widget-vbox'))
    .filter(b => b.querySelector('.widget-slider, .widget-dropdown') && b.querySelector('img')
                 && !b.parentElement.closest('.widget-vbox'))"""
# Live figures with their first image drawn, and quiz questions, shown
JS_SHOWN = f"""() => ({{figures: ({JS_FIGURE_BOXES})()
    .filter(b => {{ const i = b.querySelector('img'); return i.complete && i.naturalWidth > 0; }}).length,
  quiz: document.querySelectorAll('.Quiz').length}})"""


def _run_all(page, figures: int, quiz: bool) -> float:
    page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.locator(".lm-Menu-item:visible", has_text="Run All Cells").first.click()
    t0 = time.time()
    page.wait_for_function(
        """() => { const p = Array.from(document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt'));
                   return p.length > 0 && p.every(e => /\\[\\d+\\]/.test(e.textContent)); }""",
        timeout=RUN_ALL_TIMEOUT_MS, polling=250)
    # widget views and the quiz script render after the kernel replies: wait for what the notebook shows
    # (a shortfall is reported by the checks that follow, after this wait times out)
    try:
        page.wait_for_function(f"() => {{ const s = ({JS_SHOWN})(); return s.figures >= {figures} && "
                               f"(s.quiz > 0) === {'true' if quiz else 'false'}; }}",
                               timeout=UPDATE_TIMEOUT_MS, polling=100)
    except Exception:
        pass
    return time.time() - t0


def _check_figure(page, box, f: Findings, where: str, latencies: list[float]) -> None:
    box.scroll_into_view_if_needed()
    img = box.query_selector("img")
    sliders = box.query_selector_all(".widget-slider")
    selects = box.query_selector_all(".widget-dropdown select")
    reset = box.query_selector("button.widget-button:has-text('Reset')")
    broken = box.query_selector_all(".jupyter-widgets-error-widget")
    f.check(not broken, f"{where}: {len(broken)} widget error box(es)")
    if not f.check(img is not None and (sliders or selects) and reset is not None,
                   f"{where}: live widget lacks an image, controls or Reset "
                   f"({'img' if img else 'no img'}, {len(sliders)} sliders, {len(selects)} menus)"):
        return
    page.wait_for_function("(b) => { const i = b.querySelector('img'); return i.complete && i.naturalWidth > 100; }",
                           arg=box, timeout=UPDATE_TIMEOUT_MS)
    page.evaluate(JS_INSTALL, box)
    page.evaluate(JS_PIXELS, [box, True])
    readouts0 = page.evaluate(JS_READOUTS, box)
    values0 = [s.input_value() for s in selects]

    for k, slider in enumerate(sliders):
        moves = KEY_MOVES[0] if k == 0 else KEY_MOVES[1]
        handle = slider.query_selector(".noUi-handle")
        control = slider.evaluate_handle("(s) => s.closest('.ne-control') || s").as_element()
        label = (control.query_selector(".ne-control-label") or slider).text_content().strip()[:40]
        readout = control.query_selector(".ne-readout")
        before = readout.text_content() if readout else handle.get_attribute("aria-valuenow")
        at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
        key = "ArrowLeft" if at_max else "ArrowRight"
        handle.focus()
        changed = 0
        for _ in range(moves):
            n, shown = _change_count(page, box), _readouts(page, box)
            t0 = page.evaluate("() => performance.now()")
            page.keyboard.press(key)
            t1 = _wait_slider_image(page, box, n, shown)
            if t1 is not None:
                changed += 1
                latencies.append(t1 - t0)
        after = readout.text_content() if readout else handle.get_attribute("aria-valuenow")
        f.check(changed == moves and after != before,
                f"{where}: slider '{label}' by keyboard ({key}): {changed}/{moves} new images, "
                f"value {before} -> {after}")
        # by mouse: a click on the track, at the end away from the handle
        track = slider.query_selector(".noUi-target").bounding_box()
        lo, hi, now = (float(handle.get_attribute(a) or 0) for a in ("aria-valuemin", "aria-valuemax", "aria-valuenow"))
        frac = 0.15 if hi > lo and (now - lo) / (hi - lo) > 0.5 else 0.85
        n, shown = _change_count(page, box), _readouts(page, box)
        before = after
        page.mouse.click(track["x"] + frac * track["width"], track["y"] + track["height"] / 2)
        t1 = _wait_slider_image(page, box, n, shown)
        after = readout.text_content() if readout else handle.get_attribute("aria-valuenow")
        f.check(t1 is not None and after != before,
                f"{where}: slider '{label}' by mouse (click at {frac:.0%} of the track): "
                f"{'new image' if t1 is not None else 'no new image'}, value {before} -> {after}")

    for select in selects:
        options = select.evaluate("(s) => Array.from(s.options).map(o => o.value)")
        current = select.input_value()
        target = next(o for o in options if o != current)
        n = _change_count(page, box)
        select.select_option(target)  # what choosing an item with the mouse dispatches
        t1 = _wait_change(page, box, n)
        _settle(page, box)
        f.check(t1 is not None, f"{where}: menu {current} -> {target} by mouse: no new image")
        # by keyboard: focus the closed menu and press an arrow key
        now = select.input_value()
        idx = options.index(now)
        key = "ArrowDown" if idx < len(options) - 1 else "ArrowUp"
        n = _change_count(page, box)
        select.focus()
        t0 = page.evaluate("() => performance.now()")
        page.keyboard.press(key)
        t1 = _wait_change(page, box, n)
        _settle(page, box)
        f.check(t1 is not None and select.input_value() != now,
                f"{where}: menu by keyboard ({key} from {now}): value now {select.input_value()}, "
                f"{'new image' if t1 is not None else 'no new image'}")
        if t1 is not None:
            latencies.append(t1 - t0)

    moved = page.evaluate(JS_READOUTS, box) != readouts0 or [s.input_value() for s in selects] != values0
    n = _change_count(page, box)
    reset.click()
    if moved:  # (a two-item menu's keyboard step can land back on the default: nothing to redraw then)
        f.check(_wait_change(page, box, n) is not None, f"{where}: Reset brought no new image")
    _settle(page, box, quiet_ms=600)
    readouts = page.evaluate(JS_READOUTS, box)
    values = [s.input_value() for s in selects]
    f.check(readouts == readouts0 and values == values0,
            f"{where}: Reset did not restore the controls ({readouts} vs {readouts0}, {values} vs {values0})")
    # live updates are blitted: anti-aliased edges may differ slightly from the first full drawing
    diff = page.evaluate(JS_PIXELS, [box, False])
    big, total = diff["big"], diff["total"]
    f.check(big < 0.01 * total, f"{where}: after Reset {big} of {total} pixels differ from the first image")


def _check_quiz(page, f: Findings, chapter: str) -> int:
    from ne_lib.quiz import load_quiz

    questions = load_quiz(chapter)
    try:  # the quiz script draws its questions after the cell's reply
        page.wait_for_function(f"() => document.querySelectorAll('.Quiz').length >= {len(questions)}",
                               timeout=UPDATE_TIMEOUT_MS, polling=100)
    except Exception:
        pass  # reported just below
    wrappers = page.query_selector_all(".Quiz")
    f.check(len(wrappers) == len(questions), f"quiz shows {len(wrappers)} of {len(questions)} questions")
    answered = 0
    by_text = {re.sub(r"\s+", " ", q["question"]).strip(): q for q in questions}
    for w in wrappers:
        w.scroll_into_view_if_needed()
        qtext = re.sub(r"\s+", " ", w.text_content() or "").strip()
        q = next((v for k, v in by_text.items() if k[:40] in qtext), None)
        if not f.check(q is not None, f"quiz question not recognised: {qtext[:60]!r}"):
            continue
        fb = w.query_selector(".Feedback")
        if q["type"] in ("multiple_choice", "many_choice"):
            right = next(a for a in q["answers"] if a.get("correct"))
            wrong = next((a for a in q["answers"] if not a.get("correct")), None)
            buttons = w.query_selector_all(".MCButton")
            labels = [re.sub(r"\s+", " ", t).strip() for t in
                      w.evaluate("(w) => Array.from(w.querySelectorAll('.MCButton')).map(b => b.textContent || '')")]
            for answer, expect in ((wrong, "incorrect"), (right, "correct")):
                if answer is None:
                    continue
                button = next((b for b, text in zip(buttons, labels) if text == answer["answer"].strip()), None)
                if not f.check(button is not None, f"quiz: no button for answer {answer['answer'][:40]!r}"):
                    continue
                button.click()
                try:
                    page.wait_for_function("([fb, c]) => fb.classList.contains(c) && fb.innerText.trim()",
                                           arg=[fb, expect], timeout=5000)
                    answered += 1
                except Exception:
                    f.check(False, f"quiz: answering {answer['answer'][:40]!r} gave no '{expect}' feedback "
                                   f"(class {fb.get_attribute('class')!r}, text {fb.inner_text()[:60]!r})")
        elif q["type"] == "numeric":
            value = next(a["value"] for a in q["answers"] if a.get("correct") and "value" in a)
            box = w.query_selector("input.Input-text, input")
            box.click()
            box.fill(str(value))
            box.press("Enter")
            try:
                page.wait_for_function("(fb) => fb.classList.contains('correct') && fb.innerText.trim()",
                                       arg=fb, timeout=5000)
                answered += 1
            except Exception:
                f.check(False, f"quiz: numeric answer {value} gave no 'correct' feedback")
    return answered


# JupyterLab keeps one page for all its visits: the app is loaded once (the first visit opens the Binder
# URL), each later notebook is opened from the File menu ("Open from Path…") inside the running app and
# closed with "Close and Shut Down Notebook…" after its checks (its kernel with it). A visit that finds a
# problem closes the page, so the next one starts from a fresh app. Notebook 7 shows one notebook per
# browser tab, so each of its visits opens the notebook's URL in a new page, as a student's click does.
IN_APP = {"jupyterlab"}
_KEPT_PAGES: dict[str, object] = {}  # client -> its loaded app's page (this process only)


class Visit:
    """One notebook opened in one client: a page that records, for this visit, console errors and every
    request to a host other than 127.0.0.1."""

    def __init__(self, browser, server: Server, client: str, nb: str):
        self.client, self.nb, self.server = client, nb, server
        self.console: list[str] = []
        self.foreign: list[str] = []
        self.failed: list[str] = []
        self.upstream: list[str] = []
        page = _KEPT_PAGES.pop(client, None)
        self.in_app = page is not None and not page.is_closed()
        if not self.in_app:
            page = browser.new_page()
            page._ne_visit = self
            # recorded, not routed: a routed request waits for Python, which would slow every page load
            page.on("request", lambda r: r.url.startswith(LOCAL) or page._ne_visit.foreign.append(r.url))
            page.on("response",
                    lambda r: r.status >= 400 and page._ne_visit.failed.append(f"{r.status} {r.url}"))
            page.on("console", lambda m: m.type == "error" and page._ne_visit.console.append(m.text))
            page.on("pageerror", lambda e: page._ne_visit._page_error(e))
        page._ne_visit = self  # what the page reports from now on belongs to this visit
        self.page = page

    def open(self) -> None:
        if self.in_app:
            _open_in_app(self.page, self.nb)
        else:
            self.page.goto(self.server.url + CLIENTS[self.client][1].format(nb=self.nb))
        _wait_notebook_ready(self.page, self.server, self.nb)

    def wait_kernel(self) -> None:
        """The notebook's kernel, started by the client when it opened the notebook, is ready."""
        self.server.wait_kernel_idle(self.page, self.nb)

    def _page_error(self, err) -> None:
        stack = getattr(err, "stack", "") or ""
        for client, message, source, issue in UPSTREAM_ERRORS:
            if self.client == client and message in str(err) and source in stack:
                self.upstream.append(f"{message} ({issue})")
                return
        self.console.append(f"page error: {err} {stack[:300]}")

    def errors(self, myst: bool) -> list[str]:
        return [e for e in self.console if e.startswith(MYST_REFERENCE_ERROR) == myst]

    def close(self, problems: list[str], tag: str) -> None:
        if problems:
            shots = ROOT / "_build" / "clients"
            shots.mkdir(parents=True, exist_ok=True)
            try:
                self.page.screenshot(path=str(shots / f"{self.client}-{tag}-{Path(self.nb).stem}.png"), full_page=True)
            except Exception:
                pass
        keep = False
        if self.client in IN_APP and not problems:
            try:
                _close_in_app(self.page)
                keep = True
            except Exception:
                keep = False
        if keep:
            _KEPT_PAGES[self.client] = self.page
        else:
            self.page.close()
        self.server.shutdown_kernels()


def _lab_menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-item", has_text=menu).first.click()
    page.locator(".lm-Menu-item:visible", has_text=item).first.click()


def _open_in_app(page, nb: str) -> None:
    """JupyterLab: File > Open from Path…, the notebook's path, Open (the app stays loaded)."""
    _lab_menu(page, "File", "Open from Path")
    field = page.locator(".jp-Dialog input").first
    field.fill(nb)
    page.locator(".jp-Dialog .jp-mod-accept").first.click()


def _close_in_app(page) -> None:
    """JupyterLab: File > Close and Shut Down Notebook…, confirmed; the notebook's panel is gone after."""
    page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
    _lab_menu(page, "File", "Close and Shut Down Notebook")
    page.locator(".jp-Dialog .jp-mod-accept").first.click()
    page.wait_for_function("() => !document.querySelector('.jp-NotebookPanel, .jp-Dialog')",
                           timeout=UPDATE_TIMEOUT_MS, polling=100)


@pytest.mark.parametrize("nb", NOTEBOOKS)
@pytest.mark.parametrize("client", list(CLIENTS))
def test_notebook_runs_figures_and_quiz_work_in_client(client, nb, servers, browser, pytestconfig):
    server = servers(client)
    f = Findings(client, nb)
    visit = Visit(browser, server, client, nb)
    page = visit.page
    t_start = time.time()
    latencies: list[float] = []
    md = Findings(client, nb)
    MARKDOWN[(client, nb)] = md
    try:
        visit.open()
        t_open = time.time() - t_start
        # the Markdown as the reader first sees it (checked here, asserted by test_markdown_reads_well)
        t1 = time.time()
        _check_markdown(page, md, ROOT / nb)
        md.checked = True
        t_md = time.time() - t1
        t1 = time.time()
        visit.wait_kernel()  # (it starts while the page renders and the Markdown is read)
        t_kernel = time.time() - t1
        source = (ROOT / nb).read_text()
        expected = len(re.findall(r"\.show\(\)", source))
        m = re.search(r'show_quiz\(\\"(\w+)\\"\)', source)
        t_run = _run_all(page, expected, m is not None)
        stderr = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        bad = [t for t in stderr.all_inner_texts() if "Traceback" in t or re.search(r"\w+(Error|Exception)\b", t)]
        f.check(not bad, f"a cell failed: {bad[0].strip()[:400] if bad else ''}")
        found = page.evaluate_handle(JS_FIGURE_BOXES)  # one round trip, not three per widget box
        boxes = [h.as_element() for k, h in sorted(found.get_properties().items(), key=lambda kv: int(kv[0]))
                 if k.isdigit()]
        fallbacks = page.query_selector_all(".jp-OutputArea-output figure.ne-flipbook")
        f.check(len(boxes) == expected, f"{len(boxes)} live ipywidgets figure(s) rendered, the notebook shows {expected}")
        f.check(not fallbacks, f"{len(fallbacks)} still-frame fallback(s) shown instead of the live widget")
        t1 = time.time()
        for i, box in enumerate(boxes):
            _check_figure(page, box, f, f"figure {i + 1}", latencies)
        t_fig = time.time() - t1
        answered = 0
        t1 = time.time()
        if m:
            answered = _check_quiz(page, f, m.group(1))
        t_quiz = time.time() - t1
        errors = visit.errors(myst=False)
        f.check(not errors, f"console errors: {errors[:5]}" + (f"; failed requests: {visit.failed[:5]}"
                                                             if visit.failed else ""))
        f.check(not visit.foreign, f"requests leaving 127.0.0.1: {visit.foreign[:5]}")
        LATENCIES[(client, nb)] = latencies
        _say(pytestconfig, f"\n[{client}] {nb}: open {t_open:.1f} s, Markdown {t_md:.1f} s, kernel ready {t_kernel:.1f} s later, run all {t_run:.1f} s, "
                           f"{len(boxes)} live figure(s) {t_fig:.1f} s, {answered} quiz answers {t_quiz:.1f} s; "
                           f"key press -> new image {_latency_text(latencies)} ms"
                           + (f"; upstream client errors (not ours): {sorted(set(visit.upstream))}"
                              if visit.upstream else ""))
    finally:
        myst_errors = sorted({line.strip() for e in visit.errors(myst=True) for line in e.splitlines()})
        md.check(not myst_errors, f"the MyST renderer could not resolve {len(myst_errors)} reference(s): "
                                  f"{myst_errors[:4]}")
        t1 = time.time()
        visit.close(f.problems + md.problems, "run")
        VISIT_S[(client, nb)] = time.time() - t_start
        _say(pytestconfig, f"[{client}] {nb}: visit {VISIT_S[(client, nb)]:.1f} s (close {time.time() - t1:.1f} s)"
                           f"{' (in the loaded app)' if visit.in_app else ''}")
        if f.problems:
            _say(pytestconfig, f"\n[{client}] {nb}: FAILED\n  " + "\n  ".join(p[:300] for p in f.problems))
    assert not f.problems, f"{f.where}:\n  " + "\n  ".join(f.problems)


@pytest.mark.parametrize("nb", NOTEBOOKS)
@pytest.mark.parametrize("client", list(CLIENTS))
def test_markdown_reads_well_in_client(client, nb):
    """No MyST syntax in view, no solution text without a click, no Markdown renderer errors.

    Checked during the visit of test_notebook_runs_figures_and_quiz_work_in_client (one page load
    per notebook and client), before any cell runs."""
    md = MARKDOWN.get((client, nb))
    if md is None or not md.checked:
        pytest.fail(f"[{client}] {nb}: the Markdown was not checked (the notebook's visit failed first)",
                    pytrace=False)
    assert not md.problems, f"{md.where}:\n  " + "\n  ".join(md.problems)


# --------------------------------------------------------------------------- student copies in the clients

# One student copy per client (the first notebook with written and coding exercises, citations, glossary
# terms and a diagram): in JupyterLab the copy `make student` writes, in Notebook 7 a per-student copy
# (`make student STUDENTS=roster.csv`, its own variant). What a hub serves when an instructor hands them out.
STUDENT_SOURCE = next((nb for nb in NOTEBOOKS if all(
    mark in (ROOT / nb).read_text() for mark in ("```{solution}", "BEGIN SOLUTION", "{cite", "{term}", "!["))),
    "chapters/receptors/ending_the_signal.ipynb")
_IN_CHAPTERS = Path(STUDENT_SOURCE).relative_to("chapters").as_posix()
STUDENT_COPIES = {"jupyterlab": f"hub/student/{_IN_CHAPTERS}", "notebook7": f"hub/student-variants/s1/{_IN_CHAPTERS}"}
JS_ALL_TEXT = "() => document.querySelector('.jp-Notebook').textContent"
JS_BROKEN_IMAGES = """() => Array.from(document.querySelectorAll('.jp-MarkdownCell img'))
    .filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src'))"""


@pytest.fixture(scope="session")
def student_copies(workdir, tmp_path_factory):
    from ne_lib.coursework import make_student_copies

    roster = tmp_path_factory.mktemp("roster") / "roster.csv"
    roster.write_text("id\ns1\n")
    make_student_copies(ROOT / "chapters", workdir / "hub" / "student")
    make_student_copies(ROOT / "chapters", workdir / "hub" / "student-variants", roster=roster, salt="clients-test")
    return workdir


@pytest.mark.parametrize("client", list(CLIENTS))
def test_student_copy_reads_well_in_client(client, student_copies, servers, browser, pytestconfig):
    """A student copy opened in the client: no MyST syntax anywhere in the notebook (closed parts
    included), no Markdown renderer error or other console error, every image shown, and no solution
    text at all, neither in the page nor in the file the server hands out (removed, not hidden)."""
    server = servers(client)
    nb = STUDENT_COPIES[client]
    f = Findings(client, nb)
    visit = Visit(browser, server, client, nb)
    t0 = time.time()
    try:
        visit.open()
        _check_markdown(visit.page, f, ROOT / STUDENT_SOURCE)
        visit.page.wait_for_timeout(500)  # images and late renderer messages
        everything = visit.page.evaluate(JS_ALL_TEXT)
        with urllib.request.urlopen(f"{server.url}/api/contents/{nb}?content=1&type=file&format=text",
                                    timeout=20) as r:
            served = json.load(r)["content"]
        for pattern, what in MYST_LEFTOVERS:
            hits = sorted({m.group(0).strip() for m in pattern.finditer(everything)})
            f.check(not hits, f"{what} in the notebook (open or closed): {hits[:5]}")
        flat = re.sub(r"\s+", " ", everything)
        prose, code = _solutions(ROOT / STUDENT_SOURCE)
        f.check(prose and code, f"{STUDENT_SOURCE} has no solutions to look for")
        for sol in prose:
            words = _plain_words(sol)[:8]
            if len(words) >= 3:
                pattern = r"\W+".join(re.escape(w) for w in words)
                f.check(not re.search(pattern, flat), f"solution text in the page: {sol[:70]!r}")
                f.check(not re.search(pattern, re.sub(r"\s+", " ", served)),
                        f"solution text in the served file: {sol[:70]!r}")
        for line in code:
            f.check(line not in everything and json.dumps(line)[1:-1] not in served,
                    f"solution code in the copy: {line[:70]!r}")
        broken = visit.page.evaluate(JS_BROKEN_IMAGES)
        visit.wait_kernel()  # a kernel that fails to start would show as a console error
        f.check(not broken, f"images not shown: {broken}")
        myst_errors = sorted({line.strip() for e in visit.errors(myst=True) for line in e.splitlines()})
        f.check(not myst_errors, f"the MyST renderer could not resolve {len(myst_errors)} reference(s): "
                                 f"{myst_errors[:4]}")
        errors = visit.errors(myst=False)
        f.check(not errors, f"console errors: {errors[:5]}; failed requests: {visit.failed[:5]}")
        f.check(not visit.foreign, f"requests leaving 127.0.0.1: {visit.foreign[:5]}")
        _say(pytestconfig, f"\n[{client}] student copy {nb}: checked in {time.time() - t0:.1f} s")
    finally:
        visit.close(f.problems, "student")
    assert not f.problems, f"{f.where}:\n  " + "\n  ".join(f.problems)


# --------------------------------------------------------------------------- the settings reach the clients

def _pip_install(prefix: Path, *args: str) -> None:
    import sys

    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           "--no-deps", "--ignore-installed", "--prefix", str(prefix), *args], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_normal_install_puts_the_settings_where_jupyter_reads_them(tmp_path):
    """pip install . (Binder's line in binder/requirements.txt, student copies' git URL): the wheel's data files."""
    from ne_lib import jupyter_settings

    _pip_install(tmp_path, ".")
    installed = jupyter_settings.overrides_path(tmp_path)
    assert installed.exists(), f"no {installed} after pip install ."
    assert json.loads(installed.read_text()) == jupyter_settings.course_overrides()


def test_an_editable_install_gets_the_settings_from_the_command(tmp_path):
    """pip install -e . skips data files (setuptools issue 3399); python -m ne_lib.jupyter_settings fills the gap."""
    import sys

    from ne_lib import jupyter_settings

    _pip_install(tmp_path, "-e", ".")
    installed = jupyter_settings.overrides_path(tmp_path)
    missing_before = not installed.exists()
    proc = subprocess.run([sys.executable, "-m", "ne_lib.jupyter_settings", "--prefix", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(installed.read_text()) == jupyter_settings.course_overrides()
    if not missing_before:  # setuptools started installing data files in editable mode: the command is moot
        print("note: this setuptools installs data files for editable installs too")


@pytest.mark.parametrize("client", list(CLIENTS))
def test_each_client_server_reads_the_course_settings(client, clients_venv, servers):
    """The running server hands the course's shortcuts to the page (the client's own settings API)."""
    from ne_lib import jupyter_settings

    server = servers(client)
    ours = jupyter_settings.course_overrides()["@jupyterlab/shortcuts-extension:shortcuts"]["shortcuts"]
    with urllib.request.urlopen(f"{server.url}/lab/api/settings/@jupyterlab/shortcuts-extension:shortcuts",
                                timeout=20) as r:
        settings = json.load(r)
    served = json.loads(settings["raw"]) if settings.get("raw", "").strip() not in ("", "{}") else {}
    default = settings["schema"]["properties"]["shortcuts"].get("default", [])
    found = served.get("shortcuts", []) + default
    assert all(entry in found for entry in ours), f"{client}: the served shortcut settings lack the course's"


# --------------------------------------------------------------------------- the quiz on its own page

QUIZ_PAGES = {
    # what the page holds as window.MathJax when the quiz's script runs
    "no MathJax (Colab's output frame)": "",
    "MathJax configured but not loaded (JupyterLab, Notebook 7)": "<script>window.MathJax = {tex: {}};</script>",
    "MathJax 3 loaded (the website)": '<script src="/mathjax/es5/tex-chtml.js"></script>',
}


@pytest.fixture(scope="module")
def quiz_site(tmp_path_factory):
    """A local web server for small test pages (and the website's own MathJax)."""
    import functools
    import http.server
    import threading

    root = tmp_path_factory.mktemp("quiz")
    (root / "mathjax").symlink_to(ROOT / "node_modules" / "mathjax")
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _quiz_page(outputs: list, head: str) -> str:
    html_part, script = outputs
    return (f"<!doctype html><html><head><meta charset='utf-8'>{head}</head><body>{html_part.data}"
            f"<script>{script.data}</script></body></html>")


@pytest.mark.parametrize("page_kind", list(QUIZ_PAGES))
def test_quiz_answers_offline_whatever_mathjax_the_page_has(page_kind, quiz_site, browser):
    """ne_lib.quiz's script: no request to another host, no error, feedback on a click, TeX typeset
    by the page's own MathJax where there is one (a question with TeX is added for this test)."""
    from ne_lib import quiz

    root, url = quiz_site
    questions = quiz.load_quiz("synthesis")[:2]
    questions[0] = dict(questions[0], question=questions[0]["question"] + " $x^2$")
    real = quiz.load_quiz
    try:
        quiz.load_quiz = lambda chapter: questions
        outputs = quiz.quiz_outputs("synthesis")
    finally:
        quiz.load_quiz = real
    name = re.sub(r"\W+", "-", page_kind) + ".html"
    (root / name).write_text(_quiz_page(outputs, QUIZ_PAGES[page_kind]))
    page = browser.new_page()
    console, foreign = [], []
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL)
               else (foreign.append(r.request.url), r.abort()))
    page.on("console", lambda m: m.type == "error" and console.append(m.text))
    page.on("pageerror", lambda e: console.append(f"page error: {e}"))
    try:
        page.goto(f"{url}/{name}")
        page.wait_for_selector(".Quiz .MCButton", timeout=10000)
        page.wait_for_timeout(1500)  # the quiz typesets 500 ms after it is shown
        right = next(a["answer"] for a in questions[1]["answers"] if a.get("correct"))
        second = page.query_selector_all(".Quiz")[1]
        second.query_selector(f".MCButton:has-text({json.dumps(right)})").click()
        page.wait_for_function("(w) => w.querySelector('.Feedback.correct')?.innerText.trim()", arg=second,
                               timeout=5000)
        page.wait_for_timeout(700)
        typeset = page.evaluate("() => !!document.querySelector('.Quiz mjx-container')")
        assert typeset == page_kind.startswith("MathJax 3"), f"TeX typeset: {typeset}"
        assert not foreign, f"requests leaving 127.0.0.1: {foreign}"
        assert not console, f"console errors: {console}"
    finally:
        page.close()


def test_unwrapped_jupyterquiz_fails_where_mathjax_is_only_configured(quiz_site, browser):
    """The fault the wrapper fixes, reproduced (so the test above can tell): jupyterquiz as it comes,
    on a page whose MathJax is a bare configuration, reaches for a CDN and throws."""
    from IPython.display import HTML, Javascript
    from jupyterquiz.dynamic import display as jq_display

    from ne_lib import quiz

    captured = []
    real = jq_display.display
    jq_display.display = lambda *objs, **kw: captured.extend(objs)
    try:
        jq_display.display_quiz(quiz.load_quiz("synthesis")[:2])
    finally:
        jq_display.display = real
    outputs = [next(o for o in captured if isinstance(o, HTML)), next(o for o in captured if isinstance(o, Javascript))]
    root, url = quiz_site
    (root / "unwrapped.html").write_text(_quiz_page(outputs, QUIZ_PAGES[list(QUIZ_PAGES)[1]]))
    page = browser.new_page()
    console, foreign = [], []
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL)
               else (foreign.append(r.request.url), r.abort()))
    page.on("pageerror", lambda e: console.append(str(e)))
    try:
        page.goto(f"{url}/unwrapped.html")
        page.wait_for_selector(".Quiz .MCButton", timeout=10000)
        page.wait_for_timeout(1500)
        page.query_selector_all(".Quiz")[1].query_selector(".MCButton").click()
        page.wait_for_timeout(500)
    finally:
        page.close()
    assert foreign or console, "jupyterquiz no longer fails here: the MathJax shim in ne_lib.quiz may be moot"
