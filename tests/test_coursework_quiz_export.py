"""The quizzes exported for marks: what Moodle imports must be the quiz the course shows.

The GIFT files are read back by a small strict reader written here from Moodle's documentation of
the format (docs.moodle.org "GIFT format"), sharing no code with the writer: blank lines between
questions, ``//`` comment lines, ``$CATEGORY:``, ``::name::``, a ``[html]`` format marker, answers
in ``{...}`` (``=`` right, ``~`` wrong, ``~%50%`` weighted, ``#`` feedback; numeric ``{#`` with
``value:tolerance``, ``low..high``, ``=%0%`` weights and ``~#`` any-other-answer feedback), and a
backslash before ``~ = # { } : \\`` (``\\n``: a line break). It is stricter than Moodle: any
unescaped special character in a text is an error, so the writer's escaping is checked too.

The Moodle XML files are parsed as XML (so they are well-formed) and checked against the structure
of docs.moodle.org "Moodle XML format" (``read_moodle_xml``), into the same shape.

Each exported question is then compared with the chapter's quiz.json itself (read here as JSON),
question by question, and numeric questions by behaviour: for numbers a student might type, the
verdict and feedback Moodle would give (first answer within tolerance) must be the ones jupyterquiz
gives in the course (the typed number rounded to ``precision`` significant figures, compared with
the stated value rounded the same way).
"""

from __future__ import annotations

import html
import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ne_lib import chapters
from ne_lib.coursework import cli, quiz_export, quiz_moodle_xml

ROOT = Path(__file__).resolve().parents[1]
SPECIAL = "~=#{}:\\"
MOODLE_PERCENTS = {100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571,
                   12.5, 11.11111, 10, 5, 0}     # Moodle's grade menu (question_bank::fraction_options_full)


# ----------------------------------------------------------------------------- the reader
class GiftError(ValueError):
    pass


def _scan(s: str) -> list[tuple[str, bool]]:
    """(character, escaped) pairs: ``\\x`` for x in SPECIAL is x escaped, ``\\n`` a line break."""
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\":
            if i + 1 >= len(s):
                raise GiftError(f"a lone backslash at the end of {s!r}")
            nxt = s[i + 1]
            if nxt == "n":
                out.append(("\n", True))
            elif nxt in SPECIAL:
                out.append((nxt, True))
            else:
                raise GiftError(f"unknown escape \\{nxt} in {s!r}")
            i += 2
        else:
            out.append((s[i], False))
            i += 1
    return out


def _text(chars: list[tuple[str, bool]], what: str) -> str:
    """A text field: every special character must have been escaped (strict)."""
    for c, esc in chars:
        if c in SPECIAL and not esc:
            raise GiftError(f"unescaped {c!r} in {what}: {''.join(ch for ch, _ in chars)!r}")
    return "".join(c for c, _ in chars).strip()


def _split(chars, seps: str) -> list[list[tuple[str, bool]]]:
    """Split at unescaped separator characters, keeping each separator at the start of its part."""
    parts: list[list] = [[]]
    for c, esc in chars:
        if c in seps and not esc:
            parts.append([])
        parts[-1].append((c, esc))
    return parts


def _format(text: str) -> tuple[str, str]:
    m = re.match(r"\[(html|moodle|plain|markdown)\]", text)
    return (m.group(1), text[m.end():]) if m else ("moodle", text)


def _weight(chars) -> tuple[float | None, list]:
    s = "".join(c for c, _ in chars)
    m = re.match(r"%(-?\d+(?:\.\d+)?)%", s)
    if not m:
        return None, chars
    return float(m.group(1)), chars[m.end():]


def _answer_and_feedback(chars, what):
    parts = _split(chars, "#")
    if len(parts) > 2:
        raise GiftError(f"more than one # in {what}")
    feedback = _format(_text(parts[1][1:], f"feedback of {what}"))[1] if len(parts) == 2 else None
    return parts[0], feedback


def read_gift(source: str) -> list[dict]:
    """The questions of a GIFT file, each a dict; raises GiftError for anything off the grammar."""
    questions, category = [], None
    for block in re.split(r"\n[ \t]*\n", source.replace("\r\n", "\n")):
        lines = [ln for ln in block.split("\n") if ln.strip() and not ln.strip().startswith("//")]
        if not lines:
            continue
        body = "\n".join(ln.strip() for ln in lines)
        if body.startswith("$CATEGORY:"):
            if "\n" in body:
                raise GiftError(f"a category line must stand alone: {body!r}")
            category = body[len("$CATEGORY:"):].strip()
            continue
        m = re.match(r"::(.*?)(?<!\\)::", body, re.S)
        if not m:
            raise GiftError(f"every exported question has a ::name::, got {body[:60]!r}")
        name = _text(_scan(m.group(1)), "name")
        chars = _scan(body[m.end():])
        opens = [i for i, (c, e) in enumerate(chars) if c == "{" and not e]
        closes = [i for i, (c, e) in enumerate(chars) if c == "}" and not e]
        if len(opens) != 1 or len(closes) != 1 or closes[0] != len(chars) - 1 or opens[0] > closes[0]:
            raise GiftError(f"question {name!r}: one {{...}} answer block must end the question")
        fmt, text = _format(_text(chars[:opens[0]], f"text of {name!r}"))
        inner = chars[opens[0] + 1:closes[0]]
        q = {"name": name, "category": category, "format": fmt, "text": text}
        q.update(_numeric(inner, name) if "".join(c for c, _ in inner).lstrip().startswith("#")
                 else _choices(inner, name))
        questions.append(q)
    return questions


def _choices(inner, name) -> dict:
    parts = _split(inner, "=~")
    if _text(parts[0], f"{name!r} before its first answer"):
        raise GiftError(f"{name!r}: text before the first answer")
    answers = []
    for part in parts[1:]:
        sign, rest = part[0][0], part[1:]
        weight, rest = _weight(rest)
        if sign == "=" and weight is not None:
            raise GiftError(f"{name!r}: '=%w%' is not a multiple-choice answer")
        answer, feedback = _answer_and_feedback(rest, name)
        fmt, text = _format(_text(answer, f"an answer of {name!r}"))
        weight = 100.0 if sign == "=" else (weight if weight is not None else 0.0)
        answers.append({"sign": sign, "weight": weight, "text": text, "format": fmt, "feedback": feedback})
    if len(answers) < 2:
        raise GiftError(f"{name!r}: a multiple-choice question needs 2 answers or more")
    single = any(a["sign"] == "=" for a in answers)
    if single and sum(a["sign"] == "=" for a in answers) != 1:
        raise GiftError(f"{name!r}: one '=' answer only")
    return {"kind": "single" if single else "multiple", "answers": answers}


def _number(s: str, what: str) -> float:
    if not re.fullmatch(r"-?\d+(\.\d+)?", s.strip()):
        raise GiftError(f"{what}: not a plain number: {s!r}")
    return float(s)


def _numeric(inner, name) -> dict:
    s_inner = inner[[c for c, _ in inner].index("#") + 1:]
    tilde = _split(s_inner, "~")
    if len(tilde) > 2:
        raise GiftError(f"{name!r}: one '~' (other-answer feedback) at most, at the end")
    default = None
    if len(tilde) == 2:
        rest = tilde[1][1:]
        if not rest or rest[0][0] != "#":
            raise GiftError(f"{name!r}: '~' must be followed by '#feedback'")
        default = _format(_text(rest[1:], f"other-answer feedback of {name!r}"))[1]
    parts = _split(tilde[0], "=")
    if _text(parts[0], f"{name!r} before its first answer"):
        raise GiftError(f"{name!r}: text before the first numeric answer")
    answers = []
    for part in parts[1:]:
        weight, rest = _weight(part[1:])
        answer, feedback = _answer_and_feedback(rest, name)
        spec = "".join(c for c, _ in answer).strip()
        if ".." in spec:
            lo, hi = (_number(x, name) for x in spec.split(".."))
        elif ":" in spec:
            value, tol = (_number(x, name) for x in spec.split(":"))
            lo, hi = value - tol, value + tol
        else:
            lo = hi = _number(spec, name)
        if not lo <= hi:
            raise GiftError(f"{name!r}: empty interval {spec!r}")
        answers.append({"weight": 100.0 if weight is None else weight, "low": lo, "high": hi,
                        "shown": spec, "feedback": feedback})
    if not answers:
        raise GiftError(f"{name!r}: no numeric answer")
    return {"kind": "numeric", "answers": answers, "default_feedback": default}


def moodle_verdict(q: dict, x: float) -> tuple[bool, str | None]:
    """Moodle's numerical question: the first answer whose interval holds x (ends included)."""
    for a in q["answers"]:
        if a["low"] - 1e-12 <= x <= a["high"] + 1e-12:
            return a["weight"] == 100, a["feedback"]
    return False, q["default_feedback"]


def jupyterquiz_verdict(q: dict, x: float) -> tuple[bool, str | None]:
    """jupyterquiz 2.9's numeric check (js/numeric.js), with Python's rounding to significant figures."""
    p = q.get("precision")

    def rnd(v):
        return float(f"{v:.{p}g}") if p else v

    default = "Incorrect. Try again."
    for a in q["answers"]:
        if "value" in a and rnd(x) == rnd(a["value"]):
            return a["correct"], a.get("feedback")
        if "range" in a and a["range"][0] <= rnd(x) < a["range"][1]:
            return a["correct"], a.get("feedback")
        if a.get("type") == "default" and "feedback" in a:
            default = a["feedback"]
    return False, default


def _xml_text(el, what: str) -> str:
    t = el.find("text")
    if t is None:
        raise GiftError(f"{what}: no <text>")
    return (t.text or "").strip()


def read_moodle_xml(source: str) -> list[dict]:
    """The questions of a Moodle XML file in the reader's shape above, checked against the structure
    of docs.moodle.org "Moodle XML format": <quiz>, <question type=...>, <name>, <questiontext
    format=...>, <answer fraction=...> with <text> and <feedback>, <tolerance> for numerical answers."""
    root = ET.fromstring(source)            # well-formed, or it raises
    if root.tag != "quiz":
        raise GiftError(f"the root element must be <quiz>, got <{root.tag}>")
    questions, category = [], None
    for el in root:
        if el.tag is ET.Comment:
            continue
        kind = el.get("type")
        if el.tag != "question" or kind not in {"category", "multichoice", "numerical"}:
            raise GiftError(f"unexpected <{el.tag} type={kind!r}>")
        if kind == "category":
            category = _xml_text(el.find("category"), "category")
            continue
        name = _xml_text(el.find("name"), "name")
        qt = el.find("questiontext")
        q = {"name": name, "category": category, "format": qt.get("format"), "text": _xml_text(qt, name)}
        for tag in ("defaultgrade", "penalty"):
            float(el.find(tag).text)
        answers = el.findall("answer")
        if kind == "numerical":
            q.update(kind="numeric", answers=[], default_feedback=None)
            for a in answers:
                text, tol = _xml_text(a, name), float(a.find("tolerance").text)
                feedback = _xml_text(a.find("feedback"), name) or None
                if text == "*":
                    if a is not answers[-1] or float(a.get("fraction")) != 0:
                        raise GiftError(f"{name!r}: '*' must be the last answer, at 0 %")
                    q["default_feedback"] = feedback
                    continue
                value = _number(text, name)
                if tol < 0:
                    raise GiftError(f"{name!r}: negative tolerance")
                q["answers"].append({"weight": float(a.get("fraction")), "low": value - tol, "high": value + tol,
                                     "shown": f"{text}:{tol}", "feedback": feedback})
        else:
            single = el.find("single").text
            if single not in ("true", "false") or el.find("shuffleanswers").text not in ("true", "false"):
                raise GiftError(f"{name!r}: <single> and <shuffleanswers> are true or false")
            weights = [float(a.get("fraction")) for a in answers]
            if single == "true" and sorted(weights) != [0.0] * (len(weights) - 1) + [100.0]:
                raise GiftError(f"{name!r}: a one-answer question has one answer at 100 % and the rest at 0 %")
            q.update(kind="single" if single == "true" else "multiple", answers=[
                {"sign": "=" if single == "true" and w == 100 else "~", "weight": w, "format": a.get("format"),
                 "text": _xml_text(a, name), "feedback": _xml_text(a.find("feedback"), name) or None}
                for a, w in zip(answers, weights)])
        for a in answers:
            if abs(float(a.get("fraction"))) not in MOODLE_PERCENTS:
                raise GiftError(f"{name!r}: fraction {a.get('fraction')} is not in Moodle's grade menu")
        questions.append(q)
    return questions


READERS = {"gift": read_gift, "moodle-xml": read_moodle_xml}


# ----------------------------------------------------------------------------- helpers
def quiz_json(key: str) -> list[dict]:
    return json.loads((ROOT / "chapters" / key / "quiz.json").read_text(encoding="utf-8"))


def probes(q: dict) -> list[float]:
    """Numbers a student might type: around every stated value and range end, on a fine grid, the
    value itself, and just either side of where rounding to ``precision`` figures changes."""
    centres = [a["value"] for a in q["answers"] if "value" in a]
    centres += [e for a in q["answers"] if "range" in a for e in a["range"]]
    p = q.get("precision")
    out = []
    for v in centres:
        span = abs(v) * 0.2 or 1.0
        out += [v, *(v - span + 2 * span * k / 4000 + span * 1.1e-7 for k in range(4001))]
        if p and v:
            unit = 10.0 ** (math.floor(math.log10(abs(v))) - p + 1)      # the last kept digit
            for edge in (v - unit / 2, v + unit / 2, v - unit / 20, v + unit / 20):
                out += [edge - abs(edge) * 1e-9, edge + abs(edge) * 1e-9]
    return out


# ----------------------------------------------------------------------------- the real quizzes
@pytest.fixture(scope="module", params=sorted(READERS))
def exported(request, tmp_path_factory) -> dict[str, list[dict]]:
    """Every chapter's quiz, exported in one format and read back by that format's reader."""
    fmt = request.param
    out = tmp_path_factory.mktemp(fmt)
    paths = quiz_export.export_quizzes(out, fmt)
    suffix = quiz_export.FORMATS[fmt]
    assert [p.name for p in paths] == [f"{k}{suffix}" for k in chapters.CHAPTER_KEYS]
    return {k: READERS[fmt](p.read_text(encoding="utf-8")) for k, p in zip(chapters.CHAPTER_KEYS, paths)}


@pytest.mark.parametrize("key", chapters.CHAPTER_KEYS)
def test_every_question_round_trips(exported, key):
    source = quiz_json(key)
    got = exported[key]
    ch = chapters.chapter(key)
    assert len(got) == len(source) > 0
    for n, (g, q) in enumerate(zip(got, source), start=1):
        where = f"{key} question {n}"
        assert g["category"] == f"$course$/top/Norepinephrine course/{ch.number}. {ch.title}", where
        assert g["name"].startswith(f"{key} Q{n:02d} "), where
        assert (g["format"], g["text"]) == ("html", q["question"].strip()), where
        if q["type"] == "numeric":
            assert g["kind"] == "numeric", where
            stated = [a for a in q["answers"] if a.get("type") != "default"]
            # Moodle shows the first right answer as "the right answer": the course's own value
            first_right = next(a for a in g["answers"] if a["weight"] == 100)
            course_right = next(a for a in stated if a["correct"])
            assert float(first_right["shown"].split(":")[0]) == course_right["value"], where
            assert {a["feedback"] for a in g["answers"]} == {a.get("feedback") for a in stated}, where
            default = next((a.get("feedback") for a in q["answers"] if a.get("type") == "default"), None)
            assert g["default_feedback"] == default, where
            for x in probes(q):
                assert moodle_verdict(g, x) == jupyterquiz_verdict(q, x), f"{where}: a student types {x!r}"
            continue
        assert [a["text"] for a in g["answers"]] == [a["answer"] for a in q["answers"]], where
        assert [a["feedback"] for a in g["answers"]] == [a.get("feedback") for a in q["answers"]], where
        right = [a["correct"] for a in q["answers"]]
        if q["type"] == "many_choice" or sum(right) > 1:
            assert g["kind"] == "multiple", where
            weights = [a["weight"] for a in g["answers"]]
            assert all((w > 0) == r for w, r in zip(weights, right)), where
            assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=1e-3), where
            if not all(right):
                assert sum(w for w in weights if w < 0) == pytest.approx(-100, abs=1e-3), where
            assert sum(weights) <= 1e-3, f"{where}: ticking every box must not score"
            assert all(abs(w) in MOODLE_PERCENTS for w in weights), f"{where}: {weights} not in Moodle's menu"
        else:
            assert g["kind"] == "single", where
            assert [a["sign"] == "=" for a in g["answers"]] == right, where


def test_numeric_tolerance_matches_significant_figures(exported):
    """Receptors question 3: the answer 10, checked to 2 significant figures in the course, so
    9.95 <= x < 10.5 is right (10.4 rounds to 10, 10.5 to 11, 9.94 to 9.9)."""
    q = next(g for g in exported["receptors"] if g["kind"] == "numeric")
    right = [a for a in q["answers"] if a["weight"] == 100]
    assert min(a["low"] for a in right) == pytest.approx(9.95)
    assert max(a["high"] for a in right) == pytest.approx(10.5)
    for typed, ok in ((10, True), (10.4, True), (9.96, True), (9.94, False), (10.6, False), (9, False)):
        assert moodle_verdict(q, typed)[0] is ok, typed
    assert "not [B]/K<sub>B</sub>" in moodle_verdict(q, 9.0)[1]     # the wrong value keeps its feedback


# ----------------------------------------------------------------------------- escaping
@pytest.mark.parametrize("fmt", sorted(READERS))
def test_special_characters_survive(fmt):
    texts = ["Is a = b: {yes} ~ or # no? \\ done", "line one\nline two", "%50% of cells <b>bold</b> & more",
             "[html] starts with a bracket", "ratio 1:2 = 0.5 µM ]]> </text>"]
    quiz = [{"question": texts[0], "type": "multiple_choice", "answers": [
                {"answer": texts[1], "correct": True, "feedback": texts[4]},
                {"answer": texts[2], "correct": False, "feedback": texts[3]},
                {"answer": texts[3], "correct": False}]},
            {"question": texts[4], "type": "numeric", "precision": 3, "answers": [
                {"type": "value", "value": 0.5, "correct": True, "feedback": texts[0]},
                {"type": "range", "range": [-2, 0], "correct": False, "feedback": texts[2]},
                {"type": "default", "feedback": texts[1]}]}]
    questions = quiz_export.parse_quiz(quiz)
    if fmt == "gift":
        written = quiz_export.to_gift("synthesis", questions)
    else:
        written = quiz_moodle_xml.to_moodle_xml("synthesis", questions)
    got = READERS[fmt](written)      # the GIFT reader is strict: it raises on any unescaped special character
    assert len(got) == 2
    assert got[0]["text"] == texts[0]
    # the same HTML (GIFT writes a leading "%" of a choice as the entity &#37;, which shows as "%")
    assert [html.unescape(a["text"]) for a in got[0]["answers"]] == [html.unescape(t) for t in texts[1:4]]
    assert [a["feedback"] for a in got[0]["answers"]] == [texts[4], texts[3], None]
    assert got[1]["text"] == texts[4] and got[1]["default_feedback"] == texts[1]
    for x in [-3, -2.0001, -1.99, -0.001, 0.4994, 0.4996, 0.5, 0.5004, 0.5006, 1]:
        assert moodle_verdict(got[1], x) == jupyterquiz_verdict(quiz[1], x), x


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_code_shown_with_a_question_or_choice_is_kept(fmt):
    """jupyterquiz shows a "code" field under the question or choice text: the export keeps it."""
    quiz = [{"question": "Which prints 4?", "type": "multiple_choice", "code": "x = {'a': 2}",
             "answers": [{"answer": "", "code": "print(x['a'] * 2)", "correct": True},
                         {"answer": "This one", "code": "print(x['a'] + 1)", "correct": False}]}]
    questions = quiz_export.parse_quiz(quiz)
    written = (quiz_export.to_gift if fmt == "gift" else quiz_moodle_xml.to_moodle_xml)("synthesis", questions)
    got = READERS[fmt](written)[0]
    assert got["text"] == "Which prints 4?<pre><code>x = {'a': 2}</code></pre>"
    assert [a["text"] for a in got["answers"]] == ["<pre><code>print(x['a'] * 2)</code></pre>",
                                                   "This one<pre><code>print(x['a'] + 1)</code></pre>"]


# ----------------------------------------------------------------------------- bad input
def _chapters_with(tmp_path, key: str, text: str) -> Path:
    folder = tmp_path / "chapters" / key
    folder.mkdir(parents=True)
    (folder / "quiz.json").write_text(text, encoding="utf-8")
    return tmp_path / "chapters"


GOOD = {"question": "Q?", "type": "multiple_choice",
        "answers": [{"answer": "a", "correct": True}, {"answer": "b", "correct": False}]}


@pytest.mark.parametrize("text, needle", [
    ("[{", "not valid JSON"),
    ("{}", "non-empty JSON list"),
    (json.dumps([{**GOOD, "type": "string"}]), "type must be one of ['multiple_choice', 'many_choice', 'numeric']"),
    (json.dumps([{**GOOD, "question": ""}]), "question 1: question must be a non-empty string"),
    (json.dumps([GOOD, {**GOOD, "answers": [{"answer": "a", "correct": "yes"}, {"answer": "b", "correct": False}]}]),
     "question 2: answers[0].correct must be true or false"),
    (json.dumps([{**GOOD, "answers": [{"answer": "a", "correct": False}, {"answer": "b", "correct": False}]}]),
     "must mark at least one choice correct"),
    (json.dumps([{"question": "n?", "type": "numeric", "precision": 0,
                  "answers": [{"type": "value", "value": 1, "correct": True}]}]), "precision must be an integer"),
    (json.dumps([{"question": "n?", "type": "numeric", "answers": [{"type": "value", "value": "1", "correct": True}]}]),
     "answers[0].value must be a finite number"),
    (json.dumps([{"question": "n?", "type": "numeric", "answers": [{"type": "default", "feedback": "x"}]}]),
     "correct: true"),
    (json.dumps([{"question": "m?", "type": "many_choice",
                  "answers": [{"answer": f"a{i}", "correct": True} for i in range(11)]}]),
     "a share Moodle does not accept"),
])
def test_malformed_quiz_is_refused(tmp_path, capsys, text, needle):
    chapters_dir = _chapters_with(tmp_path, "receptors", text)
    out = tmp_path / "out"
    code = cli.main(["quiz", "--chapter", "receptors", "--chapters", str(chapters_dir), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert needle in err and "receptors/quiz.json" in err, err
    assert not list(out.glob("*")) if out.exists() else True, "nothing is written for a bad quiz"


def test_a_bad_quiz_stops_the_whole_export(tmp_path, capsys):
    chapters_dir = _chapters_with(tmp_path, "disorders", "[]")
    out = tmp_path / "out"
    assert cli.main(["quiz", "--chapters", str(chapters_dir), "--out", str(out)]) == 2
    assert "disorders/quiz.json" in capsys.readouterr().err
    assert not out.exists() or not list(out.iterdir())


@pytest.mark.parametrize("argv, needle", [
    (["--chapter", "hippocampus"], f"--chapter must be one of {list(chapters.CHAPTER_KEYS)}"),
    (["--format", "xlsx"], "--format must be one of ['gift', 'moodle-xml', 'canvas-qti']"),
])
def test_cli_bad_options(tmp_path, capsys, argv, needle):
    assert cli.main(["quiz", "--out", str(tmp_path / "q"), *argv]) == 2
    assert needle in capsys.readouterr().err


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_cli_writes_and_says_what(tmp_path, capsys, fmt):
    out = tmp_path / "q"
    assert cli.main(["quiz", "--format", fmt, "--out", str(out), "--chapter", "receptors"]) == 0
    printed = capsys.readouterr().out
    path = out / f"receptors{quiz_export.FORMATS[fmt]}"
    assert str(path) in printed and "self-check" in printed
    assert len(READERS[fmt](path.read_text(encoding="utf-8"))) == len(quiz_json("receptors"))
    assert [p.name for p in out.iterdir()] == [path.name]


def test_reader_is_strict():
    """The reader would catch an unescaped special character or a question split by a blank line."""
    with pytest.raises(GiftError, match="unescaped"):
        read_gift("::n::[html]a: b {=x ~y}")
    with pytest.raises(GiftError):
        read_gift("::n::[html]q {\n=x\n\n~y}")
    with pytest.raises(GiftError):
        read_gift("::n::[html]q {=x#1 = 1 ~y}")


def test_instructor_guide_says_what_the_export_does():
    """The guide's "Quizzes for marks" names the commands and the category the files really use, in
    text the website shows (a bare <word> outside code would be swallowed as an HTML tag)."""
    guide = (ROOT / "instructors" / "grading.md").read_text(encoding="utf-8")
    section = guide.split("## Quizzes for marks", 1)[1].split("\n## ", 1)[0]
    ch = chapters.chapter("receptors")
    assert f"`{quiz_export.COURSE_CATEGORY}/{ch.number}. {ch.title}`" in section
    for fmt in quiz_export.FORMATS:
        assert f"--format {fmt}" in section and quiz_export.FORMATS[fmt] in section
    assert "self-check" in section
    prose = re.sub(r"```.*?```", "", section, flags=re.S)
    prose = re.sub(r"`[^`]*`", "", prose)
    assert not re.findall(r"<[A-Za-z][^>]*>", prose), "raw <...> in the prose is eaten by the website"


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_a_question_starting_with_a_bracket_keeps_its_text(fmt):
    """One format marker only: GIFT would show a second "[html]" as text."""
    quiz = [{"question": "[NE] rises after a NET block: true?", "type": "multiple_choice",
             "answers": [{"answer": "yes", "correct": True}, {"answer": "no", "correct": False}]}]
    questions = quiz_export.parse_quiz(quiz)
    written = (quiz_export.to_gift if fmt == "gift" else quiz_moodle_xml.to_moodle_xml)("synthesis", questions)
    assert written.count("[html]") <= 1
    assert READERS[fmt](written)[0]["text"] == quiz[0]["question"]


def test_an_unhashable_format_is_named():
    with pytest.raises(ValueError, match="format must be one of"):
        quiz_export.export_quiz("synthesis", "out", fmt=["gift"])
