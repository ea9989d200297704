"""Self-check quizzes: each chapter's questions, shipped inside ne_lib.

The questions live in ``ne_lib/quizzes/<chapter>.json`` (jupyterquiz's format; each
chapter folder has a ``quiz.json`` link to its file), so a notebook opened alone, as in
Colab, still finds its quiz. jupyterquiz renders inline HTML and JavaScript: the quiz
works on the static website and in Jupyter, with no CDN.
"""

from __future__ import annotations

import json
from importlib import resources

from ne_lib import chapters as chapters_map
from ne_lib.chapters import CHAPTER_KEYS as CHAPTERS  # the course map (ne_lib.chapters)

__all__ = ["CHAPTERS", "load_quiz", "show_quiz"]


def load_quiz(chapter: str) -> list[dict]:
    """The list of question dicts of ``chapter`` (one of :data:`CHAPTERS`)."""
    key = chapters_map.chapter(chapter).key
    text = resources.files("ne_lib").joinpath("quizzes", f"{key}.json").read_text(encoding="utf-8")
    return json.loads(text)


def show_quiz(chapter: str) -> None:
    """Display the chapter's self-check quiz."""
    from jupyterquiz import display_quiz

    display_quiz(load_quiz(chapter))
