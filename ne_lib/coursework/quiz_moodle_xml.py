"""A chapter's quiz as Moodle XML (Question bank > Import > Moodle XML format).

The same questions, marks, tolerances and feedback as the GIFT file (:mod:`.quiz_export`), in
Moodle's own XML format (docs.moodle.org "Moodle XML format"): a ``<quiz>`` holding a category
question, then one ``<question type="multichoice|numerical">`` per question, every text in a
``<text>`` element with ``format="html"`` (XML escaping instead of GIFT's backslashes, so nothing
in a text needs care). A one-answer question has ``<single>true</single>``; a multiple-answer one
``false``, with each answer's share of the mark in its ``fraction`` attribute (percent). A numeric
answer is ``<text>`` value plus ``<tolerance>``; an interval not centred on the course's value is
written as two answers as in GIFT, and the feedback for any other number is the answer ``*``.
The choices keep the quiz's order (``<shuffleanswers>false</shuffleanswers>``; change it in Moodle).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

from ne_lib import __version__, chapters as course_map

from .quiz_export import COURSE_CATEGORY, Question, category_title, choice_percents, load_quiz, plain_name, plain_number

__all__ = ["to_moodle_xml"]


def _text(parent: ET.Element, tag: str, text: str, html: bool = True) -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": "html"} if html else {})
    ET.SubElement(el, "text").text = text.strip()
    return el


def _answer(parent: ET.Element, fraction: str, text: str, feedback: str | None, html: bool = True) -> ET.Element:
    attrs = {"fraction": fraction}
    if html:
        attrs["format"] = "html"
    el = ET.SubElement(parent, "answer", attrs)
    ET.SubElement(el, "text").text = text.strip()
    fb = ET.SubElement(el, "feedback", {"format": "html"})
    ET.SubElement(fb, "text").text = (feedback or "").strip()
    return el


def _numeric_answer(parent: ET.Element, fraction: str, value: Decimal | None, tolerance: Decimal,
                    feedback: str | None) -> None:
    """One numeric answer: ``value`` within ``tolerance`` (``None``: any other number, ``*``)."""
    el = _answer(parent, fraction, "*" if value is None else plain_number(value), feedback, html=False)
    ET.SubElement(el, "tolerance").text = plain_number(tolerance)


def _question(quiz: ET.Element, q: Question, name: str, where: str) -> None:
    kind = "numerical" if q.kind == "numeric" else "multichoice"
    el = ET.SubElement(quiz, "question", {"type": kind})
    _text(el, "name", name, html=False)
    _text(el, "questiontext", q.text)
    _text(el, "generalfeedback", "")
    ET.SubElement(el, "defaultgrade").text = "1"
    ET.SubElement(el, "penalty").text = "0.3333333"
    ET.SubElement(el, "hidden").text = "0"
    if q.kind == "numeric":
        for a in q.numeric:
            fraction = "100" if a.correct else "0"
            if a.value is not None:
                _numeric_answer(el, fraction, a.value, min(a.value - a.low, a.high - a.value), a.feedback)
                if a.value - a.low == a.high - a.value:
                    continue
            _numeric_answer(el, fraction, (a.low + a.high) / 2, (a.high - a.low) / 2, a.feedback)
        if q.default_feedback:
            _numeric_answer(el, "0", None, Decimal(0), q.default_feedback)
        return
    ET.SubElement(el, "single").text = "false" if q.multiple_answers else "true"
    ET.SubElement(el, "shuffleanswers").text = "false"
    ET.SubElement(el, "answernumbering").text = "abc"
    plus, minus = choice_percents(q, where)
    for c in q.choices:
        _answer(el, plus if c.correct else minus, c.text, c.feedback)


def to_moodle_xml(chapter: str, questions: tuple[Question, ...] | None = None) -> str:
    """The Moodle XML text of ``chapter``'s quiz (``questions``: its checked questions, default: the course's)."""
    ch = course_map.chapter(chapter)
    questions = load_quiz(ch.key) if questions is None else questions
    quiz = ET.Element("quiz")
    comment = (f" Norepinephrine course {__version__}: chapter {ch.number}, {ch.title}: {len(questions)} "
               "questions, from the chapter's self-check quiz. Import: Moodle > Question bank > Import > "
               "Moodle XML format. ")
    quiz.append(ET.Comment(re.sub(r"-(?=-)", "- ", comment)))      # "--" may not stand in an XML comment
    category = ET.SubElement(ET.SubElement(quiz, "question", {"type": "category"}), "category")
    ET.SubElement(category, "text").text = f"$course$/top/{COURSE_CATEGORY}/{ch.number}. {category_title(ch.title)}"
    for n, q in enumerate(questions, start=1):
        _question(quiz, q, plain_name(ch.key, n, q), f"{ch.key} question {n}")
    ET.indent(quiz, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"
