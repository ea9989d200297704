"""The built site in a real browser: Debian's Chromium driven by Playwright.

For every page: nothing is requested from any host but 127.0.0.1, no console errors, no
broken images, no serious or critical accessibility violations (axe-core, served locally).
For every slider and menu on the site: moving it changes its figure.

Where Chromium is missing the tests skip with the reason; in CI (CI=true) they fail."""

import json
import os
import tempfile

import pytest
from conftest import ROOT, chromium_path, toc_files

pytestmark = pytest.mark.book

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
REPORT = ROOT / "_build" / "accessibility-report.json"
PAGES = toc_files() + ["genindex", "search"]


def _require_browser():
    missing = []
    if not chromium_path():
        missing.append("Debian's chromium is not installed (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package is not installed")
    if missing:
        if os.environ.get("CI"):
            pytest.fail("browser tests cannot run in CI: " + "; ".join(missing), pytrace=False)
        pytest.skip("; ".join(missing))


@pytest.fixture(scope="module")
def browser_context():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="ne-chromium-"), executable_path=chromium_path(), args=CHROMIUM_FLAGS,
            headless=True, viewport={"width": 1280, "height": 900})
        yield context
        context.close()


@pytest.fixture(scope="module")
def axe_results():
    results = {}
    yield results
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(results, indent=1, sort_keys=True))


def _open(context, url):
    page = context.new_page()
    events = {"console": [], "requests": [], "failed": []}
    page.on("console", lambda m: m.type == "error" and events["console"].append(m.text))
    page.on("pageerror", lambda e: events["console"].append(f"page error: {e}"))
    page.on("request", lambda r: events["requests"].append(r.url))
    page.on("requestfailed", lambda r: events["failed"].append(r.url))
    page.on("response", lambda r: r.status >= 400 and events["failed"].append(f"{r.status} {r.url}"))
    page.goto(url, wait_until="networkidle")
    return page, events


@pytest.mark.parametrize("docname", PAGES)
def test_page_is_self_contained_clean_and_accessible(browser_context, site_url, axe_results, docname):
    page, events = _open(browser_context, f"{site_url}/{docname}.html")
    try:
        foreign = [u for u in events["requests"] if not u.startswith(("http://127.0.0.1", "data:", "blob:"))]
        assert not foreign, f"requests leaving 127.0.0.1: {foreign[:5]}"
        assert not events["failed"], f"failed requests: {events['failed'][:5]}"
        assert not events["console"], f"console errors: {events['console'][:5]}"
        broken = page.evaluate("""() => Array.from(document.images)
            .filter(i => i.offsetParent !== null && (!i.complete || i.naturalWidth === 0))
            .map(i => i.src.slice(0, 80))""")
        assert not broken, f"broken images: {broken}"
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
            .violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
                                   where: v.nodes.slice(0, 3).map(n => n.html.slice(0, 160) + ' '
                                          + ((n.any[0] || {}).message || '').slice(0, 160))}))""")
        axe_results[docname] = violations
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert not serious, f"axe-core serious/critical violations: {serious}"
    finally:
        page.close()


def _flipbook_pages():
    return [d for d in toc_files() if (ROOT / f"{d}.ipynb").exists()]


@pytest.mark.parametrize("docname", _flipbook_pages())
def test_every_slider_moves_its_figure(browser_context, site_url, docname):
    page, _ = _open(browser_context, f"{site_url}/{docname}.html")
    try:
        figures = page.locator("figure[data-ne-flipbook]")
        for i in range(figures.count()):
            figure = figures.nth(i)
            name = figure.get_attribute("data-ne-flipbook")
            image = figure.locator("img.ne-flipbook-img")
            for control in figure.locator("[data-axis]").all():
                before, start = image.get_attribute("src"), control.input_value()
                if control.evaluate("e => e.tagName") == "SELECT":
                    options = control.locator("option").all()
                    current = control.input_value()
                    target = next(o.get_attribute("value") for o in options if o.get_attribute("value") != current)
                    control.select_option(target)
                else:
                    current = int(control.input_value())
                    target = 0 if current > 0 else int(control.get_attribute("max"))
                    control.focus()
                    control.fill(str(target))  # fires input/change like a user's drag
                after = image.get_attribute("src")
                assert after != before, f"{docname}: moving {control.get_attribute('id')} did not change {name}"
                alt = image.get_attribute("alt")
                assert alt and len(alt) > 20
                # back to the default, so the next control moves from the default state
                if control.evaluate("e => e.tagName") == "SELECT":
                    control.select_option(start)
                else:
                    control.fill(start)
                assert image.get_attribute("src") == before
    finally:
        page.close()
