"""Page speed as a student on a phone meets it: Lighthouse (12.2.3, pinned in package.json) with its
mobile defaults (simulated slow 4G, 4x CPU slow-down), run with Debian's Chromium over every page
of the built site, served with gzip on 127.0.0.1 as a static host serves it.

Goals on every page: performance >= 0.90, first contentful paint <= 1.8 s, largest contentful paint
<= 2.5 s, total blocking time <= 200 ms, cumulative layout shift <= 0.1, accessibility and best
practices >= 0.95. Scores are noisy on a shared machine: each page runs once, a page below a goal
twice more, and it is judged on the median of the three. The table is printed and written to
``_build/lighthouse-report.txt``."""

import json
import os
import statistics
import subprocess

import pytest
from conftest import ROOT, toc_files
from site_browser import CHROMIUM_FLAGS, chromium_path

pytestmark = pytest.mark.book

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
REPORT = ROOT / "_build" / "lighthouse-report.txt"
PAGES = toc_files()
GOALS = {"performance": (">=", 0.90), "fcp_s": ("<=", 1.8), "lcp_s": ("<=", 2.5), "tbt_ms": ("<=", 200.0),
         "cls": ("<=", 0.1), "accessibility": (">=", 0.95), "best_practices": (">=", 0.95)}
#: goals that measure the machine's spare CPU as much as the page (Lighthouse times the real main thread,
#: then scales it by 4): not judged when the machine is overloaded (more than OVERLOAD runnable tasks per
#: core on average while the audit ran); the table is printed either way
CPU_TIMED = ("performance", "fcp_s", "lcp_s", "tbt_ms")
OVERLOAD = 2.0
RERUNS = 2


def run_lighthouse(url: str) -> dict:
    flags = " ".join(CHROMIUM_FLAGS)
    proc = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         "--only-categories=performance,accessibility,best-practices", f"--chrome-flags={flags}",
         "--skip-audits=full-page-screenshot,screenshot-thumbnails,final-screenshot", "--max-wait-for-load=30000"],
        capture_output=True, text=True, timeout=180, env={**os.environ, "CHROME_PATH": chromium_path() or ""})
    if proc.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {proc.stderr[-2000:]}")
    lhr = json.loads(proc.stdout)
    audits, cats = lhr["audits"], lhr["categories"]
    return {"performance": cats["performance"]["score"], "fcp_s": audits["first-contentful-paint"]["numericValue"] / 1e3,
            "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1e3,
            "tbt_ms": audits["total-blocking-time"]["numericValue"], "cls": audits["cumulative-layout-shift"]["numericValue"],
            "accessibility": cats["accessibility"]["score"], "best_practices": cats["best-practices"]["score"],
            "failing_audits": sorted(k for k, a in audits.items() if a.get("score") is not None and a["score"] < 0.5
                                     and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"))[:8]}


def misses(row: dict) -> list[str]:
    out = []
    for key, (op, goal) in GOALS.items():
        value = row[key]
        if value is None or (value < goal if op == ">=" else value > goal):
            out.append(f"{key} {value} (goal {op} {goal})")
    return out


def median_row(rows: list[dict]) -> dict:
    merged = {k: statistics.median([r[k] for r in rows if r[k] is not None] or [None]) for k in GOALS}
    merged["failing_audits"] = rows[-1]["failing_audits"]
    merged["runs"] = len(rows)
    return merged


def table(results: dict) -> str:
    results = {k: v for k, v in results.items() if not k.startswith("_")}
    lines = [f"{'page':46} {'perf':>5} {'FCP s':>6} {'LCP s':>6} {'TBT ms':>7} {'CLS':>6} {'a11y':>5} {'BP':>5} runs"]
    for page, r in results.items():
        lines.append(f"{page:46} {r['performance']:>5.2f} {r['fcp_s']:>6.2f} {r['lcp_s']:>6.2f} {r['tbt_ms']:>7.0f} "
                     f"{r['cls']:>6.3f} {r['accessibility']:>5.2f} {r['best_practices']:>5.2f} {r['runs']:>4}"
                     + ("" if not misses(r) else "  MISSES: " + "; ".join(misses(r))))
    return "\n".join(lines)


@pytest.fixture(scope="module")
def lighthouse_results(site_url, request):
    if not LIGHTHOUSE.exists() or not chromium_path():
        message = "Lighthouse (npm ci) or Debian's chromium is missing"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    results = {}
    load = [os.getloadavg()[0]]
    for page in PAGES:
        rows = [run_lighthouse(f"{site_url}/{page}.html")]
        if misses(rows[0]):
            rows += [run_lighthouse(f"{site_url}/{page}.html") for _ in range(RERUNS)]
        results[page] = median_row(rows)
        load.append(os.getloadavg()[0])
    per_core = statistics.mean(load) / (os.cpu_count() or 1)
    results = {"_load_per_core": per_core, **results}
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(table(results) + "\n")
    reporter = request.config.pluginmanager.getplugin("terminalreporter")
    text = (f"\n== Lighthouse (mobile, simulated slow 4G), median of the runs; machine load "
            f"{per_core:.1f} runnable tasks per core\n" + table(results))
    if reporter is not None:
        reporter.write_line(text)
    else:
        print(text)
    return results


@pytest.mark.parametrize("page", PAGES)
def test_page_meets_the_speed_goals(lighthouse_results, page):
    row = lighthouse_results[page]
    missed = misses(row)
    overloaded = lighthouse_results["_load_per_core"] > OVERLOAD
    hard = [m for m in missed if not (overloaded and m.split()[0] in CPU_TIMED)]
    assert not hard, f"{page}: {hard}; failing audits: {row['failing_audits']}"
    if missed:
        pytest.xfail(f"{page}: {missed} not judged: the machine was overloaded "
                     f"({lighthouse_results['_load_per_core']:.1f} tasks per core); failing audits: "
                     f"{row['failing_audits']}")
