"""Course tooling (not science): reading statistics and honest time estimates for every page.

    python tools/pagestats.py            # table per page and per chapter
    python tools/pagestats.py --long     # also list every prose sentence over 35 words
    python tools/pagestats.py --write-times   # rewrite the stated times on every page, index and intro.md

For each page (chapter index pages and notebooks) it measures the prose a reader meets: words, sentences,
sentences longer than ``LONG_SENTENCE_WORDS`` words, and two standard readability formulas computed with
the ``textstat`` library (Flesch reading ease: higher is easier, 60-70 is plain English, 30-50 is typical
of university textbooks; Flesch-Kincaid grade: the US school grade the text needs).

The time estimate is

    minutes = prose words / READING_WPM + figures x MIN_PER_FIGURE + diagrams x MIN_PER_DIAGRAM
              + coding exercises x MIN_PER_CODING + written exercises x MIN_PER_WRITTEN
              + quiz questions x MIN_PER_QUIZ_QUESTION

(figures are interactive ones, counted from ``.show()`` calls; diagrams are static pictures, counted from
Markdown images; an image's alt text is for screen readers and is not counted as prose.)

READING_WPM is an assumption, not a measurement: Brysbaert (2019, J. Mem. Lang. 109:104047) found that
adults read English non-fiction silently at about 238 words per minute (most between 175 and 300); study
reading of dense science with new terms, formulas and tables to check is slower, and we assume half that
speed. The per-task minutes are assumptions too. One observation to compare with: a first-year student who
worked all of chapter 3 took about 105-115 minutes (issue 18), when the page said 60-75.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

READING_WPM = 120             # assumption: half of 238 wpm (Brysbaert 2019, silent reading of non-fiction)
MIN_PER_FIGURE = 3            # assumption: try the suggested settings of one interactive figure
MIN_PER_DIAGRAM = 1           # assumption: study one labelled static diagram
MIN_PER_CODING = 8            # assumption: one coding exercise with its check
MIN_PER_WRITTEN = 5           # assumption: one written exercise of a few sentences
MIN_PER_QUIZ_QUESTION = 1     # assumption
LONG_SENTENCE_WORDS = 35

__all__ = ["PageStats", "prose_of", "sentences", "page_stats", "chapter_pages", "READING_WPM"]


_FENCE = re.compile(r"^(```+|~~~+)")
_CITE = re.compile(r"\{cite:[a-z]+\}`[^`]*`")
_ROLE = re.compile(r"\{[a-z:-]+\}`([^`<]*?)\s*(?:<[^>]*>)?`")
_DOC = re.compile(r"\{doc\}`[^`]*`")


def prose_of(markdown: str) -> str:
    """The running text of a Markdown cell or page: no code, math, directive options, tables or HTML.

    Text inside exercise, solution and admonition directives is kept (a reader reads it); code fences,
    ``{code-cell}`` blocks, display math and table rows are dropped."""
    out, skip_fence = [], None
    in_math = False
    for line in markdown.splitlines():
        s = line.strip()
        m = _FENCE.match(s)
        if skip_fence is not None:
            if s.startswith(skip_fence) and s.rstrip("`~") == "":
                skip_fence = None
            continue
        if m:
            rest = s[len(m.group(1)):].strip()
            if rest.startswith("{") and not rest.startswith(("{code", "{glossary}", "{bibliography")):
                continue                         # an opening or closing directive fence: keep its body
            if rest == "" and out is not None:
                continue                         # closing fence of a directive
            skip_fence = m.group(1)              # a code block (or glossary/bibliography): drop it
            continue
        if s.startswith("$$"):
            in_math = not (s.endswith("$$") and len(s) > 2) and not in_math if s != "$$" else not in_math
            continue
        if in_math or s.startswith(":") or s.startswith("|") or s.startswith("<"):
            continue
        if re.match(r"^([-*+]|\d+[.)])\s", s):          # a list item starts a new sentence
            out.append("")
            line = re.sub(r"^\s*([-*+]|\d+[.)])\s+", "", line)
        out.append(line)
    text = "\n".join(out)
    text = _CITE.sub("", text)
    text = _DOC.sub("the page", text)
    text = _ROLE.sub(r"\1", text)
    text = re.sub(r"\$[^$]*\$", "x", text)                # inline math counts as one word
    text = re.sub(r"`[^`]*`", "code", text)               # inline code counts as one word
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)    # images: alt text is not read by sighted readers
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links: keep the text
    text = re.sub(r"[#*_>]+", " ", text)
    text = re.sub(r"[ \t]+([,;:.!?])", r"\1", text)  # "*Title*," is one word and a comma, not two words
    return text


_ABBREV = re.compile(r"\b(e\.g|i\.e|et al|cf|vs|approx|Fig|fig|Dr|no|No)\.", re.I)


def sentences(prose: str) -> list[str]:
    """Split running text into sentences (on . ! ? and on paragraph or list-item breaks)."""
    text = _ABBREV.sub(lambda m: m.group(1).replace(".", "<DOT>") + "<DOT>", prose)
    text = re.sub(r"(\d)\.(\d)", r"\1<DOT>\2", text)
    chunks = re.split(r"\n\s*\n|(?<=[.!?])\s+(?=\S)", text)
    out = []
    for c in chunks:
        c = " ".join(c.replace("<DOT>", ".").split())
        if len(c.split()) >= 3:
            out.append(c)
    return out


@dataclass(frozen=True)
class PageStats:
    page: str
    words: int
    sentences: int
    long_sentences: tuple[str, ...]
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    figures: int
    coding_exercises: int
    written_exercises: int
    quiz_questions: int
    diagrams: int = 0

    @property
    def reading_minutes(self) -> float:
        return self.words / READING_WPM

    @property
    def minutes(self) -> int:
        """Estimated minutes for the page, rounded up to the next 5."""
        raw = (self.reading_minutes + self.figures * MIN_PER_FIGURE + self.diagrams * MIN_PER_DIAGRAM
               + self.coding_exercises * MIN_PER_CODING
               + self.written_exercises * MIN_PER_WRITTEN + self.quiz_questions * MIN_PER_QUIZ_QUESTION)
        return int(5 * math.ceil(raw / 5))


def _cells(path: Path) -> list[tuple[str, str]]:
    if path.suffix == ".md":
        return [("markdown", path.read_text(encoding="utf-8"))]
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [(c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"])
            for c in nb["cells"]]


def _quiz_size(name: str) -> int:
    path = ROOT / "ne_lib" / "quizzes" / f"{name}.json"
    return len(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else 0


def page_stats(path: Path) -> PageStats:
    import textstat  # pinned in requirements.txt; imported here so the module loads without it

    cells = _cells(path)
    prose = "\n\n".join(prose_of(src) for kind, src in cells if kind == "markdown")
    sents = sentences(prose)
    words = sum(len(s.split()) for s in sents)
    code = "\n".join(src for kind, src in cells if kind == "code")
    exercises = [src for kind, src in cells if kind == "markdown" and "{exercise}" in src]
    # a coding exercise has a solution code cell with the coursework markers (### BEGIN SOLUTION)
    coding = min(len(exercises), sum(1 for kind, src in cells if kind == "code" and "### BEGIN SOLUTION" in src))
    quiz = sum(_quiz_size(m) for m in re.findall(r"show_quiz\(\"([a-z_]+)\"", code))
    joined = " ".join(sents)
    return PageStats(
        page=str(path.relative_to(ROOT)), words=words, sentences=len(sents),
        # the "Time: about N minutes in all: ..." line of an index is written by write_times and lists every page
        long_sentences=tuple(s for s in sents if len(s.split()) > LONG_SENTENCE_WORDS
                             and not re.match(r"Time: about \d+ minutes in all: ", s)),
        flesch_reading_ease=round(textstat.flesch_reading_ease(joined), 1) if joined else 0.0,
        flesch_kincaid_grade=round(textstat.flesch_kincaid_grade(joined), 1) if joined else 0.0,
        figures=len(re.findall(r"\.show\(\)", code)), coding_exercises=coding,
        written_exercises=len(exercises) - coding, quiz_questions=quiz,
        diagrams=sum(len(re.findall(r"!\[[^\]]*\]\([^)]*\)", src)) for kind, src in cells if kind == "markdown"))


def chapter_pages() -> dict[str, list[Path]]:
    """Chapter key -> [index page, notebooks...] in reading order (from ne_lib.chapters)."""
    sys.path.insert(0, str(ROOT))
    from ne_lib.chapters import CHAPTERS
    out = {}
    for ch in CHAPTERS.values() if hasattr(CHAPTERS, "values") else CHAPTERS:
        folder = ROOT / ch.folder
        pages = [folder / "index.md"]
        for p in ch.pages:
            nb = folder / f"{p}.ipynb"
            pages.append(nb if nb.exists() else folder / f"{p}.md")
        out[ch.key] = pages
    return out


def report(show_long: bool = False) -> str:
    lines = [f"Reading speed assumed: {READING_WPM} words/min (half of 238, Brysbaert 2019); figure "
             f"{MIN_PER_FIGURE} min, diagram {MIN_PER_DIAGRAM} min, coding exercise {MIN_PER_CODING} min, written exercise {MIN_PER_WRITTEN} "
             f"min, quiz question {MIN_PER_QUIZ_QUESTION} min (assumptions).",
             f"{'page':58} {'words':>6} {'sent':>5} {'>35w':>5} {'FRE':>6} {'FKgr':>5} {'fig':>4} {'dgm':>4} {'ex':>5} "
             f"{'quiz':>4} {'min':>4}"]
    for key, pages in chapter_pages().items():
        total = 0
        for path in pages:
            s = page_stats(path)
            total += s.minutes if not path.name == "index.md" else 0
            lines.append(f"{s.page:58} {s.words:6d} {s.sentences:5d} {len(s.long_sentences):5d} "
                         f"{s.flesch_reading_ease:6.1f} {s.flesch_kincaid_grade:5.1f} {s.figures:4d} {s.diagrams:4d} "
                         f"{s.coding_exercises:2d}+{s.written_exercises:<2d} {s.quiz_questions:4d} {s.minutes:4d}")
            if show_long:
                lines += [f"    LONG ({len(x.split())} words): {x}" for x in s.long_sentences]
        lines.append(f"{'  chapter ' + key + ' (pages, without the index page)':58} {'':>53} {total:4d}")
    return "\n".join(lines)




# --------------------------------------------------------------------------- stated times on the pages
TIME_NOTE = ("These times are estimated from the length of the text, read at 120 words per minute (an "
             "assumption for dense science text), plus a few minutes per figure, exercise and quiz question. "
             "Your own time may differ.")
_STATED = re.compile(r"\*\*Time:\*\* about (\d+) minutes")


def stated_minutes(path: Path) -> int | None:
    """The minutes a page states in its "**Time:** about N minutes" line (None if it states none)."""
    for kind, src in _cells(path):
        if kind == "markdown":
            m = _STATED.search(src)
            if m:
                return int(m.group(1))
    return None


def chapter_minutes(key: str) -> tuple[int, list[tuple[Path, int]]]:
    """(total, [(page, minutes)...]) for a chapter: its notebooks plus its index page."""
    pages = chapter_pages()[key]
    per = [(p, page_stats(p).minutes) for p in pages]
    return sum(m for _, m in per), per


def stated_chapter_total(key: str) -> int:
    """What a chapter's pages state in all: each notebook's stated minutes plus the index page's estimate."""
    pages = chapter_pages()[key]
    return page_stats(pages[0]).minutes + sum(stated_minutes(p) or 0 for p in pages[1:])


# --------------------------------------------------------------------------- writing the stated times
_TIME_LINE = re.compile(r"\*\*Time:\*\* about \d+ minutes( \([^)]*\))?\.")
_INDEX_LINE = re.compile(r"\*\*Time:\*\* about \d+ minutes in all: [^\n]*? for this page\.")
_COURSE = re.compile(r"\*\*Time:\*\* about \d+ hours for the whole course \(\d+ minutes by our estimate\)")


def _breakdown(s: PageStats) -> str:
    parts = [f"reading about {max(1, round(s.reading_minutes))}"]
    if s.figures:
        parts.append(f"{s.figures} interactive figure{'s' if s.figures > 1 else ''}")
    if s.diagrams:
        parts.append(f"{s.diagrams} diagram{'s' if s.diagrams > 1 else ''}")
    exercises = s.coding_exercises + s.written_exercises
    if exercises:
        parts.append(f"{exercises} exercise{'s' if exercises > 1 else ''}")
    if s.quiz_questions:
        parts.append("the quiz")
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def _title(path: Path) -> str:
    for kind, src in _cells(path):
        m = re.search(r"^# (.+)$", src, re.M)
        if kind == "markdown" and m:
            return m.group(1).strip()
    return path.stem


def write_times() -> list[str]:
    """Rewrite every page's **Time:** line, each index's total and the front page's course total.

    Notebooks are rewritten as nbformat writes them (JSON, indent 1); only the cell holding the time line
    changes. Returns the files changed."""
    changed = []
    grand = 0
    for key, pages in chapter_pages().items():
        for path in pages[1:]:
            s = page_stats(path)
            line = f"**Time:** about {s.minutes} minutes ({_breakdown(s)})."
            nb = json.loads(path.read_text(encoding="utf-8"))
            for cell in nb["cells"]:
                src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                if cell["cell_type"] == "markdown" and _TIME_LINE.search(src):
                    new = _TIME_LINE.sub(line, src, count=1)
                    if new != src:
                        cell["source"] = new.splitlines(keepends=True)
                        path.write_text(json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
                        changed.append(str(path.relative_to(ROOT)))
                    break
        index = pages[0]
        own = page_stats(index).minutes
        items = [f"{stated_minutes(p)} for *{_title(p)}*" for p in pages[1:]] + [f"{own} for this page"]
        total = stated_chapter_total(key)
        grand += total
        line = f"**Time:** about {total} minutes in all: " + ", ".join(items[:-1]) + " and " + items[-1] + "."
        text = index.read_text(encoding="utf-8")
        new = _INDEX_LINE.sub(line, text, count=1)
        if new != text:
            index.write_text(new, encoding="utf-8")
            changed.append(str(index.relative_to(ROOT)))
    front = ROOT / "intro.md"
    text = front.read_text(encoding="utf-8")
    new = _COURSE.sub(f"**Time:** about {round(grand / 60)} hours for the whole course ({grand} minutes by our "
                      f"estimate)", text, count=1)
    if new != text:
        front.write_text(new, encoding="utf-8")
        changed.append("intro.md")
    return changed


if __name__ == "__main__":  # pragma: no cover
    if "--write-times" in sys.argv:
        print("\n".join(write_times()) or "all stated times up to date")
    else:
        print(report(show_long="--long" in sys.argv))
