"""Sphinx extension: section numbers that read "Chapter 4, section 1".

1. A chapter's index page numbers only its chapter ("4."): its own headings (the map of the chapter,
   objectives) are left unnumbered, so the chapter's first notebook is "4.1", not "4.3".
2. Headings written with their own number ("## 1. How a drug meets...") lose the hand-written
   number, which the book's numbering already gives ("4.1.1."), instead of showing both.

3. A chapter index page's title reads "Chapter 4" above its name (the theme wrote "4. Name"), so a
   reader knows where a chapter starts; its pages keep "4.1", "4.2".

A chapter index page that lists no pages, or whose title has no chapter number to rewrite, is a
warning (so ``-W`` fails when jupyter-book or the theme changes how they are made).

Rebuilds: Sphinx's numbering collector compares the numbers it assigns with the ones the last build
kept, and asks for every page whose numbers differ to be written again. The kept numbers are the
rewritten ones, so it would find every chapter page changed on every build, and a rebuild with
nothing changed would write them all. So the collector's own numbers are kept aside and put back
before it runs, and the rewrite reports only the pages whose final numbers changed.
"""

from __future__ import annotations

import copy
import re

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

logger = logging.getLogger(__name__)
_HAND_NUMBER = re.compile(r"^\s*\d+(\.\d+)*\.\s+")
_CHAPTER_INDEX = re.compile(r"^chapters/[^/]+/index$")


def _strip_hand_numbers(app, doctree):
    """Before the table of contents is collected: '1. Title' headings become 'Title'."""
    if not app.env.docname.startswith("chapters/"):
        return
    for section in doctree.findall(nodes.section):
        title = section.next_node(nodes.title)
        if title is None or not title.children or not isinstance(title.children[0], nodes.Text):
            continue
        text = str(title.children[0])
        if _HAND_NUMBER.match(text):
            title.children[0].parent.replace(title.children[0], nodes.Text(_HAND_NUMBER.sub("", text, count=1)))


def _restore_collector_numbers(app, env):
    """Before the collector (priority 500): the numbers it assigned last time, not the rewritten ones."""
    kept = getattr(env, "ne_collector_secnumbers", None)
    if kept is not None:
        env.toc_secnumbers = copy.deepcopy(kept)
    return []


def _renumber_chapters(app, env):
    """Rewrite the numbers (see below) and return the pages whose final numbers changed."""
    env.ne_collector_secnumbers = copy.deepcopy(env.toc_secnumbers)
    touched = _rewrite_chapter_numbers(env)
    before = getattr(env, "ne_final_secnumbers", {})
    env.ne_final_secnumbers = copy.deepcopy(env.toc_secnumbers)
    return [doc for doc in touched if env.toc_secnumbers.get(doc) != before.get(doc)]


def _rewrite_chapter_numbers(env):
    """After the section numbers are assigned: a chapter index's own sections lose theirs and its pages
    are numbered from 1 ("4.1", "4.1.1"), wherever the index's headings had taken numbers first.

    (jupyter-book's sphinx-multitoc-numbering assigns the numbers, ignoring Sphinx's own
    ``skip_section_number``; so the numbers are rewritten here, in the environment the writer reads.)"""
    changed = []
    for docname in sorted(env.toc_secnumbers):
        if not _CHAPTER_INDEX.match(docname):
            continue
        numbers = env.toc_secnumbers[docname]
        chapter = numbers.get("")
        toc = env.tocs.get(docname)
        if not chapter or toc is None:
            continue
        for anchor in list(numbers):
            if anchor:
                numbers[anchor] = ()
        _set_reference_numbers(toc, docname, numbers)
        children = [ref for tree in toc.findall(addnodes.toctree) for _, ref in tree["entries"]]
        if not children:
            logger.warning(f"ne_structure: chapter page {docname} lists no pages", location=docname)
        for k, child in enumerate(children, start=1):
            child_numbers = env.toc_secnumbers.get(child)
            if not child_numbers or not child_numbers.get(""):
                continue
            old = tuple(child_numbers[""])
            new = tuple(chapter) + (k,)
            for anchor, number in list(child_numbers.items()):
                if number and tuple(number[:len(old)]) == old:
                    child_numbers[anchor] = new + tuple(number[len(old):])
            _set_reference_numbers(env.tocs[child], child, child_numbers)
            title = env.titles.get(child)
            if title is not None:
                title["secnumber"] = list(new)
            changed.append(child)
        # the index's own toc entries for its pages (the sidebar and the chapter's map) follow
        for reference in toc.findall(nodes.reference):
            target = reference.get("refuri")
            if target in children and env.toc_secnumbers.get(target, {}).get(""):
                reference["secnumber"] = list(env.toc_secnumbers[target][""])
        changed.append(docname)
    return changed


def _set_reference_numbers(toc, docname, numbers):
    for reference in toc.findall(nodes.reference):
        if reference.get("refuri") != docname:
            continue
        number = numbers.get(reference.get("anchorname", ""))
        reference["secnumber"] = list(number) if number else None


_CHAPTER_TITLE = re.compile(r'<h1><span class="section-number">(\d+)\. </span>')


def _chapter_in_title(app, pagename, templatename, context, doctree):
    """``<h1>4. Name`` on a chapter index page -> ``<h1>Chapter 4 / Name`` (the number on its own line)."""
    if not _CHAPTER_INDEX.match(pagename) or not context.get("body"):
        return
    if not app.env.toc_secnumbers.get(pagename, {}).get(""):
        return   # an unnumbered build (``make chapter`` builds one chapter on its own): no number to move
    body, n = _CHAPTER_TITLE.subn(r'<h1><span class="section-number ne-chapter-number">Chapter \1</span> ',
                                  context["body"], count=1)
    if n != 1:
        logger.warning(f"ne_structure: {pagename}: no numbered title to read 'Chapter N' (did the theme change?)",
                       location=pagename)
        return
    context["body"] = body


def _purge_before_reading(app, env, docnames):
    """Forget every page about to be read before reading any of them.

    Sphinx forgets a changed page just before it reads it again, so when a label (an exercise's, a
    section's) moves from one page to another page that is read first, the new page meets the old
    label and warns "duplicate label" (and ``-W`` fails) in a rebuild, never in a clean build."""
    for docname in docnames:
        if docname in env.all_docs:
            app.events.emit("env-purge-doc", env, docname)
            env.clear_doc(docname)


def setup(app):
    app.connect("env-before-read-docs", _purge_before_reading)
    app.connect("html-page-context", _chapter_in_title)
    app.connect("doctree-read", _strip_hand_numbers, priority=400)      # before the TOC collector (500)
    app.connect("env-get-updated", _restore_collector_numbers, priority=400)  # before the collector (500)
    app.connect("env-get-updated", _renumber_chapters, priority=900)    # after the numbers are assigned
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
