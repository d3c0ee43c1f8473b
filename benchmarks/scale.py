"""How `digest build` scales with the size of the archive: wall time and peak memory.

    python benchmarks/scale.py [--sizes 5,50,300] [--jobs 1,2] [--whole 10,20,30] [--work DIR]

Makes a corpus with make_corpus.py (about 17,000 characters an issue), then for each size N
and each --jobs value, in a fresh cache folder:

- cold: `digest build` of the first N issues with an empty cache (every issue processed,
  every entry written);
- warm +1: issue N+1 added to the folder, the same build again: one issue processed, N
  taken from the cache.

Both builds write json, md and html (PDF off: WeasyPrint would lay out every article of the
briefing and dominate the time) and compose the briefing of the newest 7 days (--since/--until),
as the weekly briefing of a growing archive is built; every issue of the folder is still read
and processed (or taken from the cache). Every build runs in a fresh Python process, started
from here, which reports its own peak RSS (ru_maxrss) and that of its largest worker process;
wall time is measured here, from process start (imports and jieba's dictionary included) to
exit.

A second table builds one briefing of the whole archive (no period) at a few small sizes,
with a warm cache, to show what composing costs when the week is the archive.

Not run in CI; about 6 minutes on 2 cores with the defaults.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import FIRST_DAY, make_corpus  # noqa: E402

FORMATS = ["json", "md", "html"]

# Runs in a fresh interpreter: one build through the library call the CLI makes, with the
# two stages that matter here timed, then its resource figures as one JSON line.
WRAPPER = r"""
import json, resource, sys, time
args = json.loads(sys.argv[1])
import datetime as dt
from pathlib import Path
import digest.pipeline as pipeline
from digest.config import BuildConfig
stages = {"process": 0.0, "compose": 0.0}
def timed(name, fn):
    def run(*a, **k):
        start = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            stages[name] += time.perf_counter() - start
    return run
pipeline.process_issues = timed("process", pipeline.process_issues)
pipeline.compose = timed("compose", pipeline.compose)
day = lambda s: s and dt.date.fromisoformat(s)
config = BuildConfig(inputs=[args["inputs"]], out_dir=Path(args["out"]), formats=tuple(args["formats"]), jobs=args["jobs"],
                     cache_dir=args["cache"] and Path(args["cache"]), since=day(args["since"]), until=day(args["until"]))
result = pipeline.build(config)
print(json.dumps({
    "processed": result.stats.processed, "cached": result.stats.cached, "stages": stages,
    "self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
}))
"""


def run_build(inputs: Path, out: Path, jobs: int, cache: Path | None, since: dt.date | None, until: dt.date | None, timeout: float) -> dict:
    args = {"inputs": str(inputs), "out": str(out), "formats": FORMATS, "jobs": jobs, "cache": cache and str(cache),
            "since": since and since.isoformat(), "until": until and until.isoformat()}
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", WRAPPER, json.dumps(args)], capture_output=True, text=True, timeout=timeout, env=os.environ)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"scale: build failed:\n{done.stderr}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["wall"] = wall
    return figures


def day_of(number: int) -> dt.date:
    """The date in the name of issue `number` (1-based) of the corpus."""
    return FIRST_DAY + dt.timedelta(days=number - 1)


def mb(kb: int) -> str:
    return f"{kb / 1024:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5,50,300", help="archive sizes, in issues (default 5,50,300)")
    parser.add_argument("--jobs", default="1,2", help="--jobs values (default 1,2)")
    parser.add_argument("--whole", default="10,20,30", help="sizes for the whole-archive table; empty to skip (default 10,20,30)")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary folder, removed afterwards)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a build is given up (default 600)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    jobs_list = [int(j) for j in args.jobs.split(",")]
    whole = [int(s) for s in args.whole.split(",") if s]

    work = args.work or Path(tempfile.mkdtemp(prefix="digest-scale-"))
    corpus = work / "corpus"
    began = time.perf_counter()
    load_before = os.getloadavg()[0]  # other work on the machine slows every figure, --jobs 2 most
    _, chars = make_corpus(corpus, max(sizes + whole) + 1)
    files = sorted(corpus.iterdir())
    length = {n: sum(len(p.read_text(encoding="utf-8")) for p in files[:n]) for n in sizes + whole}
    print(f"corpus: {len(files)} issues, {chars:,} characters; {os.cpu_count()} CPUs; Python {sys.version.split()[0]}\n", file=sys.stderr)

    rows, cold_process = [], {}
    for n in sizes:
        for jobs in jobs_list:
            inputs, cache, out = work / f"in-{n}-{jobs}", work / f"cache-{n}-{jobs}", work / f"out-{n}-{jobs}"
            inputs.mkdir()
            for path in files[:n]:
                shutil.copy(path, inputs / path.name)
            cold = run_build(inputs, out, jobs, cache, day_of(n) - dt.timedelta(days=6), day_of(n), args.timeout)
            shutil.copy(files[n], inputs / files[n].name)
            warm = run_build(inputs, out, jobs, cache, day_of(n + 1) - dt.timedelta(days=6), day_of(n + 1), args.timeout)
            rows.append((n, jobs, "cold (empty cache)", cold))
            rows.append((n + 1, jobs, "warm, +1 issue", warm))
            if "timeout" not in cold:
                cold_process[(n, jobs)] = cold["stages"]["process"]
            print(f"  {n} issues, --jobs {jobs}: done ({time.perf_counter() - began:.0f} s so far)", file=sys.stderr)

    print(f"Corpus: benchmarks/make_corpus.py, {length[max(sizes)] / max(sizes):,.0f} characters an issue on average "
          f"({length[max(sizes)]:,} for {max(sizes)} issues). Formats json, md, html; the briefing covers the newest 7 days. "
          f"{os.cpu_count()} CPUs, load average {load_before:.1f} before the runs, {os.getloadavg()[0]:.1f} after.\n")
    print("| issues in folder | --jobs | cache | processed / from cache | wall s | processing s | compose s | peak RSS main MB | peak RSS largest worker MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n, jobs, kind, r in rows:
        if "timeout" in r:
            print(f"| {n} | {jobs} | {kind} | – | > {r['timeout']:.0f} (stopped) | – | – | – | – |")
            continue
        worker = mb(r["children_kb"]) if r["children_kb"] else "–"  # one issue to process: no pool is started
        print(f"| {n} | {jobs} | {kind} | {r['processed']} / {r['cached']} | {r['wall']:.1f} | {r['stages']['process']:.1f} | {r['stages']['compose']:.2f} | {mb(r['self_kb'])} | {worker} |")

    print()
    print("| processing, cold | " + " | ".join(f"--jobs {j}" for j in jobs_list) + " |")
    print("|---|" + "---|" * len(jobs_list))
    for n in sizes:
        cells = [f"{cold_process[(n, j)] / n * 1000:,.0f} ms/issue" if (n, j) in cold_process else "–" for j in jobs_list]
        print(f"| {n} issues | " + " | ".join(cells) + " |")
    small, big = min(sizes), max(sizes)
    mid = sorted(sizes)[-2] if len(sizes) > 2 else small
    for label, a, b in (("growth exponent of processing time", mid, big),):
        cells = []
        for j in jobs_list:
            if (a, j) in cold_process and (b, j) in cold_process and a != b:
                cells.append(f"{math.log(cold_process[(b, j)] / cold_process[(a, j)]) / math.log(length[b] / length[a]):.2f} ({a}→{b})")
            else:
                cells.append("–")
        print(f"| {label} (1 = linear) | " + " | ".join(cells) + " |")

    if whole:
        cache = work / "cache-whole"
        times = {}
        print("\n| one briefing of the whole archive (warm cache, --jobs 1) | wall s | compose s | peak RSS main MB |")
        print("|---|---|---|---|")
        for n in whole:
            inputs = work / f"whole-{n}"
            inputs.mkdir()
            for path in files[:n]:
                shutil.copy(path, inputs / path.name)
            # Fill the cache first (composing the newest day only), then time the whole briefing.
            run_build(inputs, work / "out-whole", 1, cache, day_of(n), day_of(n), args.timeout)
            r = run_build(inputs, work / "out-whole", 1, cache, None, None, args.timeout)
            if "timeout" in r:
                print(f"| {n} issues | > {r['timeout']:.0f} (stopped) | – | – |")
                continue
            times[n] = r["stages"]["compose"]
            print(f"| {n} issues | {r['wall']:.1f} | {r['stages']['compose']:.1f} | {mb(r['self_kb'])} |")
        if len(times) >= 2:
            a, b = min(times), max(times)
            exponent = math.log(times[b] / times[a]) / math.log(length[b] / length[a])
            print(f"| growth exponent of compose time ({a}→{b}) | | {exponent:.2f} | |")

    print(f"\nscale: {time.perf_counter() - began:.0f} s in all", file=sys.stderr)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
