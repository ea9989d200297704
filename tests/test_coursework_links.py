"""nbgitpuller links, checked against nbgitpuller's own request handlers (not a copy of its rule).

For each form of repository URL, the link's query is fed to nbgitpuller's ``UIHandler`` (which
computes the target folder and the page to open) and then, as its JavaScript does, the target
folder it chose is fed to ``SyncHandler`` (which computes the folder it clones into). The page the
student lands on must be the notebook inside that clone.
"""

import asyncio
import os
from pathlib import PurePosixPath
from urllib.parse import parse_qs, urlparse

import pytest

from ne_lib import coursework as cw

handlers = pytest.importorskip("nbgitpuller.handlers", reason="nbgitpuller is a test dependency")

_MISSING = object()


class _Captured(Exception):
    pass


class _FakeRequest:
    """Just enough of a tornado handler for nbgitpuller's ``get`` methods."""

    def __init__(self, query: dict[str, str], server_root: str = "/home/student"):
        self.query = query
        self.settings = {"server_root_dir": server_root, "nbapp": None}
        self.written = []
        self.template_namespace = {}
        self.git_lock = __import__("tornado.locks", fromlist=["Lock"]).Lock()

    def get_argument(self, name, default=_MISSING, strip=True):
        if name in self.query:
            return self.query[name]
        if default is _MISSING:
            raise KeyError(name)
        return default

    def write(self, data):
        self.written.append(data)

    async def flush(self):
        return None

    def set_header(self, *_):
        return None

    async def emit(self, data):
        self.written.append(data)


def _nbgitpuller_says(link: str, monkeypatch, parent_path: str = ""):
    """(page opened, folder cloned into), both relative to the server root, per nbgitpuller's code."""
    query = {k: v[0] for k, v in parse_qs(urlparse(link).query).items()}
    if parent_path:
        monkeypatch.setenv("NBGITPULLER_PARENTPATH", parent_path)
    else:
        monkeypatch.delenv("NBGITPULLER_PARENTPATH", raising=False)
    rendered = {}

    class _Template:
        def render(self, **kwargs):
            rendered.update(kwargs)
            return ""

    class _Env:
        def get_template(self, name):
            assert name == "status.html"
            return _Template()

    monkeypatch.setattr(handlers, "jinja_env", _Env())
    ui = _FakeRequest(query)
    asyncio.run(handlers.UIHandler.get.__wrapped__(ui))
    # nbgitpuller's page then calls the sync API with the target folder the UI chose (gitsync.js)
    sync_query = {"repo": rendered["repo"], "targetpath": rendered["targetpath"]}
    if rendered.get("branch"):
        sync_query["branch"] = rendered["branch"]
    cloned = {}

    class _Puller:
        def __init__(self, repo, repo_dir, **kwargs):
            cloned.update(repo=repo, repo_dir=repo_dir, **kwargs)
            raise _Captured

    monkeypatch.setattr(handlers, "GitPuller", _Puller)
    sync = _FakeRequest(sync_query)
    asyncio.run(handlers.SyncHandler.get.__wrapped__(sync))
    assert cloned, f"nbgitpuller did not reach the clone step: {sync.written}"
    repo_dir = os.path.relpath(cloned["repo_dir"], sync.settings["server_root_dir"])
    return rendered["path"], PurePosixPath(repo_dir).as_posix(), cloned


REPO_FORMS = ["https://github.com/org/ne-student", "https://github.com/org/ne-student.git",
              "https://github.com/org/ne-student/", "https://github.com/org/ne-student.git/",
              "https://gitlab.example.edu/group/sub/ne-student.git"]


@pytest.mark.parametrize("parent_path", ["", "courses/ne"])
@pytest.mark.parametrize("repo", REPO_FORMS)
def test_link_opens_the_notebook_in_the_folder_nbgitpuller_clones(repo, parent_path, monkeypatch):
    notebook = "receptors/ending_the_signal.ipynb"
    link = cw.nbgitpuller_link("https://hub.example.edu", repo, "v1.2.3", notebook, parent_path=parent_path)
    page, repo_dir, cloned = _nbgitpuller_says(link, monkeypatch, parent_path)
    assert page.startswith("lab/tree/")
    assert page.removeprefix("lab/tree/") == f"{repo_dir}/{notebook}"
    assert PurePosixPath(repo_dir).name == "ne-student"                # no ".git", no empty name
    assert cloned["repo"] == repo and cloned["branch"] == "v1.2.3"     # the pinned ref reaches git


def test_without_explicit_targetpath_nbgitpuller_would_keep_dot_git(monkeypatch):
    """Why the links give targetpath: nbgitpuller's own default keeps '.git' in the folder name."""
    link = cw.nbgitpuller_link("https://hub.example.edu", "https://github.com/org/ne-student.git", "v1", "a.ipynb")
    parsed = urlparse(link)
    query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
    del query["targetpath"]
    bare = parsed._replace(query="&".join(f"{k}={v}" for k, v in query.items())).geturl()
    _page, repo_dir, _ = _nbgitpuller_says(bare, monkeypatch)
    assert repo_dir == "ne-student.git"


def test_notebook_7_link(monkeypatch):
    link = cw.nbgitpuller_link("https://hub.example.edu", "https://github.com/org/ne-student", "v1",
                               "synthesis/making_ne.ipynb", app="notebook")
    page, repo_dir, _ = _nbgitpuller_says(link, monkeypatch)
    assert page == f"notebooks/{repo_dir}/synthesis/making_ne.ipynb"


@pytest.mark.parametrize("hub, prefix", [("https://hub.example.edu", "/hub/user-redirect/git-pull"),
                                         ("https://example.edu/jupyter/", "/jupyter/hub/user-redirect/git-pull"),
                                         ("https://example.edu/jupyter/hub", "/jupyter/hub/user-redirect/git-pull")])
def test_hub_base_path_is_kept(hub, prefix):
    link = cw.nbgitpuller_link(hub, "https://github.com/org/ne-student", "v1", "a.ipynb")
    assert urlparse(link).path == prefix


@pytest.mark.parametrize("repo", ["github.com/org/ne-student", "https://", "https://github.com/",
                                  "ftp://github.com/org/x", "https://github.com/org/x?ref=main",
                                  "https://github.com/org/a b", "https://github.com/org/.git"])
def test_malformed_repo_url_is_refused_by_name(repo):
    with pytest.raises(ValueError, match="repo_url") as info:
        cw.nbgitpuller_link("https://hub.example.edu", repo, "v1", "a.ipynb")
    assert repr(repo) in str(info.value)
    with pytest.raises(ValueError, match="repo_url"):
        cw.binder_link(repo, "v1", "a.ipynb")


@pytest.mark.parametrize("hub", ["hub.example.edu", "https://", "https://hub.example.edu/#x", "mailto:x@y"])
def test_malformed_hub_url_is_refused_by_name(hub):
    with pytest.raises(ValueError, match="hub_url") as info:
        cw.nbgitpuller_link(hub, "https://github.com/org/ne-student", "v1", "a.ipynb")
    assert repr(hub) in str(info.value)


def test_binder_link_uses_the_ref():
    link = cw.binder_link("https://github.com/org/ne-student.git", "v1.2.3", "synthesis/making_ne.ipynb")
    parsed = urlparse(link)
    assert parsed.path == "/v2/gh/org/ne-student/v1.2.3"
    assert parse_qs(parsed.query)["urlpath"] == ["lab/tree/synthesis/making_ne.ipynb"]


def test_course_ref_is_the_version_tag():
    import ne_lib

    assert cw.course_ref() not in {"main", "master", ""}
    assert ne_lib.__version__ in cw.course_ref()
