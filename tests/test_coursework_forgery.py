"""Forgery tests on a real chapter notebook: the grader evaluates each check itself, from the
student's answer values, with its own copy of the models; nothing the student's kernel shows counts.
"""

from pathlib import Path

import nbformat
import pytest

from ne_lib import coursework as cw, synapse
from ne_lib.check.registry import all_exercises
from ne_lib.coursework.variants import variant_for

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "chapters" / "receptors" / "ending_the_signal.ipynb"
STUB = "fold = None  # replace None with your calculation"


SALT = "test-salt"


def student_copy(student_id=None):
    """The copy a student is given (as `make student` writes it): with their own variant when they have an id."""
    return cw.student_copy(nbformat.read(SOURCE, as_version=4), source="chapters/receptors/ending_the_signal.ipynb",
                           root=ROOT, student_id=student_id, salt=SALT)


def answer(nb, code, *, replace_cell=False):
    cell = next(c for c in nb.cells if c.metadata.get("ne_coursework", {}).get("exercise") == "rec-ex-net")
    cell.source = code if replace_cell else cell.source.replace(STUB, code)
    return nb


def student_with_variant(salt):
    """A student id whose rec-ex-net variant is not the website's default (0.9)."""
    ex = all_exercises()["rec-ex-net"]
    return next(s for s in (f"s{i}" for i in range(100)) if variant_for(ex, s, salt)["net_block"] != 0.9)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("forgery")
    salt = SALT
    other = student_with_variant(salt)
    default = synapse.steady_state_ne_nM(net_block=0.9) / synapse.steady_state_ne_nM()
    their_block = variant_for(all_exercises()["rec-ex-net"], other, salt)["net_block"]
    subs = {
        "honest/ending_the_signal.ipynb":
            answer(student_copy("honest"),
                   "fold = synapse.steady_state_ne_nM(net_block=net_block) / synapse.steady_state_ne_nM()"),
        "forger/ending_the_signal.ipynb": answer(student_copy(), (
            "from ne_lib.check import Feedback\n"
            "Feedback('rec-ex-net', True, 'fold rise in NE = 3.8 fold: matches the model (3.8 fold).')"),
            replace_cell=True),
        "patcher/ending_the_signal.ipynb": answer(student_copy(), (
            "import ne_lib.check.receptors as mod\nfrom ne_lib.check import Feedback\n"
            "mod.net_block_fold = lambda *a, **k: Feedback('rec-ex-net', True, 'matches the model')\n"
            "check = mod\nfold = 1.0")),
        "monkey/ending_the_signal.ipynb": answer(student_copy(), (
            "synapse.steady_state_ne_nM = lambda **kw: 5.0   # every level the same: the kernel's check agrees\n"
            "fold = synapse.steady_state_ne_nM(net_block=net_block) / synapse.steady_state_ne_nM()")),
        f"{other}/ending_the_signal.ipynb": answer(student_copy(other), f"fold = {default:.3f}  # the website's answer"),
    }
    for name, nb in subs.items():
        target = root / "subs" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, target)
    rows = cw.grade_folder(root / "subs", timeout=120, chapters_dir=ROOT / "chapters", jobs=2, salt=salt,
                           variants=True)
    return {(r.student_file.split("/")[0], r.exercise): r for r in rows}, other, their_block


def test_honest_answer_for_own_variant_passes(graded):
    rows, _, _ = graded
    r = rows[("honest", "rec-ex-net")]
    assert r.passed and r.points == r.max_points > 0, r.message


def test_forged_feedback_is_not_trusted(graded):
    r = graded[0][("forger", "rec-ex-net")]
    assert not r.passed and r.points == 0


def test_patched_check_module_is_not_trusted(graded):
    r = graded[0][("patcher", "rec-ex-net")]
    assert not r.passed and "fold rise in NE = 1" in r.message


def test_monkeypatched_model_is_not_trusted(graded):
    r = graded[0][("monkey", "rec-ex-net")]
    assert not r.passed and "fold rise in NE = 1" in r.message


def test_hard_coded_default_answer_fails_for_another_variant(graded):
    rows, other, their_block = graded
    r = rows[(other, "rec-ex-net")]
    assert not r.passed and "website" in r.message and f"{their_block:g}" in r.message


def test_per_student_copy_carries_the_variant():
    sid = student_with_variant(SALT)
    value = variant_for(all_exercises()["rec-ex-net"], sid, SALT)["net_block"]
    cell = next(c for c in student_copy(sid).cells if c.metadata.get("ne_coursework", {}).get("exercise") == "rec-ex-net")
    assert f"net_block = {value!r}  # your value (variant for {sid})" in cell.source
    default = next(c for c in student_copy().cells if c.metadata.get("ne_coursework", {}).get("exercise") == "rec-ex-net")
    assert "net_block = 0.9  # variant" in default.source
