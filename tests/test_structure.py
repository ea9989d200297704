"""Section numbers that read "Chapter 1, section 1": a mini book with the course's structure extension."""

import shutil
import subprocess

import pytest
from conftest import JUPYTER_BOOK, ROOT

pytestmark = pytest.mark.book


def test_chapter_pages_are_numbered_from_one_and_hand_numbers_go(tmp_path):
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
    proc = subprocess.run([str(JUPYTER_BOOK), "build", str(book), "-W"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    html = book / "_build" / "html"
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
