"""The grades files: one row per check (the grader's raw result)."""

from __future__ import annotations

import csv
from dataclasses import astuple
from pathlib import Path

__all__ = ["CSV_HEADER", "write_grades_csv"]

CSV_HEADER = ("student_file", "exercise", "passed", "message")


def write_grades_csv(rows, out_csv: str | Path) -> Path:
    """Write the per-check CSV (:data:`CSV_HEADER`)."""
    out_csv = Path(out_csv)
    out_csv.parent.mkdir(parents=True, exist_ok=True)
    with out_csv.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(CSV_HEADER)
        writer.writerows(astuple(r) for r in rows)
    return out_csv
