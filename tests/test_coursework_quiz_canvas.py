"""The Canvas package (QTI 1.2 .zip): what Canvas imports must be the quiz the course shows.

The package is read back by a small reader written here from the IMS structures (IMS Content
Packaging's ``imsmanifest.xml`` with ``<resource type="imsqti_xmlv1p2">`` and ``<file href>``; QTI
1.2's ``questestinterop > assessment > section > item``, ``itemmetadata`` fields, ``presentation``
with ``response_lid``/``render_choice``/``response_label`` or ``response_str``/``render_fib``,
``resprocessing`` with ``respcondition``/``conditionvar``/``setvar``/``displayfeedback`` and
``itemfeedback``), read as Canvas's QTI import reads a Canvas-type item: a numerical answer is an
exact value with a margin (``<or>`` of ``varequal`` and ``vargte``/``varlte``, margin = upper bound -
value) or a range (``vargte``/``varlte``), ends included, and every answer of a numerical question is
right. It shares no code with the writer. Each question is compared with the chapter's quiz.json,
numeric ones by the verdict and feedback for many typed numbers, against jupyterquiz's own rule.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from test_coursework_quiz_export import jupyterquiz_verdict, probes, quiz_json, read_gift, read_moodle_xml

from ne_lib import chapters
from ne_lib.coursework import cli, quiz_canvas_qti, quiz_export, quiz_moodle_xml

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
JQ_DEFAULT = "Incorrect. Try again."       # jupyterquiz's feedback for a wrong number when the quiz gives none


class QtiError(ValueError):
    pass


# ----------------------------------------------------------------------------- the reader
def _one(el, path: str, what: str):
    found = el.findall(path)
    if len(found) != 1:
        raise QtiError(f"{what}: expected one {path}, found {len(found)}")
    return found[0]


def _mattext(el, what: str) -> str:
    mt = _one(el, f"{QTI}material/{QTI}mattext", what)
    if mt.get("texttype") != "text/html":
        raise QtiError(f"{what}: texttype {mt.get('texttype')!r}, not text/html")
    return mt.text or ""


def _number(el, what: str) -> float:
    text = (el.text or "").strip()
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise QtiError(f"{what}: not a plain number: {text!r}")
    return float(text)


def read_package(data: bytes) -> dict[str, dict]:
    """Assessment title -> {"ident", "questions"}; checks the manifest against the zip's files."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        manifest = ET.fromstring(zf.read("imsmanifest.xml"))
        if manifest.tag != f"{CP}manifest":
            raise QtiError(f"the manifest's root is {manifest.tag}")
        hrefs = []
        for res in manifest.iter(f"{CP}resource"):
            if res.get("type") != "imsqti_xmlv1p2":
                raise QtiError(f"resource {res.get('identifier')}: type {res.get('type')!r}")
            hrefs += [f.get("href") for f in res.findall(f"{CP}file")]
        if set(hrefs) | {"imsmanifest.xml"} != names or len(hrefs) != len(set(hrefs)):
            raise QtiError(f"the manifest lists {sorted(hrefs)}, the zip holds {sorted(names)}")
        out = {}
        for href in hrefs:
            root = ET.fromstring(zf.read(href))         # well-formed, or it raises
            if root.tag != f"{QTI}questestinterop":
                raise QtiError(f"{href}: root {root.tag}")
            test = _one(root, f"{QTI}assessment", href)
            section = _one(test, f"{QTI}section", href)
            out[test.get("title")] = {"href": href, "ident": test.get("ident"),
                                      "questions": [_item(it) for it in section.findall(f"{QTI}item")]}
        return out


def _fields(item) -> dict[str, str]:
    return {f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry")
            for f in item.iterfind(f"{QTI}itemmetadata/{QTI}qtimetadata/{QTI}qtimetadatafield")}


def _item(item) -> dict:
    name = item.get("title")
    meta = _fields(item)
    feedback = {fb.get("ident"): _mattext(_one(fb, f"{QTI}flow_mat", name), name)
                for fb in item.findall(f"{QTI}itemfeedback")}
    presentation = _one(item, f"{QTI}presentation", name)
    q = {"name": name, "type": meta.get("question_type"), "points": float(meta["points_possible"]),
         "text": _mattext(presentation, name)}
    conditions = _one(item, f"{QTI}resprocessing", name).findall(f"{QTI}respcondition")

    def shown(rc) -> str | None:
        links = [d.get("linkrefid") for d in rc.findall(f"{QTI}displayfeedback")]
        if any(link not in feedback for link in links):
            raise QtiError(f"{name}: feedback {links} not all in the item")
        return feedback[links[0]] if links else None

    scoring = [rc for rc in conditions if rc.findtext(f"{QTI}setvar") is not None]
    for rc in scoring:
        if rc.find(f"{QTI}setvar").get("varname") != "SCORE" or float(rc.findtext(f"{QTI}setvar")) != 100:
            raise QtiError(f"{name}: a scoring condition sets SCORE to 100")
    if q["type"] == "numerical_question":
        _one(presentation, f"{QTI}response_str/{QTI}render_fib", name)
        q["answers"] = []
        for rc in scoring:
            cv = _one(rc, f"{QTI}conditionvar", name)
            either = cv.find(f"{QTI}or")
            if either is not None:                 # exact answer: margin = upper bound - value (Canvas)
                exact = _number(_one(either, f"{QTI}varequal", name), name)
                both = _one(either, f"{QTI}and", name)
                low, high = (_number(_one(both, f"{QTI}{t}", name), name) for t in ("vargte", "varlte"))
                if abs((exact - low) - (high - exact)) > 1e-9 * max(1, abs(exact)):
                    raise QtiError(f"{name}: an exact answer's margin is the same both sides")
                kind = "exact"
            else:
                exact = None
                low, high = (_number(_one(cv, f"{QTI}{t}", name), name) for t in ("vargte", "varlte"))
                kind = "range"
            q["answers"].append({"kind": kind, "exact": exact, "low": low, "high": high, "feedback": shown(rc)})
        other = [rc for rc in conditions if rc.find(f"{QTI}conditionvar/{QTI}other") is not None]
        q["incorrect_feedback"] = shown(other[0]) if other else None
        return q
    lid = _one(presentation, f"{QTI}response_lid", name)
    labels = lid.findall(f"{QTI}render_choice/{QTI}response_label")
    choices = {lab.get("ident"): {"text": _mattext(lab, name), "correct": False, "feedback": None} for lab in labels}
    if len(choices) != len(labels):
        raise QtiError(f"{name}: choice identifiers repeat")
    for rc in conditions:
        if rc not in scoring and rc.get("continue") == "Yes":      # a ticked choice's comment
            ident = _one(rc, f"{QTI}conditionvar/{QTI}varequal", name).text
            choices[ident]["feedback"] = shown(rc)
    if len(scoring) != 1:
        raise QtiError(f"{name}: one scoring condition")
    cv = _one(scoring[0], f"{QTI}conditionvar", name)
    if q["type"] == "multiple_choice_question":
        if lid.get("rcardinality") != "Single":
            raise QtiError(f"{name}: one answer means rcardinality Single")
        choices[_one(cv, f"{QTI}varequal", name).text]["correct"] = True
    elif q["type"] == "multiple_answers_question":
        if lid.get("rcardinality") != "Multiple":
            raise QtiError(f"{name}: choose all that apply means rcardinality Multiple")
        both = _one(cv, f"{QTI}and", name)
        ticked = [v.text for v in both.findall(f"{QTI}varequal")]
        unticked = [v.text for v in both.findall(f"{QTI}not/{QTI}varequal")]
        if sorted(ticked + unticked) != sorted(choices):
            raise QtiError(f"{name}: the scoring condition names every choice once")
        for ident in ticked:
            choices[ident]["correct"] = True
    else:
        raise QtiError(f"{name}: question_type {q['type']!r}")
    q["choices"] = list(choices.values())
    return q


def canvas_verdict(q: dict, x: float) -> tuple[bool, str | None]:
    """Canvas's numerical question: right if an answer's interval holds x (ends included), with that
    answer's comment; otherwise wrong, with the question's incorrect feedback."""
    for a in q["answers"]:
        if a["low"] - 1e-12 <= x <= a["high"] + 1e-12:
            return True, a["feedback"]
    return False, q["incorrect_feedback"]


def _wrong_number_hints(feedback: str | None) -> list[tuple[float, float, str]]:
    return [(float(lo), float(hi), fb) for lo, hi, fb in
            re.findall(r"<p>For a number from (\S+) to (\S+): (.*?)</p>", feedback or "", re.S)]


# ----------------------------------------------------------------------------- the real quizzes
@pytest.fixture(scope="module")
def package(tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("canvas")
    (path,) = quiz_export.export_quizzes(out, "canvas-qti")
    assert path.name == "norepinephrine.canvas-qti.zip"
    return read_package(path.read_bytes())


def test_one_assessment_per_chapter_in_course_order(package):
    titles = [f"Norepinephrine course: {chapters.chapter(k).number}. {chapters.chapter(k).title}"
              for k in chapters.CHAPTER_KEYS]
    assert list(package) == titles
    assert len({a["ident"] for a in package.values()}) == len(titles)


@pytest.mark.parametrize("key", chapters.CHAPTER_KEYS)
def test_every_question_round_trips(package, key):
    source = quiz_json(key)
    ch = chapters.chapter(key)
    got = package[f"Norepinephrine course: {ch.number}. {ch.title}"]["questions"]
    assert len(got) == len(source) > 0
    for n, (g, q) in enumerate(zip(got, source), start=1):
        where = f"{key} question {n}"
        assert g["name"].startswith(f"{key} Q{n:02d} ") and g["points"] == 1, where
        assert g["text"] == q["question"].strip(), where
        if q["type"] == "numeric":
            assert g["type"] == "numerical_question", where
            right = next(a for a in q["answers"] if a.get("correct"))
            assert g["answers"][0]["kind"] == "exact" and g["answers"][0]["exact"] == right["value"], where
            default = next((a.get("feedback") for a in q["answers"] if a.get("type") == "default"), None)
            if default:
                assert g["incorrect_feedback"].startswith(f"<p>{default}</p>"), where
            for x in probes(q):
                ok, fb = canvas_verdict(g, x)
                jq_ok, jq_fb = jupyterquiz_verdict(q, x)
                assert ok == jq_ok, f"{where}: a student types {x!r}"
                if ok:
                    assert fb == jq_fb, f"{where}: {x!r}"
                elif jq_fb != default and jq_fb != JQ_DEFAULT:    # a typical wrong number's own feedback
                    hints = [(lo, hi) for lo, hi, text in _wrong_number_hints(fb) if text == jq_fb]
                    assert any(lo <= x <= hi for lo, hi in hints), f"{where}: {x!r} gets no hint {jq_fb!r}"
            continue
        assert [c["text"] for c in g["choices"]] == [a["answer"] for a in q["answers"]], where
        assert [c["feedback"] for c in g["choices"]] == [a.get("feedback") for a in q["answers"]], where
        assert [c["correct"] for c in g["choices"]] == [a["correct"] for a in q["answers"]], where
        several = q["type"] == "many_choice" or sum(a["correct"] for a in q["answers"]) > 1
        assert g["type"] == ("multiple_answers_question" if several else "multiple_choice_question"), where


def test_numeric_interval_is_the_significant_figures_one(package):
    """Receptors question 3: 10 to 2 significant figures, so 9.95 to 10.5 is right, 9.94 and 10.6 not;
    9 keeps the course's hint (dose ratio, not [B]/K_B)."""
    ch = chapters.chapter("receptors")
    q = next(g for g in package[f"Norepinephrine course: {ch.number}. {ch.title}"]["questions"]
             if g["type"] == "numerical_question")
    assert min(a["low"] for a in q["answers"]) == pytest.approx(9.95)
    assert max(a["high"] for a in q["answers"]) == pytest.approx(10.5)
    for typed, ok in ((10, True), (10.4, True), (9.96, True), (9.94, False), (10.6, False), (9, False)):
        assert canvas_verdict(q, typed)[0] is ok, typed
    assert any(lo <= 9 <= hi and "not [B]/K<sub>B</sub>" in text
               for lo, hi, text in _wrong_number_hints(canvas_verdict(q, 9)[1]))


# ----------------------------------------------------------------------------- texts and bad input
TEXTS = ["Tom & Jerry's \"<b>bold</b>\" ratio 1:2 > 0.5 µM", "a < b && c > d ]]> </mattext>",
         "café — naïve 'quoted' \"double\"", "line one\nline two", "%50% ~=#{}: \\ done"]


def test_special_characters_survive():
    quiz = [{"question": TEXTS[0], "type": "multiple_choice", "answers": [
                {"answer": TEXTS[1], "correct": True, "feedback": TEXTS[2]},
                {"answer": TEXTS[3], "correct": False, "feedback": TEXTS[4]}]},
            {"question": TEXTS[2], "type": "many_choice", "answers": [
                {"answer": TEXTS[4], "correct": True}, {"answer": TEXTS[0], "correct": False, "feedback": TEXTS[1]}]},
            {"question": TEXTS[1], "type": "numeric", "precision": 3, "answers": [
                {"type": "value", "value": 0.5, "correct": True, "feedback": TEXTS[0]},
                {"type": "range", "range": [-2, 0], "correct": False, "feedback": TEXTS[4]},
                {"type": "default", "feedback": TEXTS[3]}]}]
    data = quiz_canvas_qti.package_bytes({"synthesis": quiz_export.parse_quiz(quiz)})
    (test,) = read_package(data).values()
    a, b, c = test["questions"]
    assert (a["text"], [ch["text"] for ch in a["choices"]], [ch["feedback"] for ch in a["choices"]]) == (
        TEXTS[0], [TEXTS[1], TEXTS[3]], [TEXTS[2], TEXTS[4]])
    assert [ch["correct"] for ch in b["choices"]] == [True, False] and b["choices"][1]["feedback"] == TEXTS[1]
    assert c["text"] == TEXTS[1] and canvas_verdict(c, 0.5) == (True, TEXTS[0])
    assert canvas_verdict(c, 7)[1].startswith(f"<p>{TEXTS[3]}</p>")
    # the range [-2, 0) to 3 significant figures: -2.004 rounds to -2.00, so it starts at -2.005
    assert _wrong_number_hints(canvas_verdict(c, -1)[1]) == [(pytest.approx(-2.005), 0.0, TEXTS[4])]
    for x in [-3, -2.0001, -1.99, -0.001, 0.4994, 0.4996, 0.5, 0.5004, 0.5006, 1]:
        assert canvas_verdict(c, x)[0] == jupyterquiz_verdict(quiz[2], x)[0], x


def test_package_is_the_same_bytes_each_time():
    qs = {"receptors": quiz_export.load_quiz("receptors")}
    assert quiz_canvas_qti.package_bytes(qs) == quiz_canvas_qti.package_bytes(qs)


def test_a_wrong_number_inside_a_right_interval_is_refused():
    """Every Canvas numerical answer is a right one: a wrong number inside a right interval cannot be kept."""
    quiz = [{"question": "n?", "type": "numeric", "answers": [
        {"type": "range", "range": [9, 11], "correct": True}, {"type": "value", "value": 10, "correct": False}]}]
    with pytest.raises(ValueError, match="question 1: the wrong number interval 10..10 overlaps a right one"):
        quiz_canvas_qti.package_bytes({"receptors": quiz_export.parse_quiz(quiz)})
    with pytest.raises(ValueError, match="quizzes must name at least one chapter"):
        quiz_canvas_qti.package_bytes({})


def test_cli_writes_one_package(tmp_path, capsys):
    out = tmp_path / "q"
    assert cli.main(["quiz", "--format", "canvas-qti", "--out", str(out), "--chapter", "receptors"]) == 0
    printed = capsys.readouterr().out
    path = out / "receptors.canvas-qti.zip"
    assert str(path) in printed and "QTI .zip file" in printed and "self-check" in printed
    assert [p.name for p in out.iterdir()] == [path.name]
    (test,) = read_package(path.read_bytes()).values()
    assert len(test["questions"]) == len(quiz_json("receptors"))


def test_cli_unknown_format_names_the_option(tmp_path, capsys):
    assert cli.main(["quiz", "--format", "qti2", "--out", str(tmp_path / "q")]) == 2
    err = capsys.readouterr().err
    assert "--format must be one of ['gift', 'moodle-xml', 'canvas-qti'], got 'qti2'" in err
    assert not (tmp_path / "q").exists()


def test_a_bad_quiz_writes_no_package(tmp_path, capsys):
    folder = tmp_path / "chapters" / "disorders"
    folder.mkdir(parents=True)
    (folder / "quiz.json").write_text(json.dumps([{"question": "q", "type": "string", "answers": []}]))
    out = tmp_path / "out"
    assert cli.main(["quiz", "--format", "canvas-qti", "--chapters", str(tmp_path / "chapters"),
                     "--out", str(out)]) == 2
    assert "disorders/quiz.json: question 1: type must be one of" in capsys.readouterr().err
    assert not out.exists() or not list(out.iterdir())


# ----------------------------------------------------------------------------- chapter titles
@pytest.fixture
def odd_title(monkeypatch):
    """The receptors chapter with a title holding a category separator, "--" and XML's specials."""
    real = chapters.chapter
    title = "Receptors / signalling -- part 2 & <more> \"µ\""
    monkeypatch.setattr(chapters, "chapter",
                        lambda key: dataclasses.replace(real(key), title=title) if key == "receptors" else real(key))
    return title


def test_the_category_is_the_same_in_gift_and_moodle_xml(odd_title):
    questions = quiz_export.load_quiz("receptors")
    gift = read_gift(quiz_export.to_gift("receptors", questions))[0]["category"]
    xml = read_moodle_xml(quiz_moodle_xml.to_moodle_xml("receptors", questions))[0]["category"]
    assert gift == xml
    top = "$course$/top/Norepinephrine course/"
    assert xml.startswith(top) and "/" not in xml[len(top):], xml


def test_a_double_hyphen_in_a_title_keeps_the_xml_valid(odd_title):
    written = quiz_moodle_xml.to_moodle_xml("receptors", quiz_export.load_quiz("receptors"))
    ET.fromstring(written)          # "--" inside an XML comment would not parse
    number = chapters.chapter("receptors").number
    assert f"chapter {number}, Receptors / signalling - - part 2" in written
    data = quiz_canvas_qti.package_bytes({"receptors": quiz_export.load_quiz("receptors")})
    assert list(read_package(data)) == [f"Norepinephrine course: {number}. {odd_title}"]    # an attribute, escaped


def test_the_guide_names_the_canvas_import():
    guide = (Path(__file__).resolve().parents[1] / "instructors" / "grading.md").read_text(encoding="utf-8")
    section = guide.split("## Quizzes for marks", 1)[1].split("\n## ", 1)[0]
    assert "QTI .zip file" in section and "norepinephrine.canvas-qti.zip" in section
    assert "not covered" not in section and "does not write" not in section
