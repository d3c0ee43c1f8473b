"""Bounds on what one input may take: a PDF is read, and the briefing's PDF made, in a child
process held to a memory and CPU budget, and a user's template renders within a memory budget.

PDFium has no bound of its own: a small file whose streams inflate to gigabytes (through any
filter chain, or one stream drawn many times on a page) takes what memory there is, and when an
allocation fails it aborts the process. So each PDF is read in a forked child whose data size
(RLIMIT_DATA: heap and private writable mappings, not address space merely reserved) may grow
by MEMORY_BUDGET (past the data the parent holds; memory the parent freed but kept mapped
is reused uncounted, so the bound is the parent's size plus the budget) and whose CPU time is
at most CPU_BUDGET; a child that dies is one line naming the file. The child returns what it read, pickled, through a pipe; its own exceptions come back
the same way. Where there is no fork (Windows), the work is done in this process, unbounded;
where there is no /proc to read the process's data size from (macOS), the CPU alone is bounded.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import TypeVar

from .errors import DigestError

try:  # imported before any fork: a child takes no import lock another thread might hold
    import resource
except ImportError:  # no resource limits (Windows): no fork either
    resource = None

MEMORY_BUDGET = 1024 * 1024 * 1024  # bytes a PDF's reading or a template's rendering may add: a newspaper page takes PDFium tens of MB, a briefing's template a few
CPU_BUDGET = 120  # seconds of CPU for one file: a page reads in a tenth of a second

T = TypeVar("T")


def _data_size() -> int | None:
    """This process's data size (VmData) in bytes, which RLIMIT_DATA bounds; None if unknown."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _limit(which: int, soft: int, hard: int | None = None) -> None:
    """Lower the soft limit to `soft` and, when given, the hard one to `hard` (never raising
    either above what the user set)."""

    def lower(limit: int, to: int) -> int:
        return to if limit == resource.RLIM_INFINITY else min(limit, to)

    current, ceiling = resource.getrlimit(which)
    if hard is not None:
        ceiling = lower(ceiling, hard)
    soft = lower(current, soft)
    if ceiling != resource.RLIM_INFINITY:  # (RLIM_INFINITY is -1: no min with it)
        soft = min(soft, ceiling)
    resource.setrlimit(which, (soft, ceiling))


def die_with_parent(parent: int) -> None:
    """On Linux, this (child) process is killed when `parent` dies (`kill PID`, the
    out-of-memory killer): else it would go on with work no one will read, holding its memory."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the call above: nothing will read our work
        os._exit(1)


def _child(work: Callable[[], T], out: int, parent: int, memory: int, cpu: int, prepare: Callable[[], object] | None) -> None:
    """In the forked child: prepare, hold it to the budgets, work, send back the result or the error."""
    try:
        faulthandler.disable()  # PDFium aborting is an answer here, not a crash to dump
        die_with_parent(parent)
        # Every answer comes back through the pipe; what a library writes to fd 2 as it dies
        # (GLib's `GLib-ERROR **: creating thread ...`) would be a second line beside ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
        _limit(resource.RLIMIT_CORE, 0)  # no gigabyte core files
        signal.signal(signal.SIGXCPU, signal.SIG_DFL)  # a parent ignoring it would void the CPU budget
        _limit(resource.RLIMIT_CPU, cpu, cpu + 5)  # and past the soft limit by 5 s, SIGKILL
        try:
            if prepare is not None:
                prepare()  # outside the memory budget: set-up every run needs alike
            used = _data_size()
            if used is not None:
                _limit(resource.RLIMIT_DATA, used + memory)
            answer = ("ok", work())
        except DigestError as error:
            answer = ("error", error)  # DigestError pickles as its two parts
        except MemoryError:
            answer = ("memory", None)
        except Exception as error:  # a bug in our reader: said in the one line, not lost
            answer = ("failed", f"{type(error).__name__}: {error}")
        payload = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(out, "wb") as pipe:
            pipe.write(payload)
        code = 0
    except BaseException:  # anything else: the parent says it ended without an answer
        code = 70
    os._exit(code)  # no atexit handlers, no flushing of the parent's buffers


def run_bounded(work: Callable[[], T], name: str, doing: str, *, memory: int | None = None, cpu: int | None = None, hint: str = "",
                prepare: Callable[[], object] | None = None) -> T:
    """`work()` run in a forked child held to `memory` more bytes of data (MEMORY_BUDGET) and
    `cpu` seconds; its DigestError raised here; its death (PDFium or GLib aborting when memory
    ran out, SIGXCPU) a one-line DigestError naming `name`: `x.pdf: reading it needs more than
    1,024 MB of memory`. `doing` says what the child did; `hint` follows the memory message.
    `prepare()` runs in the child before the memory budget (within the CPU one): a library's
    set-up that must not meet the budget half done (render._fonts_ready)."""
    memory = MEMORY_BUDGET if memory is None else memory
    cpu = CPU_BUDGET if cpu is None else cpu
    if not hasattr(os, "fork") or resource is None:
        return work()
    sys.stdout.flush()
    sys.stderr.flush()
    into, out = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child ends in os._exit
        os.close(into)
        _child(work, out, parent, memory, cpu, prepare)
    os.close(out)
    with os.fdopen(into, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    too_much = f"{doing} needs more than {memory // (1024 * 1024):,} MB of memory{hint}"
    if payload and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        kind, value = pickle.loads(payload)
        if kind == "ok":
            return value
        if kind == "error":
            raise value
        if kind == "failed":
            raise DigestError(name, f"{doing} failed ({value})")
        raise DigestError(name, too_much)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
        raise DigestError(name, f"{doing} takes more than {cpu} s of CPU" + (" (or it was killed)" if os.WTERMSIG(status) == signal.SIGKILL else ""))
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS, signal.SIGTRAP):  # SIGTRAP: GLib's g_error
        raise DigestError(name, f"{too_much}, or its library failed on it")
    raise DigestError(name, f"{doing} ended without an answer")


@contextlib.contextmanager
def memory_budget(budget: int | None = None):
    """Inside, this process's data may grow by `budget` bytes (MEMORY_BUDGET) more: Python's
    allocations past it raise MemoryError (a template asking for gigabytes through a join or
    `ljust` no count bounds). The limit the process had is back after."""
    used = _data_size() if resource is not None else None
    if used is None:
        yield
        return
    before = resource.getrlimit(resource.RLIMIT_DATA)
    _limit(resource.RLIMIT_DATA, used + (MEMORY_BUDGET if budget is None else budget))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, before)
