"""Section numbers that read "Chapter 1, section 1": a mini book with the course's structure extension."""

import json
import os
import shutil
import subprocess

import pytest
from conftest import JUPYTER_BOOK, ROOT

pytestmark = pytest.mark.book


def _mini_book(tmp_path):
    book = tmp_path / "mini"
    (book / "chapters" / "ch").mkdir(parents=True)
    shutil.copytree(ROOT / "_ext", book / "_ext")
    (book / "_config.yml").write_text(
        "title: mini\nonly_build_toc_files: true\nexclude_patterns: [_build]\n"
        "sphinx:\n  local_extensions:\n    ne_structure: _ext\n")
    (book / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nparts:\n  - caption: Chapters\n    numbered: true\n    chapters:\n"
        "      - file: chapters/ch/index\n        sections:\n          - file: chapters/ch/page\n")
    (book / "intro.md").write_text("# Intro\n\nWelcome.\n")
    (book / "chapters" / "ch" / "index.md").write_text("# The chapter\n\nText.\n\n## Map of the chapter\n\nMap.\n")
    (book / "chapters" / "ch" / "page.md").write_text("# The page\n\n## 1. First part\n\nA.\n\n## 2. Second part\n\nB.\n")
    return book


def _build(book, **env):
    proc = subprocess.run([str(JUPYTER_BOOK), "build", str(book), "-W"], capture_output=True, text=True,
                          env={**os.environ, **env})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return book / "_build" / "html"


def _written(html):
    return {str(p.relative_to(html)): p.stat().st_mtime_ns for p in html.rglob("*.html")}


def test_chapter_pages_are_numbered_from_one_and_hand_numbers_go(tmp_path):
    html = _build(_mini_book(tmp_path))
    page = (html / "chapters" / "ch" / "page.html").read_text()
    index = (html / "chapters" / "ch" / "index.html").read_text()
    assert '<span class="section-number">1.1. </span>The page' in page
    assert '<span class="section-number">1.1.1. </span>First part' in page
    assert '<span class="section-number">1.1.2. </span>Second part' in page
    assert "</span>1. First part" not in page and ">1. First part" not in page   # no hand number left
    assert '<span class="section-number">1.2. </span>' not in page     # the index's heading took no number
    assert '<span class="section-number ne-chapter-number">Chapter 1</span> The chapter' in index  # "Chapter 1" title
    assert "Map of the chapter" in index and '</span>Map of the chapter' not in index
    assert "1.1. The page" in index          # the sidebar and the chapter's contents agree


def test_a_rebuild_writes_only_the_pages_that_changed_and_keeps_their_numbers(tmp_path):
    """The renumbering must not make every chapter page look changed to Sphinx on each build.

    Sphinx itself writes an edited page's toctree parent and the root page again (their navigation shows
    its title); the other chapter's pages must stay as they were."""
    book = _mini_book(tmp_path)
    (book / "chapters" / "ch2").mkdir()
    (book / "chapters" / "ch2" / "index.md").write_text("# The second chapter\n\nText.\n")
    (book / "chapters" / "ch2" / "page.md").write_text("# Its page\n\n## 1. Part\n\nC.\n")
    with (book / "_toc.yml").open("a") as toc:
        toc.write("      - file: chapters/ch2/index\n        sections:\n          - file: chapters/ch2/page\n")
    with (book / "_config.yml").open("a") as config:
        config.write("    ne_profile: _ext\n")   # under sphinx: local_extensions: (make bench's profile)
    html = _build(book)
    first = _written(html)
    assert _build(book) and _written(html) == first, "a rebuild with nothing changed wrote pages again"
    (book / "chapters" / "ch" / "page.md").write_text(
        "# The page\n\n## 1. First part\n\nA, edited.\n\n## 2. Second part\n\nB.\n")
    _build(book, NE_BUILD_PROFILE=str(tmp_path / "profile.json"))
    third = _written(html)
    rewritten = {name for name in first if third[name] != first[name]}
    assert "chapters/ch/page.html" in rewritten
    assert rewritten <= {"chapters/ch/page.html", "chapters/ch/index.html", "intro.html", "genindex.html",
                         "search.html"}, rewritten
    page = (html / "chapters" / "ch" / "page.html").read_text()
    assert "A, edited." in page
    assert '<span class="section-number">1.1.1. </span>First part' in page   # still "Chapter 1, section 1"
    assert '<span class="section-number">2.1.1. </span>Part' in (html / "chapters" / "ch2" / "page.html").read_text()
    # the build profile make bench prints (_ext/ne_profile.py) saw the same: one page read, those written
    profile = json.loads((tmp_path / "profile.json").read_text())
    assert list(profile["read_by_page"]) == ["chapters/ch/page"]
    assert {f"{d}.html" for d in profile["written"]} == rewritten
    phases = ("start_s", "read_s", "between_s", "write_s", "finish_s")
    assert all(profile[k] >= 0 for k in phases)
    assert sum(profile[k] for k in phases) <= profile["total_s"] + 0.05


def test_a_label_moved_to_a_page_read_earlier_does_not_warn_in_a_rebuild(tmp_path):
    """The split of a page moves its labels (exercises, sections) to new pages; a rebuild must take that."""
    book = _mini_book(tmp_path)
    (book / "chapters" / "ch" / "page.md").write_text("# The page\n\n(the-part)=\n## A part\n\nA.\n")
    (book / "chapters" / "ch" / "index.md").write_text("# The chapter\n\nSee {ref}`the-part`.\n")
    _build(book)
    # the part moves to a new page, "a_page", which Sphinx reads before "page"
    (book / "chapters" / "ch" / "a_page.md").write_text("# A page\n\n(the-part)=\n## A part\n\nA, moved.\n")
    (book / "chapters" / "ch" / "page.md").write_text("# The page\n\nNothing else.\n")
    toc = (book / "_toc.yml").read_text()
    (book / "_toc.yml").write_text(toc.replace("          - file: chapters/ch/page\n",
                                               "          - file: chapters/ch/a_page\n          - file: chapters/ch/page\n"))
    html = _build(book)   # -W: a "duplicate label" warning fails it
    assert "a_page.html#the-part" in (html / "chapters" / "ch" / "index.html").read_text()
