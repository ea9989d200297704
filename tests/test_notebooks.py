"""Course conventions every chapter notebook and page must keep (see CONTRIBUTING.md)."""

import json
import re
from pathlib import Path

import pytest
import yaml

from ne_lib.chapters import CHAPTER_KEYS
from ne_lib.release import REPOSITORY_URL, install_cell_source

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in (ROOT / "chapters").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
CHAPTERS = CHAPTER_KEYS
REPO_URL = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]


def _cells(path):
    return json.loads(path.read_text())["cells"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_without_outputs(path):
    for cell in _cells(path):
        if cell["cell_type"] == "code":
            assert not cell.get("outputs") and cell.get("execution_count") is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_first_cell_makes_colab_work_and_is_hidden(path):
    first = _cells(path)[0]
    assert first["cell_type"] == "code" and "remove-cell" in first["metadata"].get("tags", [])
    source = "".join(first["source"])
    assert "import ne_lib" in source and "except ImportError" in source
    assert source == install_cell_source(), "run `python -m ne_lib.release sync`: the install cell must " \
        "install this release (ne_lib.release), not main"


def test_config_repository_is_the_release_repository():
    assert REPO_URL == REPOSITORY_URL


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_model_code_or_path_hacks_in_notebooks(path):
    code = "\n".join("".join(c["source"]) for c in _cells(path) if c["cell_type"] == "code")
    assert "sys.path" not in code
    assert not re.search(r"^\s*(def|class)\s", code, re.M), "model code belongs in ne_lib"
    assert "solve_ivp" not in code and "odeint" not in code


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_has_objectives_time_exercises_quiz_summary_and_figures(chapter):
    folder = ROOT / "chapters" / chapter
    index = (folder / "index.md").read_text()
    assert re.search(r"objectives", index, re.I)
    assert re.search(r"time:?\*\*:?\s*(about\s*)?[0-9]", index, re.I), "an estimated time up front"
    text = index + "\n".join("".join(c["source"]) for nb in folder.glob("*.ipynb") for c in _cells(nb))
    exercises = len(re.findall(r"```\{exercise(?:-start)?\}", text))
    assert exercises >= 3, f"{chapter}: {exercises} exercises"
    assert re.search(r"```\{solution-start\}", text), "at least one coding exercise with a runnable solution"
    assert "check." in text, "coding exercises end with an automatic check"
    assert f'show_quiz("{chapter}")' in text and (folder / "quiz.json").exists()
    assert re.search(r"^#+ .*Summary", text, re.M | re.I) and re.search(r"^#+ .*Further reading", text, re.M | re.I)
    assert len(re.findall(r"\.show\(\s*\)", text)) >= 2, "at least two interactive figures"
    assert "{cite" in text and "{term}" in text


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_solutions_are_hidden_by_default(chapter):
    folder = ROOT / "chapters" / chapter
    text = "\n".join("".join(c["source"]) for nb in folder.glob("*.ipynb") for c in _cells(nb))
    for block in re.findall(r"```\{solution(?:-start)?\}[^\n]*\n((?::[^\n]*\n)*)", text):
        assert ":class: dropdown" in block
    assert "hide_solutions" not in (ROOT / "_config.yml").read_text()


def test_quiz_files_are_valid():
    for quiz in (ROOT / "chapters").rglob("quiz.json"):
        questions = json.loads(quiz.read_text())
        assert len(questions) >= 3, quiz
        for q in questions:
            assert q["type"] in {"multiple_choice", "many_choice", "numeric"}, q
            assert q.get("question")
            if q["type"] != "numeric":
                assert any(a.get("correct") for a in q["answers"]), q["question"]


def test_quizzes_ship_inside_ne_lib_for_colab():
    from ne_lib.quiz import CHAPTERS, load_quiz

    for chapter in CHAPTERS:
        packaged = load_quiz(chapter)
        beside = json.loads((ROOT / "chapters" / chapter / "quiz.json").read_text())
        assert packaged == beside and len(packaged) >= 3
    with pytest.raises(ValueError, match="chapter must be one of"):
        load_quiz("kidney")
