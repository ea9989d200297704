"""Sphinx extension: where a book build spends its time (used by ``make bench``; off otherwise).

With ``NE_BUILD_PROFILE=<file.json>`` in the environment, the build writes the wall-clock times of
its phases to that file when it finishes:

* ``start_s``: from the ``jupyter-book`` process starting to Sphinx's configuration being read
  (Python imports, jupyter-book turning ``_config.yml`` into a Sphinx configuration);
* ``read_s`` and ``read_by_page``: reading each page, which for a notebook page includes running the
  notebook in a kernel when its cached outputs are out of date (and so drawing its flipbook frames);
* ``between_s``: from the last page read to the first page written (pickling the environment,
  resolving references, numbering);
* ``write_s`` and ``written``: writing the pages (our ``html-page-context`` steps included), the
  search index and the static files;
* ``finish_s``: the ``build-finished`` steps (site stylesheet, icon fonts, checks, search index).

Without the variable nothing is connected and the build is unchanged.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

ENV = "NE_BUILD_PROFILE"


class _Clock:
    def __init__(self, path: str):
        self.path = Path(path)
        self.t0 = _process_start()
        self.marks: dict[str, float] = {}
        self.read_started: dict[str, float] = {}
        self.read_by_page: dict[str, float] = {}
        self.first_write: float | None = None
        self.written: list[str] = []

    def mark(self, name: str) -> None:
        self.marks.setdefault(name, time.time())


def _process_start() -> float:
    """When this process started (Linux: /proc), so imports before Sphinx count too."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        boot = next(float(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime"))
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return time.time()


def setup(app):
    path = os.environ.get(ENV)
    if path:
        clock = _Clock(path)
        app.connect("config-inited", lambda app, config: clock.mark("config"), priority=0)

        def source_read(app, docname, source):
            clock.mark("first_read")
            clock.read_started[docname] = time.time()

        def doctree_read(app, doctree):
            docname = app.env.docname
            if docname in clock.read_started:
                clock.read_by_page[docname] = round(time.time() - clock.read_started[docname], 2)
            clock.marks["last_read"] = time.time()

        def page_context(app, pagename, templatename, context, doctree):
            now = time.time()
            clock.first_write = clock.first_write or now
            clock.written.append(pagename)

        def started(app, exception):
            clock.mark("finish_start")

        def finished(app, exception):
            end = time.time()
            m = clock.marks
            read_end = m.get("last_read", m.get("config", end))
            write_start = clock.first_write or read_end
            write_end = m.get("finish_start", end)
            report = {
                "start_s": round(m.get("config", end) - clock.t0, 2),
                "read_s": round(read_end - m.get("first_read", read_end), 2) if "first_read" in m else 0.0,
                "read_by_page": clock.read_by_page,
                "between_s": round(write_start - read_end, 2),
                "write_s": round(write_end - write_start, 2),
                "written": sorted(set(clock.written)),
                "finish_s": round(end - m.get("finish_start", end), 2),
                "total_s": round(end - clock.t0, 2),
            }
            clock.path.write_text(json.dumps(report, indent=1))

        app.connect("source-read", source_read, priority=0)
        app.connect("doctree-read", doctree_read, priority=999)
        app.connect("html-page-context", page_context, priority=0)
        app.connect("build-finished", started, priority=0)
        app.connect("build-finished", finished, priority=999)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
