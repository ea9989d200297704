"""The grader notices an error carried over from an earlier exercise: crafted submissions of the real
chapter pages, made from the copies students are given, graded by ne_lib.coursework.

Each chain's later answer is computed with the right method from a wrong earlier answer; the grades
row must say "carried over" and name the earlier exercise. Expected values come from the analytic
relations (Gaddum's dose ratio; the linear mixing rule of urinary MHPG), never from the checks.
"""

from pathlib import Path

import nbformat
import pytest

from ne_lib import coursework as cw, receptors
from ne_lib.check.registry import all_exercises
from ne_lib.coursework.variants import variant_for

ROOT = Path(__file__).resolve().parent.parent
SALT = "carried-salt"
SCHILD = "chapters/receptors/antagonists_and_second_messengers.ipynb"
MHPG = "chapters/synthesis/metabolites_and_the_brain.ipynb"
K_B = receptors.ANTAGONISTS["prazosin"].k_b_nM["alpha1"]


def _students_with_turnover_variant(kind: str):
    """Student ids (one per kind of submission) whose syn-ex-mhpg variant is not the website's doubling,
    so that the grader must pass each student's own turnover fold to the later check."""
    ex = all_exercises()["syn-ex-mhpg"]
    ids = (f"{kind}{i}" for i in range(200))
    return next(s for s in ids if variant_for(ex, s, SALT)["turnover_fold"] != 2.0)


def _answered(source: str, student_id: str, answers: dict[str, str]) -> nbformat.NotebookNode:
    nb = cw.student_copy(nbformat.read(ROOT / source, as_version=4), source=source, root=ROOT,
                         student_id=student_id, salt=SALT)
    for label, code in answers.items():
        cell = next(c for c in nb.cells if c.metadata.get("ne_coursework", {}).get("exercise") == label)
        name = code.split("=", 1)[0].strip()
        stub = f"{name} = None  # replace None with your calculation"
        assert stub in cell.source, (label, cell.source)
        cell.source = cell.source.replace(stub, code)
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("carried")
    mhpg = {kind: _students_with_turnover_variant(f"mhpg-{kind}-") for kind in ("right", "carried", "wrong")}
    right_ratio = f"ratio = 1 + 1.0 / {K_B!r}"                           # Gaddum, [B] = 1 nM
    from_ratio = 'conc_nM = receptors.NE_AFFINITY_nM["alpha1"] * ratio'
    scaled = "turnover_needed = 1 + (1.5 - 1) * (turnover_fold - 1) / (urine_fold - 1)"
    subs = {   # the folder is the student id
        "schild-right": (SCHILD, {"rec-ex-schild": right_ratio, "rec-ex-schild-ne": from_ratio}),
        "schild-carried": (SCHILD, {"rec-ex-schild": f"ratio = 1.0 / {K_B!r}", "rec-ex-schild-ne": from_ratio}),
        "schild-wrong": (SCHILD, {"rec-ex-schild": right_ratio, "rec-ex-schild-ne": "conc_nM = 1000.0"}),
        mhpg["right"]: (MHPG, {"syn-ex-mhpg": "urine_fold = 0.8 + 0.2 * turnover_fold", "syn-ex-detect": scaled}),
        mhpg["carried"]: (MHPG, {"syn-ex-mhpg": "urine_fold = turnover_fold", "syn-ex-detect": scaled}),
        mhpg["wrong"]: (MHPG, {"syn-ex-mhpg": "urine_fold = turnover_fold", "syn-ex-detect": "turnover_needed = 5.0"}),
    }
    for student, (source, answers) in subs.items():
        target = root / "subs" / student / Path(source).name
        target.parent.mkdir(parents=True)
        nbformat.write(_answered(source, student, answers), target)
    rows = cw.grade_folder(root / "subs", timeout=120, chapters_dir=ROOT / "chapters", jobs=2, salt=SALT,
                           variants=True)
    turnover = {kind: variant_for(all_exercises()["syn-ex-mhpg"], sid, SALT)["turnover_fold"]
                for kind, sid in mhpg.items()}
    return {(r.student_file.split("/")[0], r.exercise): r for r in rows}, mhpg, turnover


def test_notebooks_ran(graded):
    rows, _, _ = graded
    for (who, label), row in rows.items():
        if label == "(notebook)":
            assert row.passed, (who, row.message)


def test_schild_chain_right_answers_pass(graded):
    rows, _, _ = graded
    assert rows[("schild-right", "rec-ex-schild")].passed
    assert rows[("schild-right", "rec-ex-schild-ne")].passed, rows[("schild-right", "rec-ex-schild-ne")].message


def test_schild_chain_wrong_ratio_is_carried_over_in_the_grades(graded):
    rows, _, _ = graded
    assert not rows[("schild-carried", "rec-ex-schild")].passed
    row = rows[("schild-carried", "rec-ex-schild-ne")]
    assert not row.passed and row.points == 0
    assert "carried over" in row.message and "rec-ex-schild" in row.message


def test_schild_chain_simply_wrong_answer_is_not_carried_over(graded):
    row = graded[0][("schild-wrong", "rec-ex-schild-ne")]
    assert not row.passed and "carried over" not in row.message


def test_mhpg_chain_right_answers_pass_for_the_students_variant(graded):
    rows, sid, turnover = graded
    mhpg, detect = rows[(sid["right"], "syn-ex-mhpg")], rows[(sid["right"], "syn-ex-detect")]
    assert mhpg.passed and f"turnover_fold = {turnover['right']!r}" in mhpg.message, mhpg.message
    assert detect.passed, detect.message


def test_mhpg_chain_wrong_urine_fold_is_carried_over_in_the_grades(graded):
    rows, sid, _ = graded
    assert not rows[(sid["carried"], "syn-ex-mhpg")].passed
    row = rows[(sid["carried"], "syn-ex-detect")]
    # scaled from urine_fold = turnover_fold the answer is 1.5 for any variant; it is recognised as carried
    # over only if the grader hands the check the student's own turnover fold (not the website's 2)
    assert not row.passed and row.points == 0
    assert "carried over" in row.message and "syn-ex-mhpg" in row.message


def test_mhpg_chain_simply_wrong_answer_is_not_carried_over(graded):
    rows, sid, _ = graded
    row = rows[(sid["wrong"], "syn-ex-detect")]
    assert not row.passed and "carried over" not in row.message
