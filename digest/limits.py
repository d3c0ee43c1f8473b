"""Bounds on what one input may take: a PDF is read in a child process held to a memory and CPU
budget, and a user's template renders within a memory budget.

PDFium has no bound of its own: a small file whose streams inflate to gigabytes (through any
filter chain, or one stream drawn many times on a page) takes what memory there is, and when an
allocation fails it aborts the process. So each PDF is read in a forked child whose data size
(RLIMIT_DATA: heap and private writable mappings, not address space merely reserved) may grow
by MEMORY_BUDGET (past the data the parent holds; memory the parent freed but kept mapped
is reused uncounted, so the bound is the parent's size plus the budget) and whose CPU time is
at most CPU_BUDGET; a child that dies is one line naming
the file. The child returns what it read, pickled, through a pipe; its own exceptions come back
the same way. Where there is no fork (Windows), the PDF is read in this process, unbounded.
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


def _limit(which: int, soft: int) -> None:
    """Lower the soft limit to `soft` (never raise one the user set lower)."""
    current, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    if current == resource.RLIM_INFINITY or soft < current:
        resource.setrlimit(which, (soft, hard))


def _child(read: Callable[[], T], out: int) -> None:
    """In the forked child: hold it to the budgets, read, send back the result or the error."""
    try:
        faulthandler.disable()  # PDFium aborting is an answer here, not a crash to dump
        used = _data_size()
        if used is not None:
            _limit(resource.RLIMIT_DATA, used + MEMORY_BUDGET)
        _limit(resource.RLIMIT_CPU, CPU_BUDGET)
        try:
            answer = ("ok", read())
        except DigestError as error:
            answer = ("error", error)  # DigestError pickles as its two parts
        except MemoryError:
            answer = ("memory", None)
        payload = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(out, "wb") as pipe:
            pipe.write(payload)
        code = 0
    except BaseException:  # anything else: the parent says the file could not be read
        code = 70
    os._exit(code)  # no atexit handlers, no flushing of the parent's buffers


def read_bounded_child(read: Callable[[], T], name: str) -> T:
    """`read()` run in a child held to MEMORY_BUDGET and CPU_BUDGET; its DigestError raised
    here; its death (PDFium aborting when memory ran out, SIGXCPU) a one-line DigestError."""
    if not hasattr(os, "fork") or resource is None:
        return read()
    sys.stdout.flush()
    sys.stderr.flush()
    into, out = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child ends in os._exit
        os.close(into)
        _child(read, out)
    os.close(out)
    with os.fdopen(into, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    mb = MEMORY_BUDGET // (1024 * 1024)
    if payload and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        kind, value = pickle.loads(payload)
        if kind == "ok":
            return value
        if kind == "error":
            raise value
        raise DigestError(name, f"reading it needs more than {mb:,} MB of memory (a compression bomb?)")
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU:
        raise DigestError(name, f"reading it takes more than {CPU_BUDGET} s of CPU")
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS, signal.SIGKILL):
        raise DigestError(name, f"reading it needs more than {mb:,} MB of memory (a compression bomb?), or PDFium failed on it")
    raise DigestError(name, "not a readable PDF (its reader ended without an answer)")


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
