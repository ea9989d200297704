"""Each chapter's self-check quiz as a question bank a learning platform can mark.

In the course a quiz is a self-check (jupyterquiz, in the browser; nothing reaches a grader). For
marks, an instructor imports the same questions into the platform, each chapter in its own category:

* ``gift``: Moodle's GIFT text format (Question bank > Import > GIFT format);
* ``moodle-xml``: the same in Moodle XML (:mod:`.quiz_moodle_xml`), Moodle's most complete format;
* ``canvas-qti``: one QTI 1.2 package of the chosen chapters for Canvas (:mod:`.quiz_canvas_qti`).

What carries over, exactly as ``ne_lib/quizzes/<chapter>.json`` (jupyterquiz's format) states it:

* the texts, as HTML (jupyterquiz's ``innerHTML``; GIFT's ``[html]`` marker, its ``~ = # { } : \\``
  escaped and line breaks as ``\\n``);
* the right answers: one right choice, a one-answer question (``=`` right, ``~`` wrong); ``many_choice``
  (or several right), right choices share 100 % and wrong ones -100 % (ticking all scores zero);
* numeric tolerances: jupyterquiz accepts a typed number that rounds to ``precision`` significant
  figures as the stated value does, an interval (:func:`accepted_interval`; 10 to 2 figures: 9.95 up to
  10.5). An interval not centred on the value is two answers with the same mark and feedback: the
  value with the smaller half-width (shown as the right answer), then the whole interval. Moodle
  includes both ends, jupyterquiz not the upper one. Wrong values keep their feedback at 0 %; the
  ``default`` feedback is for any other number (``~#``).

A quiz that cannot be exported faithfully is refused (a ValueError naming file, question and field).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from pathlib import Path

from ne_lib import __version__, chapters as course_map

__all__ = ["FORMATS", "Choice", "NumericAnswer", "Question", "accepted_interval", "load_quiz", "parse_quiz",
           "choice_percents", "plain_name", "plain_number", "gift_escape", "to_gift", "export_quiz",
           "export_quizzes", "category_title"]

#: export formats -> file suffix
FORMATS = {"gift": ".gift.txt", "moodle-xml": ".moodle.xml", "canvas-qti": ".canvas-qti.zip"}
QUESTION_TYPES = ("multiple_choice", "many_choice", "numeric")
COURSE_CATEGORY = "Norepinephrine course"
#: the shares of a question's mark Moodle accepts for an answer, in % (its grade menu; others fail the import)
MOODLE_PERCENTS = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571,
                   12.5, 11.11111, 10, 5)


@dataclass(frozen=True)
class Choice:
    text: str               # HTML, as the quiz states it
    correct: bool
    feedback: str | None


@dataclass(frozen=True)
class NumericAnswer:
    low: Decimal            # the interval jupyterquiz accepts, [low, high)
    high: Decimal
    value: Decimal | None   # the stated value ("value" answers), None for a "range" answer
    correct: bool
    feedback: str | None


@dataclass(frozen=True)
class Question:
    kind: str                               # one of QUESTION_TYPES
    text: str                               # HTML (with the quiz's "code", if any, as a <pre> block)
    choices: tuple[Choice, ...] = ()
    numeric: tuple[NumericAnswer, ...] = ()
    default_feedback: str | None = None     # numeric: feedback for any other number
    precision: int | None = None            # numeric: significant figures compared

    @property
    def multiple_answers(self) -> bool:
        return self.kind == "many_choice" or sum(c.correct for c in self.choices) > 1


# ----------------------------------------------------------------------------- numbers
def _decimal(x: float | int) -> Decimal:
    """The number as written (``repr``), so 0.04 stays 0.04 and not its binary neighbour."""
    return Decimal(repr(float(x))) if isinstance(x, float) else Decimal(int(x))


def _cell(x: Decimal, precision: int) -> tuple[Decimal, Decimal, Decimal]:
    """(rounded, low, high): ``x`` to ``precision`` significant figures as JavaScript's
    ``toPrecision`` rounds it (halves away from zero), and the interval of numbers that round the same."""
    if x == 0:
        return Decimal(0), Decimal(0), Decimal(0)
    mag = abs(x)
    last = mag.adjusted() - precision + 1                    # exponent of the last kept digit
    rounded = mag.quantize(Decimal(1).scaleb(last), rounding=ROUND_HALF_UP)
    last = rounded.adjusted() - precision + 1                # 9.96 -> 10: one digit further left
    half = Decimal(5).scaleb(last - 1)
    below = Decimal(5).scaleb(last - 2) if rounded == Decimal(1).scaleb(rounded.adjusted()) else half
    low, high = rounded - below, rounded + half
    return (rounded, low, high) if x > 0 else (-rounded, -high, -low)


def accepted_interval(value: float, precision: int | None) -> tuple[Decimal, Decimal]:
    """[low, high] of the numbers jupyterquiz accepts for ``value`` compared to ``precision``
    significant figures (``None``: the exact value only)."""
    v = _decimal(value)
    if precision is None:
        return v, v
    _, low, high = _cell(v, precision)
    return low, high


def _range_interval(low: float, high: float, precision: int | None) -> tuple[Decimal, Decimal]:
    """[a, b): the numbers x with low <= round(x) < high (rounding is monotone, so an interval)."""
    lo, hi = _decimal(low), _decimal(high)
    if precision is None:
        return lo, hi
    r, c_lo, c_hi = _cell(lo, precision)
    a = c_lo if r >= lo else c_hi
    s, d_lo, d_hi = _cell(hi, precision)
    b = d_hi if s < hi else d_lo
    return a, b


def plain_number(d: Decimal) -> str:
    """A plain decimal numeral (no exponent), as Moodle's is_numeric reads it."""
    text = format(d.normalize(), "f")
    return "0" if text in ("-0", "") else text


# ----------------------------------------------------------------------------- reading
def _where(source: str, index: int | None, field: str) -> str:
    return f"{source}: question {index + 1}: {field}" if index is not None else f"{source}: {field}"


def _text(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where} must be a non-empty string, got {value!r}")
    return value


def _optional_text(value, where: str) -> str | None:
    return None if value is None else _text(value, where)


def _real(value, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{where} must be a finite number, got {value!r}")
    return value


def parse_quiz(data, source: str = "quiz") -> tuple[Question, ...]:
    """The questions of a jupyterquiz quiz (the parsed JSON list), checked; ValueError naming
    ``source``, the question number and the field for anything malformed or not exportable."""
    if not isinstance(data, list) or not data:
        raise ValueError(f"{source} must be a non-empty JSON list of questions, got {type(data).__name__}")
    out = []
    for i, q in enumerate(data):
        if not isinstance(q, dict):
            raise ValueError(f"{_where(source, i, 'question')} must be a JSON object, got {type(q).__name__}")
        kind = q.get("type")
        if kind not in QUESTION_TYPES:
            raise ValueError(f"{_where(source, i, 'type')} must be one of {list(QUESTION_TYPES)}, got {kind!r}")
        text = _text(q.get("question"), _where(source, i, "question"))
        if q.get("code") is not None:
            code = _text(q["code"], _where(source, i, "code"))
            text += f"<pre><code>{code}</code></pre>"   # jupyterquiz shows the code as HTML too
        answers = q.get("answers")
        if not isinstance(answers, list) or not answers:
            raise ValueError(f"{_where(source, i, 'answers')} must be a non-empty list, got {answers!r}")
        for j, a in enumerate(answers):
            if not isinstance(a, dict):
                raise ValueError(f"{_where(source, i, f'answers[{j}]')} must be a JSON object, got {a!r}")
        out.append(_numeric(q, text, answers, source, i) if kind == "numeric"
                   else _choices(kind, text, answers, source, i))
    return tuple(out)


def _choices(kind: str, text: str, answers: list, source: str, i: int) -> Question:
    choices = []
    for j, a in enumerate(answers):
        where = _where(source, i, f"answers[{j}]")
        if not isinstance(a.get("correct"), bool):
            raise ValueError(f"{where}.correct must be true or false, got {a.get('correct')!r}")
        answer = a.get("answer")
        if a.get("code") is not None:       # jupyterquiz shows a choice's code under its text
            answer = (answer if isinstance(answer, str) else "") + f"<pre><code>{_text(a['code'], where)}</code></pre>"
        choices.append(Choice(_text(answer, f"{where}.answer"), a["correct"],
                              _optional_text(a.get("feedback"), f"{where}.feedback")))
    if len(choices) < 2:
        raise ValueError(f"{_where(source, i, 'answers')} must offer at least 2 choices, got {len(choices)}")
    right = sum(c.correct for c in choices)
    if not right:
        raise ValueError(f"{_where(source, i, 'answers')} must mark at least one choice correct: true")
    question = Question(kind, text, choices=tuple(choices))
    if question.multiple_answers:      # the right choices share 100 %, the wrong ones -100 %
        for n in {right, len(choices) - right} - {0}:
            _percent(100 / n, _where(source, i, "answers"))
    return question


def _numeric(q: dict, text: str, answers: list, source: str, i: int) -> Question:
    precision = q.get("precision")
    if precision is not None and (isinstance(precision, bool) or not isinstance(precision, int)
                                  or not 1 <= precision <= 21):
        raise ValueError(f"{_where(source, i, 'precision')} must be an integer from 1 to 21 "
                         f"(significant figures), got {precision!r}")
    numeric, default = [], None
    for j, a in enumerate(answers):
        where = _where(source, i, f"answers[{j}]")
        feedback = _optional_text(a.get("feedback"), f"{where}.feedback")
        kind = a.get("type")
        if kind == "default":
            if default is not None:
                raise ValueError(f"{where}.type: only one 'default' answer is allowed")
            default = feedback or ""
            continue
        if not isinstance(a.get("correct"), bool):
            raise ValueError(f"{where}.correct must be true or false, got {a.get('correct')!r}")
        if kind == "value":
            value = _real(a.get("value"), f"{where}.value")
            low, high = accepted_interval(value, precision)
            numeric.append(NumericAnswer(low, high, _decimal(value), a["correct"], feedback))
        elif kind == "range":
            rng = a.get("range")
            if not (isinstance(rng, list) and len(rng) == 2):
                raise ValueError(f"{where}.range must be [low, high], got {rng!r}")
            lo, hi = _real(rng[0], f"{where}.range[0]"), _real(rng[1], f"{where}.range[1]")
            if not lo < hi:
                raise ValueError(f"{where}.range must have low < high, got {rng!r}")
            low, high = _range_interval(lo, hi, precision)
            numeric.append(NumericAnswer(low, high, None, a["correct"], feedback))
        else:
            raise ValueError(f"{where}.type must be one of ['value', 'range', 'default'], got {kind!r}")
    if not any(a.correct for a in numeric):
        raise ValueError(f"{_where(source, i, 'answers')} must have a 'value' or 'range' answer with "
                         "correct: true")
    return Question("numeric", text, numeric=tuple(numeric), default_feedback=default or None,
                    precision=precision)


def _quiz_path(chapter: str, chapters_dir: str | Path | None) -> Path:
    key = course_map.chapter(chapter).key
    if chapters_dir is not None:
        path = Path(chapters_dir) / key / "quiz.json"
        if path.is_file():
            return path
    return Path(str(resources.files("ne_lib").joinpath("quizzes", f"{key}.json")))


def load_quiz(chapter: str, chapters_dir: str | Path | None = None) -> tuple[Question, ...]:
    """The checked questions of ``chapter`` (one of :data:`ne_lib.chapters.CHAPTER_KEYS`), from
    ``<chapters_dir>/<chapter>/quiz.json`` when that exists, else from ``ne_lib/quizzes``."""
    path = _quiz_path(chapter, chapters_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the quiz ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    return parse_quiz(data, source=str(path))


# ----------------------------------------------------------------------------- GIFT
_GIFT_SPECIAL = re.compile(r"([\\~=#{}:])")


def gift_escape(text: str, choice: bool = False, marked: bool = False) -> str:
    """``text`` safe inside GIFT: ``\\ ~ = # { } :`` escaped with a backslash, line breaks as ``\\n``.

    A leading ``[`` gets an explicit ``[html]`` so GIFT never takes it for a format marker; a
    ``choice`` text's leading ``%`` (GIFT would read ``~%50%`` as a mark) becomes ``&#37;``. ``marked``:
    the caller writes the format marker itself, just before the text."""
    text = text.strip().replace("\r\n", "\n").replace("\r", "\n")
    if choice and text.startswith("%"):
        text = "&#37;" + text[1:]          # before escaping: its "#" is escaped too
    text = _GIFT_SPECIAL.sub(r"\\\1", text).replace("\n", "\\n")
    if text.startswith("[") and not marked:
        text = "[html]" + text
    return text


def _percent(share: float, where: str) -> str:
    for p in MOODLE_PERCENTS:
        if abs(p - share) < 1e-4:
            return format(p, ".5f").rstrip("0").rstrip(".")
    raise ValueError(f"{where}: {100 / share:.0f} right (or wrong) choices would get {share:.4g} % each, a share "
                     f"Moodle does not accept (it offers {', '.join(f'{p:g}' for p in MOODLE_PERCENTS)} %)")


def choice_percents(q: Question, where: str) -> tuple[str, str]:
    """(right, wrong): each choice's share of the mark in %, as Moodle writes it. One right choice:
    100 and 0; several: the right ones share 100 and the wrong ones -100."""
    if not q.multiple_answers:
        return "100", "0"
    right = sum(c.correct for c in q.choices)
    wrong = len(q.choices) - right
    return _percent(100 / right, where), ("-" + _percent(100 / wrong, where) if wrong else "0")


def plain_name(key: str, n: int, q: Question) -> str:
    """The question's name in the platform's bank: chapter, number and its first words."""
    return f"{key} Q{n:02d} {_plain(q.text)}"


def category_title(title: str) -> str:
    """A chapter title as a category name: no ``/`` (a category path's separator) nor GIFT's specials."""
    return re.sub(r"[\\/~=#{}:]", " ", title)


def _feedback(text: str | None) -> str:
    return "" if not text else "#" + gift_escape(text)


def _plain(html: str, limit: int = 60) -> str:
    words = " ".join(re.sub(r"<[^>]+>", "", html).split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "\u2026"


def _gift_question(q: Question, name: str, where: str) -> list[str]:
    head = f"::{gift_escape(name)}::[html]{gift_escape(q.text, marked=True)} {{"
    if q.kind == "numeric":
        compared = "exactly" if q.precision is None else f"to {q.precision} significant figures"
        lines = [f"// numeric, compared {compared}: each answer is the interval the course's quiz accepts",
                 head + "#"]
        for a in q.numeric:
            mark, fb = ("=%100%" if a.correct else "=%0%"), _feedback(a.feedback)
            if a.value is not None:
                half = min(a.value - a.low, a.high - a.value)
                lines.append(f"\t{mark}{plain_number(a.value)}:{plain_number(half)}{fb}")
                if a.value - a.low == a.high - a.value:
                    continue
            lines.append(f"\t{mark}{plain_number(a.low)}..{plain_number(a.high)}{fb}")
        if q.default_feedback:
            lines.append(f"\t~{_feedback(q.default_feedback)}")
        return lines + ["}"]
    lines = [head]
    if not q.multiple_answers:
        lines += [f"\t{'=' if c.correct else '~'}{gift_escape(c.text, True)}{_feedback(c.feedback)}"
                  for c in q.choices]
        return lines + ["}"]
    right = sum(c.correct for c in q.choices)
    plus, minus = choice_percents(q, where)
    lines.insert(0, f"// multiple answers: right choices ({right}) share 100 %, wrong choices "
                    f"({len(q.choices) - right}) share -100 %")
    for c in q.choices:
        mark = f"~%{plus}%" if c.correct else f"~%{minus}%"
        lines.append(f"\t{mark}{gift_escape(c.text, True)}{_feedback(c.feedback)}")
    return lines + ["}"]


def to_gift(chapter: str, questions: tuple[Question, ...] | None = None) -> str:
    """The GIFT text of ``chapter``'s quiz (``questions``: its checked questions, default: the course's)."""
    ch = course_map.chapter(chapter)
    questions = load_quiz(ch.key) if questions is None else questions
    title = category_title(ch.title)
    blocks = ["\n".join([
        f"// Norepinephrine course {__version__}: chapter {ch.number}, {ch.title}: {len(questions)} questions.",
        "// Written by `python -m ne_lib.coursework quiz` from the chapter's self-check quiz (jupyterquiz).",
        "// Import: Moodle > Question bank > Import > GIFT format (tick 'Get category from file').",
    ]), f"$CATEGORY: $course$/top/{COURSE_CATEGORY}/{ch.number}. {title}"]
    for n, q in enumerate(questions, start=1):
        blocks.append("\n".join(_gift_question(q, plain_name(ch.key, n, q), f"{ch.key} question {n}")))
    return "\n\n".join(blocks) + "\n"


# ----------------------------------------------------------------------------- files
def export_quiz(chapter: str, out_dir: str | Path, fmt: str = "gift",
                chapters_dir: str | Path | None = None) -> Path:
    """Write ``chapter``'s quiz in ``fmt`` (one of :data:`FORMATS`) to ``out_dir``; the file's path."""
    if not isinstance(fmt, str) or fmt not in FORMATS:
        raise ValueError(f"format must be one of {list(FORMATS)}, got {fmt!r}")
    key = course_map.chapter(chapter).key
    if fmt == "canvas-qti":
        return export_quizzes(out_dir, fmt, [key], chapters_dir)[0]
    questions = load_quiz(key, chapters_dir)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{key}{FORMATS[fmt]}"
    if fmt == "moodle-xml":
        from .quiz_moodle_xml import to_moodle_xml
        text = to_moodle_xml(key, questions)
    else:
        text = to_gift(key, questions)
    path.write_text(text, encoding="utf-8")
    return path


def export_quizzes(out_dir: str | Path, fmt: str = "gift", chapters: list[str] | None = None,
                   chapters_dir: str | Path | None = None) -> list[Path]:
    """Write the quizzes of ``chapters`` (default: all, in course order); every quiz is checked
    before any file is written."""
    if not isinstance(fmt, str) or fmt not in FORMATS:
        raise ValueError(f"format must be one of {list(FORMATS)}, got {fmt!r}")
    keys = list(course_map.CHAPTER_KEYS) if chapters is None else [course_map.chapter(c).key for c in chapters]
    quizzes = {key: load_quiz(key, chapters_dir) for key in keys}
    if fmt == "canvas-qti":         # one package: a Canvas import brings in every chapter's quiz at once
        from .quiz_canvas_qti import write_package
        name = keys[0] if len(keys) == 1 else "norepinephrine"
        return [write_package(Path(out_dir) / f"{name}{FORMATS[fmt]}", quizzes)]
    return [export_quiz(key, out_dir, fmt, chapters_dir) for key in keys]
