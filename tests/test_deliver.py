"""Outputs are replaced in one step: a failed or killed run leaves the previous files as they were."""

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from digest import deliver
from digest.errors import DigestError


def test_write_replaces_the_file(tmp_path):
    target = tmp_path / "briefing.md"
    deliver.write_atomic(target, b"old")
    deliver.write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.md"]


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "briefing.md"
    target.write_bytes(b"old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(DigestError, match="briefing.md: cannot write: No space left on device"):
        deliver.write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.md"]


def _dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftovers_of_a_killed_run_are_cleared(tmp_path):
    (tmp_path / f".briefing.md.{deliver._HOST}.{_dead_pid()}.abc123.tmp").write_bytes(b"half")
    old = tmp_path / ".briefing.md.abc123.tmp"  # an older version's name: cleared once a day old
    old.write_bytes(b"half")
    os.utime(old, (time.time() - 2 * deliver.STALE_AFTER,) * 2)
    deliver.write_all({tmp_path / "briefing.md": b"whole"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.md"]


def test_files_staged_by_a_running_build_are_left_alone(tmp_path):
    running = [tmp_path / f".briefing.md.{deliver._HOST}.{os.getppid()}.abc123.tmp", tmp_path / ".briefing.md.otherhost.1.abc123.tmp", tmp_path / ".briefing.md.xyz789.tmp"]
    for path in running:
        path.write_bytes(b"being written")
    deliver.write_all({tmp_path / "briefing.md": b"whole"})
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["briefing.md", *(p.name for p in running)])


def _write_many(folder: str, rounds: int) -> None:
    for k in range(rounds):
        data = f"{os.getpid()} {k}\n".encode() * 2000
        deliver.write_all({Path(folder) / "briefing.md": data, Path(folder) / "briefing.json": data})


def test_twelve_builds_writing_into_one_folder_all_succeed(tmp_path):
    with ProcessPoolExecutor(12, mp_context=multiprocessing.get_context("fork")) as pool:
        for future in [pool.submit(_write_many, str(tmp_path), 25) for _ in range(12)]:
            future.result()  # a DigestError of any writer fails the test
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.json", "briefing.md"]
    for name in ("briefing.json", "briefing.md"):
        lines = (tmp_path / name).read_bytes().splitlines()
        assert len(lines) == 2000 and len(set(lines)) == 1  # whole, one writer's


def test_killed_build_leaves_previous_outputs(tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "digest", "build", str(SEEDS), "-o", str(out), "--no-cache"]
    subprocess.run(command + ["-f", "json", "-f", "md"], check=True, cwd=ROOT, capture_output=True)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    run = subprocess.Popen(command + ["-f", "json", "-f", "md", "--title", "另一个标题"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)  # mid-run: reading and summarizing take longer than this
    run.send_signal(signal.SIGKILL)
    run.wait()
    after = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.endswith(".tmp")}
    for name, data in after.items():
        assert data == before[name] or b"\xe5\x8f\xa6\xe4\xb8\x80\xe4\xb8\xaa" in data  # old file, or the whole new one
    assert set(after) == set(before)


def test_a_set_is_written_whole_or_not_at_all(tmp_path):
    (tmp_path / "briefing.json").write_bytes(b"old json")
    (tmp_path / "briefing.md").mkdir()
    with pytest.raises(DigestError, match="briefing.md: cannot write: is a folder"):
        deliver.write_all({tmp_path / "briefing.json": b"new json", tmp_path / "briefing.md": b"new md"})
    assert (tmp_path / "briefing.json").read_bytes() == b"old json"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.json", "briefing.md"]


def test_new_files_get_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        path = deliver.write_atomic(tmp_path / "briefing.md", b"x")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("folder", ["/dev/null", "file.txt", "file.txt/below"])
def test_output_folder_that_is_a_file_or_device_is_said_so(tmp_path, folder):
    import re

    (tmp_path / "file.txt").write_text("x")
    parent = Path(folder) if folder.startswith("/") else tmp_path / folder
    with pytest.raises(DigestError, match=f"^{re.escape(str(parent / 'briefing.md'))}: cannot write: {re.escape(str(parent))} is not a folder"):
        deliver.write_atomic(parent / "briefing.md", b"x")
