"""`make bench`: speed and weight figures for the course, one line each, with the budgets.

Budgets (issue 9): figure update median <= 50 ms and p95 <= 100 ms, model alone <= 5 ms;
clean build with execution <= 3x the build without, rebuild after editing one science module <= 1.5x,
no-change rebuild <= 1.1x (issue 17); nbval over all chapters <= 60 s; a chapter page <= 3 MB.
Absolute times are for the 2-core reference machine; ratios hold anywhere.

Options: --quick (`make bench QUICK=1`: a short run for `make test`, well under a minute: a few
slider positions per figure, one notebook, weights of an existing _build/html; no nbval, no builds),
--updates N (slider positions per figure).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from ne_lib import contract

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from checkout_copy import copy_checkout  # noqa: E402

JB = str(Path(sys.executable).with_name("jupyter-book"))


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER BUDGET"


def percentile(values, q):
    return float(np.percentile(np.asarray(values), q))


def bench_figures(n_updates: int) -> None:
    from ne_lib.interactive import all_figures

    print(f"== Interactive figures: one live update (model + redraw + PNG), {n_updates} random slider positions")
    rng = np.random.default_rng(2026)
    for figure in all_figures():
        fig = figure.render()  # first render (layout) is not an update
        figure.image_bytes(fig)
        total, model = [], []
        for _ in range(n_updates):
            values = figure.random_values(rng)
            t0 = time.perf_counter()
            figure.compute(**values)
            model.append((time.perf_counter() - t0) * 1e3)
            t0 = time.perf_counter()
            figure.render(fig, **values)
            figure.image_bytes(fig)
            total.append((time.perf_counter() - t0) * 1e3)
        med, p95 = statistics.median(total), percentile(total, 95)
        mmed = statistics.median(model)
        ok = med <= 50 and p95 <= 100 and mmed <= 5
        print(f"{figure.name}: median {med:.1f} ms, p95 {p95:.1f} ms; model alone median {mmed:.2f} ms, "
              f"p95 {percentile(model, 95):.2f} ms [{verdict(ok)}]")


def bench_notebooks(limit: int | None = None) -> float:
    import nbformat
    from nbclient import NotebookClient

    paths = sorted((ROOT / "chapters").rglob("*.ipynb"))
    if limit is not None:
        paths = sorted(paths, key=lambda p: p.stat().st_size)[:limit]  # the smallest, for a quick run
    print(f"== Notebooks: execution in a fresh kernel (live mode, as a student runs them), {len(paths)} of them")
    env_flag = os.environ.pop(contract.BUILD_ENV, None)
    total = 0.0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        t0 = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        elapsed = time.perf_counter() - t0
        total += elapsed
        print(f"{path.relative_to(ROOT)}: {elapsed:.1f} s [{verdict(elapsed <= 20)}]")
    if env_flag is not None:
        os.environ[contract.BUILD_ENV] = env_flag
    print(f"all notebooks, one after another: {total:.1f} s")
    return total


def bench_nbval() -> None:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "loadfile", "--nbval-lax",
                           "--nbval-current-env", "-p", "no:cacheprovider", "chapters"], cwd=ROOT,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    status = "passed" if proc.returncode == 0 else f"FAILED (exit {proc.returncode})"
    print(f"nbval over all chapters (-n 2 --dist loadfile): {elapsed:.1f} s, {status} [{verdict(elapsed <= 60)}]")


def _build(out: Path, config: Path | None = None, source: Path = ROOT, label: str = "") -> float:
    cmd = [JB, "build", str(source), "--path-output", str(out)]
    if config:
        cmd += ["--config", str(config)]
    # the kernels import the ne_lib of the copy being built (not the editable install's), so an edit
    # made by the bench reaches the code that runs, as it does for an author
    profile = out.parent / f"profile-{out.name}-{len(list(out.parent.glob('profile-*')))}.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(source), os.environ.get("PYTHONPATH")])),
           "NE_BUILD_PROFILE": str(profile)}   # _ext/ne_profile.py: where the time goes
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    elapsed = time.perf_counter() - t0
    if label and profile.exists():
        print_profile(label, json.loads(profile.read_text()))
    return elapsed


def print_profile(label: str, p: dict) -> None:
    """One line per build: its phases (see _ext/ne_profile.py), the slowest pages read, pages written."""
    slow = sorted(p["read_by_page"].items(), key=lambda kv: -kv[1])[:3]
    print(f"  profile of the {label}: start {p['start_s']:.1f} s, read {p['read_s']:.1f} s "
          f"({len(p['read_by_page'])} pages; slowest " + ", ".join(f"{d.split('/')[-1]} {t:.1f} s" for d, t in slow)
          + f"), between {p['between_s']:.1f} s, write {p['write_s']:.1f} s ({len(p['written'])} pages), "
          f"finish {p['finish_s']:.1f} s; total {p['total_s']:.1f} s")


def _copy_of_the_course(dest: Path) -> Path:
    """The repository's files (tracked and new) in ``dest``: a copy the bench may edit."""
    copy_checkout(dest, ROOT)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


EDITED_MODULE = "ne_lib/metabolism.py"  # one science module (used by chapter 1's pages only)


def bench_build() -> Path:
    """Four builds in one run, as ratios to the build without execution (issue 17's goals)."""
    print("== Book build")
    tmp = Path(tempfile.mkdtemp(prefix="ne-bench-"))
    src = _copy_of_the_course(tmp / "src")
    no_exec_config = tmp / "_config_noexec.yml"
    text = (src / "_config.yml").read_text()
    text = re.sub(r"execute_notebooks:\s*\w+", "execute_notebooks: \"off\"", text)
    text = re.sub(r"(\n\s+\w+): _ext\n", lambda m: f"{m.group(1)}: {src / '_ext'}\n", text)  # relative to --config
    no_exec_config.write_text(text)
    from ne_lib.interactive_frames import read_log

    frame_log = tmp / "on" / "_build" / "ne_frames" / "log.txt"   # the frame cache's (ne_lib.interactive_frames)

    def build_on(label: str) -> tuple[float, dict]:
        frame_log.unlink(missing_ok=True)
        return _build(tmp / "on", source=src, label=label), read_log(frame_log.parent)

    t_off = _build(tmp / "off", no_exec_config, src, label="build without execution")
    t_clean, f_clean = build_on("clean build")
    t_cached, f_cached = build_on("rebuild with nothing changed")
    with open(src / EDITED_MODULE, "a", encoding="utf-8") as f:
        f.write("\n# an edit made by make bench\n")
    t_edit, f_edit = build_on(f"rebuild after editing {EDITED_MODULE}")
    print(f"build without execution: {t_off:.1f} s")
    for label, t, goal, counts in (("clean build with execution", t_clean, 3.0, f_clean),
                                   (f"rebuild after editing {EDITED_MODULE}", t_edit, 1.5, f_edit),
                                   ("rebuild with nothing changed", t_cached, 1.1, f_cached)):
        print(f"{label}: {t:.1f} s = {t / t_off:.2f}x without execution [{verdict(t <= goal * t_off)}] "
              f"(goal {goal}x); flipbook frames drawn {counts['rendered']}, from the cache {counts['cached']}")
    return tmp / "on" / "_build" / "html"


def _gzip_size(path: Path) -> int:
    import gzip

    data = path.read_bytes()
    return len(gzip.compress(data, 6)) if path.suffix in {".html", ".css", ".js", ".svg", ".json"} else len(data)


def _local(page: Path, url: str, html: Path) -> Path | None:
    if url.startswith(("http:", "https:", "data:", "//")):
        return None
    target = (page.parent / url.split("?")[0].split("#")[0]).resolve()
    return target if target.is_file() and html.resolve() in target.parents else None


def page_transfer(page: Path, html: Path) -> dict:
    """What a phone fetches for ``page`` before the reader does anything, gzipped as a static host
    serves text: the HTML, every stylesheet and script it links, the icon fonts, and each image not
    marked lazy (a flipbook's default frame at the phone's 2x size); lazy frames are counted apart."""
    text = page.read_text()
    assets = set(re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', text))
    assets |= set(re.findall(r'<script[^>]+src="([^"]+)"', text))
    sizes = {"html": _gzip_size(page), "css_js": 0, "fonts": 0, "images": 0, "lazy_images": 0}
    for url in assets:
        target = _local(page, url, html)
        if target:
            sizes["css_js"] += _gzip_size(target)
    if "fa-" in text:  # the icon fonts cut down to the site's icons (_ext/ne_pagespeed.py), else the theme's
        fonts = html / "_static" / "ne-icons"
        if not fonts.is_dir():
            fonts = html / "_static" / "vendor" / "fontawesome" / "webfonts"
        sizes["fonts"] = sum(p.stat().st_size for p in fonts.glob("*.woff2") if "regular" not in p.name)
    for picture in re.findall(r"<picture>(.*?)</picture>", text, re.S):
        phone = re.search(r'<source[^>]+srcset="[^"]*?([^", ]+) 2x"', picture)
        lazy = 'loading="lazy"' in picture
        target = _local(page, phone.group(1), html) if phone else None
        if target:
            sizes["lazy_images" if lazy else "images"] += target.stat().st_size
    for tag in re.findall(r"<img [^>]*>", re.sub(r"<picture>.*?</picture>", "", text, flags=re.S)):
        src = re.search(r'src="([^"]+)"', tag)
        target = _local(page, src.group(1), html) if src else None
        if target:
            sizes["lazy_images" if 'loading="lazy"' in tag else "images"] += target.stat().st_size
    sizes["before_interaction"] = sizes["html"] + sizes["css_js"] + sizes["fonts"] + sizes["images"]
    return sizes


def bench_weights(html: Path) -> None:
    print("== Page transfer before any interaction (gzipped; shared assets counted on every page; "
          "budget 500 KB). Lazy: the other figures' default frames, fetched as the reader scrolls")
    pages = [html / "intro.html"] + sorted(html.glob("chapters/**/*.html"))
    for page in pages:
        s = page_transfer(page, html)
        flipbooks = page.read_text().count('<figure class="ne-flipbook"')
        print(f"{page.relative_to(html)}: {s['before_interaction'] / 1e3:.0f} KB (HTML {s['html'] / 1e3:.0f}, "
              f"CSS+JS {s['css_js'] / 1e3:.0f}, fonts {s['fonts'] / 1e3:.0f}, images {s['images'] / 1e3:.0f}; "
              f"lazy {s['lazy_images'] / 1e3:.0f} KB; {flipbooks} flipbooks) "
              f"[{verdict(s['before_interaction'] <= 500e3)}]")
    frames = html / "_images" / "ne-frames"
    if frames.is_dir():
        files = list(frames.glob("*.webp"))
        print(f"flipbook frames on disk (fetched only when a reader moves a figure): {len(files)} files, "
              f"{sum(p.stat().st_size for p in files) / 1e6:.1f} MB")


def bench_grading(students: int, jobs: int = 2, chapter: str = "disorders", runner: str = "auto") -> None:
    """Grade one chapter's notebooks for ``students`` students (answers filled in), ``jobs`` at a time."""
    import nbformat

    from ne_lib.coursework import grade_folder, remove_marker_lines, student_notebook

    chapters = ROOT / "chapters"
    sources = sorted((chapters / chapter).glob("*.ipynb"))
    how = {"kernel": "a Jupyter kernel per notebook"}.get(runner, "each notebook forked from a warm server per job")
    print(f"== Grading: {students} students x {len(sources)} notebooks of chapter {chapter}, JOBS={jobs}, "
          f"runner {runner} ({how}; each in its own limited process, checks evaluated by the grader)")
    with tempfile.TemporaryDirectory(prefix="ne-bench-grade-") as tmp:
        subs = Path(tmp)
        for k in range(students):
            for src in sources:
                instructor = nbformat.read(src, as_version=4)
                reference = {c.get("id"): remove_marker_lines(c.source) for c in instructor.cells}
                nb = student_notebook(instructor, source=src.relative_to(ROOT).as_posix())
                # a third of the students solve nothing, a third hand in a wrong constant, a third the
                # reference answers (which run the models)
                for cell in nb.cells:
                    if not cell.get("metadata", {}).get(contract.COURSEWORK_METADATA_KEY, {}).get("exercise"):
                        continue
                    if k % 3 == 1:
                        cell.source = re.sub(r"^(\w+) = None", r"\1 = 1.5", cell.source, flags=re.M)
                    elif k % 3 == 2 and cell.get("id") in reference:
                        cell.source = reference[cell.get("id")]
                target = subs / f"s{k:02d}" / src.name
                target.parent.mkdir(parents=True, exist_ok=True)
                nbformat.write(nb, target)
        import resource

        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        rows = grade_folder(subs, timeout=120, chapters_dir=chapters, jobs=jobs, runner=runner)
        elapsed = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    n = students * len(sources)
    ran = sum(1 for r in rows if r.exercise == "(notebook)" and r.passed)
    checks = [r for r in rows if r.exercise != "(notebook)" and r.passed is not None]
    print(f"{n} submitted notebooks ({ran} ran to the end; {sum(bool(r.passed) for r in checks)} of "
          f"{len(checks)} checks passed) in {elapsed:.1f} s: {elapsed / students:.2f} s per submission (one "
          f"student's {len(sources)} notebooks), {elapsed / n:.2f} s per notebook "
          f"[{verdict(elapsed / students * 30 <= 120)}: 30 submissions of the chapter in "
          f"{elapsed / students * 30:.0f} s, budget 120 s]; CPU {cpu / n:.2f} s per notebook (every process), "
          f"so {cpu / n * 30 * len(sources) / jobs:.0f} s for 30 submissions on {jobs} idle cores")


def bench_environment() -> None:
    def du(path: Path) -> float:
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6

    print("== Installed environment")
    venv = ROOT / ".venv"
    if venv.exists():
        print(f".venv: {du(venv):.0f} MB")
    if (ROOT / "node_modules").exists():
        print(f"node_modules: {du(ROOT / 'node_modules'):.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="short run (a few slider positions, one notebook, no nbval, no builds)")
    parser.add_argument("--updates", type=int, default=None, help="slider positions per figure (60; quick: 5)")
    args = parser.parse_args()
    if args.updates is not None and args.updates < 1:
        parser.error(f"--updates must be a positive integer, got {args.updates}")
    os.chdir(ROOT)
    t0 = time.perf_counter()
    bench_figures(args.updates or (5 if args.quick else 60))
    bench_grading(1 if args.quick else 30)
    if not args.quick:
        bench_grading(2, runner="kernel")      # the runner used where fork is not available, for comparison
    if args.quick:
        bench_notebooks(limit=1)
        html = ROOT / "_build" / "html"
        if (html / "intro.html").exists():
            bench_weights(html)
        else:
            print("== Page weight: skipped (no _build/html yet; `make book` first, or run `make bench` in full)")
    else:
        bench_notebooks()
        bench_nbval()
        html = bench_build()
        bench_weights(html)
    bench_environment()
    print(f"== bench {'(quick) ' if args.quick else ''}finished in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
