"""Outputs are replaced in one step: a failed or killed run leaves the previous files as they were."""

import os
import signal
import subprocess
import sys
import time

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


def test_leftovers_of_a_killed_run_are_cleared(tmp_path):
    (tmp_path / ".briefing.md.abc123.tmp").write_bytes(b"half")
    deliver.write_all({tmp_path / "briefing.md": b"whole"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.md"]


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
