"""What crosses boundaries is defined once, in ne_lib.contract, and read by one rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ne_lib import contract, interactive
from ne_lib.check import Feedback

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("value, expected", [(None, False), ("", False), ("0", False), ("1", True),
                                             ("yes", True), ("true", True)])
def test_build_flag_has_one_rule_for_figures_and_checks(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv(contract.BUILD_ENV, raising=False)
    else:
        monkeypatch.setenv(contract.BUILD_ENV, value)
    assert contract.in_book_build() is expected
    assert interactive.in_book_build() is expected           # figures: flipbook or live widget
    bundle = Feedback("ex", True, "ok")._repr_mimebundle_()
    assert (contract.CHECK_MIME_TYPE not in bundle) is expected  # checks: the grader's copy only outside the build


def test_environment_helpers_add_and_remove_only_the_flag():
    base = {"PATH": "/bin", contract.BUILD_ENV: "1"}
    assert contract.without_build_flag(base) == {"PATH": "/bin"}
    assert contract.build_environment({"PATH": "/bin"}) == base
    assert contract.in_book_build(contract.build_environment({})) and not contract.in_book_build({})


def test_repository_and_version_accessors_agree_with_the_config():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]
    assert contract.course_repository(ROOT) == (config["url"], config["branch"])
    assert contract.DEFAULT_REPOSITORY_URL == config["url"], "the installed package's default must match"
    import ne_lib
    assert contract.course_version() == ne_lib.__version__
    assert contract.course_ref() == f"v{ne_lib.__version__}"


def test_repository_without_a_config_falls_back_and_reads_any_yaml(tmp_path):
    assert contract.course_repository(tmp_path) == (contract.DEFAULT_REPOSITORY_URL, contract.DEFAULT_BRANCH)
    (tmp_path / "_config.yml").write_text("title: x\nrepository: {url: 'https://example.org/c', branch: v2}\n")
    assert contract.course_repository(tmp_path) == ("https://example.org/c", "v2")   # flow style too
    (tmp_path / "_config.yml").write_text("repository: just-a-string\n")
    with pytest.raises(ValueError, match="repository"):
        contract.course_repository(tmp_path)


@pytest.mark.parametrize("name", ["BUILD_ENV", "CHECK_MIME_TYPE", "COURSEWORK_METADATA_KEY", "DEFAULT_REPOSITORY_URL",
                                  "FRAME_CACHE_ENV"])
def test_each_contract_constant_is_written_once(name):
    value = contract.CONSTANTS[name]
    offenders = []
    for folder in ("ne_lib", "_ext", "tools", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "contract.py" and path.parent.name == "ne_lib":
                continue
            text = path.read_text(encoding="utf-8")
            if re.search(rf"['\"]{re.escape(value)}['\"]", text):
                offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, f"{value!r} is written outside ne_lib/contract.py: {offenders}"
