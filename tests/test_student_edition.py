"""The student edition of the website (`make book EDITION=student`) holds no solution: not on any
page, not in the search index, not in a downloadable notebook or page source.

The full site (the session's book build) is the control: the same detector finds the solutions
there, so a pass here is not a detector that finds nothing.
"""

import html
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from ne_lib.coursework.edition import stage_student_edition
from ne_lib.coursework.solutions import text_solution_labels

pytestmark = [pytest.mark.book, pytest.mark.xdist_group("student-edition")]  # one build per run

ROOT = Path(__file__).resolve().parents[1]
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
_BEGIN = re.compile(r"#+\s*BEGIN SOLUTION")
_END = re.compile(r"#+\s*END SOLUTION")


_TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def _plain(text: str) -> str:
    """Whitespace and Sphinx's smart quotes and dashes normalised, so a snippet matches however it is typeset."""
    text = text.translate(_TYPOGRAPHY).replace("\u2014", "---").replace("\u2013", "--").replace("\u2026", "...")
    return re.sub(r"\s+", " ", text).strip()


def _sentences(body: str) -> list[str]:
    body = "\n".join(line for line in body.splitlines() if not line.startswith(":"))
    sentences = [s.strip() for s in re.split(r"(?<=[.:;!?])\s+", body.replace("\n", " "))]
    return [s[:45] for s in sentences if len(s) > 30 and not re.search(r"[{}`$*_\[\]<>:]|^\(|\d\.\d", s[:45])]


def _course_text_without_solutions() -> str:
    """Everything students may see anyway: the student copies and the pages (not the instructor guide)."""
    from ne_lib.coursework import student_notebook

    parts = [c.source for p in sorted((ROOT / "chapters").rglob("*.ipynb"))
             for c in student_notebook(nbformat.read(p, as_version=4)).cells]
    parts += [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("*.md")) + sorted((ROOT / "chapters").rglob("*.md"))
              if p.name not in {"instructors.md", "README.md", "CONTRIBUTING.md"} and "{solution" not in p.read_text()]
    return _plain("\n".join(parts))


def solution_snippets() -> dict[str, list[str]]:
    """Per exercise label, pieces of its reference solution: code lines and plain-text sentences."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "chapters").rglob("*.ipynb")):
        gate = None
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                m = re.search(r"\{solution-start\}\s*(\S+)", cell.source)
                gate = m.group(1) if m else (None if "{solution-end}" in cell.source else gate)
                for label in text_solution_labels(cell.source):
                    found[label] = _sentences(cell.source.split("\n", 1)[1].rsplit("```", 1)[0])
                if gate and "{solution-start}" not in cell.source:     # explanation inside a gated solution
                    found.setdefault(gate, []).extend(_sentences(cell.source.split("```{solution-end}")[0]))
            elif cell.cell_type == "code" and _BEGIN.search(cell.source) and gate:
                block = cell.source[_BEGIN.search(cell.source).end():_END.search(cell.source).start()]
                lines = [line.strip() for line in block.splitlines()
                         if line.strip() and not line.strip().startswith("#") and len(line.strip()) > 15]
                found.setdefault(gate, []).extend(lines)
    public = _course_text_without_solutions()
    return {label: [p for p in pieces if _plain(p) not in public] for label, pieces in found.items()}


def leaks(site: Path, snippets: dict[str, list[str]]) -> dict[str, list[str]]:
    """{file: [labels whose solution appears in it]} over pages, search index and sources."""
    files = [p for p in site.rglob("*") if p.is_file() and p.suffix in {".html", ".js", ".ipynb", ".md", ".txt"}
             and "_static" not in p.parts]
    out = {}
    for path in files:
        raw = path.read_text(encoding="utf-8", errors="replace")
        text = _plain(html.unescape(re.sub(r"<[^>]+>", "", raw))) if path.suffix == ".html" else _plain(raw)
        text = text.replace('\\"', '"').replace("\\n", " ")
        hit = [label for label, pieces in snippets.items() if any(_plain(p) in text for p in pieces)]
        if hit:
            out[str(path.relative_to(site))] = hit
    return out


@pytest.fixture(scope="module")
def student_site(tmp_path_factory):
    src = stage_student_edition(tmp_path_factory.mktemp("edition") / "src", ROOT)
    # the pages are the same with or without execution here: the staged notebooks hold no solution
    # (tested below), so no cell can print one; without execution the build takes a minute
    config = (src / "_config.yml").read_text().replace("execute_notebooks: cache", "execute_notebooks: 'off'")
    (src / "_config.yml").write_text(config)
    out = tmp_path_factory.mktemp("edition-build")
    proc = subprocess.run([str(JUPYTER_BOOK), "build", str(src), "--path-output", str(out), "-W", "-n", "--keep-going"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    return src, out / "_build" / "html"


def test_every_exercise_has_snippets_to_look_for():
    snippets = solution_snippets()
    assert len(snippets) >= 25
    assert all(snippets.values()), [k for k, v in snippets.items() if not v]


def test_staged_notebooks_hold_no_solution(student_site):
    src, _ = student_site
    assert leaks(src / "chapters", solution_snippets()) == {}
    assert "BEGIN SOLUTION" not in "".join(p.read_text() for p in (src / "chapters").rglob("*.ipynb"))


def test_student_site_holds_no_solution(student_site):
    _, site = student_site
    assert (site / "searchindex.js").is_file() and list((site / "_sources").rglob("*.ipynb"))
    assert leaks(site, solution_snippets()) == {}


def test_the_detector_finds_the_solutions_on_the_full_site(built_book):
    site, _ = built_book
    found = {label for labels in leaks(site, solution_snippets()).values() for label in labels}
    assert found >= set(solution_snippets()) - {"(unlabelled)"}


def test_the_student_edition_has_the_instructor_note_only(student_site):
    """The guide's sub-pages (answer keys, rubrics) are neither staged, listed nor built."""
    src, site = student_site
    assert not (src / "instructors").exists() and "instructors/" not in (src / "_toc.yml").read_text()
    assert (site / "instructors.html").is_file() and not (site / "instructors").exists()
    assert "student edition" in (site / "instructors.html").read_text(encoding="utf-8")
