"""The grades files.

* the per-check CSV (:func:`write_grades_csv`): one row per exercise and submission, with the
  points won and possible, and two columns left empty for the marker (``marker_points``,
  ``marker_comment``: fill them for the written answers, or to override an automatic result);
* the gradebook (:func:`write_gradebook`): one total per student, plain or in the Canvas or Moodle
  import format, computed from a per-check CSV (after marking).
"""

from __future__ import annotations

import csv
from pathlib import Path

from ._paths import NOTEBOOK_ROW

__all__ = ["CSV_HEADER", "write_grades_csv", "read_grades_csv", "totals", "write_gradebook"]

CSV_HEADER = ("student_file", "student", "exercise", "passed", "points", "max_points", "message",
              "marker_points", "marker_comment")


def write_grades_csv(rows, out_csv: str | Path) -> Path:
    """Write the per-check CSV (:data:`CSV_HEADER`)."""
    out_csv = Path(out_csv)
    out_csv.parent.mkdir(parents=True, exist_ok=True)
    with out_csv.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(CSV_HEADER)
        for r in rows:
            passed = "" if r.passed is None else str(r.passed)
            writer.writerow((r.student_file, r.student, r.exercise, passed, f"{r.points:g}", f"{r.max_points:g}",
                             r.message, "", ""))
    return out_csv


def read_grades_csv(path: str | Path) -> list[dict]:
    """Read a grades CSV written by :func:`write_grades_csv` (perhaps with the marker's columns filled)."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"grades: {path} is not a file")
    with path.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        missing = set(CSV_HEADER) - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"grades: {path} lacks the column(s) {sorted(missing)}; write it with `grade`")
        return list(reader)


def _number(text: str, where: str) -> float | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{where}: marker_points must be a number, got {text!r}") from None
    if value < 0:
        raise ValueError(f"{where}: marker_points must be >= 0, got {value:g}")
    return value


def totals(grades: list[dict]) -> list[dict]:
    """Per-student totals: automatic points, the marker's points, the maximum, and what is still unmarked.

    The marker's ``marker_points`` overrides the automatic points of a row (and is the only
    source of points for a written exercise). One row per student (the ``student`` column, or the
    file when it is empty); if a student submitted a notebook twice, the best result per exercise counts.
    """
    best: dict[str, dict[str, tuple[float, float, bool]]] = {}
    for line_no, row in enumerate(grades, start=2):
        if row["exercise"] == NOTEBOOK_ROW:
            continue
        who = row["student"] or row["student_file"]
        marked = _number(row.get("marker_points", ""), f"grades line {line_no}")
        max_points = float(row["max_points"] or 0)
        if marked is not None and marked > max_points:
            raise ValueError(f"grades line {line_no}: marker_points {marked:g} is more than max_points {max_points:g}")
        points = marked if marked is not None else float(row["points"] or 0)
        unmarked = marked is None and row["passed"] == ""
        old = best.setdefault(who, {}).get(row["exercise"])
        if old is None or points > old[0]:
            best[who][row["exercise"]] = (points, max_points, unmarked)
    out = []
    for who in sorted(best):
        items = best[who].values()
        out.append({"student": who, "points": sum(p for p, _, _ in items), "max_points": sum(m for _, m, _ in items),
                    "unmarked": sum(u for _, _, u in items)})
    return out


def write_gradebook(grades: list[dict], out_csv: str | Path, *, lms: str | None = None,
                    assignment: str = "Norepinephrine course", roster: list[dict] | None = None) -> Path:
    """Write per-student totals: plain, or in the Canvas or Moodle gradebook import format.

    Canvas: ``Student, ID, SIS User ID, SIS Login ID, Section, <assignment>`` with a ``Points
    Possible`` line; the SIS User ID is the student id. Moodle: ``ID number, Full name, Email
    address, <assignment>``; map "ID number" to the user's ID number when importing.
    """
    if lms not in {None, "canvas", "moodle"}:
        raise ValueError(f"lms must be None, 'canvas' or 'moodle', got {lms!r}")
    if not isinstance(assignment, str) or not assignment.strip() or "," in assignment and lms:
        raise ValueError(f"assignment must be a non-empty name (no commas for an LMS), got {assignment!r}")
    people = {s["id"]: s for s in (roster or [])}
    rows = totals(grades)
    for s in people:
        if s not in {r["student"] for r in rows}:
            rows.append({"student": s, "points": 0.0, "max_points": max((r["max_points"] for r in rows), default=0.0),
                         "unmarked": 0})
    out_csv = Path(out_csv)
    out_csv.parent.mkdir(parents=True, exist_ok=True)
    top = max((r["max_points"] for r in rows), default=0.0)
    with out_csv.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        if lms == "canvas":
            w.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", assignment])
            w.writerow(["    Points Possible", "", "", "", "", f"{top:g}"])
            for r in rows:
                who = people.get(r["student"], {})
                w.writerow([who.get("name") or r["student"], "", r["student"], who.get("email") or r["student"], "",
                            f"{r['points']:g}"])
        elif lms == "moodle":
            w.writerow(["ID number", "Full name", "Email address", assignment])
            for r in rows:
                who = people.get(r["student"], {})
                w.writerow([r["student"], who.get("name", ""), who.get("email", ""), f"{r['points']:g}"])
        else:
            w.writerow(["student", "points", "max_points", "written_answers_unmarked"])
            for r in rows:
                w.writerow([r["student"], f"{r['points']:g}", f"{r['max_points']:g}", r["unmarked"]])
    return out_csv
