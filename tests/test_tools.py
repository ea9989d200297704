"""The authors' tools: `make chapter` (tools/build_chapter.py) on a fresh clone, the checkout copy
(tools/checkout_copy.py), and the stub check."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from ne_lib import chapters
from ne_lib.coursework.solutions import strip_solution_code

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_chapter  # noqa: E402
import checkout_copy  # noqa: E402


def test_make_chapter_works_on_a_fresh_clone_without_a_build_folder(tmp_path, monkeypatch):
    # a fresh clone: the repository files, no _build/ yet (the old tool crashed writing its toc there)
    monkeypatch.setattr(build_chapter, "ROOT", tmp_path)
    calls = []

    def fake_build(cmd, **kwargs):
        toc = Path(cmd[cmd.index("--toc") + 1])
        calls.append((cmd, toc.read_text()))
        return subprocess.CompletedProcess(cmd, 0, "build succeeded\n", "")

    monkeypatch.setattr(build_chapter.subprocess, "run", fake_build)
    assert not (tmp_path / "_build").exists()
    assert build_chapter.main("receptors") == 0
    (cmd, toc), = calls
    entry = chapters.chapter("receptors")
    assert str(tmp_path) in cmd and (tmp_path / "_build").is_dir()
    assert [line.split("file: ")[1] for line in toc.splitlines() if "file: chapters/" in line] == list(entry.docnames)


def test_make_chapter_names_the_chapters_on_a_typo(capsys):
    assert build_chapter.main("receptor") == 2
    out = capsys.readouterr().out
    assert "receptor" in out and all(key in out for key in chapters.CHAPTER_KEYS)


# ------------------------------------------------------------------------------------- checkout copy
def test_checkout_copy_holds_tracked_and_new_files_with_their_bytes_and_no_ignored_ones(tmp_path):
    repo = tmp_path / "repo"
    (repo / "pkg" / "deep").mkdir(parents=True)
    files = {".gitignore": "_build/\n*.log\n", "tracked.txt": "committed\n", "pkg/deep/edited.py": "x = 1\n",
             "gone.txt": "deleted after the commit\n"}
    for name, text in files.items():
        (repo / name).write_text(text)
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
           "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "c"]):
        subprocess.run(["git", *cmd], cwd=repo, check=True, env=env, capture_output=True)
    (repo / "pkg" / "deep" / "edited.py").write_text("x = 2  # not committed\n")
    (repo / "new.md").write_bytes("néw, not yet added\n".encode())
    (repo / "gone.txt").unlink()
    (repo / "_build").mkdir()
    (repo / "_build" / "page.html").write_text("ignored")
    (repo / "run.log").write_text("ignored")

    dest = checkout_copy.copy_checkout(tmp_path / "copy" / "course", repo)
    copied = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())
    assert copied == [".gitignore", "new.md", "pkg/deep/edited.py", "tracked.txt"]
    assert all((dest / name).read_bytes() == (repo / name).read_bytes() for name in copied)
    assert (dest / "pkg" / "deep" / "edited.py").read_text() == "x = 2  # not committed\n"


# ------------------------------------------------------------------------------------- stub check
def _assigned(code: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def _read_by_checks(code: str) -> set[str]:
    """Names passed to ``check.<name>(...)`` calls."""
    names = set()
    for node in ast.walk(ast.parse(code)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "check"):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                names.update(n.id for n in ast.walk(arg) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load))
    return names


def _solution_block(source: str) -> str:
    lines = source.split("\n")
    start = next(i for i, line in enumerate(lines) if "BEGIN SOLUTION" in line)
    end = next(i for i, line in enumerate(lines) if "END SOLUTION" in line)
    block = [line for line in lines[start + 1:end] if line.strip()]
    indent = min(len(line) - len(line.lstrip()) for line in block)
    return "\n".join(line[indent:] for line in block)


def stub_problems(source: str) -> list[str]:
    """Names the cell's check reads that its solution assigns but its stub (the student's copy) does not."""
    student, _ = strip_solution_code(source)
    needed = _assigned(_solution_block(source)) & _read_by_checks(source)
    return sorted(needed - _assigned(student))


def test_the_stub_check_catches_a_stub_that_forgets_a_name():
    good = "### BEGIN SOLUTION\n# stub: fold = None\nfold = 2.0\n### END SOLUTION\ncheck.ex(fold)"
    bad = "### BEGIN SOLUTION\n# stub: ratio = None\nfold = 2.0\n### END SOLUTION\ncheck.ex(fold)"
    assert stub_problems(good) == [] and stub_problems(bad) == ["fold"]


CELLS = [(p, i, c.source) for p in sorted((ROOT / "chapters").rglob("*.ipynb")) if ".ipynb_checkpoints" not in p.parts
         for i, c in enumerate(nbformat.read(p, as_version=4).cells)
         if c.cell_type == "code" and "BEGIN SOLUTION" in c.source]


def test_the_course_has_coding_exercises_to_check():
    assert len(CELLS) >= len(chapters.CHAPTERS)


@pytest.mark.parametrize("path, index, source", CELLS, ids=[f"{p.stem}-cell{i}" for p, i, _ in CELLS])
def test_each_stub_assigns_the_names_its_check_reads(path, index, source):
    assert _read_by_checks(source), "a coding exercise without a check call"
    assert stub_problems(source) == [], f"{path.name} cell {index}: the student's stub leaves these undefined"


def test_page_table_prints_before_and_after_and_marks_missing_pages():
    import page_table

    before = {"a": {"height_laptop": 15725, "height_phone": 23430, "fig_laptop": None, "fig_phone": None,
                    "contrast": 4.52}}
    after = {"a": {"height_laptop": 1800, "height_phone": 3100, "fig_laptop": 11.25, "fig_phone": 9.0,
                   "contrast": 5.1},
             "a/new": {"height_laptop": 5000, "height_phone": 9000, "fig_laptop": None, "fig_phone": None,
                       "contrast": 4.6}}
    rows = page_table.markdown(after, before, ["a", "a/new", "gone"]).splitlines()
    assert rows[0].count("|") == 7 and "before → after" in rows[0]
    assert rows[2] == "| a | 15725 → 1800 | 23430 → 3100 | - → 11.2 | - → 9.0 | 4.52 → 5.10 |"
    assert rows[3].startswith("| a/new | - → 5000 |") and len(rows) == 4   # a page in neither site: no row
    only = page_table.markdown(after, None, ["a"]).splitlines()
    assert only[2] == "| a | 1800 | 3100 | 11.2 | 9.0 | 5.10 |"
