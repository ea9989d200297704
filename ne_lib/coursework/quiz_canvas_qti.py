"""The chapters' quizzes as one QTI 1.2 package for Canvas (Import Course Content > QTI .zip file).

The same questions as the Moodle files (:mod:`.quiz_export` parses them once), in the IMS QTI 1.2
structure Canvas's classic quizzes import, with Canvas's item metadata (``question_type``,
``points_possible``) as Canvas itself writes it in its QTI exports:

* a .zip holding ``imsmanifest.xml`` (IMS Content Packaging: one ``imsqti_xmlv1p2`` resource per
  chapter) and ``<chapter>/<chapter>.xml``, a ``<questestinterop>`` with one ``<assessment>`` (Canvas
  makes it a quiz, titled after the chapter) whose ``<section>`` holds one ``<item>`` per question;
* ``multiple_choice_question`` (one right choice) and ``multiple_answers_question`` (choose all that
  apply: the right choices are the ones the ``SCORE`` condition requires ticked, the wrong ones
  under ``<not>``; Canvas scores partial answers by its own rule);
* ``numerical_question``: each right interval of the course (:func:`.quiz_export.accepted_interval`)
  as Canvas's "exact answer with margin" (``<or>`` of ``<varequal>`` and a ``<vargte>``/``<varlte>``
  pair centred on the value) and, when the interval is not centred on the course's value, also as a
  "range" answer (the whole interval), like the two answers of the Moodle file. Canvas includes both
  ends, jupyterquiz not the upper one (a difference at that number only);
* feedback: each choice's feedback as that answer's comment (``<itemfeedback ident="<answer>_fb">``),
  a right number's feedback as its answer's comment. Every answer of a Canvas numerical question is a
  right one, so the course's feedback for a typical wrong number goes into the question's
  ``general_incorrect_fb``, with the numbers it is for, after the feedback for any other number.

Every text is HTML in a ``<mattext texttype="text/html">`` (XML escaping, so nothing needs care);
identifiers are fixed (chapter and question number), so a package written twice is the same.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal
from pathlib import Path

from ne_lib import __version__, chapters as course_map

from .quiz_export import COURSE_CATEGORY, Question, plain_name, plain_number

__all__ = ["POINTS", "assessment_xml", "manifest_xml", "package_bytes", "write_package"]

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
POINTS = 1          # each question's points (Canvas's points_possible), as the Moodle files' defaultgrade
RESPONSE = "response1"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _material(parent: ET.Element, html: str) -> None:
    _sub(_sub(parent, "material"), "mattext", html.strip(), texttype="text/html")


def _metadata(parent: ET.Element, fields: dict[str, str]) -> None:
    meta = _sub(parent, "qtimetadata")
    for label, entry in fields.items():
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _feedback(item: ET.Element, ident: str, html: str) -> None:
    fb = _sub(item, "itemfeedback", ident=ident)
    _material(_sub(fb, "flow_mat"), html)


def _condition(resp: ET.Element, cont: bool, feedback: str | None = None, score: bool = False) -> ET.Element:
    """A ``<respcondition>``; its ``<conditionvar>`` (returned) is for the caller to fill."""
    rc = _sub(resp, "respcondition", continue_="Yes" if cont else "No")
    cv = _sub(rc, "conditionvar")
    if score:
        _sub(rc, "setvar", "100", action="Set", varname="SCORE")
    if feedback:
        _sub(rc, "displayfeedback", feedbacktype="Response", linkrefid=feedback)
    return cv


def _choice_item(item: ET.Element, q: Question, n: int) -> None:
    ids = [str(n * 100 + j) for j in range(1, len(q.choices) + 1)]
    presentation = _sub(item, "presentation")
    _material(presentation, q.text)
    lid = _sub(presentation, "response_lid", ident=RESPONSE, rcardinality="Multiple" if q.multiple_answers else "Single")
    render = _sub(lid, "render_choice")
    for ident, c in zip(ids, q.choices):
        _material(_sub(render, "response_label", ident=ident), c.text)
    resp = _sub(item, "resprocessing")
    _sub(_sub(resp, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    for ident, c in zip(ids, q.choices):       # each ticked choice shows its comment
        if c.feedback:
            _sub(_condition(resp, True, f"{ident}_fb"), "varequal", ident, respident=RESPONSE)
    if q.multiple_answers:
        both = _sub(_condition(resp, False, score=True), "and")
        for ident, c in zip(ids, q.choices):
            _sub(both if c.correct else _sub(both, "not"), "varequal", ident, respident=RESPONSE)
    else:
        right = next(i for i, c in zip(ids, q.choices) if c.correct)
        _sub(_condition(resp, False, score=True), "varequal", right, respident=RESPONSE)
    for ident, c in zip(ids, q.choices):
        if c.feedback:
            _feedback(item, f"{ident}_fb", c.feedback)


def _incorrect_feedback(q: Question) -> str:
    """The feedback Canvas shows for a wrong number: the course's for any other number, then its
    feedback for each typical wrong number, with the numbers it is for."""
    parts = [f"<p>{q.default_feedback.strip()}</p>"] if q.default_feedback else []
    for a in q.numeric:
        if not a.correct and a.feedback:
            parts.append(f"<p>For a number from {plain_number(a.low)} to {plain_number(a.high)}: "
                         f"{a.feedback.strip()}</p>")
    return "".join(parts)


def _numeric_item(item: ET.Element, q: Question, n: int, where: str) -> None:
    right = [a for a in q.numeric if a.correct]
    for a in q.numeric:
        if not a.correct and any(a.low < r.high and r.low < a.high for r in right):
            raise ValueError(f"{where}: the wrong number interval {plain_number(a.low)}..{plain_number(a.high)} "
                             "overlaps a right one; Canvas's numerical answers are all right answers")
    presentation = _sub(item, "presentation")
    _material(presentation, q.text)
    fib = _sub(_sub(presentation, "response_str", ident=RESPONSE, rcardinality="Single"),
               "render_fib", fibtype="Decimal")
    _sub(fib, "response_label", ident="answer1")
    resp = _sub(item, "resprocessing")
    _sub(_sub(resp, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    comments: list[tuple[str, str]] = []
    for k, a in enumerate(right, start=1):
        ident = f"{n * 100 + k}_fb" if a.feedback else None
        if a.feedback and ident:
            comments.append((ident, a.feedback))
        if a.value is not None:                 # exact answer with margin, centred on the course's value
            margin = min(a.value - a.low, a.high - a.value)
            either = _sub(_condition(resp, False, ident, score=True), "or")
            _sub(either, "varequal", plain_number(a.value), respident=RESPONSE)
            _bounds(_sub(either, "and"), a.value - margin, a.value + margin)
            if margin == a.high - a.value == a.value - a.low:
                continue
        _bounds(_condition(resp, False, ident, score=True), a.low, a.high)       # range answer
    wrong = _incorrect_feedback(q)
    if wrong:
        _sub(_condition(resp, False, "general_incorrect_fb"), "other")
    for ident, text in comments:
        _feedback(item, ident, text)
    if wrong:
        _feedback(item, "general_incorrect_fb", wrong)


def _bounds(parent: ET.Element, low: Decimal, high: Decimal) -> None:
    _sub(parent, "vargte", plain_number(low), respident=RESPONSE)
    _sub(parent, "varlte", plain_number(high), respident=RESPONSE)


def _title(key: str) -> str:
    ch = course_map.chapter(key)
    return f"{COURSE_CATEGORY}: {ch.number}. {ch.title}"


def assessment_xml(chapter: str, questions: tuple[Question, ...]) -> str:
    """The QTI 1.2 assessment of ``chapter``'s quiz (``questions``: its parsed questions)."""
    key = course_map.chapter(chapter).key
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    test = _sub(root, "assessment", ident=f"ne_{key}", title=_title(key))
    section = _sub(test, "section", ident="root_section")
    for n, q in enumerate(questions, start=1):
        item = _sub(section, "item", ident=f"ne_{key}_q{n:02d}", title=plain_name(key, n, q))
        kind = ("numerical_question" if q.kind == "numeric" else
                "multiple_answers_question" if q.multiple_answers else "multiple_choice_question")
        _metadata(_sub(item, "itemmetadata"), {"question_type": kind, "points_possible": f"{POINTS:.1f}"})
        if q.kind == "numeric":
            _numeric_item(item, q, n, f"{key} question {n}")
        else:
            _choice_item(item, q, n)
    return _serialise(root)


def manifest_xml(keys: list[str]) -> str:
    """The package's ``imsmanifest.xml``: one QTI resource per chapter, naming its file."""
    root = ET.Element("manifest", identifier="ne_quizzes", xmlns=CP_NS)
    meta = _sub(root, "metadata")
    _sub(meta, "schema", "IMS Content")
    _sub(meta, "schemaversion", "1.1.3")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    for key in keys:
        res = _sub(resources, "resource", identifier=f"ne_{key}", type="imsqti_xmlv1p2", href=f"{key}/{key}.xml")
        _sub(res, "file", href=f"{key}/{key}.xml")
    return _serialise(root, f" Norepinephrine course {__version__}: the chapters' self-check quizzes for "
                            "Canvas: Import Course Content > QTI .zip file ")


def _serialise(root: ET.Element, comment: str | None = None) -> str:
    for el in root.iter():                       # "continue" is a Python keyword: written as continue_
        if "continue_" in el.attrib:
            el.set("continue", el.attrib.pop("continue_"))
    if comment is not None:
        root.insert(0, ET.Comment(comment))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def package_bytes(quizzes: dict[str, tuple[Question, ...]]) -> bytes:
    """The .zip of ``quizzes`` (chapter key -> its parsed questions, in course order)."""
    if not quizzes:
        raise ValueError("quizzes must name at least one chapter")
    files = {f"{key}/{key}.xml": assessment_xml(key, qs) for key, qs in quizzes.items()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in {"imsmanifest.xml": manifest_xml(list(quizzes)), **files}.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))   # fixed: the same bytes each time
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def write_package(path: str | Path, quizzes: dict[str, tuple[Question, ...]]) -> Path:
    """Write the package of ``quizzes`` to ``path``; the path."""
    data = package_bytes(quizzes)       # built (and checked) before anything is written
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
