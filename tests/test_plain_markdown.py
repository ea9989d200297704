"""Plain-Markdown copies (what Colab opens): no MyST syntax, no solution in view, still runnable."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from ne_lib.coursework.solutions import remove_marker_lines
from ne_lib.plain_markdown import MYST_PATTERNS, plain_markdown, plain_notebook, read_glossary, write_plain_copies

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in (ROOT / "chapters").rglob("*.ipynb")
                   if not any(part.startswith((".", "_")) for part in p.relative_to(ROOT).parts))


def _myst_left(text: str) -> list[str]:
    return [m.group(0) for pat in MYST_PATTERNS for m in re.finditer(pat, text, re.M)]


def test_roles_become_words():
    from ne_lib.plain_markdown import _Page
    page = _Page({"reuptake": "Taking a transmitter back up."},
                 {"Smith1990": ("Smith et al.", "1990", "Smith J. (1990). T. *J*.")})
    text = plain_markdown("NE {term}`reuptake` and {term}`taken back <reuptake>` {cite:p}`Smith1990`; "
                          "{cite:t}`Smith1990` said so.", page)
    assert text == "NE reuptake and taken back (Smith et al., 1990); Smith et al. (1990) said so."
    assert page.terms == {"reuptake": "Taking a transmitter back up."}
    assert "Smith1990" in page.cited


def test_roles_inside_code_are_left_alone():
    text = "```python\nx = '{term}`a`'\n```"
    assert plain_markdown(text) == text


def test_directives_inside_a_code_block_are_left_alone():
    text = "Write it so:\n\n````markdown\n```{solution} ex-a\nFour.\n```\n````\n\n```{note}\nAfter.\n```"
    assert plain_markdown(text) == "Write it so:\n\n````markdown\n```{solution} ex-a\nFour.\n```\n````\n\n" \
                                   "> **Note**\n>\n> After."


def test_admonition_becomes_a_quote_with_its_title():
    text = plain_markdown("```{admonition} On this page\n:class: tip\n- one\n- two\n```")
    assert text == "> **On this page**\n>\n> - one\n> - two"


def test_exercise_and_solution():
    text = plain_markdown("```{exercise}\n:label: ex-a\nWhat is 2 + 2?\n```\n\n"
                          "```{solution} ex-a\n:class: dropdown\nFour.\n```")
    assert text.startswith("**Exercise 1**\n\nWhat is 2 + 2?")
    before, _, hidden = text.partition("<details>")
    assert "Four" not in before and "Four." in hidden and hidden.rstrip().endswith("</details>")


def _gated_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("```{exercise}\n:label: ex-b\nCompute x.\n```"),
        nbformat.v4.new_markdown_cell("```{solution-start} ex-b\n:class: dropdown\n```"),
        nbformat.v4.new_code_cell("### BEGIN SOLUTION\n# stub: x = None\nx = 41 + 1\n### END SOLUTION\nprint(x)"),
        nbformat.v4.new_markdown_cell("```{solution-end}\n```"),
        nbformat.v4.new_markdown_cell("Next."),
    ]
    return nb


def test_gated_solution_keeps_the_stub_and_hides_the_answer():
    plain = plain_notebook(_gated_notebook())
    kinds = [c.cell_type for c in plain.cells]
    assert kinds == ["markdown", "code", "markdown", "markdown"]
    assert plain.cells[1].source == "x = None\nprint(x)"          # the student's workspace and the check
    assert plain.cells[2].source.startswith("<details>") and "x = 41 + 1" in plain.cells[2].source
    assert "BEGIN SOLUTION" not in plain.cells[2].source and "stub:" not in plain.cells[2].source
    assert plain.cells[3].source == "Next."


def test_a_plain_copy_is_the_same_each_time():
    nb = _gated_notebook()
    first, second = plain_notebook(nb), plain_notebook(nb)
    assert nbformat.writes(first) == nbformat.writes(second)
    assert len({c.id for c in first.cells}) == len(first.cells)


def test_a_gated_solutions_last_words_stay_in_the_solution():
    """The course puts a solution's closing prose in its {solution-end} cell: it must stay, behind the click."""
    nb = _gated_notebook()
    nb.cells[3].source = "Because $41 + 1 = 42$.\n\n```{solution-end}\n```"
    plain = plain_notebook(nb)
    assert [c.cell_type for c in plain.cells] == ["markdown", "code", "markdown", "markdown"]
    hidden = plain.cells[2].source
    assert "x = 41 + 1" in hidden and "Because $41 + 1 = 42$." in hidden
    assert hidden.index("Because") < hidden.index("</details>")


def test_every_gated_solutions_prose_is_in_its_copy(plain_copies):
    for path in NOTEBOOKS:
        original = nbformat.read(path, as_version=4)
        hidden = "\n".join(m for c in plain_copies[path.relative_to(ROOT)].cells if c.cell_type == "markdown"
                           for m in re.findall(r"<details>.*?</details>", c.source, re.S))
        for cell in original.cells:
            if cell.cell_type == "markdown" and "{solution-end}" in cell.source:
                prose = cell.source.split("```{solution-end}")[0].strip()
                for line in (ln for ln in prose.splitlines() if ln.strip() and "{" not in ln):
                    assert line.strip() in hidden, f"{path.name}: solution text lost: {line[:60]!r}"


def test_solutions_as_myst_dropdowns_for_jupyterlab():
    text = plain_markdown("```{solution} ex-a\n:class: dropdown\nFour, $2 + 2$.\n```",
                          __import__("ne_lib.plain_markdown", fromlist=["_Page"])._Page({}, {}, closed="dropdown"))
    assert text == ":::{dropdown} Solution (click to show)\nFour, $2 + 2$.\n:::"
    plain = plain_notebook(_gated_notebook(), closed="dropdown")
    assert plain.cells[2].source.startswith(":::{dropdown} ") and plain.cells[2].source.endswith("\n:::")
    assert "```python\nx = 41 + 1" in plain.cells[2].source
    with pytest.raises(ValueError, match="closed"):
        plain_notebook(_gated_notebook(), closed="hidden")


def test_unclosed_gate_is_an_error():
    nb = _gated_notebook()
    del nb.cells[3]
    with pytest.raises(ValueError, match="solution-end"):
        plain_notebook(nb)


def test_glossary_is_read_from_the_course_files():
    terms = read_glossary([ROOT / "glossary.md", *sorted((ROOT / "chapters").rglob("_glossary.md"))])
    assert len(terms) > 30
    assert all(definition and not definition.startswith("`") for definition in terms.values())


@pytest.fixture(scope="module")
def plain_copies(tmp_path_factory):
    out = tmp_path_factory.mktemp("plain")
    return {p.relative_to(out): nbformat.read(p, as_version=4) for p in write_plain_copies(ROOT, out)}


def test_every_notebook_has_a_plain_copy_with_no_myst(plain_copies):
    assert sorted(plain_copies) == sorted(p.relative_to(ROOT) for p in NOTEBOOKS)
    for rel, nb in plain_copies.items():
        left = [hit for c in nb.cells if c.cell_type == "markdown" for hit in _myst_left(c.source)]
        assert not left, f"{rel}: MyST left in the plain copy: {left[:5]}"


def test_no_solution_in_view_in_a_plain_copy(plain_copies):
    for path in NOTEBOOKS:
        original = nbformat.read(path, as_version=4)
        plain = plain_copies[path.relative_to(ROOT)]
        visible = "\n".join(re.sub(r"<details>.*?</details>", "", c.source, flags=re.S)
                            for c in plain.cells if c.cell_type == "markdown")
        visible_code = "\n".join(c.source for c in plain.cells if c.cell_type == "code")
        assert "BEGIN SOLUTION" not in visible_code
        for cell in original.cells:
            if cell.cell_type == "code" and "BEGIN SOLUTION" in cell.source:
                assert remove_marker_lines(cell.source) in "\n".join(c.source for c in plain.cells), \
                    f"{path.name}: the solution must still be there, behind a click"
                solution_lines = re.search(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell.source, re.S)
                for line in solution_lines.group(1).splitlines():
                    if line.strip() and not line.lstrip().startswith("# stub:"):
                        assert line not in visible_code, f"{path.name}: solution line in view: {line}"
            if cell.cell_type == "markdown":
                for m in re.finditer(r"^(`{3,}|:{3,})\{solution\}[^\n]*\n(?::[^\n]*\n)*(?P<body>.*?)^\1",
                                     cell.source, re.S | re.M):
                    first = next(line for line in m.group("body").splitlines() if line.strip())
                    first = re.sub(r"\{[a-z:]+\}`([^`<]*?)(?:\s*<[^>]+>)?`", r"\1", first)
                    assert first[:60] not in visible, f"{path.name}: solution text in view: {first[:60]}"


def test_plain_copies_keep_the_install_cell_and_the_exercises(plain_copies):
    for path in NOTEBOOKS:
        original = nbformat.read(path, as_version=4)
        plain = plain_copies[path.relative_to(ROOT)]
        assert plain.cells[0].source == original.cells[0].source        # Colab installs the course
        n_ex = sum(len(re.findall(r"^(`{3,}|:{3,})\{exercise\}", c.source, re.M))
                   for c in original.cells if c.cell_type == "markdown")
        shown = sum(len(re.findall(r"^\*\*Exercise \d+\*\*", c.source, re.M))
                    for c in plain.cells if c.cell_type == "markdown")
        assert shown == n_ex, f"{path.name}: {shown} exercises shown of {n_ex}"
        assert not any(c.get("outputs") for c in plain.cells if c.cell_type == "code")


def test_images_point_at_the_release_on_github(plain_copies):
    from ne_lib import release
    images = [m for nb in plain_copies.values() for c in nb.cells if c.cell_type == "markdown"
              for m in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", c.source)]
    assert images, "the chapters show diagrams"
    raw = release.REPOSITORY_URL.replace("https://github.com/", "https://raw.githubusercontent.com/")
    for src in images:
        assert src.startswith(f"{raw}/{release.RELEASE_REF}/"), src
        assert (ROOT / src.split(f"/{release.RELEASE_REF}/", 1)[1]).is_file(), src


# ---- the copies for JupyterLab and Notebook 7 (what the Binder button opens: the jupyter branch) ----

@pytest.fixture(scope="module")
def jupyter_tree(tmp_path_factory):
    from ne_lib.plain_markdown import write_jupyter_copies

    out = tmp_path_factory.mktemp("jupyter")
    return out, {p.relative_to(out): nbformat.read(p, as_version=4) for p in write_jupyter_copies(ROOT, out)}


def _closed_body(block: str) -> str:
    """What a closed block holds, without its wrapper (dropdown fence or <details>/<summary>)."""
    return re.sub(r"\s+", " ", re.sub(r"^:::.*$|</?details>|<summary>.*?</summary>", "", block, flags=re.M)).strip()


def test_jupyter_copies_leave_only_dropdowns_and_hide_every_solution(jupyter_tree, plain_copies):
    out, copies = jupyter_tree
    assert sorted(copies) == sorted(p.relative_to(ROOT) for p in NOTEBOOKS)
    for rel, nb in copies.items():
        md = [c.source for c in nb.cells if c.cell_type == "markdown"]
        outside = [re.sub(r"^:::\{dropdown\}.*?^:::$", "", text, flags=re.S | re.M) for text in md]
        assert not [hit for text in outside for hit in _myst_left(text)], f"{rel}: MyST left besides dropdowns"
        # the same solutions, behind a click, as in the Colab copy
        dropdowns = [m for text in md for m in re.findall(r"^:::\{dropdown\}.*?^:::$", text, re.S | re.M)]
        details = [m for c in plain_copies[rel].cells if c.cell_type == "markdown"
                   for m in re.findall(r"<details>.*?</details>", c.source, re.S)]
        assert len(dropdowns) == len(details)
        for drop, det in zip(dropdowns, details):
            assert _closed_body(drop) == _closed_body(det), f"{rel}: a solution differs from the Colab copy's"
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        assert code == "\n".join(c.source for c in plain_copies[rel].cells if c.cell_type == "code")


def test_jupyter_copies_carry_their_images_and_binder_config(jupyter_tree):
    from ne_lib import release
    from ne_lib.coursework import student_requirements

    out, copies = jupyter_tree
    for rel, nb in copies.items():
        for c in nb.cells:
            if c.cell_type == "markdown":
                for src in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", c.source):
                    assert not re.match(r"^[a-z]+:", src), f"{rel}: image {src} is not beside the notebook"
                    assert (out / rel).parent.joinpath(src).resolve().is_file(), f"{rel}: {src} missing from the tree"
    assert (out / "binder" / "runtime.txt").read_text().strip() == f"python-{release.PYTHON_VERSION}"
    lines = (out / "binder" / "requirements.txt").read_text().splitlines()
    assert release.install_requirement() in lines and "." not in lines, "the course at its release tag"
    pins = [ln for ln in student_requirements(ROOT).splitlines() if "==" in ln]
    assert [ln for ln in lines if "==" in ln] == pins, "the same pinned environment as Binder's"


def test_jupyter_copies_refuse_a_folder_in_use(tmp_path):
    from ne_lib.plain_markdown import write_jupyter_copies

    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="out_dir"):
        write_jupyter_copies(ROOT, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"
