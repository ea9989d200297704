"""What a reader sees, measured in Debian's Chromium: shared by the browser tests and the survey.

A *mode* is a viewport (laptop 1366x900 or phone 390x844) and a colour scheme, set the two ways a
reader sets it: the theme's own switch (stored in localStorage, as the switch button does) or the
operating system's preference with the theme on "auto" (``color_scheme`` emulation).

``python tests/site_browser.py SITE_DIR [--out report.json] [--shots DIR]`` prints a table per page
(axe contrast violations, smallest figure text in CSS px, page height) for the four modes, before
and after interaction; the numbers of the before/after table in the notes come from it.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import shutil
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MIN_FIGURE_TEXT_PX = {"laptop": 11.0, "phone": 9.0}
MIN_TARGET_PX = 24.0


@dataclass(frozen=True)
class Mode:
    name: str
    device: str          # "laptop" or "phone"
    scheme: str          # "light" or "dark"
    how: str             # "switch" (the theme's switch) or "os" (theme on auto, OS preference)

    @property
    def viewport(self) -> dict:
        return {"width": 1366, "height": 900} if self.device == "laptop" else {"width": 390, "height": 844}


MODES = (Mode("laptop-light", "laptop", "light", "switch"), Mode("laptop-dark", "laptop", "dark", "switch"),
         Mode("phone-light", "phone", "light", "os"), Mode("phone-dark", "phone", "dark", "os"))


def chromium_path():
    return shutil.which("chromium") or shutil.which("chromium-browser")


# ------------------------------------------------------------------ a gzip-capable static server
class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder as a static host does (text gzipped when the client accepts it)."""

    COMPRESS = (".html", ".css", ".js", ".json", ".svg", ".txt", ".map", ".woff")  # woff (v1) is not compressed

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.is_file() and path.suffix in self.COMPRESS
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = gzip.compress(path.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            import io

            return io.BytesIO(body)
        return super().send_head()


GzipHandler.extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".webp": "image/webp",
                              ".js": "text/javascript", ".woff2": "font/woff2"}


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser that closes a page while a file is still coming hangs up: normal, not worth a traceback."""

    def handle_error(self, request, client_address):
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(folder: Path):
    """Start a server for ``folder`` on 127.0.0.1; returns (url, server)."""
    handler = functools.partial(GzipHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


# ------------------------------------------------------------------ browser
def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True)


def new_context(browser, mode: Mode):
    phone = mode.device == "phone"
    context = browser.new_context(viewport=mode.viewport, device_scale_factor=2 if phone else 1,
                                  is_mobile=phone, has_touch=phone,
                                  color_scheme=mode.scheme if mode.how == "os" else "light")
    stored = mode.scheme if mode.how == "switch" else "auto"
    context.add_init_script(f"try{{localStorage.setItem('mode','{stored}');localStorage.setItem('theme','{stored}');}}"
                            f"catch(e){{}}")
    return context


def open_page(context, url):
    page = context.new_page()
    events = {"console": [], "requests": [], "failed": []}
    page.on("console", lambda m: m.type == "error" and events["console"].append(
        f"{m.text} ({(m.location or {}).get('url', '')})"))
    page.on("pageerror", lambda e: events["console"].append(f"page error: {e}"))
    page.on("request", lambda r: events["requests"].append(r.url))
    page.on("requestfailed", lambda r: events["failed"].append(r.url))
    page.on("response", lambda r: r.status >= 400 and events["failed"].append(f"{r.status} {r.url}"))
    page.goto(url, wait_until="networkidle")
    return page, events


#: wait (at most 5 s) for the page's finite animations, e.g. a dropdown fading in as it opens, so axe-core
#: measures the colours a reader sees once it has opened, not a frame at 80% opacity
_ANIMATIONS_DONE = """() => Promise.race([
    Promise.all(document.getAnimations()
        .filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
        .map(a => a.finished.catch(() => null))),
    new Promise(resolve => setTimeout(resolve, 5000))])"""


#: what answering the quizzes and opening the solutions changes: each quiz's output and each solution
CHANGED_BY_READER_JS = """() => {
  const changed = new Set(document.querySelectorAll('.solution'));
  document.querySelectorAll('.MCButton, input.Input-text')
    .forEach(el => changed.add(el.closest('.cell_output, .output') || el.parentElement));
  changed.forEach(el => el.setAttribute('data-ne-changed', ''));
  return changed.size;
}"""


def axe(page, only_changed: bool = False) -> list[dict]:
    """axe-core's violations on the page, or (``only_changed``) in what the reader changed
    (:data:`CHANGED_BY_READER_JS`; the rest of the page was measured on arrival)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    page.evaluate(_ANIMATIONS_DONE)
    if only_changed and not page.evaluate(CHANGED_BY_READER_JS):
        return []
    # preload: false: axe would fetch every stylesheet again to read the CSSOM and resolves the theme's
    # @import "../basic.css" against the page, not the stylesheet (a 404 that is axe's, not the site's)
    return page.evaluate("""async (onlyChanged) => (await axe.run(
            onlyChanged ? {include: [['[data-ne-changed]']]} : document, {resultTypes: ['violations'], preload: false}))
        .violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
            where: v.nodes.slice(0, 3).map(n => n.html.slice(0, 160) + ' ' + ((n.any[0] || {}).message || '').slice(0, 200))}))""",
        only_changed)


def serious(violations):
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def answer_quizzes(page) -> int:
    """Answer every quiz question as a student would: each choice of a multiple-choice question in
    turn (so right and wrong feedback both show), a number typed into each numeric one."""
    done = 0
    for button in page.locator(".MCButton").all():
        if button.is_visible():
            button.click()
            done += 1
    for box in page.locator("input.Input-text").all():
        if box.is_visible():
            box.fill("1")
            box.press("Enter")
            done += 1
    return done


def open_solutions(page) -> int:
    opened = 0
    for title in page.locator(".solution.dropdown > .admonition-title button.toggle-button, "
                              "details.solution > summary").all():
        if title.is_visible():
            title.click()
            opened += 1
    page.wait_for_timeout(200)
    return opened


LAYOUT_JS = """(minTarget) => {
  const vw = document.documentElement.clientWidth;
  const out = {scrollWidth: document.documentElement.scrollWidth, viewport: vw,
               height: document.documentElement.scrollHeight, outside: [], small: []};
  const controls = document.querySelectorAll(
    'article input, article select, article button, article textarea, .MCButton, figure.ne-flipbook [data-axis]');
  for (const el of controls) {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    // visually hidden inputs (1 px, their label is the target) are not targets themselves
    if (r.width <= 2 || r.height <= 2 || style.visibility === 'hidden') continue;
    if (el.closest('.highlight, pre')) continue;   // copy buttons of code cells
    const name = el.id || el.className || el.tagName;
    if (r.left < -1 || r.right > vw + 1) out.outside.push(`${name} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
    if (r.height < minTarget - 0.5 || r.width < minTarget - 0.5)
      out.small.push(`${name} ${Math.round(r.width)}x${Math.round(r.height)} ${el.outerHTML.slice(0, 120)}`);
  }
  return out;
}"""


def layout(page) -> dict:
    return page.evaluate(LAYOUT_JS, MIN_TARGET_PX)


FIGURE_TEXT_JS = """() => Array.from(document.querySelectorAll('figure[data-ne-flipbook]')).map(fig => {
  const img = fig.querySelector('img.ne-flipbook-img');
  const spec = JSON.parse(fig.dataset.neText || 'null');
  const rendition = img.dataset.rendition || 'wide';
  const r = spec && spec[rendition];
  return {name: fig.dataset.neFlipbook, rendition, shown_px: img.clientWidth,
          current: img.currentSrc.split('/').pop().slice(0, 40),
          min_text_px: r ? r.min_pt * img.clientWidth / (r.width_in * 72) : null};
})"""


def figure_text(page) -> list[dict]:
    """Smallest text of each figure in CSS px: the figure's own smallest font size (pt, over every
    frame of the rendition shown) times displayed width over the figure's width in pt."""
    return page.evaluate(FIGURE_TEXT_JS)


def contrast_count(violations) -> int:
    return sum(v["nodes"] for v in violations if v["id"] == "color-contrast")


def survey(site: Path, pages: list[str], shots: Path | None = None) -> dict:
    from playwright.sync_api import sync_playwright

    url, server = serve(site)
    report = {}
    try:
        with sync_playwright() as p:
            browser = launch(p)
            for mode in MODES:
                context = new_context(browser, mode)
                for doc in pages:
                    page, _ = open_page(context, f"{url}/{doc}.html")
                    before = axe(page)
                    texts = figure_text(page)
                    lay = layout(page)
                    if shots:
                        target = shots / mode.name / f"{doc.replace('/', '--')}.png"
                        target.parent.mkdir(parents=True, exist_ok=True)
                        page.screenshot(path=str(target), full_page=True)
                    answer_quizzes(page)
                    open_solutions(page)
                    after = axe(page)
                    report.setdefault(doc, {})[mode.name] = {
                        "contrast_before": contrast_count(before), "contrast_after": contrast_count(after),
                        "serious_after": [v["id"] for v in serious(after)],
                        "min_figure_text_px": min([t["min_text_px"] for t in texts if t["min_text_px"]],
                                                  default=None),
                        "height_px": lay["height"], "hscroll": lay["scrollWidth"] > lay["viewport"]}
                    page.close()
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return report


def print_table(report: dict) -> None:
    print(f"{'page':46} {'mode':13} {'contrast':>9} {'fig px':>7} {'height':>7} hscroll")
    for doc, modes in report.items():
        for mode, r in modes.items():
            px = "-" if r["min_figure_text_px"] is None else f"{r['min_figure_text_px']:.1f}"
            print(f"{doc:46} {mode:13} {r['contrast_before']:>4}/{r['contrast_after']:<4} {px:>7} "
                  f"{r['height_px']:>7} {'yes' if r['hscroll'] else 'no'}")


if __name__ == "__main__":
    import argparse

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import toc_files

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--shots", type=Path)
    parser.add_argument("--pages", nargs="*")
    args = parser.parse_args()
    result = survey(args.site, args.pages or toc_files(), args.shots)
    print_table(result)
    if args.out:
        args.out.write_text(json.dumps(result, indent=1))
