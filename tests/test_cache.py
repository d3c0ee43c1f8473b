"""The cache cannot run code or be handed results by someone else: JSON entries checked on
load, a private folder, and a folder another user could write is not used."""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import seed

from digest import cache as cache_module
from digest.cli import main
from digest.config import BuildConfig
from digest.pipeline import build

ONE = seed("000")


def run(out: Path, cache_dir: Path):
    return build(BuildConfig(inputs=[str(ONE)], out_dir=out, formats=("json",), cache_dir=cache_dir))


class _Touch:
    """A pickle that, when loaded, creates `marker`: what a crafted cache entry would do."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_crafted_pickle_entries_run_no_code(tmp_path):
    cache_dir, marker = tmp_path / "cache", tmp_path / "pwned"
    run(tmp_path / "a", cache_dir)
    (entry,) = sorted(cache_dir.rglob(f"*{cache_module.SUFFIX}"))
    payload = pickle.dumps((entry.stem, _Touch(marker)))
    for magic in (b"digest-cache 1\n", cache_module.MAGIC):  # the old format's header and the new one's
        entry.write_bytes(magic + hashlib.sha256(payload).digest() + payload)
        result = run(tmp_path / "b", cache_dir)
        assert not marker.exists()
        assert (result.stats.processed, result.stats.rebuilt) == (1, 1)
    assert (tmp_path / "a" / "briefing.json").read_bytes() == (tmp_path / "b" / "briefing.json").read_bytes()


def test_entry_round_trips_exactly(tmp_path):
    cache_dir = tmp_path / "cache"
    first = run(tmp_path / "a", cache_dir)
    again = run(tmp_path / "b", cache_dir)
    assert (first.stats.processed, again.stats.cached) == (1, 1)
    assert (tmp_path / "a" / "briefing.json").read_bytes() == (tmp_path / "b" / "briefing.json").read_bytes()


def test_cache_folder_is_created_private(tmp_path):
    cache_dir = tmp_path / "new" / "cache"
    run(tmp_path / "out", cache_dir)
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    (entry,) = cache_dir.rglob(f"*{cache_module.SUFFIX}")
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_folder_others_may_write_is_not_used(tmp_path):
    cache_dir = tmp_path / "shared-cache"
    cache_dir.mkdir()
    cache_dir.chmod(0o777)
    result = CliRunner().invoke(main, ["build", str(ONE), "-o", str(tmp_path / "out"), "-f", "json", "--cache-dir", str(cache_dir)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("digest: warning: ")]
    assert len(warnings) == 1 and "group or others may write it" in warnings[0] and str(cache_dir) in warnings[0]
    assert list(cache_dir.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a folder to another user")
def test_folder_of_another_user_is_not_used(tmp_path):
    cache_dir = tmp_path / "theirs"
    cache_dir.mkdir(mode=0o700)
    os.chown(cache_dir, 65534, 65534)
    result = run(tmp_path / "out", cache_dir)
    assert "belongs to another user" in result.stats.refused
    assert (result.stats.processed, result.stats.cached, result.stats.write_errors) == (1, 0, 0)
    assert list(cache_dir.iterdir()) == []


def test_every_data_file_processing_reads_is_in_the_cache_key():
    # A retrained line model alone must invalidate cached segmentations.
    package = Path(cache_module.__file__).resolve().parent
    keyed = set(cache_module.fingerprinted_files(package))
    data = {p for p in (package / "data").iterdir() if p.is_file()}
    assert (package / "data" / "segment_lines.crfsuite") in keyed
    assert data <= keyed
