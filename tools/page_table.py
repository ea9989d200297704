"""Before/after table of what a reader sees on every page, measured in Debian's Chromium.

    python tools/page_table.py AFTER_SITE [--before BEFORE_SITE] [--out table.json] [--pages DOC ...]

For each page of the book (``_toc.yml``, plus ``search``): the page height in CSS px at 1366 px and
at 390 px wide, the smallest figure text in CSS px on the laptop and on the phone layout (from each
flipbook's own smallest font size and its displayed width, ``site_browser.figure_text``), and the lowest
text contrast ratio axe-core measures (its ``color-contrast`` rule, every text node it could measure,
over the four modes, before and after answering the quizzes and opening the solutions). Sites are
built folders (``_build/html``); a page missing from one of them shows as "-". Prints a Markdown table
(the closing note of issue 13 has one); ``--out`` keeps the numbers.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import site_browser as sb  # noqa: E402  (the browser tests' own measurements)

CONTRAST_JS = """async () => {
  const r = await axe.run(document, {runOnly: ['color-contrast'], resultTypes: ['passes', 'violations'],
                                     preload: false});
  let low = null, where = '';
  for (const group of [r.passes, r.violations]) for (const rule of group) for (const n of rule.nodes)
    for (const check of [...n.any, ...n.all]) {
      const ratio = check.data && check.data.contrastRatio;
      if (ratio && (low === null || ratio < low)) { low = ratio; where = n.html.slice(0, 80); }
    }
  return {low, where};
}"""


def _contrast(page) -> dict:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(sb.AXE))
    return page.evaluate(CONTRAST_JS)


def measure(site: Path, pages: list[str]) -> dict:
    """{doc: {height_laptop, height_phone, fig_laptop, fig_phone, contrast, contrast_where}}."""
    from playwright.sync_api import sync_playwright

    url, server = sb.serve(site)
    out: dict[str, dict] = {}
    try:
        with sync_playwright() as p:
            browser = sb.launch(p)
            for mode in sb.MODES:
                context = sb.new_context(browser, mode)
                for doc in pages:
                    if not (site / f"{doc}.html").exists():
                        continue
                    row = out.setdefault(doc, {"contrast": None, "contrast_where": ""})
                    page, _ = sb.open_page(context, f"{url}/{doc}.html")
                    if mode.scheme == "light":
                        row[f"height_{mode.device}"] = sb.layout(page)["height"]
                        texts = [t["min_text_px"] for t in sb.figure_text(page) if t["min_text_px"]]
                        row[f"fig_{mode.device}"] = min(texts) if texts else None
                    seen = [_contrast(page)]
                    if sb.answer_quizzes(page) + sb.open_solutions(page):
                        seen.append(_contrast(page))
                    for c in seen:
                        if c["low"] is not None and (row["contrast"] is None or c["low"] < row["contrast"]):
                            row["contrast"], row["contrast_where"] = c["low"], f"{mode.name}: {c['where']}"
                    page.close()
                    print(f"{site.name} {mode.name} {doc}", file=sys.stderr, flush=True)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return out


def _num(row: dict | None, key: str, fmt: str) -> str:
    value = (row or {}).get(key)
    return "-" if value is None else format(value, fmt)


def markdown(after: dict, before: dict | None, pages: list[str]) -> str:
    cols = [("height_laptop", "d", "height 1366"), ("height_phone", "d", "height 390"),
            ("fig_laptop", ".1f", "fig. text laptop"), ("fig_phone", ".1f", "fig. text phone"),
            ("contrast", ".2f", "lowest contrast")]
    head = "| page | " + " | ".join(c[2] + (" (before → after)" if before is not None else "") for c in cols) + " |"
    lines = [head, "|---" * (len(cols) + 1) + "|"]
    for doc in pages:
        if doc not in after and (before is None or doc not in before):
            continue
        cells = []
        for key, fmt, _ in cols:
            now = _num(after.get(doc), key, fmt)
            cells.append(now if before is None else f"{_num(before.get(doc), key, fmt)} → {now}")
        lines.append(f"| {doc} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    from conftest import toc_files

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("after", type=Path, help="the built site to measure (e.g. _build/html)")
    parser.add_argument("--before", type=Path, help="an earlier build to compare with")
    parser.add_argument("--out", type=Path, help="write the numbers as JSON")
    parser.add_argument("--pages", nargs="*", help="docnames (default: every page of the book, and search)")
    args = parser.parse_args(argv)
    for site in filter(None, (args.after, args.before)):
        if not (site / "index.html").is_file():
            parser.error(f"{site}: not a built site (no index.html)")
    pages = args.pages or toc_files() + ["search"]
    after = measure(args.after, pages)
    before = measure(args.before, pages) if args.before else None
    print(markdown(after, before, pages))
    if args.out:
        args.out.write_text(json.dumps({"after": after, "before": before}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
