"""Running submissions fast: a warm Python that forks a fresh process for each notebook.

Starting a Jupyter kernel and importing NumPy, SciPy, Matplotlib and the course costs about 3 s of
CPU per notebook, far more than a submission's own cells. :class:`WarmRunner` starts one server
process (``python -m ne_lib.coursework.warm_runner``) that imports all of that once and then, for
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
import subprocess
import sys
import threading
import time
from pathlib import Path

__all__ = ["WarmRunner", "fork_available"]

_GRACE_S = 10.0        # after the time limit, how long a child that ignores it is given before it is killed
_READY_TIMEOUT_S = 180.0


def fork_available() -> bool:
    """Forking a warm Python is safe on Linux (macOS frameworks and Windows are not fork-safe)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def _student_env() -> dict[str, str]:
    """A student's kernel: never in book-build mode, one thread for the numerical libraries."""
    from ne_lib import contract

    env = contract.without_build_flag()
    env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", MPLBACKEND="Agg",
               PYTHONUNBUFFERED="1")
    return env


class WarmRunner:
    """One warm server; :meth:`run` grades one notebook at a time (use one runner per worker thread)."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()

    def _start(self) -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, "-m", "ne_lib.coursework.warm_runner"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_student_env(),
                                start_new_session=True, text=True, bufsize=1)
        ready = _read_line(proc, _READY_TIMEOUT_S)
        if ready != "ready":
            _kill(proc)
            raise RuntimeError(f"the grading server did not start (it said {ready!r})")
        return proc

    def run(self, notebook: Path, work_dir: Path, timeout: float, memory_mb: int) -> dict | str:
        """Run ``notebook`` in a forked child; its summary, or why there is none."""
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._proc = self._start()
            progress = notebook.with_suffix(".progress.jsonl")
            request = {"notebook": str(notebook), "work_dir": str(work_dir), "timeout": float(timeout),
                       "memory_mb": int(memory_mb), "progress": str(progress)}
            try:
                assert self._proc.stdin is not None
                self._proc.stdin.write(json.dumps(request) + "\n")
                self._proc.stdin.flush()
                reply = _read_line(self._proc, timeout + _GRACE_S + 60)
            except (BrokenPipeError, OSError):
                reply = ""
            if not reply:                    # the server itself died (or hung): start a new one next time
                _kill(self._proc)
                self._proc = None
                return "the grading process failed (the server running the notebooks stopped)"
        return summarise(progress, json.loads(reply), timeout)

    def close(self) -> None:
        with self._lock:
            if self._proc is not None:
                _kill(self._proc)
                self._proc = None

    def __enter__(self) -> WarmRunner:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _read_line(proc: subprocess.Popen, timeout: float) -> str:
    """One line from the server, or '' if none comes within ``timeout`` s."""
    import selectors

    assert proc.stdout is not None
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        if not sel.select(timeout):
            return ""
    return proc.stdout.readline().strip()


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


def summarise(progress: Path, reply: dict, timeout: float) -> dict | str:
    """The runner summary from the child's progress lines and the server's reply."""
    started, finished, errors = [], [], {}
    current, stop, elapsed, out_bytes, done = None, None, 0.0, 0, False
    if progress.is_file():
        for line in progress.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue
            if "start" in item:
                current = int(item["start"])
                started.append(current)
            elif "end" in item:
                finished.append(int(item["end"]))
                out_bytes = int(item.get("bytes", out_bytes))
            elif "error" in item:
                errors[str(int(item["error"]))] = str(item.get("text", ""))[:500]
            elif "timeout" in item:
                stop = ("timeout", f"stopped at the {timeout:g} s time limit")
            elif "done" in item:
                done, elapsed = True, float(item["done"])
    if stop is None and not done:
        if reply.get("killed"):
            stop = ("timeout", f"stopped at the {timeout:g} s time limit")
        elif not started:
            return f"the grading process failed (exit status {reply.get('exit')}; out of memory?)"
        else:
            stop = ("dead", "the Python kernel died (a crash or out of memory)")
    return {"stop": stop, "current": current, "started": started, "finished": finished, "errors": errors,
            "elapsed_s": elapsed or float(reply.get("elapsed_s", 0.0)), "output_bytes": out_bytes}


# ---- the server side ------------------------------------------------------------------------------

class _OutOfTime(BaseException):
    """Raised in the child when the notebook's time limit is reached."""


class _Counter:
    """Stands in for stdout and stderr in the child: counts what is written, keeps nothing."""

    encoding = "utf-8"

    def __init__(self) -> None:
        self.bytes = 0

    def write(self, text) -> int:
        self.bytes += len(text)
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _preload() -> None:
    """What a course notebook imports, once, before any child is forked."""
    import importlib
    import pkgutil

    import matplotlib

    matplotlib.use("Agg")
    import IPython.core.interactiveshell  # noqa: F401
    import ipywidgets  # noqa: F401
    import matplotlib.pyplot  # noqa: F401
    import numpy  # noqa: F401
    import scipy.integrate  # noqa: F401
    import scipy.optimize  # noqa: F401

    import ne_lib

    for info in pkgutil.walk_packages(ne_lib.__path__, "ne_lib."):
        if ".coursework" in info.name or info.name.endswith("__main__"):
            continue
        try:
            importlib.import_module(info.name)
        except Exception:  # noqa: BLE001 - a module the notebooks may not need; the child imports it if so
            pass


def _new_shell():
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    class _CountingPublisher(DisplayPublisher):
        def publish(self, data, metadata=None, *args, **kwargs):
            sys.stdout.write(json.dumps(data, default=str))

    config = Config()
    config.HistoryManager.enabled = False       # no history file and no history thread before fork
    shell = InteractiveShell.instance(config=config)
    shell.display_pub = _CountingPublisher(shell=shell)
    return shell


def _child(shell, request: dict) -> None:
    """In the forked child: limits, then the notebook's code cells, progress written line by line."""
    import resource

    _die_with_parent()
    os.setsid()
    limit = int(request["memory_mb"]) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    counter = _Counter()
    sys.stdout = sys.stderr = counter
    work_dir = request["work_dir"]
    os.chdir(work_dir)
    sys.path.insert(0, work_dir)
    with open(request["notebook"], encoding="utf-8") as f:
        cells = json.load(f).get("cells", [])
    with open(request["progress"], "a", encoding="utf-8", buffering=1) as log:
        def note(**item) -> None:
            log.write(json.dumps(item) + "\n")

        def out_of_time(*_):
            raise _OutOfTime

        t0 = time.monotonic()
        signal.signal(signal.SIGALRM, out_of_time)
        signal.setitimer(signal.ITIMER_REAL, float(request["timeout"]))
        try:
            for i, cell in enumerate(cells):
                if cell.get("cell_type") != "code":
                    continue
                source = cell.get("source", "")
                source = "".join(source) if isinstance(source, list) else str(source)
                note(start=i)
                result = shell.run_cell(source, store_history=True)
                error = result.error_before_exec or result.error_in_exec
                if isinstance(error, _OutOfTime):
                    raise error
                if error is not None:
                    note(error=i, text=f"{type(error).__name__}: {error}".strip()[:500])
                note(end=i, bytes=counter.bytes)
        except _OutOfTime:
            note(timeout=True)
            return
        signal.setitimer(signal.ITIMER_REAL, 0)
        note(done=time.monotonic() - t0)


def _die_with_parent() -> None:
    """Linux: the child is killed if its server dies (it must not run on unwatched)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)    # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:       # the server died before the line above took effect
        os._exit(71)


def _wait(pid: int, deadline: float) -> tuple[int, bool]:
    """Wait for the child until ``deadline``; kill its process group if it is still running then."""
    import select

    killed = False
    pidfd = os.pidfd_open(pid) if hasattr(os, "pidfd_open") else None
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            left = deadline - time.monotonic()
            if left <= 0:
                for kill in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
                    try:
                        kill()
                    except (ProcessLookupError, PermissionError):
                        pass
                killed = True
                _, status = os.waitpid(pid, 0)
                break
            if pidfd is not None:
                select.select([pidfd], [], [], left)
            else:
                time.sleep(min(left, 0.02))
    finally:
        if pidfd is not None:
            os.close(pidfd)
    try:
        os.killpg(pid, signal.SIGKILL)   # anything the notebook started and left running
    except (ProcessLookupError, PermissionError):
        pass
    return os.waitstatus_to_exitcode(status), killed


def serve() -> None:
    """The server loop: one JSON request a line on stdin, one JSON reply a line on the saved stdout."""
    reply_fd = os.dup(1)
    os.dup2(2, 1)                      # stray prints of imported libraries never reach the protocol
    replies = os.fdopen(reply_fd, "w", buffering=1, encoding="utf-8")
    _preload()
    shell = _new_shell()
    replies.write("ready\n")
    for line in sys.stdin:
        try:
            request = json.loads(line)
        except ValueError:
            continue
        t0 = time.monotonic()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                replies.close()           # the grader sees the server's end of the pipe close when it dies
                _child(shell, request)
            except BaseException:  # noqa: BLE001 - the child never returns into the server loop
                code = 70
            finally:
                os._exit(code)
        exit_code, killed = _wait(pid, t0 + float(request["timeout"]) + _GRACE_S)
        replies.write(json.dumps({"exit": exit_code, "killed": killed, "elapsed_s": time.monotonic() - t0}) + "\n")


if __name__ == "__main__":
    serve()
