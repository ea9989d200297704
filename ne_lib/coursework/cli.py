"""Command line: ``python -m ne_lib.coursework student|grade|links ...`` (run from the repository root)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._paths import NOTEBOOK_ROW, course_ref, course_repository, default_chapters, skip
from .grading import grade_folder
from .links import chapter_links
from .student import make_student_copies

__all__ = ["main"]

_DESCRIPTION = "Coursework tools: student copies of the chapter notebooks, grading of submissions, links."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ne_lib.coursework", description=_DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True)
    st = sub.add_parser("student", help="write student copies (solutions removed) of every chapter notebook")
    st.add_argument("--out", default="_build/student", help="output folder (default: _build/student)")
    st.add_argument("--chapters", default=None, help="chapters folder (default: ./chapters)")
    gr = sub.add_parser("grade", help="run submitted notebooks and write a CSV of check results")
    gr.add_argument("submissions", help="folder of submitted notebooks (searched recursively)")
    gr.add_argument("--out", default="grades.csv", help="CSV file to write (default: grades.csv)")
    gr.add_argument("--timeout", type=float, default=120.0, help="time limit per notebook, s (default: 120)")
    gr.add_argument("--jobs", type=int, default=1, help="notebooks graded in parallel (default: 1)")
    gr.add_argument("--chapters", default=None, help="chapters folder with the data files (default: ./chapters)")
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
    args = parser.parse_args(argv)

    chapters = Path(args.chapters) if getattr(args, "chapters", None) else default_chapters()
    try:
        if args.command == "student":
            written = make_student_copies(chapters, args.out)
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
                raise ValueError(msg.replace("parent_path", "--parent-path").replace("ref must", "--ref must")) from None
            print(table)
            return 0
        if args.timeout <= 0:
            raise ValueError(f"--timeout must be > 0 seconds, got {args.timeout}")
        rows = grade_folder(args.submissions, args.out, timeout=args.timeout, chapters_dir=chapters,
                            jobs=args.jobs)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    files = sorted({r.student_file for r in rows})
    print(f"Graded {len(files)} notebook(s); wrote {args.out}")
    for name in files:
        mine = [r for r in rows if r.student_file == name and r.exercise != NOTEBOOK_ROW]
        head = next(r for r in rows if r.student_file == name and r.exercise == NOTEBOOK_ROW)
        print(f"  {name}: {sum(r.passed for r in mine)}/{len(mine)} checks passed; {head.message}")
    return 0
