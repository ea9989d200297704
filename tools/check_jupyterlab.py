"""Manual end-to-end check for maintainers: do the interactive figures work LIVE in JupyterLab?

JupyterLab is not part of the course's pinned environment, so this is not run by
``make test``. Make an environment that has it, then point this script at it::

    python3.11 -m venv /tmp/jlab-venv
    (cd <repo> && /tmp/jlab-venv/bin/pip install -r requirements.txt -c constraints.txt jupyterlab==4.6.6)
    /tmp/jlab-venv/bin/python tools/check_jupyterlab.py /tmp/jlab-venv

The script copies ``chapters/`` to a temporary folder, starts JupyterLab from that
environment on a free 127.0.0.1 port (no token), opens the notebook (default: the
tour, ``chapters/how_to_use.ipynb``) in headless Chromium (Debian's ``/usr/bin/chromium``,
not a Playwright download), runs all cells and checks every live figure:

* the ipywidgets view rendered (slider or dropdown and an ``<img>``), not the
  ``text/html`` still-frame fallback;
* the control labels are not cut off, and no slider track is squeezed by its label;
* moving each slider (arrow keys) or changing each dropdown replaces the image,
  and how long that takes (key press to new ``src``);
* Reset brings the controls back and shows the first image again (up to anti-aliasing);
* no JavaScript errors.

It prints PASS/FAIL lines, saves screenshots (``--shots``), exits 1 on any failure
and always stops the server (and with it the kernel). Needs Playwright for Python
(in requirements.txt) in the interpreter that runs it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from ne_lib import contract

ROOT = Path(__file__).resolve().parents[1]
TOUR = "chapters/how_to_use.ipynb"
TOUR_SLIDER_LABEL = "NE concentration (log scale)"
MIN_TRACK_PX = 120  # a slider track narrower than this is hard to use (a long label can squeeze it)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

RESULTS: list[tuple[bool, str]] = []


def check(ok: bool, what: str, detail: str = "") -> bool:
    RESULTS.append((bool(ok), what))
    print(f"{'PASS' if ok else 'FAIL'}: {what}{f' ({detail})' if detail else ''}", flush=True)
    return bool(ok)


def info(text: str) -> None:
    print(f"INFO: {text}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: Path, work: Path, port: int, log_path: Path) -> subprocess.Popen:
    jupyter = env / "bin" / "jupyter"
    if not jupyter.exists():
        raise SystemExit(f"ERROR: {jupyter} not found: pass the path of an environment that has jupyterlab")
    private = work / ".jupyter"
    env_vars = dict(os.environ,
                    # A private config/data/settings/workspace set: no user kernelspecs, no stale workspace.
                    JUPYTER_CONFIG_DIR=str(private / "config"), JUPYTER_DATA_DIR=str(private / "data"),
                    JUPYTER_RUNTIME_DIR=str(private / "runtime"),
                    JUPYTERLAB_SETTINGS_DIR=str(private / "settings"),
                    JUPYTERLAB_WORKSPACES_DIR=str(private / "workspaces"),
                    PATH=f"{env / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    env_vars = contract.without_build_flag(env_vars)  # the live widget, not the book's flipbook
    cmd = [str(jupyter), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
           "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={work}",
           "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(log_path, "w")
    proc = subprocess.Popen(cmd, cwd=work, env=env_vars, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    deadline = time.time() + 90
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {proc.returncode}; log: {log_path}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"jupyter lab did not answer on port {port} within 90 s; log: {log_path}")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)  # the server shuts its kernels down on SIGTERM
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
    try:  # anything left in the server's own process group (its kernels)
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if proc.poll() is None:
        proc.wait(timeout=10)


# In-page helpers: a fingerprint of the image a figure shows, and a log of its src changes.
JS_INSTALL = """(box) => {
  const img = box.querySelector('img');
  box.__neChanges = [];
  new MutationObserver(() => box.__neChanges.push({t: performance.now(), src: img.src}))
      .observe(img, {attributes: true, attributeFilter: ['src']});
}"""
JS_PIXELS = """async (box) => {
  const img = box.querySelector('img');
  if (!img.complete || !img.naturalWidth) await img.decode();
  const c = document.createElement('canvas');
  c.width = img.naturalWidth; c.height = img.naturalHeight;
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  return {w: c.width, h: c.height, data: Array.from(ctx.getImageData(0, 0, c.width, c.height).data)};
}"""
# ne_lib.interactive puts each control's label on its own line (.ne-control-label) above the control,
# and a slider's formatted value in .ne-readout beside it.
JS_LABELS = """(box) => Array.from(box.querySelectorAll('.ne-control-label .widget-html-content'))
  .map(el => ({text: el.textContent, scroll: el.scrollWidth, client: el.clientWidth,
               visible: el.offsetParent !== null}))"""


def pixels_differ(a: dict, b: dict) -> tuple[int, int, int]:
    """(pixels that differ at all, pixels that differ by more than 60 in a channel, all pixels)."""
    total = a["w"] * a["h"]
    if (a["w"], a["h"]) != (b["w"], b["h"]):
        return total, total, total
    da, db = a["data"], b["data"]
    diffs = [max(abs(da[i + k] - db[i + k]) for k in range(3)) for i in range(0, len(da), 4)]
    return sum(d > 0 for d in diffs), sum(d > 60 for d in diffs), total


def wait_change(page, box, count: int, timeout_ms: int) -> float | None:
    """Wait until the box's image src has changed more than ``count`` times; return the time of that change."""
    try:
        page.wait_for_function("([box, n]) => box.__neChanges.length > n", arg=[box, count], timeout=timeout_ms)
    except Exception:
        return None
    return page.evaluate("([box, n]) => box.__neChanges[n].t", [box, count])


def settle(page, box, quiet_ms: int = 600, timeout_ms: int = 30000) -> None:
    """Wait until the image has stopped changing for ``quiet_ms``."""
    page.wait_for_function(
        "([box, q]) => { const c = box.__neChanges; return !c.length || performance.now() - c[c.length-1].t > q; }",
        arg=[box, quiet_ms], timeout=timeout_ms, polling=100)


def check_figure(page, box, index: int, shots: Path | None, stem: str, moves: int, latencies: list[float],
                 update_timeout_ms: int) -> None:
    title = page.evaluate("(b) => (b.querySelector('.widget-html-content strong') || {}).textContent || '?'", box)
    where = f"figure {index + 1} '{title}'"
    img = box.query_selector("img")
    sliders = box.query_selector_all(".widget-slider")
    dropdowns = box.query_selector_all(".widget-dropdown select")
    reset = box.query_selector("button.widget-button:has-text('Reset')")
    broken = box.query_selector_all(".jupyter-widgets-error-widget")
    if broken:  # ipywidgets replaces a view it could not create with an error box; a click shows why
        broken[0].click()
        page.wait_for_timeout(300)
        lines = [line.strip() for line in broken[0].inner_text().splitlines()]
        detail = " | ".join(line for line in lines if line.startswith("Failed") or "Error:" in line)[:400]
        check(False, f"{where}: every part of the widget rendered", f"{len(broken)} error box(es): {detail}")
    if not check(img is not None and (sliders or dropdowns) and reset is not None,
                 f"{where}: live widget has an image, controls and a Reset button",
                 f"{'an <img>' if img else 'NO <img>'}, {len(sliders)} slider(s), {len(dropdowns)} dropdown(s), "
                 f"{'a' if reset else 'no'} Reset button"):
        return
    box.scroll_into_view_if_needed()
    page.wait_for_function("(b) => { const i = b.querySelector('img'); return i.complete && i.naturalWidth > 0; }",
                           arg=box, timeout=30000)
    natural = page.evaluate("(b) => [b.querySelector('img').naturalWidth, b.querySelector('img').naturalHeight]", box)
    check(natural[0] > 100 and natural[1] > 100, f"{where}: image loaded", f"{natural[0]}x{natural[1]} px")
    for label in page.evaluate(JS_LABELS, box):
        check(label["visible"] and label["text"].strip() and label["scroll"] <= label["client"],
              f"{where}: label '{label['text']}' shown in full",
              f"scrollWidth {label['scroll']} <= clientWidth {label['client']}")
    for track in page.evaluate("(b) => Array.from(b.querySelectorAll('.ne-control')).filter(c => "
                               "c.querySelector('.widget-slider')).map(c => ["
                               "c.querySelector('.ne-control-label').textContent.trim(), "
                               "c.querySelector('.noUi-target').getBoundingClientRect().width])", box):
        check(track[1] >= MIN_TRACK_PX, f"{where}: slider '{track[0]}' has a usable track",
              f"{track[1]:.0f} px wide, want >= {MIN_TRACK_PX}")
    page.evaluate(JS_INSTALL, box)
    first = page.evaluate(JS_PIXELS, box)
    readouts0 = page.evaluate("(b) => Array.from(b.querySelectorAll('.ne-readout')).map(e => e.textContent)", box)
    selects0 = [s.input_value() for s in dropdowns]
    if shots:
        box.screenshot(path=str(shots / f"{stem}-fig{index + 1}-before.png"))

    for slider in sliders:
        handle = slider.query_selector(".noUi-handle")
        control = slider.evaluate_handle("(s) => s.closest('.ne-control')").as_element()
        label = control.query_selector(".ne-control-label").text_content().strip()
        readout = control.query_selector(".ne-readout")
        before = readout.text_content()
        at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
        key = "ArrowLeft" if at_max else "ArrowRight"  # a slider whose default is its maximum moves down
        handle.focus()
        changed = 0
        for _ in range(moves):
            n = page.evaluate("(b) => b.__neChanges.length", box)
            t0 = page.evaluate("() => performance.now()")
            page.keyboard.press(key)
            t1 = wait_change(page, box, n, update_timeout_ms)
            if t1 is not None:
                changed += 1
                latencies.append(t1 - t0)
            settle(page, box, quiet_ms=300)
        after = readout.text_content()
        check(changed == moves and after != before,
              f"{where}: slider '{label}' moved ({before} -> {after}) and the image changed each time",
              f"{changed}/{moves} updates")
    if shots:
        box.screenshot(path=str(shots / f"{stem}-fig{index + 1}-moved.png"))

    for select in dropdowns:
        options = select.evaluate("(s) => Array.from(s.options).map(o => o.value)")
        current = select.input_value()
        target = next(o for o in options if o != current)
        n = page.evaluate("(b) => b.__neChanges.length", box)
        t0 = page.evaluate("() => performance.now()")
        select.select_option(target)
        t1 = wait_change(page, box, n, update_timeout_ms)
        check(t1 is not None, f"{where}: dropdown changed ({current} -> {target}) and the image changed",
              f"{t1 - t0:.0f} ms" if t1 is not None else "no new image")
        settle(page, box)
    if dropdowns and shots:
        box.screenshot(path=str(shots / f"{stem}-fig{index + 1}-dropdown.png"))

    n = page.evaluate("(b) => b.__neChanges.length", box)
    reset.click()
    wait_change(page, box, n, update_timeout_ms)
    settle(page, box)
    readouts = page.evaluate("(b) => Array.from(b.querySelectorAll('.ne-readout')).map(e => e.textContent)", box)
    selects = [s.input_value() for s in dropdowns]
    check(readouts == readouts0 and selects == selects0, f"{where}: Reset restored the controls",
          f"readouts {readouts}, dropdowns {selects}")
    # Live updates are blitted (changed artists drawn over a saved background), so anti-aliased
    # edges may differ slightly from the first, full drawing: the same tolerance as tests/test_interactive.py.
    some, big, total = pixels_differ(first, page.evaluate(JS_PIXELS, box))
    check(big < 0.01 * total, f"{where}: after Reset the image is the first image again",
          f"{big} of {total} pixels differ by > 60, {some} differ at all")
    if shots:
        box.screenshot(path=str(shots / f"{stem}-fig{index + 1}-reset.png"))


def run(env: Path, notebook: str, chromium: str, shots: Path | None, moves: int, keep: bool) -> int:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="ne-jlab-"))
    shutil.copytree(ROOT / "chapters", work / "chapters")
    if not (work / notebook).exists():
        raise SystemExit(f"ERROR: {notebook} not found under {ROOT}")
    port = free_port()
    log_path = work / "jupyterlab.log"
    stem = Path(notebook).stem
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    proc = start_server(env, work, port, log_path)
    info(f"JupyterLab from {env} on http://127.0.0.1:{port}/lab (log {log_path})")
    errors: list[str] = []
    latencies: list[float] = []
    try:
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(
                str(work / ".chromium-profile"), executable_path=chromium, headless=True, args=CHROMIUM_ARGS,
                viewport={"width": 1400, "height": 1000})
            try:
                page = ctx.pages[0] if ctx.pages else ctx.new_page()
                page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
                page.on("console",
                        lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
                page.goto(f"http://127.0.0.1:{port}/lab/tree/{notebook}")
                page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90000)
                page.wait_for_function(
                    "() => /\\| Idle/.test(document.querySelector('#jp-main-statusbar')?.innerText || '')",
                    timeout=90000)
                try:  # JupyterLab's "get news?" toast covers the bottom right corner of the screenshots
                    page.locator(".jp-toast-button", has_text="No").click(timeout=3000)
                except Exception:
                    pass
                kernel = page.locator("#jp-main-statusbar").inner_text().replace("\n", " ")
                info(f"status bar: {kernel}")
                page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
                page.locator(".lm-MenuBar-item", has_text="Run").first.click()
                page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()
                t0 = time.time()
                try:
                    page.wait_for_function(
                        "() => document.querySelectorAll('.jp-Notebook .jp-Cell.jp-CodeCell').length > 0 && "
                        "Array.from(document.querySelectorAll('.jp-Notebook .jp-InputArea-prompt'))"
                        ".every(p => !p.textContent.includes('*')) && "
                        "/\\| Idle/.test(document.querySelector('#jp-main-statusbar')?.innerText || '')",
                        timeout=300000, polling=250)
                    time.sleep(1.0)
                except Exception:
                    pass
                info(f"ran all cells in about {time.time() - t0:.1f} s")
                stderr = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
                texts = stderr.all_inner_texts()
                bad = [t for t in texts if "Traceback" in t or re.search(r"\w+(Error|Exception)\b", t)]
                for t in texts:
                    if t not in bad:
                        info(f"stderr output: {t.strip()[:300]}")
                check(not bad, "cells ran without errors", bad[0].strip()[:500] if bad else "")
                if shots:
                    page.screenshot(path=str(shots / f"{stem}-notebook.png"))

                boxes = [b for b in page.query_selector_all(".jp-OutputArea-output > .widget-vbox")
                         if b.query_selector(".widget-slider, .widget-dropdown")]
                fallbacks = page.query_selector_all(".jp-OutputArea-output figure.ne-flipbook")
                check(len(boxes) > 0, "live ipywidgets figure(s) rendered", f"{len(boxes)} found")
                check(len(fallbacks) == 0, "no text/html still-frame fallback shown instead of a widget",
                      f"{len(fallbacks)} fallback(s)")
                if notebook == TOUR:
                    labels = [label["text"] for b in boxes for label in page.evaluate(JS_LABELS, b)]
                    check(TOUR_SLIDER_LABEL in labels, f"tour slider '{TOUR_SLIDER_LABEL}' present", str(labels))
                for i, box in enumerate(boxes):
                    check_figure(page, box, i, shots, stem, moves, latencies, update_timeout_ms=30000)
                if shots:
                    page.screenshot(path=str(shots / f"{stem}-end.png"))
            finally:
                ctx.close()
    finally:
        stop_server(proc)
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    if latencies:
        info(f"slider key press -> new image: median {statistics.median(latencies):.0f} ms, "
             f"min {min(latencies):.0f} ms, max {max(latencies):.0f} ms over {len(latencies)} moves")
    for e in errors:
        info(e)
    check(not errors, "no JavaScript errors in the browser console", f"{len(errors)} error(s)")
    failed = [what for ok, what in RESULTS if not ok]
    print(f"{'FAIL' if failed else 'PASS'}: {len(RESULTS) - len(failed)}/{len(RESULTS)} checks passed"
          + (f"; screenshots in {shots}" if shots else ""))
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("env", type=Path, help="a Python environment (venv) with jupyterlab and the course installed")
    ap.add_argument("--notebook", default=TOUR, help=f"notebook under the repository (default {TOUR})")
    ap.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium executable (default /usr/bin/chromium)")
    ap.add_argument("--shots", type=Path, default=None, help="folder for PNG screenshots")
    ap.add_argument("--moves", type=int, default=4, help="arrow-key moves per slider (default 4)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary copy (and the server log)")
    args = ap.parse_args(argv)
    try:
        return run(args.env.resolve(), args.notebook, args.chromium, args.shots, args.moves, args.keep)
    except Exception as exc:  # a crash is a failure, after the server has been stopped
        print(f"FAIL: check crashed: {type(exc).__name__}: {exc}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
