"""Running a prepared notebook in a process of its own, with a time and a memory limit.

:func:`run_isolated` starts :mod:`.runner` in a new session under a memory limit (inherited by its
kernel), waits at most the notebook's time limit plus a margin, then kills the whole process group,
whatever it is doing, and returns the runner's JSON summary or why there is none.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

__all__ = ["run_isolated"]


def _limits(memory_mb: int):
    def apply():
        import resource

        limit = int(memory_mb) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return apply


def run_isolated(notebook: Path, work_dir: Path, timeout: float, memory_mb: int) -> dict | str:
    result = notebook.with_suffix(".result.json")
    cmd = [sys.executable, "-m", "ne_lib.coursework.runner", str(notebook), str(work_dir), repr(timeout), str(result)]
    proc = subprocess.Popen(cmd, cwd=work_dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, preexec_fn=_limits(memory_mb) if os.name == "posix" else None)
    try:
        proc.wait(timeout=timeout + 90)
    except subprocess.TimeoutExpired:
        pass
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)   # the runner and its kernel, whatever they are doing
        except (ProcessLookupError, PermissionError):
            pass
        proc.wait()
    if result.is_file():
        try:
            return json.loads(result.read_text(encoding="utf-8"))
        except ValueError:
            pass
    if proc.returncode and proc.returncode < 0:
        return f"the grading process was stopped (signal {-proc.returncode}; out of memory or time)"
    return f"the grading process failed (exit status {proc.returncode}; out of memory?)"
