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


@pytest.mark.parametrize("path", REAL_NOTEBOOKS, ids=_id)
def test_real_answer_keys_pass_their_checks(path):
    coding_exercises = sum("END SOLUTION" in c.source for c in nbformat.read(path, as_version=4).cells
                           if c.cell_type == "code")
    rows = cw.grade_notebook(path, student_file=_id(path), timeout=300, chapters_dir=ROOT / "chapters")
    assert rows[0].passed, rows[0].message              # the instructor notebook runs without errors
    assert len(rows) - 1 >= coding_exercises, "a coding exercise's check printed no result"
    failing = [f"{r.exercise}: {r.message}" for r in rows[1:] if not r.passed]
    assert not failing, failing
