"""Bounds on what one input may take (digest/limits.py): work in a forked child held to a
memory and CPU budget comes back as its result, its own error, or one line saying why it died.
The PDF reader's bombs are in test_pdf.py, templates' in test_render.py."""

from __future__ import annotations

import os
import resource
import signal

import pytest

from digest import limits
from digest.errors import DigestError


def _spin():
    return sum(iter(lambda: 1, 0))


def test_a_reader_past_its_cpu_budget_is_one_line_error(monkeypatch):
    monkeypatch.setattr(limits, "CPU_BUDGET", 1)
    with pytest.raises(DigestError, match=r"^spin\.pdf: reading it takes more than 1 s of CPU$"):
        limits.run_bounded(_spin, "spin.pdf", "reading it")


def test_a_reader_ignoring_sigxcpu_is_still_held_to_its_cpu_budget(monkeypatch):
    monkeypatch.setattr(limits, "CPU_BUDGET", 1)
    before = signal.signal(signal.SIGXCPU, signal.SIG_IGN)
    try:
        with pytest.raises(DigestError, match=r"^spin\.pdf: reading it takes more than 1 s of CPU$"):
            limits.run_bounded(_spin, "spin.pdf", "reading it")
    finally:
        signal.signal(signal.SIGXCPU, before)


def test_the_child_gets_the_cpu_budget_and_a_hard_limit_five_seconds_on():
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        pytest.skip("a hard CPU limit is set here: the child keeps it")
    assert limits.run_bounded(lambda: resource.getrlimit(resource.RLIMIT_CPU), "x.pdf", "reading it", cpu=7) == (7, 12)
    assert resource.getrlimit(resource.RLIMIT_CPU) == (soft, hard)  # this process's own, untouched


def test_a_bug_in_the_reader_is_named_in_the_one_line():
    with pytest.raises(DigestError, match=r"^x\.pdf: reading it failed \(IndexError: list index out of range\)$"):
        limits.run_bounded(lambda: [][0], "x.pdf", "reading it")


def test_a_killed_reader_leaves_no_core_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))
    try:
        with pytest.raises(DigestError, match=r"^x\.pdf: reading it needs more than"):
            limits.run_bounded(lambda: os.kill(os.getpid(), signal.SIGABRT), "x.pdf", "reading it")
    finally:
        resource.setrlimit(resource.RLIMIT_CORE, (soft, hard))
    assert not any(p.name.startswith("core") for p in tmp_path.iterdir())


def test_an_error_in_the_reader_comes_back_whole():
    def fails():
        raise DigestError("odd.pdf", "not a readable PDF (format error)")

    with pytest.raises(DigestError, match=r"^odd\.pdf: not a readable PDF \(format error\)$"):
        limits.run_bounded(fails, "odd.pdf", "reading it")


def test_the_memory_budget_is_lifted_after_a_render_that_ran_out():
    before = resource.getrlimit(resource.RLIMIT_DATA)
    with pytest.raises(MemoryError), limits.memory_budget(64 * 1024 * 1024):
        bytearray(512 * 1024 * 1024)
    assert resource.getrlimit(resource.RLIMIT_DATA) == before
    assert len(bytearray(256 * 1024 * 1024)) == 256 * 1024 * 1024
