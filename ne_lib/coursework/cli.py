"""Command line: ``python -m ne_lib.coursework student|grade|links|quiz ...`` (run from the repository root)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ne_lib import chapters as chapters_map

from ._paths import NOTEBOOK_ROW, course_ref, course_repository, default_chapters, skip
from .grading import DEFAULT_MEMORY_MB, RUNNERS, grade_folder
from .links import chapter_links
from .quiz_export import FORMATS, export_quizzes
from .student import make_student_copies

__all__ = ["main"]

CHAPTER_KEYS = chapters_map.CHAPTER_KEYS

_DESCRIPTION = ("Coursework tools: student copies of the chapter notebooks, grading of submissions, links, "
                "quizzes for a learning platform.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ne_lib.coursework", description=_DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True)
    st = sub.add_parser("student", help="write student copies (solutions removed) of every chapter notebook")
    st.add_argument("--out", default="_build/student", help="output folder (default: _build/student)")
    st.add_argument("--chapters", default=None, help="chapters folder (default: ./chapters)")
    st.add_argument("--students", default=None, help="roster CSV (column id): one folder of copies per student, "
                    "each with the student's own variants")
    st.add_argument("--salt", default=os.environ.get("NE_COURSE_SALT", ""),
                    help="the course salt for per-student variants (default: $NE_COURSE_SALT); keep it secret")
    st.add_argument("--answer-key", default=None,
                    help="with --students: write every variant and its expected answer to this CSV "
                         "(default: answer_key.csv beside the output folder)")
    gr = sub.add_parser("grade", help="run submitted notebooks and write a CSV of check results")
    gr.add_argument("submissions", help="folder of submitted notebooks (searched recursively)")
    gr.add_argument("--out", default="grades.csv", help="CSV file to write (default: grades.csv)")
    gr.add_argument("--timeout", type=float, default=120.0, help="time limit per notebook, s (default: 120)")
    gr.add_argument("--jobs", type=int, default=1, help="notebooks graded in parallel (default: 1)")
    gr.add_argument("--runner", default="auto", choices=list(RUNNERS),
                    help="fork: each notebook forked from a warm Python per job (Linux; fast); kernel: a Jupyter "
                         "kernel per notebook; auto (default): fork where it can")
    gr.add_argument("--chapters", default=None, help="chapters folder with the data files (default: ./chapters)")
    gr.add_argument("--chapter", default=None, help="grade only notebooks of this chapter (others get a row saying so)")
    gr.add_argument("--memory-mb", type=int, default=DEFAULT_MEMORY_MB,
                    help=f"memory limit of each notebook's process, MB (default: {DEFAULT_MEMORY_MB})")
    gr.add_argument("--salt", default=os.environ.get("NE_COURSE_SALT", ""),
                    help="the course salt for per-student variants (default: $NE_COURSE_SALT)")
    gr.add_argument("--roster", default=None, help="roster CSV (column id): rows for missing students and bad "
                    "lines; implies --variants")
    gr.add_argument("--variants", action="store_true", default=None,
                    help="per-student copies were handed out: grade each student against their own variant")
    gr.add_argument("--gradebook", default=None,
                    help="also write per-student totals here; with --lms canvas|moodle in that LMS's import format")
    gr.add_argument("--lms", default=None, choices=["canvas", "moodle"], help="gradebook format (default: plain)")
    gr.add_argument("--assignment", default="Norepinephrine course", help="assignment name in the gradebook")
    ed = sub.add_parser("edition", help="stage the sources of the student edition of the website (no solutions)")
    ed.add_argument("--out", default="_build/student-edition", help="folder for the staged sources")
    gb = sub.add_parser("gradebook", help="per-student totals from a grades CSV (after marking), plain or for an LMS")
    gb.add_argument("grades", help="grades CSV written by `grade` (marker_points filled in where marked)")
    gb.add_argument("--out", default="gradebook.csv", help="CSV file to write (default: gradebook.csv)")
    gb.add_argument("--lms", default=None, choices=["canvas", "moodle"], help="import format (default: plain)")
    gb.add_argument("--assignment", default="Norepinephrine course", help="assignment (column) name")
    gb.add_argument("--roster", default=None, help="roster CSV (id, name, email): names, and zero for no submission")
    li = sub.add_parser("links", help="print per-notebook Binder and nbgitpuller links")
    li.add_argument("--repo", default=None,
                    help="git repository holding the notebooks (default: the course repository; give your own "
                         "repository of student copies to hand out copies without solutions)")
    li.add_argument("--ref", "--branch", dest="ref", default=None,
                    help=f"git tag, branch or commit the links open (default: this course version's tag, "
                         f"{course_ref()}; never a moving branch unless you ask for one)")
    li.add_argument("--hub", default=None, help="your JupyterHub's address, e.g. https://hub.example.edu")
    li.add_argument("--parent-path", default="",
                    help="the hub's NBGITPULLER_PARENTPATH, if it sets one (default: none)")
    li.add_argument("--student-dir", default="_build/student",
                    help="folder of student copies whose notebooks are listed when --repo is given")
    qz = sub.add_parser("quiz", help="export the chapters' self-check quizzes for marking in a learning platform "
                        "(GIFT or Moodle XML: Moodle's question bank import; canvas-qti: Canvas's QTI .zip import)")
    qz.add_argument("--format", dest="quiz_format", default="gift",
                    help=f"export format, one of {', '.join(FORMATS)} (default: gift)")
    qz.add_argument("--out", default="quizzes", help="output folder (default: quizzes)")
    qz.add_argument("--chapter", default=None,
                    help=f"only this chapter, one of {', '.join(CHAPTER_KEYS)} (default: every chapter)")
    qz.add_argument("--chapters", default=None,
                    help="chapters folder whose <chapter>/quiz.json files are read (default: ./chapters)")
    args = parser.parse_args(argv)

    chapters = Path(args.chapters) if getattr(args, "chapters", None) else default_chapters()
    try:
        if args.command == "student":
            key = args.answer_key or (str(Path(args.out).parent / "answer_key.csv") if args.students else None)
            written = make_student_copies(chapters, args.out, roster=args.students, salt=args.salt, answer_key=key)
            if key:
                print(f"Answer key with every variant: {key} (keep it out of the student repository)")
            print(f"Wrote {len(written)} student notebook(s) to {args.out}")
            for p in written:
                print(f"  {p}")
            return 0
        if args.command == "links":
            url, _branch = course_repository(chapters.parent)
            ref = args.ref or course_ref()
            if args.repo:
                base = Path(args.student_dir)
                if not base.is_dir():
                    raise ValueError(f"--student-dir: {base} not found; run `make student` first")
                url, folder = args.repo, base
            else:
                base, folder = chapters.parent, chapters
            notebooks = sorted(p.relative_to(base).as_posix() for p in folder.rglob("*.ipynb")
                               if not skip(p.relative_to(base)))
            try:
                table = chapter_links(notebooks, url, ref, args.hub, parent_path=args.parent_path)
            except ValueError as exc:   # name the option the user typed
                msg = str(exc).replace("repo_url", "--repo").replace("hub_url", "--hub")
                msg = msg.replace("parent_path", "--parent-path").replace("ref must", "--ref must")
                raise ValueError(msg) from None
            print(table)
            return 0
        if args.command == "edition":
            from .edition import stage_student_edition

            print(f"Student edition sources staged in {stage_student_edition(args.out, chapters.parent)}")
            return 0
        if args.command == "quiz":
            return _quiz(args, chapters)
        if args.command == "gradebook":
            from .gradebook import read_grades_csv, write_gradebook
            from .variants import read_roster

            roster = read_roster(args.roster)[0] if args.roster else None
            write_gradebook(read_grades_csv(args.grades), args.out, lms=args.lms, assignment=args.assignment,
                            roster=roster)
            print(f"Wrote {args.out}")
            return 0
        if args.timeout <= 0:
            raise ValueError(f"--timeout must be > 0 seconds, got {args.timeout}")
        rows = grade_folder(args.submissions, args.out, timeout=args.timeout, chapters_dir=chapters,
                            jobs=args.jobs, salt=args.salt, chapter=args.chapter, memory_mb=args.memory_mb,
                            roster=args.roster, variants=args.variants, runner=args.runner)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.gradebook:
        from .gradebook import read_grades_csv, write_gradebook
        from .variants import read_roster

        roster = read_roster(args.roster)[0] if args.roster else None
        write_gradebook(read_grades_csv(args.out), args.gradebook, lms=args.lms, assignment=args.assignment,
                        roster=roster)
        print(f"Wrote the gradebook {args.gradebook} (written answers count once marked: fill marker_points in "
              f"{args.out}, then run `gradebook`)")
    files = sorted({r.student_file for r in rows})
    print(f"Graded {len(files)} notebook(s); wrote {args.out}")
    for name in files:
        mine = [r for r in rows if r.student_file == name and r.exercise != NOTEBOOK_ROW and r.passed is not None]
        head = next(r for r in rows if r.student_file == name and r.exercise == NOTEBOOK_ROW)
        print(f"  {name}: {sum(bool(r.passed) for r in mine)}/{len(mine)} checks passed; {head.message}")
    return 0


def _quiz(args, chapters: Path) -> int:
    """``quiz``: check every chosen chapter's quiz, then write one file per chapter."""
    if args.quiz_format not in FORMATS:
        raise ValueError(f"--format must be one of {list(FORMATS)}, got {args.quiz_format!r}")
    if args.chapter is not None and args.chapter not in CHAPTER_KEYS:
        raise ValueError(f"--chapter must be one of {list(CHAPTER_KEYS)}, got {args.chapter!r}")
    written = export_quizzes(args.out, args.quiz_format, [args.chapter] if args.chapter else None, chapters)
    print(f"Wrote {len(written)} quiz file(s) ({args.quiz_format}) to {args.out}")
    for path in written:
        print(f"  {path}")
    if args.quiz_format == "canvas-qti":
        print("Import it in Canvas: Settings > Import Course Content > QTI .zip file (one quiz per chapter). "
              "In the course itself each quiz stays a self-check.")
        return 0
    importer = {"gift": "GIFT format", "moodle-xml": "Moodle XML format"}[args.quiz_format]
    print(f"Import them in Moodle: Question bank > Import > {importer}, with 'Get category from file'. "
          "In the course itself each quiz stays a self-check.")
    return 0
