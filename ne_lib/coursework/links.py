"""Links that open a notebook for a student: Binder, and JupyterHub through nbgitpuller.

Every link names a fixed git ref (by default the tag of this course version, see
:func:`ne_lib.coursework._paths.course_ref`), so an assigned notebook cannot change under a student
mid-term.

nbgitpuller clones a repository into ``<server root>/<NBGITPULLER_PARENTPATH>/<targetpath>``. When a
link gives no ``targetpath``, nbgitpuller takes the last part of the repository URL *as it is* (a
``.git`` suffix included, and its user interface and its clone step even disagree about a trailing
slash), so our links always give ``targetpath`` explicitly and build ``urlpath`` from the same value.
A hub that sets ``NBGITPULLER_PARENTPATH`` needs it in ``parent_path`` here too.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote, urlencode, urlsplit

__all__ = ["binder_link", "nbgitpuller_link", "clone_folder", "chapter_links", "validate_repo_url",
           "validate_hub_url"]

_GITHUB = re.compile(r"^https://github\.com/(?P<owner>[A-Za-z0-9_.-]+)/(?P<name>[A-Za-z0-9_.-]+?)(?:\.git)?/?$")


def validate_repo_url(repo_url: str, *, name: str = "repo_url") -> str:
    """Return ``repo_url`` if it is an http(s) URL of a git repository, else raise ValueError naming it."""
    if not isinstance(repo_url, str):
        raise TypeError(f"{name} must be a str (a git repository URL), got {type(repo_url).__name__}")
    parts = urlsplit(repo_url.strip())
    folder = [p for p in parts.path.split("/") if p]
    if (parts.scheme not in {"http", "https"} or not parts.netloc or not folder or parts.query
            or parts.fragment or any(c.isspace() for c in repo_url.strip())
            or folder[-1].removesuffix(".git") in {"", ".", ".."}):
        raise ValueError(f"{name} must be an http(s) URL of a git repository, such as "
                         f"https://github.com/YOUR-ORG/ne-student, got {repo_url!r}")
    return repo_url.strip()


def validate_hub_url(hub_url: str, *, name: str = "hub_url") -> str:
    """Return ``hub_url`` without a trailing slash if it is an http(s) address, else raise ValueError."""
    if not isinstance(hub_url, str):
        raise TypeError(f"{name} must be a str (the JupyterHub's address), got {type(hub_url).__name__}")
    parts = urlsplit(hub_url.strip())
    if (parts.scheme not in {"http", "https"} or not parts.netloc or parts.query or parts.fragment
            or any(c.isspace() for c in hub_url.strip())):
        raise ValueError(f"{name} must be the http(s) address of a JupyterHub, such as "
                         f"https://hub.example.edu (a path such as /jupyter is kept), got {hub_url!r}")
    return hub_url.strip().rstrip("/")


def _validate_ref(ref: str) -> str:
    if not isinstance(ref, str) or not ref.strip() or any(c.isspace() for c in ref):
        raise ValueError(f"ref must be a git tag, branch or commit without spaces, got {ref!r}")
    return ref


def _validate_path(path: str, name: str = "path") -> str:
    if not isinstance(path, str) or not path or path.startswith("/") or ".." in path.split("/"):
        raise ValueError(f"{name} must be a relative path inside the repository, got {path!r}")
    return path


def clone_folder(repo_url: str) -> str:
    """The folder our links ask nbgitpuller to clone into: the repository's name, no ``.git``, no slash."""
    validate_repo_url(repo_url)
    return [p for p in urlsplit(repo_url.strip()).path.split("/") if p][-1].removesuffix(".git")


def binder_link(repo_url: str, ref: str, path: str, *, binderhub: str = "https://mybinder.org") -> str:
    """A Binder link that opens ``path`` (relative to the repository) at ``ref`` in JupyterLab."""
    validate_repo_url(repo_url)
    _validate_ref(ref)
    _validate_path(path)
    binderhub = validate_hub_url(binderhub, name="binderhub")
    gh = _GITHUB.match(repo_url.strip())
    spec = (f"gh/{gh.group('owner')}/{gh.group('name')}/{quote(ref, safe='')}" if gh
            else f"git/{quote(repo_url.strip(), safe='')}/{quote(ref, safe='')}")
    return f"{binderhub}/v2/{spec}?urlpath={quote('lab/tree/' + path, safe='')}"


def nbgitpuller_link(hub_url: str, repo_url: str, ref: str, path: str, *, app: str = "lab",
                     parent_path: str = "", targetpath: str | None = None) -> str:
    """A JupyterHub link that clones/updates ``repo_url`` at ``ref`` for the user and opens ``path``.

    ``targetpath`` (default :func:`clone_folder`) is sent explicitly; ``parent_path`` is the hub's
    ``NBGITPULLER_PARENTPATH`` (empty if the hub does not set it); ``app`` is ``"lab"`` (JupyterLab)
    or ``"notebook"`` (Notebook 7).
    """
    hub = validate_hub_url(hub_url)
    repo = validate_repo_url(repo_url)
    _validate_ref(ref)
    _validate_path(path)
    if app not in {"lab", "notebook"}:
        raise ValueError(f"app must be 'lab' or 'notebook', got {app!r}")
    if not isinstance(parent_path, str) or parent_path.startswith("/") or ".." in parent_path.split("/"):
        raise ValueError(f"parent_path must be a relative folder (the hub's NBGITPULLER_PARENTPATH), "
                         f"got {parent_path!r}")
    target = clone_folder(repo) if targetpath is None else _validate_path(targetpath, "targetpath").strip("/")
    opened = posixpath.join(*(p for p in (parent_path.strip("/"), target, path) if p))
    urlpath = ("lab/tree/" if app == "lab" else "notebooks/") + opened
    base = hub if hub.endswith("/hub") else hub + "/hub"
    query = urlencode({"repo": repo, "branch": ref, "targetpath": target, "urlpath": urlpath},
                      quote_via=quote, safe="")
    return f"{base}/user-redirect/git-pull?{query}"


def chapter_links(notebooks: list[str], repo_url: str, ref: str, hub_url: str | None = None, *,
                  parent_path: str = "") -> str:
    """A Markdown table of Binder (and, given ``hub_url``, nbgitpuller) links, one row per notebook."""
    validate_repo_url(repo_url)
    if hub_url is not None:
        validate_hub_url(hub_url)
    head = "| notebook | Binder |" + (" JupyterHub (nbgitpuller) |" if hub_url else "")
    rule = "| --- | --- |" + (" --- |" if hub_url else "")
    rows = [head, rule]
    for path in notebooks:
        row = f"| `{path}` | [launch]({binder_link(repo_url, ref, path)}) |"
        if hub_url:
            row += f" [open on the hub]({nbgitpuller_link(hub_url, repo_url, ref, path, parent_path=parent_path)}) |"
        rows.append(row)
    return "\n".join(rows)
