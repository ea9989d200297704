"""The capture channel of the grader: how answers leave the student's kernel as plain values.

:func:`prepare_run` copies a submission and inserts, behind each exercise cell and at the end, a
small cell (:data:`CAPTURE_SOURCE`) that appends the *values* of the exercise's answer variables
(numbers and arrays only; other objects as their type name) to a file, tagged with a one-time
token; cells that only show a course figure or the quiz are not run. :func:`read_captures` reads
the file back, keeping only lines with the token, and :func:`decode` turns a value into what the
check receives (:data:`MISSING` when the variable was never assigned). Nothing the kernel displays
is read.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import nbformat

__all__ = ["CAPTURE_SOURCE", "MISSING", "capture_cell", "decode", "only_shows_a_figure", "prepare_run",
           "read_captures"]

CAPTURE_SOURCE = '''def _ne_capture(label, names, path, token, ns=globals()):
    import json, numbers
    def enc(v):
        if v is None or v is Ellipsis:
            return {"none": True}
        if isinstance(v, bool):
            return {"type": "bool"}
        if isinstance(v, (str, bytes)):
            return {"type": type(v).__name__}
        if isinstance(v, numbers.Real):
            try:
                return {"number": repr(float(v))}
            except Exception:
                return {"type": type(v).__name__}
        try:
            import numpy
            arr = numpy.asarray(v, dtype=float)
            if arr.size > 100000:
                return {"type": "very large array"}
            return {"array": [repr(float(x)) for x in arr.ravel()], "shape": list(arr.shape)}
        except Exception:
            return {"type": type(v).__name__}
    values = {n: (enc(ns[n]) if n in ns else {"missing": True}) for n in names}
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps({"token": token, "label": label, "values": values}) + "\\n")
'''


def capture_cell(label: str, names, path: Path, token: str):
    call = f"_ne_capture({label!r}, {list(names)!r}, {str(path)!r}, {token!r})\ndel _ne_capture\n"
    return nbformat.v4.new_code_cell(CAPTURE_SOURCE + call)


def decode(encoded: object):
    """A captured value back as the check sees it (plain numbers and arrays; placeholders otherwise)."""
    import numpy as np

    if not isinstance(encoded, dict) or encoded.get("missing"):
        return MISSING
    if encoded.get("none"):
        return None
    if "number" in encoded:
        return float(encoded["number"])
    if "array" in encoded:
        return np.array([float(x) for x in encoded["array"]], dtype=float).reshape(encoded.get("shape") or -1)
    name = str(encoded.get("type", "object"))[:40]
    return type(name, (), {})()   # an object whose type name is what the student gave ("str", "list", ...)


MISSING = object()


_FIGURE_LINE = re.compile(r"^\s*(from\s+ne_lib\.(figures\.\w+|quiz)\s+import\s+[\w\s,]+|[A-Za-z_]\w*\.show\(\s*\)"
                          r"|show_quiz\(\s*['\"][\w-]+['\"]\s*\))\s*(#.*)?$")


def only_shows_a_figure(source: str) -> bool:
    """A cell that only imports course figures or the quiz and shows them (nothing a check needs)."""
    lines = [line for line in source.splitlines() if line.strip() and not line.strip().startswith("#")]
    return bool(lines) and all(_FIGURE_LINE.match(line) for line in lines)


def prepare_run(nb, cells: dict[int, str], answers: dict[str, tuple[str, ...]], capture: Path, token: str):
    """The notebook to run (capture cells inserted) and, per cell of it, the submission's cell index."""
    run = copy.deepcopy(nb)
    new_cells: list = []
    origin: list[int | None] = []
    for i, cell in enumerate(run.cells):
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            if i not in cells and only_shows_a_figure(cell.source):
                cell.source = "pass  # an interactive figure or the quiz: not drawn while grading"
        new_cells.append(cell)
        origin.append(i)
        if i in cells and cells[i] in answers:
            new_cells.append(capture_cell(cells[i], answers[cells[i]], capture, token))
            origin.append(None)
    for label, names in answers.items():
        new_cells.append(capture_cell("(end)" + label, names, capture, token))
        origin.append(None)
    run.cells = new_cells
    return run, origin


def read_captures(capture: Path, token: str) -> dict[str, dict]:
    found: dict[str, dict] = {}
    if not capture.is_file():
        return found
    for line in capture.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict) and item.get("token") == token and isinstance(item.get("values"), dict):
            found[str(item.get("label"))] = item["values"]
    return found
