"""The course map (ne_lib.chapters) agrees with the files, and every reader uses it."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import pytest
import yaml

import ne_lib
from ne_lib import chapters

ROOT = Path(__file__).resolve().parents[1]


def _toc_chapters() -> dict[str, list[str]]:
    """chapter index docname -> its section docnames, from _toc.yml."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    found = {}
    for part in toc["parts"]:
        for entry in part["chapters"]:
            if entry["file"].startswith("chapters/") and entry["file"].endswith("/index"):
                found[entry["file"]] = [s["file"] for s in entry.get("sections", [])]
    return found


def test_registry_matches_the_table_of_contents_and_the_folders():
    toc = _toc_chapters()
    assert list(toc) == [f"{c.folder}/index" for c in chapters.CHAPTERS], "chapters or their order differ"
    for ch in chapters.CHAPTERS:
        assert toc[f"{ch.folder}/index"] == list(ch.docnames[1:]), f"{ch.key}: pages differ from _toc.yml"
        for page in ch.pages:
            assert any((ROOT / ch.folder / f"{page}{ext}").exists() for ext in (".ipynb", ".md")), page
    assert [c.number for c in chapters.CHAPTERS] == list(range(1, len(chapters.CHAPTERS) + 1))


@pytest.mark.parametrize("ch", chapters.CHAPTERS, ids=lambda c: c.key)
def test_index_page_title_and_models_note_agree_with_the_registry(ch):
    text = (ROOT / ch.folder / "index.md").read_text(encoding="utf-8")
    h1 = re.search(r"^# (.+)$", text, re.M).group(1)
    assert h1.startswith(ch.title), f"{ch.key}: page title {h1!r} does not start with {ch.title!r}"
    note = re.search(r"^\*\*Models behind this chapter:\*\*(.*)$", text, re.M)
    assert note, f"{ch.folder}/index.md lacks the 'Models behind this chapter' line"
    assert re.findall(r"`ne_lib\.([a-z_]+)`", note.group(1)) == list(ch.models)


def test_every_model_is_importable_cited_and_in_a_chapter():
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    used = {m for c in chapters.CHAPTERS for m in c.models}
    assert set(chapters.MODELS) == used, "a model no chapter uses, or a chapter model missing from MODELS"
    for m in chapters.MODELS.values():
        importlib.import_module(f"ne_lib.{m.module}")
        for key in m.sources:
            assert key.startswith("textbook") or "{" + key + "," in bib, f"{m.module}: {key} not in references.bib"


def test_package_docstring_is_the_models_table():
    for m in chapters.MODELS.values():
        assert re.search(rf"^ne_lib\.{m.module}\s+{re.escape(m.model)}", ne_lib.__doc__, re.M), m.module


def test_chapter_lookup_names_the_allowed_values():
    assert chapters.chapter("receptors").title == "Receptors and signalling"
    with pytest.raises(ValueError, match="chapter must be one of"):
        chapters.chapter("kidney")


def test_no_other_module_lists_the_chapters():
    # the chapter list lives once: a literal tuple or list of the four keys anywhere else is a second copy
    literal = re.compile(r"[\[(]\s*['\"]synthesis['\"]\s*,\s*['\"]locus_coeruleus['\"]")
    offenders = [str(p.relative_to(ROOT)) for folder in ("ne_lib", "tests", "tools", "_ext")
                 for p in (ROOT / folder).rglob("*.py") if literal.search(p.read_text(encoding="utf-8"))]
    assert not offenders, offenders


def _forget(old: str) -> None:
    """As in a fresh kernel: the old name not yet imported."""
    sys.modules.pop(f"ne_lib.{old}", None)
    ne_lib.__dict__.pop(old, None)


@pytest.mark.parametrize("old, new", sorted(ne_lib._moved.MOVED_MODULES.items()))
def test_old_module_names_still_import_with_a_deprecation_warning(old, new):
    target = importlib.import_module(f"ne_lib.{new}")
    _forget(old)
    with pytest.warns(DeprecationWarning, match=rf"ne_lib\.{old} is now ne_lib\.{re.escape(new)}"):
        module = importlib.import_module(f"ne_lib.{old}")
    assert module is target
    _forget(old)
    with pytest.warns(DeprecationWarning):
        assert getattr(ne_lib, old) is target
    _forget(old)
    namespace: dict = {}
    with pytest.warns(DeprecationWarning):
        exec(f"from ne_lib import {old} as m", namespace)
    assert namespace["m"] is target


def test_a_students_old_notebook_code_still_runs():
    _forget("lc")
    _forget("gain")
    with pytest.warns(DeprecationWarning):
        from ne_lib.lc import simulate_spike_train
    assert simulate_spike_train("quiet_wake", 5.0, seed=1).duration_s == 5.0
    with pytest.warns(DeprecationWarning):
        import ne_lib.gain
    assert ne_lib.gain.detection_accuracy(2.0, "network") > ne_lib.gain.detection_accuracy(1.0, "network")
