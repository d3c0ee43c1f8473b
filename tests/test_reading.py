"""Every file the tool opens is read bounded: regular files only, a cap per kind checked before
reading; past that, one line naming the file and exit 1 (or the input skipped with --skip-bad)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import one_line_error, seed

from digest.cli import main
from digest.errors import DigestError
from digest.reading import LIMITS, MB, read_bounded

ONE = seed("000")


def fifo(folder: Path, name: str) -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def sparse(path: Path, size: int) -> Path:
    """A file of `size` bytes that takes no room on disk."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def digest(*args: str, cwd: Path, limit_memory: bool = False) -> subprocess.CompletedProcess:
    """`digest ...` in a process of its own (a hang or an OOM kill must not take the test run
    with it), optionally under a 4 GB address-space limit."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (4 * 1024**3, 4 * 1024**3))

    return subprocess.run([sys.executable, "-m", "digest", *args], cwd=cwd, capture_output=True, text=True, timeout=120, preexec_fn=limit if limit_memory else None)


def test_regular_file_is_read_whole(tmp_path):
    path = tmp_path / "a.toml"
    path.write_bytes(b"x = 1\n")
    assert read_bounded(path, "config") == b"x = 1\n"


@pytest.mark.parametrize(("path", "what"), [("/dev/zero", "a character device"), ("/dev/null", "a character device")])
def test_device_is_refused_before_reading(path, what):
    with pytest.raises(DigestError, match=f"not a regular file \\({what}\\)"):
        read_bounded(path, "themes")


def test_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    with pytest.raises(DigestError, match="FIFO"):
        read_bounded(fifo(tmp_path, "themes.toml"), "themes")


def test_file_over_its_cap_is_refused_before_reading(tmp_path):
    big = sparse(tmp_path / "themes.toml", LIMITS["themes"] + 1)
    with pytest.raises(DigestError, match=r"too large: 4 MB \(the limit for a themes file is 4 MB\)"):
        read_bounded(big, "themes")


def test_themes_from_dev_zero_under_4_gb_is_one_line_in_seconds(tmp_path):
    run = digest("build", str(ONE), "--themes", "/dev/zero", "-o", "out", "--no-cache", cwd=tmp_path, limit_memory=True)
    assert run.returncode == 1, run.stderr
    assert run.stderr.splitlines() == ["digest: error: /dev/zero: not a regular file (a character device)"]


@pytest.mark.parametrize("option", ["--themes", "--places", "--config"])
def test_fifo_as_a_settings_file_is_one_line_not_a_hang(tmp_path, option):
    pipe = fifo(tmp_path, "settings.toml")
    args = ["--config", str(pipe), "build", str(ONE)] if option == "--config" else ["build", str(ONE), option, str(pipe)]
    run = digest(*args, "-o", "out", "--no-cache", cwd=tmp_path)
    assert run.returncode == 1 and run.stderr.splitlines() == [f"digest: error: {pipe}: not a regular file (a FIFO, a named pipe)"]


def test_fifo_template_is_one_line_not_a_hang(tmp_path):
    (tmp_path / "tpl").mkdir()
    fifo(tmp_path / "tpl", "briefing.md.j2")
    run = digest("build", str(ONE), "--templates", "tpl", "-f", "md", "-o", "out", "--no-cache", cwd=tmp_path)
    assert run.returncode == 1 and run.stderr.splitlines() == ["digest: error: tpl/briefing.md.j2: not a regular file (a FIFO, a named pipe)"]


def test_fifo_input_with_skip_bad_is_skipped_and_the_rest_built(tmp_path):
    pipe = fifo(tmp_path, "pipe.txt")
    run = digest("build", str(pipe), str(ONE), "--skip-bad", "-f", "json", "-o", "out", "--no-cache", cwd=tmp_path)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [f"digest: skipped: {pipe}: not a regular file (a FIFO, a named pipe)"]
    assert json.loads((tmp_path / "out" / "briefing.json").read_text(encoding="utf-8"))["generated_from"][0]["source"] == ONE.name


def test_huge_input_with_skip_bad_is_skipped_not_a_memory_error(tmp_path):
    huge = sparse(tmp_path / "huge.txt", 6 * 1024 * MB)
    result = CliRunner().invoke(main, ["build", str(huge), str(ONE), "--skip-bad", "-f", "json", "-o", str(tmp_path / "out"), "--no-cache"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert result.stderr.splitlines() == [f"digest: skipped: {huge}: too large: 6 GB (the limit for an issue file is 64 MB)"]
    assert (tmp_path / "out" / "briefing.json").exists()


def test_pdf_input_has_a_larger_cap_than_text(tmp_path):
    big = sparse(tmp_path / "scan.pdf", 100 * MB)
    result = CliRunner().invoke(main, ["build", str(big), "-o", str(tmp_path / "out"), "--no-cache"])
    assert "too large" not in result.stderr  # read (all zeros: not a PDF), not refused for its size
    assert "not a PDF" in one_line_error(result)


def test_unreadable_named_input_is_skipped_with_skip_bad(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(ONE.read_text(encoding="utf-8"), encoding="utf-8")
    locked.chmod(0)
    result = CliRunner().invoke(main, ["build", str(locked), str(tmp_path / "missing.txt"), str(ONE), "--skip-bad", "-f", "json", "-o", str(tmp_path / "out"), "--no-cache"])
    assert result.exit_code == 1
    assert f"digest: skipped: {tmp_path / 'missing.txt'}: no such file or folder" in result.stderr.splitlines()
    assert (tmp_path / "out" / "briefing.json").exists()
