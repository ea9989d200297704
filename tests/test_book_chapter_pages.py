"""Every chapter's index page is built from one template (issue 13): the same blocks in the same order.

Read from the built pages, as a reader meets them: the title says "Chapter N"; the intro is followed at
once by the learning objectives box (objectives, then the time, then what you need); then the map of the
chapter lists the chapter's pages in reading order, an "About the model(s)" note and the closing lines;
the header has the launch button of the chapter's first notebook.
"""

import re

import pytest
from bs4 import BeautifulSoup, Tag

from ne_lib import chapters

pytestmark = pytest.mark.book

CHAPTERS = chapters.CHAPTERS


def _page(built_book, chapter) -> BeautifulSoup:
    html_dir, _ = built_book
    return BeautifulSoup((html_dir / chapter.folder / "index.html").read_text(encoding="utf-8"), "html.parser")


def _kind(el: Tag) -> str:
    classes = el.get("class") or []
    if el.name == "div" and "admonition" in classes:
        title = el.find(class_="admonition-title").get_text(" ", strip=True)
        kind = next(c for c in classes if c != "admonition")
        return f"{kind}: {'About the model(s)' if title.startswith('About the model') else title}"
    if el.name == "section":
        heading = el.find(['h2', 'h3']).get_text(' ', strip=True).rstrip('#').strip()
        return f"section: {heading} [{', '.join(_blocks(el)[1:])}]"
    return el.name


def _blocks(section: Tag) -> list[str]:
    """The kinds of a section's blocks in order, consecutive paragraphs counted once ("p")."""
    kinds = []
    for el in section.find_all(recursive=False):
        if "toctree-wrapper" in (el.get("class") or []):   # the hidden table of contents: not shown
            continue
        k = _kind(el)
        if not (k == "p" and kinds and kinds[-1] == "p"):
            kinds.append(k)
    return kinds


def _signature(page: BeautifulSoup) -> list[str]:
    return _blocks(page.select_one("article.bd-article > section"))


def test_every_chapter_index_page_has_the_same_blocks_in_the_same_order(built_book):
    shapes = {c.key: _signature(_page(built_book, c)) for c in CHAPTERS}
    expected = ["h1", "p", "tip: Learning objectives",
                "section: Map of the chapter [ol, note: About the model(s), p]"]
    wrong = {key: shape for key, shape in shapes.items() if shape != expected}
    assert not wrong, f"chapter index pages not in the template {expected}:\n" + "\n".join(
        f"  {key}: {shape}" for key, shape in wrong.items())


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.key)
def test_the_title_reads_chapter_n(built_book, chapter):
    h1 = _page(built_book, chapter).select_one("article.bd-article h1")
    number = h1.select_one(".section-number")
    assert number is not None and number.get_text(strip=True) == f"Chapter {chapter.number}", h1
    assert h1.get_text(" ", strip=True).startswith(f"Chapter {chapter.number} {chapter.title}")


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.key)
def test_the_objectives_box_holds_objectives_then_time_then_needs(built_book, chapter):
    box = _page(built_book, chapter).select_one("article.bd-article > section > div.tip.admonition")
    text = box.get_text(" ", strip=True)
    assert box.find("ol") is not None and len(box.find("ol").find_all("li")) >= 3, "objectives as a numbered list"
    at = [text.find(s) for s in ("After this chapter you should be able to", "Time:", "You need:")]
    assert -1 not in at and at == sorted(at), f"{chapter.key}: objectives, Time, You need, in that order: {at}"
    assert re.search(r"Time: about \d+ minutes in all", text), text


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.key)
def test_the_map_lists_the_chapter_s_pages_in_order_and_the_header_launches_the_first(built_book, chapter):
    page = _page(built_book, chapter)
    ol = page.select_one("section#map-of-the-chapter > ol")
    assert ol is not None, f"{chapter.key}: the map of the chapter is not a numbered list"
    links = [li.find("a")["href"].split("#")[0] for li in ol.find_all("li", recursive=False)]
    assert links == [f"{p}.html" for p in chapter.pages], f"{chapter.key}: the map lists {links}"
    launch = page.select_one(".dropdown-launch-buttons")
    assert launch is not None, f"{chapter.key}: no launch button"
    assert any(chapter.pages[0] in a.get("href", "") for a in launch.find_all("a")), launch
