"""Gradebook totals and LMS exports, rosters, variants, written answer cells and the answer key."""

import csv
import re

import nbformat
import pytest

from ne_lib import coursework as cw
from ne_lib.check.registry import all_exercises, all_written
from ne_lib.coursework.gradebook import read_grades_csv, totals, write_gradebook
from ne_lib.coursework.variants import apply_variant, read_roster, variant_for


def grades_file(tmp_path, rows):
    path = tmp_path / "grades.csv"
    cw.write_grades_csv(rows, path)
    return path


def sample_rows():
    R = cw.GradeRow
    return [R("amy/a.ipynb", "(notebook)", True, "ran", "amy"),
            R("amy/a.ipynb", "ex-1", True, "ok", "amy", 2, 2),
            R("amy/a.ipynb", "ex-2", False, "no", "amy", 0, 1),
            R("amy/a.ipynb", "ex-w", None, "written", "amy", 0, 3),
            R("ben/a.ipynb", "ex-1", False, "no", "ben", 0, 2),
            R("ben/a.ipynb", "ex-2", True, "ok", "ben", 1, 1),
            R("ben/a.ipynb", "ex-w", None, "written", "ben", 0, 3)]


def mark(path, who, exercise, points):
    with path.open(newline="") as f:
        table = list(csv.DictReader(f))
    for row in table:
        if row["student"] == who and row["exercise"] == exercise:
            row["marker_points"] = str(points)
    with path.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cw.CSV_HEADER)
        w.writeheader()
        w.writerows(table)


def test_totals_add_automatic_and_marker_points(tmp_path):
    path = grades_file(tmp_path, sample_rows())
    before = {t["student"]: t for t in totals(read_grades_csv(path))}
    assert before["amy"]["points"] == 2 and before["amy"]["max_points"] == 6 and before["amy"]["unmarked"] == 1
    mark(path, "amy", "ex-w", 2.5)
    mark(path, "ben", "ex-1", 1)        # the marker may override an automatic result
    after = {t["student"]: t for t in totals(read_grades_csv(path))}
    assert after["amy"]["points"] == 4.5 and after["amy"]["unmarked"] == 0
    assert after["ben"]["points"] == 2 and after["ben"]["unmarked"] == 1


def test_marker_points_above_the_maximum_are_refused(tmp_path):
    path = grades_file(tmp_path, sample_rows())
    mark(path, "amy", "ex-w", 9)
    with pytest.raises(ValueError, match="marker_points 9"):
        totals(read_grades_csv(path))


def test_canvas_and_moodle_formats(tmp_path):
    path = grades_file(tmp_path, sample_rows())
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name,email\namy,Amy A,amy@uni.edu\nben,Ben B,ben@uni.edu\ncat,Cat C,cat@uni.edu\n")
    people = read_roster(roster)[0]
    canvas = list(csv.reader(write_gradebook(read_grades_csv(path), tmp_path / "c.csv", lms="canvas",
                                             assignment="NE chapter 3", roster=people).open()))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "NE chapter 3"]
    assert canvas[1][0].strip() == "Points Possible" and canvas[1][5] == "6"
    by_id = {row[2]: row for row in canvas[2:]}
    assert by_id["amy"][0] == "Amy A" and by_id["amy"][5] == "2" and by_id["cat"][5] == "0"
    moodle = list(csv.reader(write_gradebook(read_grades_csv(path), tmp_path / "m.csv", lms="moodle",
                                             roster=people).open()))
    assert moodle[0][:3] == ["ID number", "Full name", "Email address"]
    assert {r[0]: r[3] for r in moodle[1:]} == {"amy": "2", "ben": "1", "cat": "0"}
    with pytest.raises(ValueError, match="lms"):
        write_gradebook([], tmp_path / "x.csv", lms="blackboard")


def test_cli_gradebook(tmp_path, capsys):
    path = grades_file(tmp_path, sample_rows())
    assert cw.main(["gradebook", str(path), "--out", str(tmp_path / "g.csv"), "--lms", "moodle"]) == 0
    assert (tmp_path / "g.csv").read_text().startswith("ID number")
    assert cw.main(["gradebook", str(tmp_path / "absent.csv")]) == 2


def test_roster_problems_are_named_by_line(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("id,name\ns1,A\n,B\ns1,C\ns 2,D\ns3,E\n")
    students, problems = read_roster(roster)
    assert [s["id"] for s in students] == ["s1", "s3"]
    assert any("line 3" in p and "empty" in p for p in problems)
    assert any("line 4" in p and "duplicate" in p for p in problems)
    assert any("line 5" in p for p in problems)
    (tmp_path / "bad.csv").write_text("name\nA\n")
    with pytest.raises(ValueError, match="'id'"):
        read_roster(tmp_path / "bad.csv")


def test_variants_are_stable_cover_the_values_and_depend_on_the_salt():
    ex = all_exercises()["rec-ex-net"]
    ids = [f"s{i}" for i in range(200)]
    picks = [variant_for(ex, s, "salt")["net_block"] for s in ids]
    assert picks == [variant_for(ex, s, "salt")["net_block"] for s in ids]        # reproducible
    assert set(picks) == set(ex.variants["net_block"])                           # every value used
    assert picks != [variant_for(ex, s, "other")["net_block"] for s in ids]      # the salt matters
    assert variant_for(ex, None) == {"net_block": 0.9}                            # website = default
    assert apply_variant("net_block = 0.9  # variant\nx = 1", {"net_block": 0.8}, " (s1)") == \
        "net_block = 0.8  # your value (s1)\nx = 1"


def test_per_student_copies_and_answer_key(tmp_path):
    from pathlib import Path

    chapters = Path(__file__).resolve().parents[1] / "chapters"
    roster = tmp_path / "roster.csv"
    roster.write_text("id\ns1\ns2\ns3\n")
    key = tmp_path / "answer_key.csv"
    written = cw.make_student_copies(chapters, tmp_path / "out", roster=roster, salt="k", answer_key=key)
    assert {p.relative_to(tmp_path / "out").parts[0] for p in written} == {"s1", "s2", "s3"}
    nb = nbformat.read(tmp_path / "out" / "s2" / "receptors" / "ending_the_signal.ipynb", as_version=4)
    assert nb.metadata["ne_coursework"]["student_id"] == "s2"
    value = variant_for(all_exercises()["rec-ex-net"], "s2", "k")["net_block"]
    assert any(f"net_block = {value!r}" in c.source for c in nb.cells if c.cell_type == "code")
    table = list(csv.DictReader(key.open()))
    assert {r["exercise"] for r in table} >= {"rec-ex-net", "syn-ex-mhpg"}
    assert len([r for r in table if r["exercise"] == "rec-ex-net"]) == 4 and any("(website)" in r["variant"] for r in table)
    listed = " ".join(r["students"] for r in table if r["exercise"] == "rec-ex-net").split()
    assert sorted(listed) == ["s1", "s2", "s3"]                                  # each student once
    row_of_s2 = next(r for r in table if r["exercise"] == "rec-ex-net" and "s2" in r["students"].split())
    assert f"net_block={value!r}" in row_of_s2["variant"]
    bad = tmp_path / "bad.csv"
    bad.write_text("id\ns1\ns1\n")
    with pytest.raises(ValueError, match="duplicate"):
        cw.make_student_copies(chapters, tmp_path / "out2", roster=bad)


def test_written_exercises_get_an_answer_cell_and_points():
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "chapters" / "receptors" / "ending_the_signal.ipynb"
    student = cw.student_notebook(nbformat.read(path, as_version=4))
    answers = [c.metadata["ne_coursework"]["answer_for"] for c in student.cells
               if c.cell_type == "markdown" and "answer_for" in c.metadata.get("ne_coursework", {})]
    assert answers == ["rec-ex-agonist", "rec-ex-volume"]
    written = all_written()
    assert all(label in written and written[label].points > 0 for label in answers)


# The real property of a student copy (what a student sees in JupyterLab, Notebook 7 or any hub,
# with or without jupyterlab-myst): no MyST syntax, and the course's definition of every glossary term
# and the reference of every citation the notebook uses, as plain text. Read independently of the
# converter: the glossary blocks and references.bib are parsed here.
MYST_SYNTAX = re.compile(r"\{[a-z][\w:-]*\}`|^\s*(`{3,}|:{3,})\s*\{[\w:-]+\}|^\s*:(class|label|nonumber):", re.M)
ROLE = re.compile(r"\{(term|cite(?::[a-z]+)?)\}`([^`]+)`")


def course_glossary(root):
    """term (lower case) -> its definition as one line, from every ```{glossary} block of the course."""
    terms = {}
    for path in [root / "glossary.md", *sorted((root / "chapters").rglob("_glossary.md"))]:
        for block in re.findall(r"^```\{glossary\}\n(.*?)^```", path.read_text(encoding="utf-8"), re.S | re.M):
            for m in re.finditer(r"^(\S[^\n]*)\n((?:[ \t]+\S[^\n]*\n?)+)", block, re.M):
                terms[m.group(1).strip().lower()] = " ".join(ln.strip() for ln in m.group(2).splitlines())
    return terms


def bib_titles(root):
    text = (root / "references.bib").read_text(encoding="utf-8")
    return {m.group(1): re.sub(r"[{}]", "", m.group(2)) for m in
            re.finditer(r"@\w+\{([^,\s]+),.*?\btitle\s*=\s*[{\"]((?:[^{}]|\{[^{}]*\})*)[}\"]", text, re.S)}


def test_student_copies_define_their_terms_and_cite_readably_without_myst(tmp_path):
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    glossary, titles = course_glossary(root), bib_titles(root)
    assert len(glossary) > 30 and len(titles) > 30          # the parsers above read the course files
    written = cw.make_student_copies(root / "chapters", tmp_path / "out")
    checked_terms = checked_cites = checked_images = 0
    for path in written:
        nb = nbformat.read(path, as_version=4)
        source = nb.metadata["ne_coursework"]["source"]
        # what the student copy says, in MyST: the terms and citations its Markdown uses
        myst = cw.student_notebook(nbformat.read(root / source, as_version=4), source=source)
        used = [(role, body) for c in myst.cells if c.cell_type == "markdown" for role, body in ROLE.findall(c.source)]
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        flat = re.sub(r"\s+", " ", text)
        left = sorted({m.group(0) for m in MYST_SYNTAX.finditer(text)})
        assert not left, f"{source}: MyST syntax in the student copy: {left[:5]}"
        # the images it shows are in the folder handed out (a copy is opened with no repository beside it)
        for src in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", text):
            assert not re.match(r"[a-z]+:", src), f"{source}: image from another host: {src}"
            image = (path.parent / src).resolve()
            assert image.is_file() and (tmp_path / "out").resolve() in image.parents, f"{source}: image {src} missing"
            checked_images += 1
        for role, body in used:
            if role == "term":
                term = (re.search(r"<([^>]+)>\s*$", body) or re.match(r"(.*)", body)).group(1).strip().lower()
                if term in glossary:
                    assert glossary[term] in flat, f"{source}: no definition of the term {term!r}"
                    checked_terms += 1
            else:
                for key in (k.strip() for k in body.split(",")):
                    assert re.sub(r"\s+", " ", titles[key]) in flat, f"{source}: no reference for {key}"
                    assert key not in flat, f"{source}: the raw citation key {key} is in view"
                    checked_cites += 1
    assert checked_terms > 20 and checked_cites > 20 and checked_images >= 4
    readme = (tmp_path / "out" / "README.md").read_text()
    assert "Your answer" in readme and "replace `None`" in readme and "Terms used on this page" in readme
