"""Page speed as a student on a phone meets it: Lighthouse (12.2.3, pinned in package.json) with its
mobile defaults (simulated slow 4G, 4x CPU slow-down), run with Debian's Chromium over every page
of the built site, served with gzip on 127.0.0.1 as a static host serves it. One Node process and one
browser audit every page in turn (tests/lighthouse_runner.mjs); each audit starts with the cache and
storage cleared, as a first visit.

Goals on every page: performance >= 0.90, first contentful paint <= 1.8 s, largest contentful paint
<= 2.5 s, total blocking time <= 200 ms, cumulative layout shift <= 0.1, accessibility and best
practices >= 0.95. Scores are noisy on a shared machine: each page runs once, a page below a goal
twice more, and it is judged on the median of the three. The table is printed and written to
``_build/lighthouse-report.txt``.

One known fault of headless Chromium is not the page's: now and then the compositor withholds frames
for a whole second while the page, fully loaded and idle, waits to show its first paint (viz throttles
BeginFrames, GoogleChrome/lighthouse#17148; PageSpeed Insights shows it too). Lighthouse's simulation
then counts everything fetched before that late paint as holding up the first paint, and a page that
paints in 0.3 s scores as if it took 2. A run whose first paint comes more than STALL_S after the page
finished loading is such a run: it is rerun (at most MAX_STALLED_RERUNS times), not judged, and the
table says how many runs were set aside. A page whose every run stalls is judged on them all."""

import json
import os
import select
import statistics
import subprocess
import tempfile

import pytest
from conftest import ROOT, toc_files
from site_browser import CHROMIUM_FLAGS, chromium_path

pytestmark = [pytest.mark.book, pytest.mark.lighthouse]  # run alone: it times the CPU

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
STALL_S = 0.3
MAX_STALLED_RERUNS = 2


RUNNER = ROOT / "tests" / "lighthouse_runner.mjs"   # one Node process and one browser for every audit
RUN_TIMEOUT_S = 180


class _Lighthouse:
    """tests/lighthouse_runner.mjs, started once: a URL in, one Lighthouse result out."""

    def __init__(self):
        self.log = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen(["node", str(RUNNER), json.dumps(list(CHROMIUM_FLAGS))], cwd=ROOT,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True,
                                     env={**os.environ, "CHROME_PATH": chromium_path() or ""})

    def audit(self, url: str) -> dict:
        self.proc.stdin.write(url + "\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], RUN_TIMEOUT_S)
        line = self.proc.stdout.readline() if ready else ""
        if not line:
            self.log.seek(0)
            raise RuntimeError(f"lighthouse gave no result for {url} in {RUN_TIMEOUT_S} s: {self.log.read()[-2000:]}")
        lhr = json.loads(line)
        if "error" in lhr:
            raise RuntimeError(f"lighthouse failed on {url}: {lhr['error'][-2000:]}")
        return lhr

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


_RUNNER: list[_Lighthouse] = []


def run_lighthouse(url: str) -> dict:
    if not _RUNNER:
        _RUNNER.append(_Lighthouse())
    lhr = _RUNNER[0].audit(url)
    audits, cats = lhr["audits"], lhr["categories"]
    return {"performance": cats["performance"]["score"], "fcp_s": audits["first-contentful-paint"]["numericValue"] / 1e3,
            "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1e3,
            "tbt_ms": audits["total-blocking-time"]["numericValue"], "cls": audits["cumulative-layout-shift"]["numericValue"],
            "accessibility": cats["accessibility"]["score"], "best_practices": cats["best-practices"]["score"],
            "stalled": _stalled(audits),
            "failing_audits": sorted(k for k, a in audits.items() if a.get("score") is not None and a["score"] < 0.5
                                     and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"))[:8]}


def _stalled(audits: dict) -> bool:
    """The page had loaded but its first paint was withheld (lighthouse#17148; see the module docstring)."""
    observed = (audits.get("metrics", {}).get("details", {}).get("items") or [{}])[0]
    fcp, load = observed.get("observedFirstContentfulPaint"), observed.get("observedLoad")
    return fcp is not None and load is not None and (fcp - load) / 1e3 > STALL_S


def audit_page(url: str) -> tuple[list[dict], int]:
    """The runs a page is judged on, and how many stalled runs were set aside."""
    runs, stalled = [], []
    while len(stalled) <= MAX_STALLED_RERUNS:
        row = run_lighthouse(url)
        (stalled if row["stalled"] else runs).append(row)
        if runs and (not misses(runs[0]) or len(runs) == 1 + RERUNS):
            break
    return (runs or stalled), len(stalled) if runs else 0


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
    merged["set_aside"] = 0
    return merged


def table(results: dict) -> str:
    results = {k: v for k, v in results.items() if not k.startswith("_")}
    lines = [f"{'page':46} {'perf':>5} {'FCP s':>6} {'LCP s':>6} {'TBT ms':>7} {'CLS':>6} {'a11y':>5} {'BP':>5} runs set-aside"]
    for page, r in results.items():
        lines.append(f"{page:46} {r['performance']:>5.2f} {r['fcp_s']:>6.2f} {r['lcp_s']:>6.2f} {r['tbt_ms']:>7.0f} "
                     f"{r['cls']:>6.3f} {r['accessibility']:>5.2f} {r['best_practices']:>5.2f} {r['runs']:>4} {r['set_aside']:>9}"
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
        rows, set_aside = audit_page(f"{site_url}/{page}.html")
        results[page] = {**median_row(rows), "set_aside": set_aside}
        load.append(os.getloadavg()[0])
    while _RUNNER:
        _RUNNER.pop().close()
    per_core = statistics.mean(load) / (os.cpu_count() or 1)
    results = {"_load_per_core": per_core, **results}
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(table(results) + "\n")
    reporter = request.config.pluginmanager.getplugin("terminalreporter")
    text = (f"\n== Lighthouse (mobile, simulated slow 4G), median of the runs judged (runs whose first paint headless "
            f"Chromium withheld, lighthouse#17148, set aside); machine load "
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


def _fake_row(fcp_s: float, stalled: bool) -> dict:
    return {"performance": 0.95, "fcp_s": fcp_s, "lcp_s": 2.0, "tbt_ms": 50.0, "cls": 0.0, "accessibility": 1.0,
            "best_practices": 1.0, "failing_audits": [], "stalled": stalled}


def test_a_run_whose_first_paint_was_withheld_is_set_aside_not_judged(monkeypatch):
    """The stall rule itself: stalled runs are rerun and left out; a good page passes on its clean run, and
    a slow page is still judged (and fails) on its clean runs."""
    assert _stalled({"metrics": {"details": {"items": [{"observedFirstContentfulPaint": 1250,
                                                           "observedLoad": 360}]}}})
    assert not _stalled({"metrics": {"details": {"items": [{"observedFirstContentfulPaint": 270,
                                                               "observedLoad": 400}]}}})
    import test_page_speed as module

    runs = iter([_fake_row(4.0, True), _fake_row(1.2, False)])
    monkeypatch.setattr(module, "run_lighthouse", lambda url: next(runs))
    rows, set_aside = module.audit_page("x")
    assert set_aside == 1 and [r["fcp_s"] for r in rows] == [1.2] and not misses(median_row(rows))
    runs = iter([_fake_row(2.4, False), _fake_row(4.0, True), _fake_row(2.2, False), _fake_row(2.6, False)])
    monkeypatch.setattr(module, "run_lighthouse", lambda url: next(runs))
    rows, set_aside = module.audit_page("x")
    assert set_aside == 1 and len(rows) == 3 and misses(median_row(rows)) == ["fcp_s 2.4 (goal <= 1.8)"]
