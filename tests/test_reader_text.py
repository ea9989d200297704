"""Text a reader sees that no build typesets: quiz questions, answers and feedback (jupyterquiz shows
them as HTML, on the website and in every Jupyter client) hold no TeX and no typed subscript ("K_B")."""

import json
import re
from pathlib import Path

import pytest

QUIZZES = sorted((Path(__file__).resolve().parents[1] / "ne_lib" / "quizzes").glob("*.json"))
TYPED = re.compile(r"\$|\\[A-Za-z]+|(?<![\w.-])[A-Z]_[A-Za-z0-9]{1,2}(?![\w-])")


def _texts(item):
    if isinstance(item, dict):
        for key, value in item.items():
            if key in ("question", "answer", "feedback") and isinstance(value, str):
                yield value
            else:
                yield from _texts(value)
    elif isinstance(item, list):
        for value in item:
            yield from _texts(value)


@pytest.mark.parametrize("quiz", QUIZZES, ids=lambda p: p.stem)
def test_quiz_text_has_no_tex_or_typed_subscripts(quiz):
    texts = list(_texts(json.loads(quiz.read_text(encoding="utf-8"))))
    assert len(texts) >= 10, f"{quiz.name}: quiz texts not found"
    typed = sorted({m for t in texts for m in TYPED.findall(re.sub(r"<[^>]+>", "", t))})
    assert not typed, f"{quiz.name} shows {typed} as typed: write a subscript as K<sub>B</sub>"
