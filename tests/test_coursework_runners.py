"""The two ways the grader runs a submission, on crafted notebooks.

``runner="fork"`` (:mod:`ne_lib.coursework.warm_runner`, the default on Linux) forks each notebook
from one warm server per job; ``runner="kernel"`` starts a Jupyter kernel for each. They must grade
alike, and forking must not let one submission reach another or the grader: a child that patches a
preloaded library, ignores the time limit or kills its server is graded as it deserves and the
next submission is graded normally.
"""

import time
from pathlib import Path

import nbformat
import pytest
from test_coursework import submission, write_chapter

from ne_lib import coursework as cw
from ne_lib.coursework.warm_runner import fork_available

pytestmark = pytest.mark.skipif(not fork_available(), reason="forking a warm Python needs Linux")


def _student(chapters):
    return cw.student_notebook(nbformat.read(chapters / "crafted" / "crafted.ipynb", as_version=4),
                               source="chapters/crafted/crafted.ipynb")


@pytest.fixture
def course(tmp_path):
    """The crafted chapter, its student copy, and an empty submissions folder."""
    chapters = write_chapter(tmp_path)
    subs = tmp_path / "subs"
    subs.mkdir()
    return chapters, _student(chapters), subs


def _grades(rows):
    return {(r.student_file, r.exercise): r.passed for r in rows}


def test_fork_and_kernel_runners_grade_alike(course, tmp_path):
    chapters, student, subs = course
    answers = {
        "correct": "doubled_nM = 2 * baseline_nM",
        "units": "doubled_nM = 2000 * baseline_nM",
        "unanswered": None,
        "crash": "doubled_nM = undefined_name * 2",
        "hang": "while True:\n    pass",
        "syntax": "doubled_nM = (2 *",
        "exits": "import sys\nsys.exit(3)",
        "chatty": "print('x' * 3_000_000)\ndoubled_nM = 2 * baseline_nM",
        "memory": "hog = bytearray(8 * 1024**3)\ndoubled_nM = 2 * baseline_nM",
    }
    for name, answer in answers.items():
        nbformat.write(submission(student, answer), subs / f"{name}.ipynb")
    forked = cw.grade_folder(subs, timeout=4, chapters_dir=chapters, jobs=2, runner="fork", memory_mb=2048)
    kernel = cw.grade_folder(subs, timeout=4, chapters_dir=chapters, jobs=2, runner="kernel", memory_mb=2048)
    assert _grades(forked) == _grades(kernel)
    for rows in (forked, kernel):      # the same reasons, in both
        said = {r.student_file: r.message for r in rows if r.exercise == "(notebook)"}
        assert "MemoryError" in said["memory.ipynb"] and "MB of output" in said["chatty.ipynb"], said
    assert _grades(forked)[("correct.ipynb", "ex-double")] is True
    assert _grades(forked)[("units.ipynb", "ex-double")] is False
    for name in ("crash", "hang", "syntax", "exits"):
        assert _grades(forked)[(f"{name}.ipynb", "(notebook)")] is False, name
    messages = {r.student_file: r.message for r in forked if r.exercise == "(notebook)"}
    assert "NameError" in messages["crash.ipynb"] and "SyntaxError" in messages["syntax.ipynb"]
    assert "4 s time limit" in messages["hang.ipynb"]


def test_a_patched_library_does_not_reach_the_next_submission(course, tmp_path):
    """Submissions forked from one server share its preloaded modules only as copies."""
    chapters, student, subs = course
    nbformat.write(submission(student, "import builtins, numpy, ne_lib.check\nnumpy.pi = 3.0\n"
                              "builtins.round = lambda *a: 0\nne_lib.check.check_number = None\n"
                              "doubled_nM = 1.0"), subs / "a_patches.ipynb")
    nbformat.write(submission(student, "import numpy\ndoubled_nM = round(2 * baseline_nM * numpy.pi / 3.141592653589793, 9)"),
                   subs / "b_honest.ipynb")
    rows = cw.grade_folder(subs, timeout=20, chapters_dir=chapters, jobs=1, runner="fork")
    grades = _grades(rows)
    assert grades[("a_patches.ipynb", "ex-double")] is False
    assert grades[("b_honest.ipynb", "ex-double")] is True
    assert grades[("b_honest.ipynb", "(notebook)")] is True      # its own check call found check_number


def test_a_notebook_ignoring_the_time_limit_is_killed_and_grading_goes_on(course, tmp_path):
    chapters, student, subs = course
    stubborn = "while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass"
    nbformat.write(submission(student, stubborn), subs / "a_stubborn.ipynb")
    nbformat.write(submission(student, "doubled_nM = 2 * baseline_nM"), subs / "b_ok.ipynb")
    rows = cw.grade_folder(subs, timeout=2, chapters_dir=chapters, jobs=1, runner="fork")
    notebook = {r.student_file: r for r in rows if r.exercise == "(notebook)"}
    assert not notebook["a_stubborn.ipynb"].passed and "2 s time limit" in notebook["a_stubborn.ipynb"].message
    assert _grades(rows)[("b_ok.ipynb", "ex-double")] is True


def test_a_notebook_killing_its_server_gets_a_row_and_the_next_is_graded(course, tmp_path):
    chapters, student, subs = course
    pid_file = tmp_path / "child.pid"
    nbformat.write(submission(student, f"import os, signal\nopen({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
                              "os.kill(os.getppid(), signal.SIGKILL)\nimport time\ntime.sleep(600)"),
                   subs / "a_killer.ipynb")
    nbformat.write(submission(student, "doubled_nM = 2 * baseline_nM"), subs / "b_ok.ipynb")
    rows = cw.grade_folder(subs, timeout=30, chapters_dir=chapters, jobs=1, runner="fork")
    notebook = {r.student_file: r for r in rows if r.exercise == "(notebook)"}
    assert not notebook["a_killer.ipynb"].passed and "grading process failed" in notebook["a_killer.ipynb"].message
    assert _grades(rows)[("b_ok.ipynb", "ex-double")] is True
    assert not _running(int(pid_file.read_text()))   # the orphaned child died with its server


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie waiting to be reaped is not)."""
    time.sleep(0.5)
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


def test_runner_must_be_named(tmp_path):
    with pytest.raises(ValueError, match="runner must be one of auto, fork, kernel"):
        cw.grade_folder(tmp_path, runner="docker")


def test_a_notebook_writing_nonsense_into_its_progress_file_is_graded_and_the_run_goes_on(course, tmp_path):
    """The progress file is written by the process running the student's code: malformed lines are
    ignored, never an exception that would stop the run for everyone."""
    chapters, student, subs = course
    junk = ['5', '"start"', '{"start": "x"}', '{"error": 999}', '{"error": -2, "text": 1}', '{"done": "x"}',
            '[1]', '{"start": -3}', '{"end": true}', '{"timeout": "yes"}', 'not json']
    forger = ("import glob\nfor f in glob.glob('../*.progress.jsonl'):\n"
              f"    open(f, 'a').write({chr(10).join(junk)!r} + '\\n')\ndoubled_nM = 2 * baseline_nM")
    nbformat.write(submission(student, forger), subs / "a_forger.ipynb")
    nbformat.write(submission(student, "doubled_nM = 2 * baseline_nM"), subs / "b_ok.ipynb")
    out = tmp_path / "grades.csv"
    rows = cw.grade_folder(subs, out, timeout=20, chapters_dir=chapters, jobs=1, runner="fork")
    grades = _grades(rows)
    assert grades[("a_forger.ipynb", "ex-double")] is True      # graded from its captured value
    assert grades[("b_ok.ipynb", "ex-double")] is True and grades[("b_ok.ipynb", "(notebook)")] is True
    assert out.is_file()


def test_a_process_the_notebook_hides_in_a_session_of_its_own_is_killed(course, tmp_path):
    chapters, student, subs = course
    pid_file = tmp_path / "hidden.pid"
    hider = ("import subprocess, sys\n"
             "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'], start_new_session=True)\n"
             f"open({str(pid_file)!r}, 'w').write(str(p.pid))\ndoubled_nM = 2 * baseline_nM")
    nbformat.write(submission(student, hider), subs / "a_hider.ipynb")
    rows = cw.grade_folder(subs, timeout=20, chapters_dir=chapters, jobs=1, runner="fork")
    assert _grades(rows)[("a_hider.ipynb", "ex-double")] is True
    assert not _running(int(pid_file.read_text()))


def test_a_notebook_trying_to_answer_for_the_server_changes_nothing(course, tmp_path):
    """A child that tries to write a fake reply into every descriptor of its server changes nothing (the
    server is not dumpable, so its descriptors do not open, and the channel is a socket, which never
    reopens through /proc; the reply-number check itself is tested below)."""
    chapters, student, subs = course
    faker = ("import os, json\nfor n in range(64):\n    for who in (os.getppid(),):\n        try:\n"
             "            with open(f'/proc/{who}/fd/{n}', 'w') as f:\n"
             "                f.write(json.dumps({'id': k, 'exit': 0, 'killed': False}) + '\\n' for k in range(5))\n"
             "        except Exception:\n            pass\n"
             "import time\ntime.sleep(1)\ndoubled_nM = 2 * baseline_nM")
    nbformat.write(submission(student, faker.replace("f.write(json.dumps", "f.writelines(json.dumps")),
                   subs / "a_faker.ipynb")
    nbformat.write(submission(student, "doubled_nM = 2 * baseline_nM"), subs / "b_ok.ipynb")
    nbformat.write(submission(student, "doubled_nM = 2 * baseline_nM"), subs / "c_ok.ipynb")
    rows = cw.grade_folder(subs, timeout=20, chapters_dir=chapters, jobs=1, runner="fork")
    grades = _grades(rows)
    for name in ("a_faker", "b_ok", "c_ok"):
        assert grades[(f"{name}.ipynb", "ex-double")] is True, (name, [r for r in rows if r.student_file == f"{name}.ipynb"])
        assert grades[(f"{name}.ipynb", "(notebook)")] is True, name


def test_a_reply_that_is_not_the_one_asked_for_is_refused_and_the_server_restarted(tmp_path):
    from ne_lib.coursework.warm_runner import WarmRunner

    chapters = write_chapter(tmp_path)
    nb = tmp_path / "submission.ipynb"
    nbformat.write(submission(_student(chapters), "doubled_nM = 2"), nb)
    (tmp_path / "work").mkdir()
    with WarmRunner() as runner:
        assert isinstance(runner.run(nb, tmp_path / "work", 20, 2048), dict)      # a real reply
        first = runner._proc.pid
        real = runner._read_line
        runner._read_line = lambda timeout: (real(timeout), '{"id": 999, "exit": 0, "killed": false}')[1]
        said = runner.run(nb, tmp_path / "work", 20, 2048)
        assert isinstance(said, str) and "grading process failed" in said
        del runner._read_line
        assert isinstance(runner.run(nb, tmp_path / "work", 20, 2048), dict)      # a new server answers
        assert runner._proc.pid != first


def test_a_server_that_cannot_start_is_a_row_not_a_crash(tmp_path, monkeypatch):
    from ne_lib.coursework import warm_runner

    chapters = write_chapter(tmp_path)
    subs = tmp_path / "subs"
    subs.mkdir()
    nbformat.write(submission(_student(chapters), "doubled_nM = 2 * baseline_nM"), subs / "a.ipynb")

    def no_start(self):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(warm_runner.WarmRunner, "_start", no_start)
    out = tmp_path / "grades.csv"
    rows = cw.grade_folder(subs, out, timeout=20, chapters_dir=chapters, jobs=1, runner="fork")
    notebook = next(r for r in rows if r.exercise == "(notebook)")
    assert not notebook.passed and "could not start" in notebook.message
    assert out.is_file()
