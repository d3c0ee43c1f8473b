"""Big archives: --jobs gives the same briefing, the cache serves unchanged issues, never breaks a build."""

from __future__ import annotations

import gc
import hashlib
import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS

from digest import cache as cache_module
from digest import pipeline
from digest.cli import main
from digest.config import BuildConfig
from digest.model import Issue
from digest.pipeline import build, worker_count

FORMATS = ("json", "md", "html")
NAMES = [f"briefing.{fmt}" for fmt in FORMATS]


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in NAMES}


def entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.rglob(f"*{cache_module.SUFFIX}")) if cache_dir.exists() else []


def run(inputs, out: Path, **options):
    return build(BuildConfig(inputs=[str(i) for i in inputs], out_dir=out, formats=FORMATS, **options))


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, bytes]:
    """The briefing of the sample issues built the plain way: one process, no cache."""
    out = tmp_path_factory.mktemp("reference")
    result = run([SEEDS], out)
    assert result.stats.processed == 5 and result.stats.cached == 0
    return outputs(out)


@pytest.fixture
def no_user_cache(tmp_path, monkeypatch) -> Path:
    """Point the default cache folder into the test's folder."""
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    return xdg


def test_jobs_2_gives_the_same_outputs_as_jobs_1(tmp_path, reference):
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(tmp_path), "-f", "json", "-f", "md", "-f", "html", "--jobs", "2", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert outputs(tmp_path) == reference


def test_without_jobs_a_worker_per_four_issues_up_to_the_idle_cores(monkeypatch):
    monkeypatch.setattr(pipeline, "idle_cores", lambda: 2)
    assert [worker_count(None, n) for n in (0, 3, 4, 7, 8, 27)] == [0, 0, 1, 1, 2, 2]  # 1: no pool, done here
    monkeypatch.setattr(pipeline, "idle_cores", lambda: 1)
    assert worker_count(None, 27) == 1
    assert (worker_count(3, 2), worker_count(1, 27), worker_count(8, 27)) == (2, 1, 8)  # --jobs as asked, never more than the issues


@pytest.mark.parametrize(("load", "idle"), [(0.03, 4), (1.0, 3), (1.5, 3), (2.4, 2), (2.5, 2), (3.6, 1), (4.0, 1), (9.0, 1)])
def test_idle_cores_leave_out_what_other_work_keeps_busy(monkeypatch, load, idle):
    monkeypatch.setattr(pipeline, "usable_cores", lambda: 4)
    monkeypatch.setattr(pipeline.os, "getloadavg", lambda: (load, load, load))
    assert pipeline.idle_cores() == idle  # one busy core elsewhere is one core less; halves round up


def test_without_jobs_no_more_than_eight_workers_on_a_machine_of_many_cores(monkeypatch):
    monkeypatch.setattr(pipeline, "idle_cores", lambda: 128)
    assert worker_count(None, 300) == pipeline.MAX_DEFAULT_WORKERS == 8
    assert worker_count(64, 300) == 64  # asked for: as asked


def _cgroups(tmp_path, monkeypatch, group: str, quotas: dict[str, str]):
    """A cgroup v2 tree under tmp_path: this process in `group`, `cpu.max` files as given."""
    monkeypatch.setattr(pipeline.os, "sched_getaffinity", lambda pid: set(range(16)))
    monkeypatch.setattr(pipeline, "CGROUP_ROOT", tmp_path / "cgroup")
    monkeypatch.setattr(pipeline, "PROCESS_CGROUP", tmp_path / "self-cgroup")
    (tmp_path / "self-cgroup").write_text(f"0::{group}\n", encoding="ascii")
    for folder, quota in quotas.items():
        (tmp_path / "cgroup" / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / "cgroup" / folder / "cpu.max").write_text(quota, encoding="ascii")


@pytest.mark.parametrize(("quota", "cores"), [("150000 100000\n", 1), ("200000 100000\n", 2), ("50000 100000\n", 1), ("max 100000\n", 16), ("", 16), ("100000 0\n", 16), ("-1 100000\n", 16), ("x\n", 16)])
def test_a_containers_cpu_quota_bounds_the_usable_cores(tmp_path, monkeypatch, quota, cores):
    _cgroups(tmp_path, monkeypatch, "/", {".": quota})
    assert pipeline.usable_cores() == cores  # a period of 0 or a file of nonsense bounds nothing


def test_a_quota_on_a_parent_cgroup_bounds_the_usable_cores(tmp_path, monkeypatch):
    _cgroups(tmp_path, monkeypatch, "/system.slice/digest.service", {".": "max 100000\n", "system.slice": "300000 100000\n", "system.slice/digest.service": "max 100000\n"})
    assert pipeline.usable_cores() == 3  # the slice's quota, two levels up
    _cgroups(tmp_path, monkeypatch, "/../../etc", {".": "100000 100000\n"})
    assert pipeline.usable_cores() == 1  # a path leaving the tree is read as the root


def test_a_worker_killed_mid_build_is_one_line_error_and_nothing_written(tmp_path, monkeypatch):
    import os

    # Forked workers run this module's functions as they are in memory at the fork: a worker
    # (any process but this one) dies on its first issue.
    here, process_issue = os.getpid(), pipeline.process_issue
    monkeypatch.setattr(pipeline, "process_issue", lambda *args: process_issue(*args) if os.getpid() == here else os._exit(9))
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(tmp_path / "out"), "-f", "json", "--jobs", "2", "--no-cache", "--no-archive"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == ["digest: error: worker process: ended abruptly (killed, or out of memory?); no briefing was written (the issues done are in the cache); --jobs 1 processes every issue in this process"]
    assert not (tmp_path / "out").exists()


# Workers stuck in their issues (forked, they run the _work in memory at the fork, which never
# returns); the build is sent SIGTERM once one of them has started.
_STOPPED_WHILE_WORKERS_ARE_BUSY = """
import os, signal, sys, threading, time
from pathlib import Path
from digest import pipeline
busy = Path(sys.argv[1])
def stuck(issue):
    busy.write_text(str(os.getpid()))
    while True:
        time.sleep(1)
pipeline._work = stuck
def stop_when_busy():
    while not busy.exists():
        time.sleep(0.05)
    os.kill(os.getpid(), signal.SIGTERM)
threading.Thread(target=stop_when_busy, daemon=True).start()
sys.argv = ["digest", *sys.argv[2:]]
from digest.cli import main
main()
"""


def test_sigterm_while_workers_are_busy_ends_them_and_the_run(tmp_path):
    # The pool's shutdown waited for the issues its workers were processing, however long they
    # took (a 2 MB issue, 84 s after the signal); here they never end: the run did not either.
    import os
    import subprocess

    busy, out = tmp_path / "busy", tmp_path / "out"
    run = subprocess.run([sys.executable, "-c", _STOPPED_WHILE_WORKERS_ARE_BUSY, str(busy), "build", str(SEEDS), "-o", str(out), "--jobs", "2", "--no-cache", "--no-archive", "-f", "md"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert (run.returncode, run.stderr) == (143, "digest: stopped by SIGTERM\n")
    assert not out.exists()
    with pytest.raises(ProcessLookupError):  # killed, and reaped by the build before it ended
        os.kill(int(busy.read_text()), 0)

def test_a_worker_dies_with_the_build_process(tmp_path):
    import os
    import subprocess
    import time

    # A parent forks a worker that calls die_with_parent, then the parent exits at once.
    script = (
        "import os, time\n"
        "from digest.limits import die_with_parent\n"
        "parent = os.getpid()\n"
        "ready, tell = os.pipe()\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    die_with_parent(parent)\n"
        "    os.write(tell, b'x')\n"
        "    time.sleep(60)\n"
        "    os._exit(0)\n"
        "os.read(ready, 1)\n"
        "print(pid, flush=True)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    worker = int(done.stdout)

    def alive() -> bool:
        try:
            state = Path(f"/proc/{worker}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return False
        return state not in ("Z", "X")  # a zombie is dead, waiting to be reaped

    deadline = time.monotonic() + 20
    while alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    if alive():
        os.kill(worker, 9)
    assert not alive()


def test_a_week_of_many_files_is_processed_in_a_pool_by_default_with_the_same_outputs(tmp_path, monkeypatch):
    folder = tmp_path / "week"
    folder.mkdir()
    for n, path in enumerate(sorted(SEEDS.iterdir()) * 2):  # ten page files, each sample twice
        shutil.copy(path, folder / f"2025-04-{7 + n // 4:02d}-p{n % 4 + 1}.txt")
    alone = run([folder], tmp_path / "alone", jobs=1)
    monkeypatch.setattr(pipeline, "idle_cores", lambda: 2)
    pools = []
    monkeypatch.setattr(pipeline, "worker_count", lambda jobs, issues: pools.append(worker_count(jobs, issues)) or pools[-1])
    pooled = run([folder], tmp_path / "pooled")
    assert pools == [2]  # nine issues after the first: two workers
    assert (alone.stats.processed, pooled.stats.processed) == (10, 10)
    assert outputs(tmp_path / "pooled") == outputs(tmp_path / "alone")


def test_a_build_leaves_the_collector_as_it_found_it(tmp_path, monkeypatch):
    before = gc.get_threshold()
    gc.set_threshold(500, 7, 9)
    try:
        seen, compose = [], pipeline.compose
        monkeypatch.setattr(pipeline, "compose", lambda *a: seen.append(gc.get_threshold()) or compose(*a))  # a spy: composes as ever
        run([SEEDS / "000_27f68ec5389186af.txt"], tmp_path)
        assert seen == [(pipeline.YOUNG_COLLECTION, 7, 9)]  # fewer young passes while it runs
        assert gc.get_threshold() == (500, 7, 9) and not gc.get_freeze_count()
    finally:
        gc.set_threshold(*before)


def test_the_processed_week_is_set_aside_from_the_collector_while_composing_and_selecting(tmp_path, monkeypatch):
    """A full collection while composing walked every processed article (0.26 s at 2 million
    characters): the week is frozen from compose to select, thawed after."""
    seen, compose, select = [], pipeline.compose, pipeline.select
    monkeypatch.setattr(pipeline, "compose", lambda *a: seen.append(("compose", gc.get_freeze_count())) or compose(*a))  # spies: as ever
    monkeypatch.setattr(pipeline, "select", lambda *a: seen.append(("select", gc.get_freeze_count())) or select(*a))
    assert not gc.get_freeze_count()
    run([SEEDS / "000_27f68ec5389186af.txt", SEEDS / "001_f2b228228f5e40ef.txt"], tmp_path, jobs=1)
    assert [stage for stage, _ in seen] == ["compose", "select"] and all(frozen > 1000 for _, frozen in seen)
    assert not gc.get_freeze_count()


def test_a_build_leaves_a_hosts_frozen_objects_and_disabled_collector_alone(tmp_path, monkeypatch):
    before, held = gc.get_threshold(), [object() for _ in range(10)]
    gc.freeze()
    frozen = gc.get_freeze_count()
    gc.set_threshold(0)
    try:
        seen, compose = [], pipeline.compose
        monkeypatch.setattr(pipeline, "compose", lambda *a: seen.append(gc.get_threshold()[0]) or compose(*a))  # a spy: composes as ever
        run([SEEDS / "000_27f68ec5389186af.txt", SEEDS / "001_f2b228228f5e40ef.txt"], tmp_path, jobs=1)
        assert seen == [0] and gc.get_threshold()[0] == 0  # turned off by the host: stays off, during and after
        assert gc.get_freeze_count() >= frozen  # the host's frozen objects are not thawed
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
        del held


def test_second_build_takes_everything_from_the_cache(tmp_path, reference):
    cache_dir = tmp_path / "cache"
    first = run([SEEDS], tmp_path / "a", cache_dir=cache_dir)
    assert (first.stats.processed, first.stats.cached) == (5, 0)
    assert len(entries(cache_dir)) == 5
    second = run([SEEDS], tmp_path / "b", cache_dir=cache_dir)
    assert (second.stats.processed, second.stats.cached) == (0, 5)
    assert outputs(tmp_path / "a") == outputs(tmp_path / "b") == reference


def test_cache_with_jobs_2(tmp_path, reference):
    cache_dir = tmp_path / "cache"
    first = run([SEEDS], tmp_path / "a", cache_dir=cache_dir, jobs=2)
    second = run([SEEDS], tmp_path / "b", cache_dir=cache_dir, jobs=2)
    assert (first.stats.processed, second.stats.processed, second.stats.cached) == (5, 0, 5)
    assert outputs(tmp_path / "a") == outputs(tmp_path / "b") == reference


def test_adding_one_issue_processes_only_that_one(tmp_path, reference):
    folder, cache_dir = tmp_path / "issues", tmp_path / "cache"
    folder.mkdir()
    seeds = sorted(SEEDS.iterdir())
    for path in seeds[:4]:
        shutil.copy(path, folder)
    assert run([folder], tmp_path / "week", cache_dir=cache_dir).stats.processed == 4
    shutil.copy(seeds[4], folder)
    result = run([folder], tmp_path / "week", cache_dir=cache_dir)
    assert (result.stats.processed, result.stats.cached) == (1, 4)
    assert outputs(tmp_path / "week") == reference


def _corrupt_truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:100])


def _corrupt_flipped(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _corrupt_empty(path: Path) -> None:
    path.write_bytes(b"")


def _corrupt_foreign(path: Path) -> None:
    """A sound entry (checksum right) that holds something else than this key's issue."""
    payload = json.dumps({"key": "not this key", "issue": cache_module.to_json(Issue(source="x.txt", path="", raw="", encoding="utf-8"))}).encode()
    path.write_bytes(cache_module.MAGIC + hashlib.sha256(payload).digest() + payload)


def _corrupt_not_json(path: Path) -> None:
    payload = b"\x80\x05garbage that is no JSON"
    path.write_bytes(cache_module.MAGIC + hashlib.sha256(payload).digest() + payload)


def _corrupt_wrong_shape(path: Path) -> None:
    """Checksum right, key right, but a field of the wrong type: validated, not trusted."""
    entry = json.loads(path.read_bytes()[len(cache_module.MAGIC) + 32 :])
    entry["issue"]["articles"][0]["summary"] = "not a list of key sentences"
    payload = json.dumps(entry).encode()
    path.write_bytes(cache_module.MAGIC + hashlib.sha256(payload).digest() + payload)


@pytest.mark.parametrize("corrupt", [_corrupt_truncated, _corrupt_flipped, _corrupt_empty, _corrupt_foreign, _corrupt_not_json, _corrupt_wrong_shape])
def test_a_corrupt_entry_is_rebuilt_not_an_error(tmp_path, reference, corrupt):
    cache_dir = tmp_path / "cache"
    run([SEEDS], tmp_path / "out", cache_dir=cache_dir)
    damaged = entries(cache_dir)[2]
    corrupt(damaged)
    result = run([SEEDS], tmp_path / "out", cache_dir=cache_dir)
    assert (result.stats.processed, result.stats.cached, result.stats.rebuilt) == (1, 4, 1)
    assert outputs(tmp_path / "out") == reference
    again = run([SEEDS], tmp_path / "out", cache_dir=cache_dir)  # the entry was written anew
    assert (again.stats.processed, again.stats.cached) == (0, 5)


def test_options_that_change_the_result_change_the_key(tmp_path):
    cache_dir = tmp_path / "cache"
    assert run([SEEDS], tmp_path / "a", cache_dir=cache_dir).stats.processed == 5
    assert run([SEEDS], tmp_path / "b", cache_dir=cache_dir, sentences=1).stats.processed == 5
    assert run([SEEDS], tmp_path / "c", cache_dir=cache_dir, ranker="lead").stats.processed == 5
    themes = tmp_path / "themes.toml"
    shutil.copy(ROOT / "digest" / "data" / "themes.toml", themes)
    assert run([SEEDS], tmp_path / "d", cache_dir=cache_dir, themes_file=themes).stats.processed == 5
    themes.write_text(themes.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert run([SEEDS], tmp_path / "e", cache_dir=cache_dir, themes_file=themes).stats.processed == 5
    # Options that only choose or render issues share the entries.
    assert run([SEEDS], tmp_path / "f", cache_dir=cache_dir, title="别的标题").stats.cached == 5


def test_an_edited_issue_is_processed_again(tmp_path):
    folder, cache_dir = tmp_path / "issues", tmp_path / "cache"
    shutil.copytree(SEEDS, folder)
    run([folder], tmp_path / "out", cache_dir=cache_dir)
    first = sorted(folder.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8").replace("本报讯", "本报讯 ", 1), encoding="utf-8")
    result = run([folder], tmp_path / "out", cache_dir=cache_dir)
    assert (result.stats.processed, result.stats.cached) == (1, 4)


def test_no_cache_writes_no_cache(tmp_path, no_user_cache, reference):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out), "-f", "json", "-f", "md", "-f", "html", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES)
    assert not no_user_cache.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert outputs(out) == reference


def test_default_cache_folder_and_cache_dir_option(tmp_path, no_user_cache, reference):
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(tmp_path / "a"), "-f", "json", "-f", "md", "-f", "html"])
    assert result.exit_code == 0, result.output
    assert len(entries(no_user_cache / "digest")) == 5
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted(NAMES)  # the output folder holds only the briefing
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(tmp_path / "b"), "-f", "json", "-f", "md", "-f", "html", "--cache-dir", str(tmp_path / "mine")])
    assert result.exit_code == 0, result.output
    assert len(entries(tmp_path / "mine")) == 5
    assert outputs(tmp_path / "a") == outputs(tmp_path / "b") == reference


def test_no_progress_bar_off_a_terminal(tmp_path, no_user_cache):
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(tmp_path), "-f", "json", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.split() == [str(tmp_path / "briefing.json")]


def test_an_unwritable_cache_is_not_an_error(tmp_path, reference):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    result = run([SEEDS], tmp_path / "out", cache_dir=blocker)
    assert (result.stats.processed, result.stats.write_errors) == (5, 5)
    assert outputs(tmp_path / "out") == reference


def test_corpus_maker_is_deterministic(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from make_corpus import make_corpus
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    assert make_corpus(tmp_path / "a", issues=3, seed=7)[0] == 3
    make_corpus(tmp_path / "b", issues=3, seed=7)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["2025-01-01.txt", "2025-01-02.txt", "2025-01-03.txt"]
    assert all((tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in names)
    texts = [(tmp_path / "a" / n).read_text(encoding="utf-8") for n in names]
    assert len(set(texts)) == 3 and all(len(t) > 8000 for t in texts)


def _raising_in(thread):
    import threading

    try:
        raise OSError("a dead worker's pipe")
    except OSError as error:
        return threading.ExceptHookArgs((OSError, error, error.__traceback__, thread))


def test_the_pools_manager_thread_raising_after_its_workers_are_killed_prints_no_traceback(monkeypatch):
    # Killing busy workers races the pool's manager thread (once under load it printed a traceback
    # before `digest: stopped by SIGTERM`); another thread's exception still reaches the hook.
    import threading
    from concurrent.futures import ProcessPoolExecutor

    reached = []
    monkeypatch.setattr(threading, "excepthook", lambda args: reached.append(args.thread))
    pool = ProcessPoolExecutor(max_workers=1)
    try:
        assert pool.submit(abs, -1).result() == 1  # the manager thread runs from the first job on
        manager = pool._executor_manager_thread
        threading.excepthook(_raising_in(manager))
        assert reached == [manager]  # before the kill, the hook hears it
        pipeline._end_workers(pool)
        threading.excepthook(_raising_in(manager))
        threading.excepthook(_raising_in(threading.current_thread()))
        assert reached == [manager, threading.current_thread()]
    finally:
        pool.shutdown(wait=True)
