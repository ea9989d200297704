"""Coursework tools: student copies, grading, gradebook export, variants and links.

One module per job:

* :mod:`.solutions` reads the solution markers of the exercise convention (pure text functions);
* :mod:`.student` writes student copies;
* :mod:`.grading` runs submissions and grades them (:mod:`.capture`: how answer values leave the
  student's kernel; :mod:`.warm_runner` and :mod:`.warm_server` fork each run from a warm Python, :mod:`.limited_process` and
  :mod:`.runner` start a Jupyter kernel for it where fork is not available);
* :mod:`.gradebook` writes the grades files;
* :mod:`.links` builds Binder and nbgitpuller links;
* :mod:`.cli` is the command line, ``python -m ne_lib.coursework student|grade|links``.

The names below are re-exported so ``from ne_lib import coursework; coursework.grade_folder(...)``
keeps working.
"""

from ._paths import CHECK_MIME, METADATA_KEY, NOTEBOOK_ROW, course_ref, course_repository
from .cli import main
from .gradebook import CSV_HEADER, write_grades_csv
from .grading import GradeRow, grade_folder, grade_notebook
from .links import binder_link, chapter_links, clone_folder, nbgitpuller_link
from .solutions import remove_marker_lines, strip_solution_code, strip_solution_markdown
from .student import RUNTIME_PACKAGES, make_student_copies, student_copy, student_notebook, student_requirements

__all__ = [
    "GradeRow", "CSV_HEADER", "NOTEBOOK_ROW", "METADATA_KEY", "CHECK_MIME", "strip_solution_code",
    "strip_solution_markdown", "remove_marker_lines", "student_notebook", "student_copy", "make_student_copies",
    "student_requirements", "RUNTIME_PACKAGES", "grade_notebook", "grade_folder", "write_grades_csv",
    "binder_link", "nbgitpuller_link", "clone_folder", "chapter_links", "course_repository", "course_ref",
    "main",
]
