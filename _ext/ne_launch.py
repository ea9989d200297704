"""Launch buttons and the repository button, from the course's release (ne_lib.release).

- The repository URL comes from ``ne_lib.release.REPOSITORY_URL`` (its one place), not _config.yml.
- Binder and Colab open the release tag (``RELEASE_REF``), never the moving main branch.
- Colab cannot render MyST, so its button opens the plain-Markdown copy of the notebook, published on
  the ``PLAIN_NOTEBOOKS_BRANCH`` branch at the same path (see CONTRIBUTING.md, "Clients").
- jupyterlab-myst renders only part of the course's MyST (no cross-file glossary terms, no citations,
  gated solutions in view), so the Binder button opens the copy made for JupyterLab, on the
  ``JUPYTER_NOTEBOOKS_BRANCH`` branch (same path; its binder/ folder installs the release tag).

A chapter's index page (Markdown, so the theme gives it no launch button) gets the launch button of
the chapter's first notebook, made by the theme's own function for that notebook.

The buttons are changed in the theme's own data (``context["header_buttons"]``), not in the HTML; a
notebook page without the expected buttons is a warning, so a theme change fails the ``-W`` build.
"""
from __future__ import annotations

from sphinx.util import logging

from ne_lib import release

logger = logging.getLogger(__name__)


def _set_repository(app, config):
    opts = dict(config.html_theme_options or {})
    opts["repository_url"] = release.REPOSITORY_URL
    opts["repository_branch"] = release.RELEASE_REF
    config.html_theme_options = opts


def colab_url(path: str) -> str:
    owner_repo = release.REPOSITORY_URL.rstrip("/").split("github.com/")[-1]
    return (f"https://colab.research.google.com/github/{owner_repo}/blob/"
            f"{release.PLAIN_NOTEBOOKS_BRANCH}/{path}")


def _point_colab_at_plain_copies(app, pagename, templatename, context, doctree):
    groups = [b for b in context.get("header_buttons", []) if b.get("label") == "launch-buttons"]
    if not groups:
        return  # not a notebook page
    buttons = groups[0]["buttons"]
    colab = [b for b in buttons if b.get("text") == "Colab"]
    binder = [b for b in buttons if b.get("text") == "Binder"]
    if len(colab) != 1 or len(binder) != 1:
        logger.warning(f"ne_launch: {pagename}: expected one Binder and one Colab launch button, "
                       f"found {[b.get('text') for b in buttons]} (did sphinx-book-theme change?)")
        return
    marker = f"/blob/{release.RELEASE_REF}/"
    if marker not in colab[0]["url"]:
        logger.warning(f"ne_launch: {pagename}: Colab URL {colab[0]['url']} does not hold {marker}")
        return
    colab[0]["url"] = colab_url(colab[0]["url"].split(marker, 1)[1])
    colab[0]["tooltip"] = "Launch on Colab (a plain-Markdown copy of this notebook)"
    url = binder_url(binder[0]["url"])
    if url is None:
        logger.warning(f"ne_launch: {pagename}: Binder URL {binder[0]['url']} does not open {release.RELEASE_REF}")
        return
    binder[0]["url"] = url
    binder[0]["tooltip"] = "Launch on Binder (this notebook, made for JupyterLab)"


def binder_url(theme_url: str) -> str | None:
    """The theme's Binder URL (``.../v2/gh/OWNER/REPO/<release tag>?urlpath=...``) on the Jupyter copies' branch."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(theme_url)
    if not parts.path.endswith(f"/{release.RELEASE_REF}"):
        return None
    path = parts.path[: -len(release.RELEASE_REF)] + release.JUPYTER_NOTEBOOKS_BRANCH
    return urlunsplit(parts._replace(path=path))


def _launch_from_chapter_index(app, pagename, templatename, context, doctree):
    from ne_lib import chapters

    index = {c.folder + "/index": c for c in chapters.CHAPTERS}
    chapter = index.get(pagename)
    buttons = context.get("header_buttons")
    if chapter is None or buttons is None or any(b.get("label") == "launch-buttons" for b in buttons):
        return
    from sphinx_book_theme.header_buttons.launch import add_launch_buttons

    first = f"{chapter.folder}/{chapter.pages[0]}"
    notebook_context = {**context, "pagename": first, "header_buttons": [], "sourcename": f"{first}.ipynb",
                        "page_source_suffix": ".ipynb"}
    add_launch_buttons(app, first, templatename, notebook_context, doctree)
    groups = [b for b in notebook_context["header_buttons"] if b.get("label") == "launch-buttons"]
    if len(groups) != 1:
        logger.warning(f"ne_launch: {pagename}: the theme made no launch button for {first} "
                       "(did sphinx-book-theme change?)", location=pagename)
        return
    group = groups[0]
    group["tooltip"] = f"Launch the chapter's first notebook ({chapter.number}.1)"
    buttons.insert(0, group)


def setup(app):
    app.connect("config-inited", _set_repository)
    app.connect("html-page-context", _launch_from_chapter_index, priority=505)
    app.connect("html-page-context", _point_colab_at_plain_copies, priority=510)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
