"""Ready to publish: licences, citation, changelog, and one site address and repository for every link.

The site address is ``html: baseurl:`` in _config.yml (Sphinx's html_baseurl); the repository URL is
``ne_lib.contract.DEFAULT_REPOSITORY_URL`` (which _config.yml's ``repository: url:`` must equal).
Every URL to the course's repository, its GitHub Pages site, or a Binder/Colab launch of it, in the
sources and (marker ``book``) in the built pages, must be built from those two.
"""

import json
import re
import subprocess

import jsonschema
import pytest
import yaml
from conftest import ROOT, toc_files

import ne_lib
from ne_lib import contract

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
BASEURL = CONFIG["html"]["baseurl"]
REPO_URL = contract.DEFAULT_REPOSITORY_URL
OWNER, NAME = REPO_URL.rstrip("/").split("github.com/")[1].split("/")
CFF_SCHEMA = json.loads((ROOT / "tests" / "data" / "cff-schema-1.2.0.json").read_text(encoding="utf-8"))
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def _tracked_text_files():
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for rel in out.splitlines():
        path = ROOT / rel
        if path.suffix in {".md", ".ipynb", ".py", ".yml", ".yaml", ".cff", ".txt", ".toml", ".json", ""} \
                and path.is_file() and not rel.startswith("tests/data/"):
            yield rel, path.read_text(encoding="utf-8", errors="replace")


# ---------------------------------------------------------------------------- licences

def test_licence_files_hold_the_full_texts():
    content = (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")
    assert content.startswith("Creative Commons Attribution 4.0 International Public License")
    for section in range(1, 9):
        assert f"Section {section} -- " in content, f"CC BY 4.0 legal code lacks section {section}"
    assert "Adapted Material" in content and "retain an indication of any previous modifications" in content
    code = (ROOT / "LICENSE-CODE").read_text(encoding="utf-8")
    assert code.startswith("MIT License") and "Permission is hereby granted, free of charge" in code
    assert "THE SOFTWARE IS PROVIDED \"AS IS\"" in code


def _licence_sections():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    material, rest = text.split("Code: MIT License", 1)
    code, third_party = rest.split("Third-party files", 1)
    assert "CC BY 4.0" in material and "LICENSE-CONTENT" in material and "LICENSE-CODE" in code
    return (set(re.findall(r"`([^`]+)`", material)), set(re.findall(r"`([^`]+)`", code)),
            set(re.findall(r"`([^`]+)`", third_party)))


def test_licence_overview_says_what_applies_to_what():
    material, code, third_party = _licence_sections()
    assert {"chapters/", "images/", "ne_lib/quizzes/", "intro.md", "instructors.md"} <= material
    assert {"ne_lib/", "tools/", "tests/", "_ext/", "Makefile"} <= code
    assert not material & code, f"named under both licences: {material & code}"
    missing = [p for p in material | code | third_party
               if p != "node_modules/" and not (ROOT / p.rstrip("/")).exists()]
    assert not missing, f"LICENSE names paths that do not exist: {missing}"
    # every book page is teaching material
    pages = {f"{d}.md" for d in toc_files() if (ROOT / f"{d}.md").exists() and "/" not in d}
    assert pages <= material, f"book pages not under CC BY 4.0 in LICENSE: {pages - material}"


def test_licence_is_stated_in_readme_footer_and_instructor_guide():
    footer = CONFIG["html"]["extra_footer"]
    assert f'href="{CC_BY}"' in footer and "MIT License" in footer
    assert "credit" in footer and "Norepinephrine: an executable course" in footer
    assert "The NE course authors" in CONFIG["copyright"]
    guide = (ROOT / "instructors.md").read_text(encoding="utf-8")
    section = guide.split("## Licence", 1)[1].split("\n## ", 1)[0]
    assert CC_BY in section and "MIT License" in section
    assert "Norepinephrine: an executable course" in section and BASEURL in section and "Changes:" in section
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Licence", 1)[1].split("\n## ", 1)[0]
    assert "CC BY 4.0" in section and "MIT" in section and BASEURL in section and "CITATION.cff" in section


# ---------------------------------------------------------------------------- citation and changelog

def _validate_cff(data):
    validator = jsonschema.Draft7Validator(CFF_SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return sorted(f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator.iter_errors(data))


def test_citation_cff_is_valid_against_the_schema():
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert _validate_cff(data) == []


def test_the_cff_check_rejects_invalid_files():
    """The same check fails on a file without authors, with an unknown key or a bad licence id."""
    good = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for broken in ({k: v for k, v in good.items() if k != "authors"}, {**good, "autors": good["authors"]},
                   {**good, "license": "CC-BY-4"}, {**good, "cff-version": "9.9.9"}):
        assert _validate_cff(broken), broken


def test_citation_matches_the_course():
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert data["version"] == ne_lib.__version__, "CITATION.cff version must be ne_lib.__version__"
    assert data["title"] == CONFIG["title"]
    assert data["repository-code"] == REPO_URL and data["url"] == BASEURL
    assert set(data["license"]) == {"CC-BY-4.0", "MIT"}
    assert [a["name"] for a in data["authors"]] == [CONFIG["author"]]


def test_changelog_follows_keep_a_changelog():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog") and "keepachangelog.com" in text
    versions = re.findall(r"^## \[([^\]]+)\]", text, flags=re.M)
    assert versions[0] == "Unreleased", "the first section is [Unreleased]"
    assert ne_lib.__version__ in versions, f"CHANGELOG.md has no section for version {ne_lib.__version__}"
    for v in versions[1:]:
        assert re.fullmatch(r"\d+\.\d+\.\d+", v), f"version heading {v!r} is not X.Y.Z"
    kinds = set(re.findall(r"^### (.+)$", text, flags=re.M))
    assert kinds <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}, kinds


# ---------------------------------------------------------------------------- one address, one repository

def test_site_address_and_repository_are_set_once():
    assert re.fullmatch(r"https://[a-z0-9.-]+/([A-Za-z0-9._-]+/)*", BASEURL), "baseurl: https, ending in /"
    assert CONFIG["repository"]["url"] == REPO_URL
    assert REPO_URL.startswith("https://github.com/") and not REPO_URL.endswith((".git", "/"))


_URL = re.compile(r"https?://[^\s\"'<>)\]`\\]+")


def _course_url_problem(url):
    """None if ``url`` (one that names the course's owner or repository) is built from the one
    repository URL or site address; otherwise what is wrong with it."""
    allowed = (REPO_URL + "/", REPO_URL + "@", REPO_URL + ".git", BASEURL,
               f"https://mybinder.org/v2/gh/{OWNER}/{NAME}/",
               f"https://colab.research.google.com/github/{OWNER}/{NAME}/")
    if url.rstrip(".,;:") == REPO_URL or url.startswith(allowed):
        return None
    return f"{url} is not built from {REPO_URL} or {BASEURL}"


def _names_the_course(url):
    return OWNER.lower() in url.lower() or NAME.lower() in url.lower() or ".github.io" in url


def test_every_course_link_in_the_sources_uses_the_one_address():
    """Install cells, launch links, README, guide, CITATION.cff, LICENSE: no second copy of the address."""
    problems = []
    for rel, text in _tracked_text_files():
        for url in _URL.findall(text):
            if "{" in url or "YOUR-ORG" in url:  # templates and placeholders, not addresses
                continue
            if _names_the_course(url) and (why := _course_url_problem(url)):
                problems.append(f"{rel}: {why}")
    assert not problems, "\n".join(problems)


def test_the_link_check_catches_a_stale_address():
    assert _course_url_problem(REPO_URL + "/blob/main/LICENSE") is None
    assert _course_url_problem(f"https://mybinder.org/v2/gh/{OWNER}/{NAME}/v1.0.0?urlpath=lab") is None
    assert _course_url_problem(f"https://github.com/old-org/{NAME}")
    assert _course_url_problem(f"https://{OWNER}.github.io/old-name/")
    assert _course_url_problem(f"https://mybinder.org/v2/gh/{OWNER}/{NAME}-old/main")


@pytest.mark.book
def test_every_built_page_links_to_the_one_address_and_repository(built_book):
    html_dir, _ = built_book
    problems, launch_pages = [], 0
    for docname in toc_files():
        page = (html_dir / f"{docname}.html").read_text(encoding="utf-8")
        canonical = re.findall(r'<link rel="canonical" href="([^"]+)"', page)
        if canonical != [f"{BASEURL}{docname}.html"]:
            problems.append(f"{docname}: canonical link {canonical}, expected {BASEURL}{docname}.html")
        for url in re.findall(r'(?:href|src)="(https?://[^"]+)"', page):
            if _names_the_course(url) and (why := _course_url_problem(url)):
                problems.append(f"{docname}: {why}")
        if (ROOT / f"{docname}.ipynb").exists():
            launch_pages += 1
            if f'href="https://mybinder.org/v2/gh/{OWNER}/{NAME}/' not in page:
                problems.append(f"{docname}: no Binder launch link for {OWNER}/{NAME}")
            if f'href="https://colab.research.google.com/github/{OWNER}/{NAME}/' not in page:
                problems.append(f"{docname}: no Colab launch link for {OWNER}/{NAME}")
        if f'href="{REPO_URL}"' not in page:
            problems.append(f"{docname}: no repository button to {REPO_URL}")
        if f'href="{CC_BY}"' not in page or "ne-licence" not in page:
            problems.append(f"{docname}: the footer does not state the licence")
    assert launch_pages > 0
    assert not problems, "\n".join(problems)

