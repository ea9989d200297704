"""The real chapter notebooks as coursework: their student copies keep no solution, and every
coding exercise's answer key passes its own check when the notebook runs.

(The student copies are run top to bottom under nbval by `make test-student`.)
"""

from pathlib import Path

import nbformat
import pytest

from ne_lib import coursework as cw

ROOT = Path(__file__).resolve().parent.parent
REAL_NOTEBOOKS = sorted(p for p in (ROOT / "chapters").rglob("*.ipynb")
                        if not any(part.startswith((".", "_")) for part in p.relative_to(ROOT).parts))


def all_text(nb) -> str:
    return "\n".join(c.source for c in nb.cells)


def _id(p: Path) -> str:
    return p.relative_to(ROOT / "chapters").as_posix()


@pytest.mark.parametrize("path", REAL_NOTEBOOKS, ids=_id)
def test_real_student_copy_has_no_solutions(path):
    instructor = nbformat.read(path, as_version=4)
    student = cw.student_notebook(instructor, source=path.relative_to(ROOT).as_posix())
    text = all_text(student)
    for marker in ["BEGIN SOLUTION", "END SOLUTION", "{solution-start}", "{solution-end}", "{solution}", "# stub:"]:
        assert marker not in text, marker
    for cell in student.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None
    # each coding exercise keeps the lines after its solution block (the check call)
    for cell in instructor.cells:
        if cell.cell_type == "code" and "END SOLUTION" in cell.source:
            tail = cell.source.split("END SOLUTION", 1)[1].split("\n", 1)[-1].strip()
            assert tail, f"coding exercise without a check call after END SOLUTION in {_id(path)}"
            assert tail in text


@pytest.fixture(scope="module")
def runner():
    """One warm grading server for the module (as `grade_folder` keeps one per job); a kernel elsewhere."""
    from ne_lib.coursework.warm_runner import WarmRunner, fork_available

    if not fork_available():
        yield "kernel"
        return
    with WarmRunner() as warm:
        yield warm


@pytest.mark.parametrize("path", REAL_NOTEBOOKS, ids=_id)
def test_real_answer_keys_pass_their_checks(path, runner):
    coding_exercises = sum("END SOLUTION" in c.source for c in nbformat.read(path, as_version=4).cells
                           if c.cell_type == "code")
    rows = cw.grade_notebook(path, student_file=_id(path), timeout=300, chapters_dir=ROOT / "chapters",
                             runner=runner)
    assert rows[0].passed, rows[0].message              # the instructor notebook runs without errors
    checked = [r for r in rows[1:] if r.passed is not None]
    assert len(checked) >= coding_exercises, "a coding exercise got no grade"
    failing = [f"{r.exercise}: {r.message}" for r in checked if not r.passed]
    assert not failing, failing


def test_every_coding_exercise_is_declared_for_the_grader():
    from ne_lib.check.registry import all_exercises
    from ne_lib.coursework.grading import gated_exercise_cells

    declared = all_exercises()
    for path in REAL_NOTEBOOKS:
        for label in gated_exercise_cells(nbformat.read(path, as_version=4)).values():
            assert label in declared, f"{_id(path)}: coding exercise {label} has no @exercise check"


@pytest.mark.parametrize("path", [p for p in REAL_NOTEBOOKS if "{exercise}" in p.read_text()], ids=_id)
def test_at_least_two_checked_coding_exercises_per_page_with_exercises(path):
    from ne_lib.coursework.grading import gated_exercise_cells

    assert len(set(gated_exercise_cells(nbformat.read(path, as_version=4)).values())) >= 2


def test_every_written_exercise_has_points_and_a_rubric():
    import re

    from ne_lib.check.registry import all_written

    written = all_written()
    guide = (ROOT / "instructors" / "rubrics.md").read_text(encoding="utf-8")
    for path in REAL_NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                for label in re.findall(r"^```\{solution\}[ \t]*(\S+)", cell.source, re.M):
                    assert label in written, f"{_id(path)}: written exercise {label} has no points (written(...))"
                    head = re.search(rf"^### `{re.escape(label)}` \((?:optional, )?(\d+) points?\)\n\n"
                                     r"A full answer\n: \S.*\n\nCommon partial answers\n: \S", guide, re.M)
                    assert head, f"instructors/rubrics.md has no rubric (full and partial answers) for {label}"
                    assert float(head.group(1)) == written[label].points, (
                        f"{label}: {head.group(1)} points in the rubric, {written[label].points} declared")
