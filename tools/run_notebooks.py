"""Run notebooks top to bottom with nbclient in THIS interpreter's environment; print a JSON summary.

Used by the client tests (tests/test_binder_colab.py) to prove that an environment built from exactly
the files a client reads (Binder's lock, a Colab-like set) runs every notebook:

    ENV/bin/python tools/run_notebooks.py NOTEBOOK... [--timeout 300]

Standard library plus nbformat and nbclient (present in every Jupyter environment). The kernel is
this interpreter (its PATH first), and the book-build flag is removed, as in a student's kernel.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def run(path: Path, timeout: float) -> dict:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    result = {"notebook": str(path), "ok": True, "error": None}
    try:
        client.execute()
    except CellExecutionError as exc:
        result.update(ok=False, error=str(exc)[-2000:])
    except Exception as exc:  # a dead kernel or time-out is a failure of this notebook, not of the run
        result.update(ok=False, error=f"{type(exc).__name__}: {exc}"[-2000:])
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    result["seconds"] = round(time.perf_counter() - start, 1)
    result["widgets"] = sum(1 for o in outputs if WIDGET_VIEW in o.get("data", {}))
    result["errors"] = [o.get("ename", "") + ": " + o.get("evalue", "") for o in outputs
                        if o.get("output_type") == "error"]
    result["stderr"] = "".join(o.get("text", "") for o in outputs if o.get("name") == "stderr")[-2000:]
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args(argv)
    from ne_lib import contract  # installed in the environment under test

    env = contract.without_build_flag()
    os.environ.clear()
    os.environ.update(env)
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    results = [run(p.resolve(), args.timeout) for p in args.notebooks]
    print(json.dumps(results))
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
