"""Every chapter page states an honest time and reads at a first-year level (issue 18, issue 13 item 4).

The estimate (tools/pagestats.py) is words / 120 words per minute plus fixed minutes per figure,
exercise and quiz question. A page must state a time near what it computes (within 5 minutes or 20%,
so one added exercise does not break the build, but a page that grows a lot gets a new time); each index
states the sum of its pages' stated times, and the front page the sum of the chapters.
Update them all with: python tools/pagestats.py --write-times
"""

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import pagestats as ps  # noqa: E402  (course tooling, kept out of ne_lib)

CHAPTERS = ps.chapter_pages()
PAGES = [p for pages in CHAPTERS.values() for p in pages]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name if p.name != "index.md" else p.parent.name)
def test_no_prose_sentence_is_over_35_words(page):
    long = ps.page_stats(page).long_sentences
    assert not long, f"{page.name}: rewrite these sentences (over {ps.LONG_SENTENCE_WORDS} words):\n" + "\n".join(long)


@pytest.mark.parametrize("page", [p for p in PAGES if p.suffix == ".ipynb"], ids=lambda p: p.name)
def test_each_page_states_the_estimated_time(page):
    stated, estimate = ps.stated_minutes(page), ps.page_stats(page).minutes
    assert stated is not None and abs(stated - estimate) <= max(5, 0.2 * estimate), (
        f"{page.name} says {ps.stated_minutes(page)} minutes; the estimate is {ps.page_stats(page).minutes} "
        "(update its **Time:** line: python tools/pagestats.py --write-times)")


@pytest.mark.parametrize("key", list(CHAPTERS))
def test_each_chapter_index_states_its_total_in_the_objectives_box(key):
    index = CHAPTERS[key][0]
    text = index.read_text(encoding="utf-8")
    total = ps.stated_chapter_total(key)
    m = re.search(r"\*\*Time:\*\* about (\d+) minutes in all", text)
    assert m and int(m.group(1)) == total, f"{index}: states {m and m.group(1)}, the pages say {total} in all"
    # one template: the first admonition after the H1 and intro is the tip box with objectives, time, needs
    box = re.search(r"```\{admonition\} Learning objectives\n:class: tip\n(.*?)\n```", text, re.S)
    assert box, f"{index}: objectives must be a tip admonition titled 'Learning objectives'"
    body = box.group(1)
    assert (body.index("After this chapter you should be able to") < body.index("**Time:**")
            < body.index("**You need:**"))
    first_admonition = re.search(r"```\{admonition\} ([^\n]*)", text).group(1)
    assert first_admonition == "Learning objectives", f"{index}: the objectives box must come first"


def test_the_course_total_on_the_front_page_matches_the_chapters():
    total = sum(ps.stated_chapter_total(k) for k in CHAPTERS)
    assert f"({total} minutes by our estimate)" in (ROOT / "intro.md").read_text(encoding="utf-8")


def test_the_estimate_follows_its_formula():
    """A hand-made page: 600 words, one figure, one coding and one written exercise, no quiz."""
    s = ps.PageStats(page="x", words=600, sentences=30, long_sentences=(), flesch_reading_ease=60.0,
                     flesch_kincaid_grade=9.0, figures=1, coding_exercises=1, written_exercises=1, quiz_questions=0,
                     diagrams=1)
    raw = 600 / ps.READING_WPM + ps.MIN_PER_FIGURE + ps.MIN_PER_DIAGRAM + ps.MIN_PER_CODING + ps.MIN_PER_WRITTEN
    assert s.minutes == 5 * -(-raw // 5)


def test_sentence_splitter_and_prose_filter():
    text = ("Intro line. Next sentence has e.g. an abbreviation and 0.5 Hz.\n\n```python\ncode here is. skipped\n```\n"
            "$$x = 1$$\n- a list item without a full stop\n- another list item here")
    sents = ps.sentences(ps.prose_of(text + "\n\n![alt text for screen readers](x.svg)"))
    assert sents == ["Next sentence has e.g. an abbreviation and 0.5 Hz.", "a list item without a full stop",
                     "another list item here"]


def test_readability_report_lists_every_page_with_its_scores():
    out = ps.report()
    for page in PAGES:
        assert str(page.relative_to(ROOT)) in out
    assert "FRE" in out and "words/min" in out


@pytest.mark.parametrize("key", list(CHAPTERS))
def test_each_quiz_has_two_questions_that_read_a_figure_or_predict_with_explained_wrong_options(key):
    """Issue 18: quizzes test understanding, not only recall."""
    import json
    questions = json.loads((ROOT / "ne_lib" / "quizzes" / f"{key}.json").read_text(encoding="utf-8"))
    applied = [q for q in questions if re.search(r"\bPredict\b|\bRead the (figure|simulator)", q["question"])]
    assert len(applied) >= 2, f"{key}: {len(applied)} figure-reading or prediction questions"
    for q in applied:
        wrong = [a for a in q["answers"] if not a.get("correct")]
        assert len(wrong) >= 2, q["question"]
        for a in wrong:
            assert len(a.get("feedback", "").split()) >= 6, f"{key}: explain why '{a['answer']}' is wrong"


def test_punctuation_after_emphasis_is_not_counted_as_a_word():
    """An index's time line names each page in italics ("15 for *What NE binds*, 40 for ..."): the comma
    after a title is punctuation, so a chapter of four pages does not read as a sentence over the limit."""
    (sentence,) = ps.sentences(ps.prose_of("It takes 15 for *What NE binds*, 40 for *How the signal ends* and 5 here."))
    assert len(sentence.split()) == 16 and " ," not in sentence


def test_an_index_time_line_lists_pages_and_is_not_held_to_the_sentence_limit(tmp_path, monkeypatch):
    """The line write_times makes for an index names every page; a chapter of four pages must not fail the
    35-word rule for it, while a long sentence of prose on the same page still does."""
    monkeypatch.setattr(ps, "ROOT", tmp_path)
    titles = ", ".join(f"10 for *Page number {i} of the chapter*" for i in range(4))
    long_prose = " ".join(["word"] * 40) + "."
    page = tmp_path / "index.md"
    page.write_text(f"# T\n\n**Time:** about 45 minutes in all: {titles} and 5 for this page.\n\n{long_prose}\n")
    assert ps.page_stats(page).long_sentences == (long_prose,)
