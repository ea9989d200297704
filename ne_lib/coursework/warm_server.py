"""The grading server that :class:`.warm_runner.WarmRunner` starts: it forks one child per submission.

``python -m ne_lib.coursework.warm_server FD`` imports what the course notebooks import, then reads one
JSON request a line from the socket ``FD`` and, for each, forks a child that runs the notebook's code
cells in a pristine IPython shell under the request's time and memory limits, writing its progress
line by line; the server waits for the child, kills it at the time limit plus a grace, kills anything it
left running (the server is a child subreaper) and replies with how it ended and the request's number.
Only the children run student code.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import time
from pathlib import Path

from .warm_runner import _GRACE_S


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


def _child(shell, request: dict, server: int) -> None:
    """In the forked child: limits, then the notebook's code cells, progress written line by line."""
    import resource

    _die_with_parent(server)
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
            signal.setitimer(signal.ITIMER_REAL, 0)
        except _OutOfTime:
            note(timeout=True)
            return
        note(done=time.monotonic() - t0)


def _die_with_parent(server: int) -> None:
    """Linux: the child is killed if its server dies (it must not run on unwatched)."""
    _prctl(1, signal.SIGKILL)          # PR_SET_PDEATHSIG
    if os.getppid() != server:         # the server died before the line above took effect
        os._exit(71)


def _wait(pid: int, deadline: float) -> tuple[int, bool]:
    """Wait for the child until ``deadline``; kill its process group if it is still running then."""
    import select

    killed = False
    try:
        pidfd: int | None = os.pidfd_open(pid)       # Linux 5.3 and later
    except (AttributeError, OSError):
        pidfd = None                                  # then poll every 20 ms
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            left = deadline - time.monotonic()
            if left <= 0:
                for send in (os.killpg, os.kill):     # its group, and itself if it never made one
                    try:
                        send(pid, signal.SIGKILL)
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
    # (what the child left running is now the server's child, and _kill_strays ends it; the child's
    # pid is free again once reaped, so it is not used to signal anything after this point)
    return os.waitstatus_to_exitcode(status), killed


def _prctl(option: int, value: int) -> None:
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(option, value)
    except (OSError, AttributeError):
        pass


def _kill_strays() -> None:
    """Kill whatever a finished child left running. The server is a child subreaper, so every orphan of
    a submission, even one in a session of its own, becomes the server's child and is found here."""
    me = str(os.getpid())
    for _ in range(100):
        strays = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields[1] == me:
                strays.append(int(stat.parent.name))
        if not strays:
            return
        for pid in strays:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):   # (a set-uid program it ran: not ours to kill)
                pass
        for pid in strays:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


def serve(fd: int) -> None:
    """The server loop on the socket ``fd``: one JSON request a line in, one JSON reply a line out."""
    _prctl(36, 1)                # PR_SET_CHILD_SUBREAPER: orphans of a submission come back to the server
    _prctl(4, 0)                 # PR_SET_DUMPABLE 0: no same-user process can attach to the server
    channel = socket.socket(fileno=fd)
    _preload()
    shell = _new_shell()
    channel.sendall(b"ready\n")
    for line in channel.makefile("r", encoding="utf-8"):  # (a reader on the same descriptor)
        try:
            request = json.loads(line)
            timeout = float(request["timeout"])
        except (ValueError, KeyError, TypeError):
            continue
        t0 = time.monotonic()
        server = os.getpid()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                os.close(fd)              # the child keeps no end of the grader's channel
                _child(shell, request, server)
            except BaseException:  # noqa: BLE001 - the child never returns into the server loop
                code = 70
            finally:
                os._exit(code)
        exit_code, killed = _wait(pid, t0 + timeout + _GRACE_S)
        _kill_strays()
        reply = {"id": request.get("id"), "exit": exit_code, "killed": killed, "elapsed_s": time.monotonic() - t0}
        channel.sendall((json.dumps(reply) + "\n").encode())


if __name__ == "__main__":
    serve(int(sys.argv[1]))
