"""Tests of the coursework tools (ne_lib.coursework) on crafted notebooks: student copies,
grading of crafted submissions, and the Binder/JupyterHub links.

The real chapter notebooks are tested in test_coursework_chapters.py (and their student copies
run under nbval in `make test-student`).
"""

import ast
import copy
import csv
import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import nbformat
import pytest

from ne_lib import coursework as cw
from ne_lib.check import check_number
from ne_lib.check.registry import exercise

BASELINE_nM = 3.0   # the crafted chapter's data file holds this value


# The crafted chapter's checks, as the grader evaluates them (in the grading process).
@exercise("ex-double", answers=("doubled_nM",), points=2)
def crafted_double(doubled_nM):
    return check_number("ex-double", doubled_nM, 2 * BASELINE_nM, name="doubled NE", units="nM")


@exercise("ex-func", answers=("half_nM",), points=1)
def crafted_half(half_nM):
    return check_number("ex-func", half_nM, BASELINE_nM / 2, name="half NE", units="nM")

ROOT = Path(__file__).resolve().parents[1]


md = nbformat.v4.new_markdown_cell
code = nbformat.v4.new_code_cell

REFERENCE_LINE = "doubled_nM = 2 * baseline_nM"
CHECK_LINE = "check_number('ex-double', doubled_nM, 2 * baseline_nM, name='doubled NE', units='nM')"


def crafted_notebook() -> nbformat.NotebookNode:
    """A small instructor notebook using every part of the exercise convention."""
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        md("# A crafted chapter\nSome teaching text with a {term}`glossary term`."),
        code("import json\nfrom ne_lib.check import check_number\n"
             "baseline_nM = json.load(open('data.json'))['baseline_nM']", metadata={"tags": ["remove-cell"]}),
        md("```{exercise} Double it\n:label: ex-double\nDouble the baseline.\n```\n\n"
           "```{solution-start} ex-double\n:class: dropdown\n```"),
        code("### BEGIN SOLUTION\n# stub: doubled_nM = None  # replace None with your calculation\n"
             f"{REFERENCE_LINE}\n### END SOLUTION\n{CHECK_LINE}"),
        md("The reference answer multiplies by two; SECRET-EXPLANATION."),
        code("print('SECRET-PLOT of the answer')"),
        md("```{solution-end}\n```\nText after the solution stays."),
        md("```{exercise}\n:label: ex-why\nWhy does it double?\n```"),
        md("```{solution} ex-why\n:class: dropdown\nSECRET-TEXT-ANSWER.\n```"),
        md("Directive syntax shown as an example stays:\n````markdown\n```{solution} ex-why\nshown\n```\n````"),
        md("```{exercise} Two values\n:label: ex-func\n```\n```{solution-start} ex-func\n:class: dropdown\n```"),
        code("def halve(x):\n    ### BEGIN SOLUTION\n    # stub: return None\n    return x / 2\n"
             "    ### END SOLUTION\n\n"
             "half_nM = halve(baseline_nM)\n"
             "check_number('ex-func', half_nM, baseline_nM / 2, name='half NE', units='nM')"),
        md("```{solution-end}\n```"),
        code("print('later cell', baseline_nM)"),
    ]
    return nb


def all_text(nb) -> str:
    return "\n".join(c.source for c in nb.cells)


# ---- student copy: transformation -----------------------------------------------------------

def test_solutions_are_removed():
    student = cw.student_notebook(crafted_notebook(), source="crafted.ipynb")
    text = all_text(student)
    for secret in [REFERENCE_LINE, "return x / 2", "SECRET-EXPLANATION", "SECRET-PLOT", "SECRET-TEXT-ANSWER",
                   "BEGIN SOLUTION", "END SOLUTION", "solution-start", "solution-end", "# stub:"]:
        assert secret not in text, secret


def test_stub_replaces_solution_and_check_call_is_kept():
    student = cw.student_notebook(crafted_notebook())
    work = [c for c in student.cells if "exercise" in c.metadata.get("ne_coursework", {})]
    assert [c.metadata["ne_coursework"]["exercise"] for c in work] == ["ex-double", "ex-func"]
    assert work[0].source.splitlines() == ["doubled_nM = None  # replace None with your calculation", CHECK_LINE]
    func = work[1].source.splitlines()
    assert func[:2] == ["def halve(x):", "    return None"]          # indentation of the stub kept
    assert func[-1].startswith("check_number('ex-func'")
    assert student.metadata["ne_coursework"]["exercises"] == ["ex-double", "ex-func"]


def test_non_solution_cells_are_intact_and_in_order():
    instructor = crafted_notebook()
    student = cw.student_notebook(instructor)
    kept_ids = [c.id for c in student.cells if "answer_for" not in c.metadata.get("ne_coursework", {})]
    expected_untouched = [0, 1, 7, 9, 13]  # cells with no solution material at all
    for i in expected_untouched:
        original = instructor.cells[i]
        copy_ = next(c for c in student.cells if c.id == original.id)
        assert copy_.source == original.source and copy_.metadata == original.metadata
    assert kept_ids == sorted(kept_ids, key=[c.id for c in instructor.cells].index)
    # cells sharing text with solution markers keep their own text
    assert any(c.source == "```{exercise} Double it\n:label: ex-double\nDouble the baseline.\n```"
               for c in student.cells)
    assert any(c.source == "Text after the solution stays." for c in student.cells)
    assert "````markdown\n```{solution} ex-why\nshown\n```\n````" in all_text(student)


def test_written_exercise_gets_an_answer_cell_where_its_solution_was():
    student = cw.student_notebook(crafted_notebook())
    i = next(k for k, c in enumerate(student.cells) if c.cell_type == "markdown" and ":label: ex-why" in c.source)
    answer = student.cells[i + 1]
    assert answer.metadata["ne_coursework"] == {"answer_for": "ex-why"} and "Your answer" in answer.source
    assert sum("answer_for" in c.metadata.get("ne_coursework", {}) for c in student.cells) == 1


def test_instructor_notebook_is_not_modified():
    instructor = crafted_notebook()
    before = copy.deepcopy(instructor)
    cw.student_notebook(instructor)
    assert instructor == before


def test_student_code_is_valid_python():
    for cell in cw.student_notebook(crafted_notebook()).cells:
        if cell.cell_type == "code":
            ast.parse(cell.source)


def test_block_without_stub_warns_and_stays_valid():
    with pytest.warns(UserWarning, match="stub"):
        new, n = cw.strip_solution_code("def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION\n")
    assert n == 1 and "return 1" not in new
    ast.parse(new)


@pytest.mark.parametrize("source", ["### BEGIN SOLUTION\nx = 1\n", "x = 1\n### END SOLUTION\n",
                                    "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION\n"])
def test_broken_code_markers_raise(source):
    with pytest.raises(ValueError, match="SOLUTION"):
        cw.strip_solution_code(source, where="cell 3")


def test_unclosed_gate_raises():
    nb = crafted_notebook()
    del nb.cells[12]  # the second solution-end
    with pytest.raises(ValueError, match="ex-func"):
        cw.student_notebook(nb, source="crafted.ipynb")


def test_solution_end_without_start_raises():
    with pytest.raises(ValueError, match="solution-end"):
        cw.strip_solution_markdown("```{solution-end}\n```")


def test_colon_fence_solution_is_removed():
    text, gate, _ = cw.strip_solution_markdown(":::{solution} ex-a\n:class: dropdown\nAnswer.\n:::\nKeep me.")
    assert text.strip() == "Keep me." and gate is None


# ---- student copies on disk --------------------------------------------------------------------

def write_chapter(root: Path) -> Path:
    chapters = root / "chapters"
    ch = chapters / "crafted"
    ch.mkdir(parents=True)
    nbformat.write(crafted_notebook(), ch / "crafted.ipynb")
    (ch / "data.json").write_text(json.dumps({"baseline_nM": BASELINE_nM}))
    (ch / "index.md").write_text("# Crafted\n")
    return chapters


def test_make_student_copies_writes_notebooks_and_data(tmp_path):
    chapters = write_chapter(tmp_path)
    out = tmp_path / "student"
    written = cw.make_student_copies(chapters, out)
    assert written == [out / "crafted" / "crafted.ipynb"]
    assert json.loads((out / "crafted" / "data.json").read_text()) == {"baseline_nM": 3.0}
    assert not (out / "crafted" / "index.md").exists()
    nb = nbformat.read(written[0], as_version=4)
    assert REFERENCE_LINE not in all_text(nb)
    # a second build replaces the first; a foreign non-empty folder is refused
    cw.make_student_copies(chapters, out)
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep")
    with pytest.raises(ValueError, match="not empty"):
        cw.make_student_copies(chapters, foreign)
    assert (foreign / "notes.txt").read_text() == "keep"


def test_a_student_copy_on_disk_is_plain_markdown_with_everything_the_grader_needs(tmp_path):
    """What `make student` hands out reads without MyST (JupyterLab with or without jupyterlab-myst,
    Notebook 7, any hub) and keeps the workspace cells, their check calls, the answer cell and the
    metadata the grader reads; no solution text anywhere."""
    chapters = write_chapter(tmp_path)
    [path] = cw.make_student_copies(chapters, tmp_path / "student")
    nb = nbformat.read(path, as_version=4)
    text = all_text(nb)
    example = "````markdown\n```{solution} ex-why\nshown\n```\n````"
    assert example in text                                   # a code block showing MyST stays as it is
    for myst in ["{term}", "{exercise}", "{solution", ":label:", ":class:", "```{"]:
        assert myst not in text.replace(example, ""), myst
    assert "Some teaching text with a glossary term." in text
    assert "Exercise 1" in text and "Double the baseline." in text and "Why does it double?" in text
    for secret in [REFERENCE_LINE, "return x / 2", "SECRET-EXPLANATION", "SECRET-PLOT", "SECRET-TEXT-ANSWER",
                   "BEGIN SOLUTION", "# stub:", "Solution (click"]:
        assert secret not in text, secret
    work = {c.metadata["ne_coursework"]["exercise"]: c for c in nb.cells if "exercise" in c.metadata.get("ne_coursework", {})}
    assert work["ex-double"].source.splitlines() == ["doubled_nM = None  # replace None with your calculation", CHECK_LINE]
    assert work["ex-func"].source.splitlines()[-1].startswith("check_number('ex-func'")
    answers = [c for c in nb.cells if c.metadata.get("ne_coursework", {}).get("answer_for") == "ex-why"]
    assert len(answers) == 1 and "Your answer" in answers[0].source
    assert nb.metadata["ne_coursework"]["exercises"] == ["ex-double", "ex-func"]
    assert nb.metadata["ne_coursework"]["source"] == "chapters/crafted/crafted.ipynb"
    for cell in nb.cells:
        if cell.cell_type == "code":
            ast.parse(cell.source)
            assert not cell.outputs and cell.execution_count is None


def test_student_copies_are_the_same_each_time(tmp_path):
    """Made twice from the same sources, the copies are byte for byte the same (an instructor who keeps
    them in a repository sees no change that is not in the course)."""
    chapters = write_chapter(tmp_path)
    [first] = cw.make_student_copies(chapters, tmp_path / "a")
    [second] = cw.make_student_copies(chapters, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


def test_cli_student(tmp_path, capsys):
    chapters = write_chapter(tmp_path)
    assert cw.main(["student", "--chapters", str(chapters), "--out", str(tmp_path / "s")]) == 0
    assert (tmp_path / "s" / "crafted" / "crafted.ipynb").exists()
    assert "1 student notebook" in capsys.readouterr().out


# ---- grading crafted submissions ---------------------------------------------------------------

def submission(student: nbformat.NotebookNode, answer: str | None, *, drop_check=False, drop_cell=False):
    nb = copy.deepcopy(student)
    cell = next(c for c in nb.cells if c.metadata.get("ne_coursework", {}).get("exercise") == "ex-double")
    if answer is not None:
        cell.source = cell.source.replace("doubled_nM = None  # replace None with your calculation", answer)
    if drop_check:
        cell.source = cell.source.replace(CHECK_LINE, "")
    if drop_cell:
        nb.cells.remove(cell)
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("grading")
    chapters = write_chapter(root)
    # submissions made from the copy `make student` hands out
    student = nbformat.read(cw.make_student_copies(chapters, root / "student")[0], as_version=4)
    subs = root / "submissions"
    (subs / "carol").mkdir(parents=True)
    variants = {
        "correct.ipynb": submission(student, "doubled_nM = 2 * baseline_nM"),
        "units.ipynb": submission(student, "doubled_nM = 2000 * baseline_nM"),
        "unanswered.ipynb": submission(student, None),
        "crash.ipynb": submission(student, "doubled_nM = undefined_name * 2"),
        "hang.ipynb": submission(student, "while True:\n    pass"),
        "nocheck.ipynb": submission(student, "doubled_nM = 6.0", drop_check=True),
        "deleted.ipynb": submission(student, None, drop_cell=True),
        "carol/crafted.ipynb": submission(student, "doubled_nM = 6.0"),
        "forged.ipynb": submission(student, "from ne_lib.check import Feedback\n"
                                   "Feedback('ex-double', True, 'doubled NE = 6 nM: matches the model')"),
        "patched.ipynb": submission(student, "import ne_lib.check\nfrom ne_lib.check import Feedback\n"
                                    "ne_lib.check.check_number = lambda ex, *a, **k: Feedback(ex, True, 'matches')\n"
                                    "check_number = ne_lib.check.check_number\ndoubled_nM = 1.0"),
        "moved.ipynb": submission(student, "doubled_nM = 6.0", drop_check=True),
        "chatty.ipynb": submission(student, "print('x' * 3_000_000)\ndoubled_nM = 6.0"),
        "memory.ipynb": submission(student, "hog = bytearray(8 * 1024**3)\ndoubled_nM = 6.0"),
    }
    for name, nb in variants.items():
        nbformat.write(nb, subs / name)
    (subs / "broken.ipynb").write_text("{ this is not a notebook")
    out = root / "grades.csv"
    (subs / "other.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()))   # not of this course
    rows = cw.grade_folder(subs, out, timeout=8, chapters_dir=chapters, jobs=2, memory_mb=2048)
    return rows, out


def rows_of(rows, student_file):
    return {r.exercise: r for r in rows if r.student_file == student_file}


def test_grading_correct_submission(graded):
    r = rows_of(graded[0], "correct.ipynb")
    assert r["(notebook)"].passed and "ran to the end" in r["(notebook)"].message
    assert r["ex-double"].passed and "matches the model" in r["ex-double"].message
    assert not r["ex-func"].passed      # the stub of the second exercise is still None
    assert "Replace None" in r["ex-func"].message


def test_grading_wrong_units_gets_the_hint(graded):
    r = rows_of(graded[0], "units.ipynb")
    assert not r["ex-double"].passed and "1000 times too large" in r["ex-double"].message


def test_grading_unanswered(graded):
    r = rows_of(graded[0], "unanswered.ipynb")
    assert r["(notebook)"].passed          # an unfilled stub does not break the notebook
    assert not r["ex-double"].passed and "Replace None" in r["ex-double"].message


def test_grading_crashing_cell_is_recorded_and_run_goes_on(graded):
    r = rows_of(graded[0], "crash.ipynb")
    assert not r["(notebook)"].passed and "NameError" in r["(notebook)"].message
    assert not r["ex-double"].passed and "NameError" in r["ex-double"].message
    assert "Replace None" in r["ex-func"].message   # later cells still ran


def test_grading_never_finishing_notebook_times_out(graded):
    r = rows_of(graded[0], "hang.ipynb")
    assert not r["(notebook)"].passed and "8 s time limit" in r["(notebook)"].message
    assert "did not finish" in r["ex-double"].message
    assert not r["ex-func"].passed and "not run" in r["ex-func"].message


def test_grading_missing_check_and_missing_cell(graded):
    # the check call is removed: the answer is still graded, from its value
    assert rows_of(graded[0], "nocheck.ipynb")["ex-double"].passed
    assert rows_of(graded[0], "moved.ipynb")["ex-double"].passed
    deleted = rows_of(graded[0], "deleted.ipynb")["ex-double"]
    assert not deleted.passed and "missing" in deleted.message


def test_forged_feedback_and_patched_check_module_do_not_pass(graded):
    forged = rows_of(graded[0], "forged.ipynb")["ex-double"]
    assert not forged.passed and "doubled_nM" in forged.message and "not defined" in forged.message
    assert forged.points == 0
    patched = rows_of(graded[0], "patched.ipynb")["ex-double"]
    assert not patched.passed and "doubled NE = 1" in patched.message


def test_points_come_from_the_declaration(graded):
    r = rows_of(graded[0], "correct.ipynb")["ex-double"]
    assert (r.points, r.max_points) == (2.0, 2.0)
    assert rows_of(graded[0], "units.ipynb")["ex-double"].points == 0


def test_megabytes_of_output_and_memory_hog_get_clear_rows(graded):
    chatty = rows_of(graded[0], "chatty.ipynb")
    assert "MB of output" in chatty["(notebook)"].message and chatty["ex-double"].passed
    hog = rows_of(graded[0], "memory.ipynb")
    assert not hog["(notebook)"].passed and "MemoryError" in hog["(notebook)"].message
    assert "MemoryError" in hog["ex-double"].message


def test_not_a_course_notebook(graded):
    r = rows_of(graded[0], "other.ipynb")
    assert list(r) == ["(notebook)"] and "not a notebook of this course" in r["(notebook)"].message


def test_grading_unreadable_notebook_and_subfolders(graded):
    r = rows_of(graded[0], "broken.ipynb")
    assert list(r) == ["(notebook)"] and "not a readable notebook" in r["(notebook)"].message
    assert rows_of(graded[0], "carol/crafted.ipynb")["ex-double"].passed


def test_grades_csv_matches_rows(graded):
    rows, out = graded
    with out.open(newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    assert tuple(table[0]) == cw.CSV_HEADER
    assert [(t[0], t[2], t[3], t[6]) for t in table[1:]] == [(r.student_file, r.exercise, str(r.passed), r.message)
                                                             for r in rows]
    assert all(t[7] == "" and t[8] == "" for t in table[1:])          # the marker's columns, left empty
    assert {r.student_file for r in rows} >= {"correct.ipynb", "units.ipynb", "unanswered.ipynb", "crash.ipynb",
                                              "hang.ipynb", "nocheck.ipynb", "deleted.ipynb", "carol/crafted.ipynb",
                                              "broken.ipynb"}
    assert {r.student for r in rows if r.student_file == "carol/crafted.ipynb"} == {"carol"}


def test_grade_rejects_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="timeout"):
        cw.grade_notebook(tmp_path / "x.ipynb", timeout=0)
    with pytest.raises(ValueError, match="submissions"):
        cw.grade_folder(tmp_path / "absent")
    assert cw.main(["grade", str(tmp_path / "absent"), "--out", str(tmp_path / "g.csv")]) == 2


# ---- what a folder of student copies needs to be a repository for Binder or a hub ---------------

def test_student_folder_has_requirements_runtime_and_readme(tmp_path):
    from ne_lib import release
    chapters = write_chapter(tmp_path)
    (tmp_path / "binder").mkdir()
    (tmp_path / "binder" / "requirements.txt").write_text("# lock\nnumpy==1.2.3\njupyterlab==4.6.6\n.\n")
    nbformat.write(crafted_notebook(), chapters / "tour.ipynb")     # a notebook directly in chapters/
    out = tmp_path / "student"
    written = cw.make_student_copies(chapters, out)
    assert sorted(p.relative_to(out).as_posix() for p in written) == ["crafted/crafted.ipynb", "tour.ipynb"]
    req = (out / "requirements.txt").read_text().splitlines()
    # the course from its release tag, never from main, and the same pins as Binder
    assert f"ne_lib @ git+{release.REPOSITORY_URL}@{release.RELEASE_REF}" in req
    assert "numpy==1.2.3" in req and "jupyterlab==4.6.6" in req
    assert "." not in req and not any(line.startswith("-e") for line in req)
    assert (out / "runtime.txt").read_text().strip() == "python-3.11"
    assert "Restart kernel and run all cells" in (out / "README.md").read_text()


def test_student_folder_without_its_own_lock_uses_the_course_lock(tmp_path):
    chapters = write_chapter(tmp_path)
    cw.make_student_copies(chapters, tmp_path / "student")
    lock = (ROOT / "binder" / "requirements.txt").read_text()
    req = (tmp_path / "student" / "requirements.txt").read_text()
    assert "jupyterlab-myst" in lock.lower().replace("_", "-")
    assert [x for x in lock.splitlines() if "==" in x] == [x for x in req.splitlines() if "==" in x]


def test_course_repository_matches_config():
    url, branch = cw.course_repository()
    config = (Path(cw.__file__).resolve().parent.parent / "_config.yml")
    if config.exists():
        assert f"url: {url}" in config.read_text() and f"branch: {branch}" in config.read_text()
    assert url.startswith("https://")


def test_binder_link_opens_the_notebook():
    link = cw.binder_link("https://github.com/org/ne-student", "main", "synthesis/synthesis.ipynb")
    parsed = urlparse(link)
    assert parsed.netloc == "mybinder.org" and parsed.path == "/v2/gh/org/ne-student/main"
    assert parse_qs(parsed.query)["urlpath"] == ["lab/tree/synthesis/synthesis.ipynb"]


def test_cli_links_lists_every_student_notebook(tmp_path, capsys):
    chapters = write_chapter(tmp_path)
    cw.make_student_copies(chapters, tmp_path / "s")
    assert cw.main(["links", "--repo", "https://github.com/org/ne-student", "--hub", "https://hub.example.edu",
                    "--student-dir", str(tmp_path / "s")]) == 0
    table = capsys.readouterr().out.splitlines()
    assert len(table) == 3 and "`crafted/crafted.ipynb`" in table[2] and "git-pull" in table[2]
    assert "main" not in table[2] and cw.course_ref() in table[2]          # a pinned ref, not the branch


@pytest.mark.parametrize("option, value", [("--repo", "github.com/org/ne-student"), ("--repo", "https://"),
                                           ("--hub", "hub.example.edu"), ("--hub", "https://hub.example.edu?x=1")])
def test_cli_links_names_a_malformed_url(tmp_path, capsys, option, value):
    chapters = write_chapter(tmp_path)
    cw.make_student_copies(chapters, tmp_path / "s")
    args = {"--repo": "https://github.com/org/ne-student", "--hub": "https://hub.example.edu", option: value}
    argv = ["links", "--repo", args["--repo"], "--hub", args["--hub"], "--student-dir", str(tmp_path / "s")]
    assert cw.main(argv) == 2
    err = capsys.readouterr().err
    assert option in err and repr(value) in err


def test_grading_leaves_no_kernel_running(tmp_path):
    """Each notebook's kernel is shut down after grading, even after a time-out (no leaked processes)."""
    import os
    import shutil
    import subprocess

    if shutil.which("pgrep") is None:
        pytest.skip("pgrep not available")
    chapters = write_chapter(tmp_path)
    student = cw.student_notebook(nbformat.read(chapters / "crafted" / "crafted.ipynb", as_version=4),
                                  source="chapters/crafted/crafted.ipynb")
    subs = tmp_path / "subs"
    subs.mkdir()
    nbformat.write(submission(student, "while True:\n    pass"), subs / "hang.ipynb")
    nbformat.write(submission(student, "import sys\ndoubled_nM = 2 * baseline_nM if sys.prefix else 0"),
                   subs / "ok.ipynb")
    rows = cw.grade_folder(subs, timeout=4, chapters_dir=chapters)
    assert rows_of(rows, "ok.ipynb")["ex-double"].passed
    children = subprocess.run(["pgrep", "-P", str(os.getpid())], capture_output=True, text=True).stdout.split()
    assert children == []


def test_wrong_chapter_is_refused_without_running(tmp_path):
    chapters = write_chapter(tmp_path)
    student = cw.student_notebook(nbformat.read(chapters / "crafted" / "crafted.ipynb", as_version=4),
                                  source="chapters/crafted/crafted.ipynb")
    nbformat.write(student, tmp_path / "crafted.ipynb")
    rows = cw.grade_notebook(tmp_path / "crafted.ipynb", chapters_dir=chapters, chapter="receptors")
    assert len(rows) == 1 and not rows[0].passed
    assert "chapter crafted, not a notebook of chapter receptors" in rows[0].message


def test_roster_problems_and_missing_students_become_rows(tmp_path):
    chapters = write_chapter(tmp_path)
    subs = tmp_path / "subs"
    (subs / "amy").mkdir(parents=True)
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name\namy,Amy\n,Nobody\nbob,Bob\nbob,Bob again\n")
    rows = cw.grade_folder(subs, tmp_path / "g.csv", chapters_dir=chapters, roster=roster)
    messages = [(r.student_file, r.student, r.message) for r in rows]
    assert any(f == "(roster)" and "line 3" in m and "empty id" in m for f, _, m in messages)
    assert any(f == "(roster)" and "line 5" in m and "duplicate" in m for f, _, m in messages)
    assert {s for f, s, m in messages if "no submission" in m} == {"amy", "bob"}
    assert (tmp_path / "g.csv").read_text().count("\n") == len(rows) + 1
