"""Reading the solution markers of the course's exercise convention (see CONTRIBUTING.md, "Exercises").

Pure text functions, used by the student copies and by the website build:

* :func:`strip_solution_code` replaces each ``### BEGIN SOLUTION`` .. ``### END SOLUTION`` block of a
  code cell by its ``# stub:`` lines;
* :func:`strip_solution_markdown` removes ``{solution}`` directives and gated
  ``{solution-start}`` .. ``{solution-end}`` regions from a Markdown cell;
* :func:`remove_marker_lines` keeps the reference solution but drops the marker and stub lines
  (what the website shows inside a solution dropdown).
"""

from __future__ import annotations

import re
import warnings

__all__ = ["strip_solution_code", "strip_solution_markdown", "remove_marker_lines", "has_solution_block"]

_BEGIN = re.compile(r"^(?P<indent>[ \t]*)#+[ \t]*BEGIN SOLUTION[ \t\r]*$")
_END = re.compile(r"^[ \t]*#+[ \t]*END SOLUTION[ \t\r]*$")
_STUB = re.compile(r"^(?P<indent>[ \t]*)#[ \t]*stub:[ \t]?(?P<code>.*?)\r?$")
_MD_BEGIN = re.compile(r"^[ \t]*(#+|<!--)[ \t]*BEGIN SOLUTION[ \t]*(-->)?[ \t\r]*$")
_MD_END = re.compile(r"^[ \t]*(#+|<!--)[ \t]*END SOLUTION[ \t]*(-->)?[ \t\r]*$")
_FENCE_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,}|:{3,})[ \t]*(?:\{(?P<name>[A-Za-z][\w-]*)\})?(?P<arg>.*)$")


# --------------------------------------------------------------------------------------------
# Student copies
# --------------------------------------------------------------------------------------------

def strip_solution_code(source: str, *, where: str = "code cell") -> tuple[str, int]:
    """Replace each ``### BEGIN SOLUTION`` .. ``### END SOLUTION`` block by its ``# stub:`` lines.

    Returns the new source and the number of blocks replaced. A block without a stub line
    becomes ``# YOUR CODE HERE`` (plus ``pass`` when indented, so the code stays valid) and
    a warning is issued. An unterminated or stray marker raises ``ValueError`` naming ``where``.
    """
    out: list[str] = []
    blocks = 0
    in_block = False
    indent = ""
    stubs: list[str] = []
    for line in source.split("\n"):
        if not in_block:
            m = _BEGIN.match(line)
            if m:
                in_block, indent, stubs = True, m.group("indent"), []
                continue
            if _END.match(line):
                raise ValueError(f"{where}: '### END SOLUTION' without a matching '### BEGIN SOLUTION'")
            out.append(line)
            continue
        if _BEGIN.match(line):
            raise ValueError(f"{where}: '### BEGIN SOLUTION' inside another solution block")
        if _END.match(line):
            if not stubs:
                warnings.warn(f"{where}: solution block without a '# stub:' line; the student gets "
                              "an empty workspace", stacklevel=2)
                stubs = [indent + "# YOUR CODE HERE"] + ([indent + "pass"] if indent else [])
            out.extend(stubs)
            blocks += 1
            in_block = False
            continue
        s = _STUB.match(line)
        if s:
            stubs.append(s.group("indent") + s.group("code"))
    if in_block:
        raise ValueError(f"{where}: '### BEGIN SOLUTION' without a matching '### END SOLUTION'")
    return "\n".join(out), blocks


def _fence_end(lines: list[str], start: int, fence: str) -> int:
    """Index of the line closing the fenced block opened at ``start`` (last line if unclosed)."""
    char, n = fence[0], len(fence)
    closing = re.compile(r"^ {0,3}" + re.escape(char) + "{" + str(n) + r",}[ \t\r]*$")
    for j in range(start + 1, len(lines)):
        if closing.match(lines[j]):
            return j
    return len(lines) - 1


def strip_solution_markdown(text: str, in_gate: str | None = None, *,
                            where: str = "markdown cell") -> tuple[str, str | None, list[str]]:
    """Remove solution material from one Markdown cell.

    ``in_gate`` is the label of a gated solution opened in an earlier cell (or ``None``).
    Drops ``{solution}`` directives, ``{solution-start}``/``{solution-end}`` markers and all
    text between them, and nbgrader-style ``BEGIN SOLUTION``/``END SOLUTION`` regions.
    Fenced blocks are read as whole units, so directive syntax shown inside a code fence is
    left alone. Returns (new text, gate label still open after this cell, labels of the
    gated solutions opened here).
    """
    lines = text.split("\n")
    out: list[str] = []
    opened: list[str] = []
    in_region = False
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _FENCE_OPEN.match(line)
        if m and not in_region:
            j = _fence_end(lines, i, m.group("fence"))
            name = m.group("name")
            if in_gate is not None:
                if name == "solution-start":
                    raise ValueError(f"{where}: solution-start inside the open solution '{in_gate}'")
                if name == "solution-end":
                    in_gate = None
            elif name == "solution":
                pass
            elif name == "solution-start":
                in_gate = m.group("arg").strip() or "(unlabelled)"
                opened.append(in_gate)
            elif name == "solution-end":
                raise ValueError(f"{where}: solution-end without a solution-start")
            else:
                out.extend(lines[i:j + 1])
            i = j + 1
            continue
        if in_gate is None:
            if _MD_BEGIN.match(line):
                in_region = True
            elif _MD_END.match(line):
                if not in_region:
                    raise ValueError(f"{where}: END SOLUTION without BEGIN SOLUTION")
                in_region = False
            elif not in_region:
                out.append(line)
        i += 1
    if in_region:
        raise ValueError(f"{where}: BEGIN SOLUTION without END SOLUTION")
    return "\n".join(out), in_gate, opened


def remove_marker_lines(source: str) -> str:
    """The reference solution as a reader should see it: marker and ``# stub:`` lines dropped.

    ``### BEGIN SOLUTION``, ``### END SOLUTION`` and ``# stub: ...`` lines are removed; every other
    line, the solution code included, is kept. Used by the website build (issue 13), where these
    lines are noise inside the solution dropdown.
    """
    kept = [line for line in source.split("\n")
            if not (_BEGIN.match(line) or _END.match(line) or _STUB.match(line))]
    return "\n".join(kept)


def has_solution_block(source: str) -> bool:
    return any(_BEGIN.match(line) for line in source.split("\n"))


def text_solution_labels(text: str) -> list[str]:
    """Labels of the ``{solution}`` directives of a Markdown cell (fenced examples are not counted)."""
    lines = text.split("\n")
    labels = []
    i = 0
    while i < len(lines):
        m = _FENCE_OPEN.match(lines[i])
        if m:
            if m.group("name") == "solution":
                labels.append(m.group("arg").strip() or "(unlabelled)")
            i = _fence_end(lines, i, m.group("fence")) + 1
            continue
        i += 1
    return labels
