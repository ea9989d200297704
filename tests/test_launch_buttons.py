"""The launch buttons of every notebook page open that notebook's copy for the client (built site)."""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from ne_lib import release
from ne_lib.chapters import CHAPTER_KEYS

pytestmark = pytest.mark.book

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "chapters").rglob("*.ipynb")
                   if not any(part.startswith((".", "_")) for part in p.relative_to(ROOT).parts))
OWNER_REPO = release.REPOSITORY_URL.split("github.com/")[-1].rstrip("/")


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_binder_and_colab_open_this_notebook_at_the_release(built_book, notebook):
    html_dir, _ = built_book
    page = (html_dir / notebook).with_suffix(".html").read_text(encoding="utf-8")
    links = [html.unescape(u) for u in re.findall(r'href="(https://[^"]+)"', page)]
    binder = [u for u in links if urlparse(u).netloc == "mybinder.org"]
    colab = [u for u in links if urlparse(u).netloc == "colab.research.google.com"]
    assert len(set(binder)) == 1 and len(set(colab)) == 1, (binder, colab)
    b = urlparse(binder[0])
    assert b.path == f"/v2/gh/{OWNER_REPO}/{release.JUPYTER_NOTEBOOKS_BRANCH}", \
        "Binder must open the copy made for JupyterLab (its binder/ installs the release tag, not main)"
    urlpath = parse_qs(b.query)["urlpath"][0]
    assert urlpath == f"lab/tree/{notebook}" and (ROOT / notebook).is_file()
    c = urlparse(colab[0])
    assert c.path == f"/github/{OWNER_REPO}/blob/{release.PLAIN_NOTEBOOKS_BRANCH}/{notebook}", \
        "Colab must open the plain-Markdown copy (same path on the plain branch)"


def test_repository_button_is_the_release_repository(built_book):
    html_dir, _ = built_book
    page = (html_dir / "intro.html").read_text(encoding="utf-8")
    assert f'href="{release.REPOSITORY_URL}"' in page


@pytest.mark.parametrize("key", CHAPTER_KEYS)
def test_a_chapter_index_page_launches_the_chapter_s_first_notebook(built_book, key):
    """The intro promises a rocket on each chapter page: the index page (Markdown) gets the first
    notebook's buttons, Binder on the copy made for JupyterLab, Colab on the plain copy."""
    from ne_lib import chapters

    chapter = chapters.chapter(key)
    first = f"{chapter.folder}/{chapter.pages[0]}.ipynb"
    html_dir, _ = built_book
    page = (html_dir / chapter.folder / "index.html").read_text(encoding="utf-8")
    links = [html.unescape(u) for u in re.findall(r'href="(https://[^"]+)"', page)]
    binder = [u for u in links if urlparse(u).netloc == "mybinder.org"]
    colab = [u for u in links if urlparse(u).netloc == "colab.research.google.com"]
    assert len(set(binder)) == 1 and len(set(colab)) == 1, (binder, colab)
    assert parse_qs(urlparse(binder[0]).query)["urlpath"][0] == f"lab/tree/{first}" and (ROOT / first).is_file()
    assert urlparse(binder[0]).path == f"/v2/gh/{OWNER_REPO}/{release.JUPYTER_NOTEBOOKS_BRANCH}"
    assert urlparse(colab[0]).path == f"/github/{OWNER_REPO}/blob/{release.PLAIN_NOTEBOOKS_BRANCH}/{first}"
