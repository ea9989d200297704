"""Runs one prepared notebook in a fresh kernel; the grader starts it as its own process.

``python -m ne_lib.coursework.runner NOTEBOOK WORK_DIR TIMEOUT_S RESULT_JSON``

The process is started with a memory limit (inherited by its kernel) in a session of its own,
so the grader can stop it and everything it started. It writes a small JSON summary: which
cells started and finished, each cell's error, why the run stopped early, the time taken and
how much output the notebook produced. It evaluates no check: the grader does that.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

# jsonschema (under nbformat) imports rfc3987-syntax when it is installed, which builds a parser at
# import: about 1.5 s of CPU per process. This process validates no IRIs, so it is left out.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

import nbformat  # noqa: E402


def _current_env_kernel_manager_class():
    """A kernel manager class that starts IPython in this Python environment (nbclient owns it)."""
    import ipykernel.kernelspec
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class _CurrentEnvSpecs(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            return self.kernel_spec_class(resource_dir=ipykernel.kernelspec.RESOURCES,
                                          **ipykernel.kernelspec.get_kernel_dict())

    class _CurrentEnvKernelManager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _kernel_spec_manager_default(self):
            return _CurrentEnvSpecs(data_dir=self.data_dir)

    return _CurrentEnvKernelManager


def _error(cell) -> str | None:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip()[:500]
    return None


def _output_bytes(cell) -> int:
    return sum(len(json.dumps(o)) for o in cell.get("outputs", []))


def run(notebook: Path, work_dir: Path, timeout: float) -> dict:
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    nb = nbformat.read(notebook, as_version=4)
    started, finished = set(), set()
    state = {"deadline": None, "current": None}

    def remaining(cell):
        if state["deadline"] is None:
            state["deadline"] = time.monotonic() + timeout
        return max(0.01, state["deadline"] - time.monotonic())

    def on_execute(cell, cell_index, **_):
        started.add(cell_index)
        state["current"] = cell_index

    def on_executed(cell, cell_index, **_):
        finished.add(cell_index)

    client = NotebookClient(
        nb, kernel_manager_class=_current_env_kernel_manager_class(), kernel_name="python3",
        timeout_func=remaining, allow_errors=True, interrupt_on_timeout=False, shutdown_kernel="immediate",
        startup_timeout=60, resources={"metadata": {"path": str(work_dir)}},
        on_cell_execute=on_execute, on_cell_executed=on_executed,
    )
    stop = None
    t0 = time.monotonic()
    from .warm_runner import student_env

    try:
        client.execute(stderr=subprocess.DEVNULL, env=student_env())
    except CellTimeoutError:
        stop = ("timeout", f"stopped at the {timeout:g} s time limit")
    except DeadKernelError:
        stop = ("dead", "the Python kernel died (a crash or out of memory)")
    except MemoryError:
        stop = ("dead", "the notebook used more memory than the grading limit")
    except Exception as exc:  # noqa: BLE001 - kernel start-up failures and the like
        stop = ("failed", f"could not be run: {type(exc).__name__}: {exc}"[:500])
    return {
        "stop": stop, "current": state["current"], "started": sorted(started), "finished": sorted(finished),
        "errors": {str(i): e for i, c in enumerate(nb.cells) if c.cell_type == "code" and (e := _error(c))},
        "elapsed_s": time.monotonic() - t0,
        "output_bytes": sum(_output_bytes(c) for c in nb.cells if c.cell_type == "code"),
    }


def main(argv: list[str]) -> int:
    notebook, work_dir, timeout, result = Path(argv[0]), Path(argv[1]), float(argv[2]), Path(argv[3])
    summary = run(notebook, work_dir, timeout)
    result.write_text(json.dumps(summary), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
