"""Plain-Markdown copies of the course notebooks, for clients that cannot render MyST (Colab).

The chapters are written in MyST (glossary terms, citations, cross-references, admonitions and
sphinx-exercise exercises). JupyterLab and Notebook 7 render that with ``jupyterlab-myst``; Google
Colab renders CommonMark only, so there every role and directive would show as raw syntax and every
solution would be in plain view. :func:`plain_notebook` turns a notebook into one that reads well in
any client:

* ``{term}`` -> the word, with the page's terms defined in a cell at the end;
* ``{cite:p}`` / ``{cite:t}`` -> "(Author et al., 1990)" / "Author et al. (1990)", with a reference list;
* ``{doc}`` -> its text; admonitions -> block quotes with a bold title;
* ``{exercise}`` -> a numbered, bold "Exercise"; a ``{solution}`` and a gated solution's code ->
  closed ``<details>`` blocks (one click away, as on the website; MyST dropdowns in the copies for
  JupyterLab, below); the exercise's code cell keeps the
  student stub (``# stub:`` lines) and its check, so the notebook runs top to bottom unanswered.

``python -m ne_lib.plain_markdown --out _build/plain`` (:mod:`.copies`) writes a copy of every chapter notebook (``make
plain``); the publishing workflow puts them on the ``colab`` branch that the Colab button opens.

JupyterLab and Notebook 7 render MyST with ``jupyterlab-myst``, but not all of it: it resolves a
``{term}`` only against a glossary in the same notebook, has no bibliography for ``{cite}``, and renders
each cell on its own, so the cells of a gated solution (``{solution-start}`` .. ``{solution-end}``) are
in view. ``python -m ne_lib.plain_markdown --jupyter --out _build/jupyter`` (``make jupyter-copies``)
writes the same plain copies for them (solutions in MyST dropdowns, which jupyterlab-myst renders
closed, with their Markdown and math rendered), with the images beside the notebooks (relative paths, as in the
repository) and a ``binder/`` folder (Python version and the pinned Jupyter environment with the
course at its release tag), so repo2docker builds it: the publishing workflow puts this tree on the
``jupyter`` branch that the Binder button opens. The student copies (``make student``) get the same
conversion after their solutions are removed (:func:`jupyter_converter`, used by
``ne_lib.coursework.student``).
Course tooling, standard library only (plus nbformat and, for author-year citations, pybtex).
"""
from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path

import nbformat

from ne_lib.coursework.solutions import remove_marker_lines, strip_solution_code
from ne_lib.plain_markdown.sources import course_references, read_citations, read_glossary

__all__ = ["plain_markdown", "plain_notebook", "read_glossary", "read_citations", "course_references",
           "jupyter_converter", "release_image_link", "write_plain_copies", "write_jupyter_copies", "MYST_PATTERNS"]

#: ``image_link(path of the file an image shows) -> its new link``, or None to keep the link as it is.
ImageLink = Callable[[Path], "str | None"]

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|:{3,})[ \t]*\{(?P<name>[A-Za-z][\w:-]*)\}[ \t]*(?P<arg>.*)$")
_ANY_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_OPTION = re.compile(r"^[ \t]*:(?P<key>[\w-]+):[ \t]*(?P<value>.*)$")
_ROLE = re.compile(r"\{(?P<role>[a-z][\w:-]*)\}`(?P<body>[^`]+)`")
_TEXT_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)

#: What MyST syntax looks like; a plain copy (and the rendered notebooks in Jupyter) must show none.
MYST_PATTERNS = (r"\{[a-z][\w:-]*\}`", r"^\s*(`{3,}|:{3,})\{[a-z][\w-]*\}", r"^\s*:(class|label|nonumber):")

_TITLES = {"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution",
           "attention": "Attention", "hint": "Hint", "seealso": "See also", "danger": "Danger", "error": "Error"}


#: The summary line of a closed solution (what the reader clicks).
SOLUTION_SUMMARY = "Solution (click to show)"
#: How a closed block is written: HTML <details> (any CommonMark client: Colab) or MyST's dropdown,
#: which jupyterlab-myst renders as a closed dropdown with its Markdown, code and math rendered inside
#: (it shows a <details> block's Markdown as raw text once opened).
CLOSED_FORMS = ("details", "dropdown")


class _Page:
    """What one notebook's conversion collects: terms and citations used, exercise numbers."""

    def __init__(self, glossary, citations, folder: Path | None = None, root: Path | None = None,
                 closed: str = "details", image_link: ImageLink | None = None):
        if closed not in CLOSED_FORMS:
            raise ValueError(f"closed: expected one of {CLOSED_FORMS}, got {closed!r}")
        if image_link is not None and not callable(image_link):
            raise TypeError(f"image_link must be callable(path) -> str | None, got {type(image_link).__name__}")
        self.glossary, self.citations, self.folder, self.root = glossary, citations, folder, root
        self.image_link = image_link
        self.closed_form = closed
        self.terms: dict[str, str] = {}
        self.cited: dict[str, str] = {}
        self.exercises = 0

    def role(self, m: re.Match) -> str:
        role, body = m.group("role"), m.group("body")
        t = _TEXT_TARGET.match(body)
        text, target = (t.group("text"), t.group("target")) if t else (body, body)
        if role == "term":
            if target.lower() in self.glossary:
                self.terms.setdefault(target, self.glossary[target.lower()])
            return text
        if role in ("cite:p", "cite:t", "cite", "cite:ps", "cite:ts"):
            parts = []
            for key in (k.strip() for k in body.split(",")):
                who, year, ref = self.citations.get(key, (key, "", key))
                self.cited[key] = ref
                parts.append((who, year))
            if role.startswith("cite:t"):
                return "; ".join(f"{w} ({y})" for w, y in parts)
            return "(" + "; ".join(f"{w}, {y}" for w, y in parts) + ")"
        if role in ("sub", "sup"):
            return f"<{role}>{body}</{role}>"
        if role == "math":
            return f"${body}$"
        if role == "doc" and not t:
            return f"*{self.page_title(target)}*"
        return text  # doc, ref, numref, eq, abbr, ...: the readable text


    def closed(self, summary: str, body: str) -> str:
        """``body`` behind a click: a closed block titled ``summary``."""
        if self.closed_form == "dropdown":
            fence = ":" * max(3, 1 + max((len(m) for m in re.findall(r"^ *(:{3,})", body, re.M)), default=0))
            return f"{fence}{{dropdown}} {summary}\n{body}\n{fence}"
        return f"<details>\n<summary>{summary}</summary>\n\n{body}\n\n</details>"

    def page_title(self, target: str) -> str:
        """The first heading of the page a ``{doc}`` role names (its text on the website)."""
        for suffix in (".md", ".ipynb"):
            path = (self.folder / target).with_suffix(suffix) if self.folder else None
            if path and path.is_file():
                text = path.read_text(encoding="utf-8")
                if suffix == ".ipynb":
                    text = "\n".join(c.source for c in nbformat.reads(text, as_version=4).cells
                                     if c.cell_type == "markdown")
                m = re.search(r"^#\s+(.+)$", text, re.M)
                if m:
                    return _ROLE.sub(lambda r: r.group("body"), m.group(1).strip())
        return target.rsplit("/", 1)[-1].replace("_", " ")


_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)")


def release_image_link(root: Path) -> ImageLink:
    """Image links to the file at the release tag on GitHub (a Colab copy has no checkout beside it)."""
    from ne_lib import release

    raw = release.REPOSITORY_URL.replace("https://github.com/", "https://raw.githubusercontent.com/")

    def link(target: Path) -> str | None:
        try:
            rel = target.relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            return None
        return f"{raw.rstrip('/')}/{release.RELEASE_REF}/{rel}"

    return link


def _relink_images(text: str, page: _Page) -> str:
    """Each relative image path -> ``page.image_link(the file it names)`` (unchanged where that is None)."""
    folder, link = page.folder, page.image_link
    if folder is None or link is None:
        return text

    def relink(m: re.Match) -> str:
        src = m.group("src")
        if re.match(r"^[a-z]+:", src) or src.startswith("/"):
            return m.group(0)
        new = link((folder / src).resolve())
        return m.group(0) if new is None else f"![{m.group('alt')}]({new})"

    return _IMAGE.sub(relink, text)


def _roles(text: str, page: _Page) -> str:
    out, in_code = [], None
    for line in text.split("\n"):
        fence = _ANY_FENCE.match(line)
        if in_code is None and fence and "{" not in fence.group("info"):
            in_code = fence.group("fence")
        elif in_code is not None and line.strip().startswith(in_code[0] * len(in_code)) \
                and not line.strip().strip(in_code[0]):
            in_code = None
        elif in_code is None:
            line = _ROLE.sub(page.role, line)
        out.append(line)
    return "\n".join(out)


def _directive(name: str, arg: str, options: dict[str, str], body: str, page: _Page) -> str:
    body = plain_markdown(body, page).strip("\n")
    if name == "exercise":
        page.exercises += 1
        title = f"**Exercise {page.exercises}**" + (f" ({arg.strip()})" if arg.strip() else "")
        return f"{title}\n\n{body}"
    if name == "solution":
        return page.closed(SOLUTION_SUMMARY, body)
    if name == "dropdown":
        return page.closed(arg.strip() or "Details", body)
    if name in ("math",):
        return f"$$\n{body}\n$$"
    if name in ("figure", "image"):
        return f"![{options.get('alt', '')}]({arg.strip()})\n\n{body}".strip()
    if name in ("code-cell", "code-block", "code"):
        return f"```{arg.strip()}\n{body}\n```"
    title = arg.strip() if name == "admonition" else _TITLES.get(name, name.capitalize())
    quoted = "\n".join(("> " + line).rstrip() for line in body.split("\n"))
    return f"> **{title}**\n>\n{quoted}"


def plain_markdown(text: str, page: _Page | None = None) -> str:
    """One Markdown cell's MyST turned into plain (CommonMark + HTML) Markdown."""
    page = page or _Page({}, {})
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        code = None if m else _ANY_FENCE.match(lines[i])
        if code and "{" not in code.group("info"):  # a code block (an example of MyST, say): as it is
            fence = code.group("fence")
            k = i + 1
            while k < len(lines) and not (lines[k].strip().startswith(fence[0] * len(fence))
                                          and not lines[k].strip().strip(fence[0])):
                k += 1
            out.extend(lines[i:k + 1])
            i = k + 1
            continue
        if not m:
            out.append(lines[i])
            i += 1
            continue
        fence, name, arg = m.group("fence"), m.group("name"), m.group("arg")
        j, options = i + 1, {}
        while j < len(lines) and (o := _OPTION.match(lines[j])):
            options[o.group("key")] = o.group("value")
            j += 1
        k = j
        while k < len(lines) and not (lines[k].strip().startswith(fence[0] * len(fence))
                                      and not lines[k].strip().strip(fence[0])):
            k += 1
        out.append(_directive(name, arg, options, "\n".join(lines[j:k]), page))
        i = k + 1
    return _relink_images(_roles("\n".join(out), page), page)


# A gate marker with its options and closing fence (```{solution-end}\n```); prose may share its cell.
_GATE = re.compile(r"^[ \t]*(?P<fence>`{3,}|:{3,})\{(?P<name>solution-start|solution-end|exercise-start|exercise-end)\}"
                   r"(?P<arg>[^\n]*)\n(?:[ \t]*:[\w-]+:[^\n]*\n)*[ \t]*(?P=fence)[ \t]*$", re.M)


def _stable_ids(cells: list, kept: set[int]) -> None:
    """Cells made here get ids from their text (not nbformat's random ones): the same source, the same copy."""
    import hashlib

    taken = {c.get("id") for c in cells if id(c) in kept}
    for cell in cells:
        if id(cell) in kept:
            continue
        base = "plain-" + hashlib.sha1(cell.source.encode("utf-8")).hexdigest()[:12]
        new, n = base, 1
        while new in taken:
            n += 1
            new = f"{base}-{n}"
        cell["id"] = new
        taken.add(new)


def plain_notebook(nb: nbformat.NotebookNode, glossary: dict[str, str] | None = None,
                   citations: dict | None = None, folder: str | Path | None = None,
                   root: str | Path | None = None, closed: str = "details",
                   image_link: ImageLink | None = None) -> nbformat.NotebookNode:
    """A copy of ``nb`` with plain Markdown only and every solution behind a click: a closed ``<details>``
    (``closed="details"``) or, for jupyterlab-myst, a MyST dropdown (``closed="dropdown"``, the one
    directive left).

    ``folder`` is the notebook's folder (relative image paths and ``{doc}`` targets are read from it).
    Relative image paths become ``image_link(the file)`` (unchanged where it returns None); with
    ``root`` and no ``image_link``, the file at the release tag on GitHub (:func:`release_image_link`)."""
    nb = copy.deepcopy(nb)
    if image_link is None and root:
        image_link = release_image_link(Path(root))
    page = _Page(glossary or {}, citations or {}, Path(folder) if folder else None, Path(root) if root else None,
                 closed, image_link)
    cells: list = []
    gate: list[str] | None = None  # the solution being collected (list of Markdown parts)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            source = cell.source
            markers = list(_GATE.finditer(source))
            if markers:
                # prose before, between or after the markers (a solution's last words share the
                # {solution-end} cell) goes where it stands: into the solution or into the page
                pos = 0
                for marker in [*markers, None]:
                    text = plain_markdown(source[pos:marker.start() if marker else len(source)], page).strip("\n")
                    if text.strip():
                        if gate is not None:
                            gate.append(text)
                        else:
                            cells.append(nbformat.v4.new_markdown_cell(text))
                    if marker is None:
                        break
                    pos = marker.end()
                    if marker.group("name") == "solution-start":
                        gate = []
                    elif marker.group("name") == "solution-end" and gate is not None:
                        body = "\n\n".join(part for part in gate if part.strip())
                        cells.append(nbformat.v4.new_markdown_cell(page.closed(SOLUTION_SUMMARY, body)))
                        gate = None
                continue
            text = plain_markdown(source, page)
            if gate is not None:
                gate.append(text)
            else:
                cell.source = text
                cells.append(cell)
        elif cell.cell_type == "code":
            stubbed, blocks = strip_solution_code(cell.source)
            if blocks:
                solution = remove_marker_lines(cell.source)
                cell.source = stubbed
                cells.append(cell)
                target = gate if gate is not None else None
                code = f"```python\n{solution.strip()}\n```"
                if target is not None:
                    target.append(code)
                else:
                    cells.append(nbformat.v4.new_markdown_cell(page.closed(SOLUTION_SUMMARY, code)))
            elif gate is not None:
                gate.append(f"```python\n{cell.source.strip()}\n```")  # other code of a solution
            else:
                cells.append(cell)
        else:
            cells.append(cell)
    if gate is not None:
        raise ValueError("nb: a solution-start has no solution-end")
    if page.terms:
        cells.append(nbformat.v4.new_markdown_cell("## Terms used on this page\n\n" + "\n".join(
            f"- **{term}**: {definition}" for term, definition in sorted(page.terms.items(), key=lambda t: t[0].lower()))))
    if page.cited:
        cells.append(nbformat.v4.new_markdown_cell("## References\n\n" + "\n".join(
            f"- {ref}" for _, ref in sorted(page.cited.items()))))
    for cell in cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    _stable_ids(cells, {id(c) for c in nb.cells})
    nb.cells = cells
    nb.metadata["ne_plain_markdown"] = True
    nbformat.validate(nb)
    return nb


def jupyter_converter(root: str | Path) -> Callable[..., nbformat.NotebookNode]:
    """``convert(nb, source, image_link=None)``: a notebook of the course at ``root`` (``source``: its path
    there, e.g. ``chapters/receptors/x.ipynb``) in the form of the copies for JupyterLab and Notebook 7
    (plain Markdown; the terms it uses defined and the works it cites listed at its end; solutions, if any
    are left, in closed MyST dropdowns): the conversion :func:`write_jupyter_copies` applies, for the
    student copies (``ne_lib.coursework.student``). The glossary and references are read once, here."""
    root = Path(root)
    glossary, citations = course_references(root)

    def convert(nb: nbformat.NotebookNode, source: str, image_link: ImageLink | None = None) -> nbformat.NotebookNode:
        return plain_notebook(nb, glossary, citations, (root / source).parent, closed="dropdown",
                              image_link=image_link)

    return convert


# the copy writers (and the command line) live in .copies; imported last, they use the names above
from ne_lib.plain_markdown.copies import write_jupyter_copies, write_plain_copies  # noqa: E402
