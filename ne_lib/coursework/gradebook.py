"""The grades files: one row per check (the grader's raw result), with columns left for the marker."""

from __future__ import annotations

import csv
from pathlib import Path

__all__ = ["CSV_HEADER", "write_grades_csv"]

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
