"""No run of 8 or more words of any page, notebook, glossary or quiz copies a seed text (issue 18)."""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import textcheck  # noqa: E402  (course tooling, kept out of ne_lib)


def test_no_page_notebook_glossary_or_quiz_copies_a_seed_run():
    found = textcheck.overlaps()
    assert not found, "text copied from a seed (rewrite in the course's own words):\n" + "\n".join(
        f"  {name}: '{run}'" for name, run in found[:30])


def test_committed_hashes_match_the_seeds_when_they_are_present():
    texts = sorted(textcheck.SEEDS_DIR.glob("*.txt")) if textcheck.SEEDS_DIR.is_dir() else []
    if not texts:
        pytest.skip("seed texts not present; the committed hash file is used instead")
    committed = set(textcheck.HASH_FILE.read_text().split())
    assert committed == textcheck.seed_hashes(), "run `python tools/textcheck.py --write-hashes`"


def test_the_detector_finds_a_copied_run_through_markup_case_and_punctuation():
    """The check can fail: a seed sentence pasted into a page, with MyST markup and changed case, is found."""
    words = ["norepinephrine", "is", "what", "prepares", "us", "to", "act", "also", "known", "as"]
    hashes = textcheck.run_hashes(" ".join(words))
    page = "Intro. {term}`Norepinephrine <norepinephrine>` is -- what PREPARES us to act; also known as NA {cite:p}`X`."
    assert textcheck.run_hashes(page) & hashes
    seven = "Norepinephrine is what prepares us to act."      # 7 words: below the threshold
    assert not textcheck.run_hashes(seven) & hashes


def test_the_detector_reads_quiz_feedback(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "ne_lib" / "quizzes").mkdir(parents=True)
    quiz = [{"question": "Q?", "type": "multiple_choice",
             "answers": [{"answer": "a", "correct": True, "feedback": "one two three four five six seven eight"}]}]
    (tmp_path / "ne_lib" / "quizzes" / "x.json").write_text(json.dumps(quiz))
    found = textcheck.overlaps(tmp_path, hashes=textcheck.run_hashes("one two three four five six seven eight"))
    assert found == [("ne_lib/quizzes/x.json", "one two three four five six seven eight")]


def test_bad_input_is_refused():
    with pytest.raises(TypeError, match="text"):
        textcheck.normalise_words(None)
    with pytest.raises(ValueError, match="n must"):
        textcheck.word_runs(["a"], 0)
