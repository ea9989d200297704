"""Per-student variants: exercise parameters drawn from a seed (student id + course salt).

An exercise declares its variant parameters next to its check (``variants=`` in
:func:`ne_lib.check.registry.exercise`). A student's value of each parameter is picked from the
declared values by a SHA-256 hash of the course salt, the student id and the exercise label, so
the student copy, the grader and the answer key all agree without storing anything. Without a
student id the default variant (the check's keyword default, shown on the website) is used.

In a notebook, a variant parameter is a line of the exercise cell marked ``# variant``::

    net_block = 0.9  # variant

which the student copy rewrites to the student's own value.
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

__all__ = ["variant_for", "apply_variant", "read_roster", "VARIANT_LINE"]

VARIANT_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<name>[A-Za-z_]\w*)[ \t]*=[ \t]*(?P<value>[^#\n]+?)"
                          r"[ \t]*#[ \t]*variant\b.*$", re.M)


def variant_for(exercise, student_id: str | None, salt: str = "") -> dict:
    """The parameter values of ``exercise`` for ``student_id`` (the default variant if ``None``)."""
    if student_id is None or not exercise.variants:
        return exercise.default_variant()
    if not isinstance(student_id, str) or not student_id.strip():
        raise ValueError(f"student_id must be a non-empty str or None, got {student_id!r}")
    if not isinstance(salt, str):
        raise TypeError(f"salt must be a str, got {type(salt).__name__}")
    chosen = {}
    for name in sorted(exercise.variants):
        values = exercise.variants[name]
        digest = hashlib.sha256("\0".join((salt, student_id.strip(), exercise.label, name)).encode()).digest()
        chosen[name] = values[int.from_bytes(digest[:8], "big") % len(values)]
    return chosen


def apply_variant(source: str, values: dict, note: str = "") -> str:
    """Rewrite the ``name = value  # variant`` lines of a code cell to ``values``."""
    def repl(m):
        name = m.group("name")
        if name not in values:
            return m.group(0)
        comment = f"  # your value{note}" if note else "  # variant"
        return f"{m.group('indent')}{name} = {values[name]!r}{comment}"
    return VARIANT_LINE.sub(repl, source)


def read_roster(path: str | Path) -> tuple[list[dict], list[str]]:
    """Read a roster CSV (a column ``id``, optional ``name`` and ``email``).

    Returns (students, problems): a line with an empty or duplicate id is left out and described
    in ``problems`` (one string each, naming the line), so a run can go on and report it.
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"roster: {path} is not a file")
    with path.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        fields = [h.strip().lower() for h in (reader.fieldnames or [])]
        if "id" not in fields:
            raise ValueError(f"roster: {path} needs a header line with a column 'id' (and optionally 'name', "
                             f"'email'); found {reader.fieldnames!r}")
        students: list[dict] = []
        problems: list[str] = []
        seen: dict[str, int] = {}
        for line_no, row in enumerate(reader, start=2):
            row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
            sid = row.get("id", "")
            if not sid:
                problems.append(f"roster line {line_no}: empty id (line left out)")
            elif sid in seen:
                problems.append(f"roster line {line_no}: duplicate id {sid!r} (first on line {seen[sid]}; "
                                "line left out)")
            elif not re.fullmatch(r"[A-Za-z0-9_.@-]+", sid):
                problems.append(f"roster line {line_no}: id {sid!r} may hold only letters, digits and _ . @ - "
                                "(line left out)")
            else:
                seen[sid] = line_no
                students.append({"id": sid, "name": row.get("name", ""), "email": row.get("email", "")})
    return students, problems
