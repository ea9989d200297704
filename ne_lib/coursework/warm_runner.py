"""Running submissions fast: a warm Python that forks a fresh process for each notebook.

Starting a Jupyter kernel and importing NumPy, SciPy, Matplotlib and the course costs about 3 s of
CPU per notebook, far more than a submission's own cells. :class:`WarmRunner` starts one server
process (:mod:`.warm_server`) that imports all of that once and then, for
each notebook, **forks** a child: a process of its own, in a session of its own, under the memory
limit, with a pristine IPython shell (fresh namespace, ``get_ipython()``, magics). The child runs
the code cells top to bottom with the notebook's time limit and writes its progress (cells started,
finished, errors, output size) line by line to a file; the server waits for it, kills its whole
process group at the time limit plus a margin, and replies with how it ended. The summary has the
same shape as :func:`ne_lib.coursework.runner.run` (the one-kernel-per-notebook runner, used where
``fork`` is not available). Nothing the child displays is kept: its output is only counted.

Only the child runs student code; a child that patches ``ne_lib`` or the checks changes only its
own copy. The grading process evaluates the checks (:mod:`.grading`).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

__all__ = ["WarmRunner", "fork_available", "student_env", "summarise"]

_GRACE_S = 10.0        # after the time limit, how long a child that ignores it is given before it is killed
_READY_TIMEOUT_S = 180.0
_MAX_REPLY_BYTES = 65536


def fork_available() -> bool:
    """Forking a warm Python is safe on Linux (macOS frameworks and Windows are not fork-safe)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def student_env() -> dict[str, str]:
    """A student's Python (forked or a kernel): never in book-build mode, one thread for the numerical
    libraries, Matplotlib drawing off-screen."""
    from ne_lib import contract

    env = contract.without_build_flag()
    env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", MPLBACKEND="Agg",
               PYTHONUNBUFFERED="1")
    return env


class WarmRunner:
    """One warm server; :meth:`run` grades one notebook at a time (use one runner per worker thread).

    Requests and replies travel over a socket pair, one JSON line each with a request number the reply
    must echo; the forked children close their end, a socket cannot be reopened through ``/proc``, and
    the server is not dumpable, so a submission has no way into the channel. A reply that is missing,
    late or not the one asked for makes the runner restart its server; a server that cannot (re)start
    becomes the notebook's failure message. (Children still run as the grader's user: a container is
    the boundary for untrusted code.)
    """

    def __init__(self) -> None:
        self._proc: subprocess.Popen | None = None
        self._sock: socket.socket | None = None
        self._buffer = b""
        self._requests = 0
        self._lock = threading.Lock()

    def _start(self) -> None:
        ours, theirs = socket.socketpair()
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "ne_lib.coursework.warm_server", str(theirs.fileno())],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=student_env(),
            start_new_session=True, pass_fds=(theirs.fileno(),))
        theirs.close()
        self._sock, self._buffer = ours, b""
        ready = self._read_line(_READY_TIMEOUT_S)
        if ready != "ready":
            self._stop()
            raise RuntimeError(f"the grading server did not start (it said {ready!r})")

    def run(self, notebook: Path, work_dir: Path, timeout: float, memory_mb: int) -> dict | str:
        """Run ``notebook`` in a forked child; its summary, or why there is none."""
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._stop()
                try:
                    self._start()
                except (OSError, RuntimeError) as exc:    # e.g. no process left under the user's limit
                    self._stop()
                    return f"the grading process failed (the server running the notebooks could not start: {exc})"
            assert self._sock is not None
            self._requests += 1
            progress = notebook.with_suffix(".progress.jsonl")
            request = {"id": self._requests, "notebook": str(notebook), "work_dir": str(work_dir),
                       "timeout": float(timeout), "memory_mb": int(memory_mb), "progress": str(progress)}
            try:
                self._sock.sendall((json.dumps(request) + "\n").encode())
                line = self._read_line(timeout + _GRACE_S + 60)
                reply = json.loads(line) if line else None
            except (OSError, ValueError):
                reply = None
            if not isinstance(reply, dict) or reply.get("id") != self._requests:
                self._stop()                 # the server died, hung or said nonsense: a new one next time
                return "the grading process failed (the server running the notebooks stopped)"
        return summarise(progress, reply, timeout)

    def _read_line(self, timeout: float) -> str:
        """One line from the server ('' if none comes within ``timeout`` s or it is absurdly long)."""
        import select

        assert self._sock is not None
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or len(self._buffer) > _MAX_REPLY_BYTES or not select.select([self._sock], [], [], left)[0]:
                return ""
            chunk = self._sock.recv(65536)
            if not chunk:
                return ""
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode("utf-8", errors="replace").strip()

    def _stop(self) -> None:
        if self._proc is not None:
            try:
                os.killpg(self._proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self._proc.wait()
            self._proc = None
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def close(self) -> None:
        with self._lock:
            self._stop()

    def __enter__(self) -> WarmRunner:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def summarise(progress: Path, reply: dict, timeout: float) -> dict | str:
    """The runner summary from the child's progress lines and the server's reply."""
    started: list[int] = []
    finished: list[int] = []
    errors: dict[str, str] = {}
    current, stop, elapsed, out_bytes, done = None, None, 0.0, 0, False
    lines = progress.read_text(encoding="utf-8", errors="replace").splitlines() if progress.is_file() else []
    for line in lines:
        # the child, which runs the student's code, wrote these lines: take only well-formed ones
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if not isinstance(item, dict):
            continue
        start, end, error = _count(item.get("start")), _count(item.get("end")), _count(item.get("error"))
        if start is not None:
            current = start
            started.append(start)
        elif end is not None:
            finished.append(end)
            out_bytes = _count(item.get("bytes")) or out_bytes
        elif error is not None:
            errors[str(error)] = str(item.get("text", ""))[:500]
        elif item.get("timeout") is True:
            stop = ("timeout", f"stopped at the {timeout:g} s time limit")
        elif isinstance(item.get("done"), (int, float)) and not isinstance(item["done"], bool):
            done, elapsed = True, float(item["done"])
    if stop is None and not done:
        if reply.get("killed") is True:
            stop = ("timeout", f"stopped at the {timeout:g} s time limit")
        elif not started:
            return f"the grading process failed (exit status {reply.get('exit')!r}; out of memory?)"
        else:
            stop = ("dead", "the Python kernel died (a crash or out of memory)")
    spent = reply.get("elapsed_s")
    return {"stop": stop, "current": current, "started": started, "finished": finished, "errors": errors,
            "elapsed_s": elapsed or (float(spent) if isinstance(spent, (int, float)) else 0.0),
            "output_bytes": out_bytes}


def _count(value: object) -> int | None:
    """A non-negative integer from a progress line, else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**9 else None
