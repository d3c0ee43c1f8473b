"""What the pool of worker processes saves on an idle machine, measured on a busy one.

    python benchmarks/pool_path.py FOLDER [--runs 2] [--jobs 1,2] [--formats md,html,json]

On a machine shared with other work, wall time says more about the others than about a
build. This times one fresh `digest build --no-cache --no-archive -f md -f html -f json` process
per run and --jobs value, interleaved, in CPU seconds: the main process before the issues after
the first (starting, reading, the first issue with every dictionary loaded), while they are
processed, and after (compose, select, render, write), and the workers' CPU (reaped children).
The critical path, what the build takes on an idle machine, is before + while + after, where
while is the longest of the main process's own work then (a build writing a PDF imports
WeasyPrint there), the workers' CPU shared evenly, and the two together shared over the
machine's cores. `--formats md,html,json,pdf` times a build that also writes the PDF.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

RUN = r"""
import json, resource, sys, time
from pathlib import Path
from digest import pipeline
from digest.config import BuildConfig

marks = {}
rest = pipeline._process_rest
def timed_rest(*args):
    marks["start"] = time.process_time()
    try:
        yield from rest(*args)
    finally:
        marks["end"] = time.process_time()
pipeline._process_rest = timed_rest
jobs = int(sys.argv[3])
pipeline.build(BuildConfig(inputs=[sys.argv[1]], out_dir=Path(sys.argv[2]), formats=tuple(sys.argv[4].split(",")), cache_dir=None, archive=None, jobs=jobs))
end = time.process_time()
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"before": marks["start"], "while": marks["end"] - marks["start"], "after": end - marks["end"], "workers": children.ru_utime + children.ru_stime,
                  "workers_started": pipeline.worker_count(jobs, len(list(Path(sys.argv[1]).iterdir())) - 1)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--formats", default="md,html,json", help="what the builds write, comma-separated")
    args = parser.parse_args()
    jobs_list = [int(j) for j in args.jobs.split(",")]
    rows: dict[int, list[dict]] = {j: [] for j in jobs_list}
    with tempfile.TemporaryDirectory(prefix="digest-pool-path-") as out:
        for _ in range(args.runs):
            for jobs in jobs_list:
                done = subprocess.run([sys.executable, "-c", RUN, args.folder, out, str(jobs), args.formats], capture_output=True, text=True)
                if done.returncode:
                    sys.exit(f"pool_path: the build failed:\n{done.stderr}")
                rows[jobs].append(json.loads(done.stdout.strip().splitlines()[-1]))
    print("| --jobs | main before, CPU s | main while the rest are processed | main after | workers' CPU | critical path | all CPU |")
    print("|---|---|---|---|---|---|---|")
    for jobs, runs in rows.items():
        def med(key):
            return statistics.median(r[key] for r in runs)
        workers = max(1, runs[0]["workers_started"])
        cores = len(os.sched_getaffinity(0))
        paths = [r["before"] + max(r["while"], r["workers"] / workers, (r["while"] + r["workers"]) / cores) + r["after"] for r in runs]
        totals = [r["before"] + r["while"] + r["after"] + r["workers"] for r in runs]
        print(f"| {jobs} | {med('before'):.2f} | {med('while'):.2f} | {med('after'):.2f} | {med('workers'):.2f} | "
              f"{statistics.median(paths):.2f} ({', '.join(f'{p:.2f}' for p in paths)}) | {statistics.median(totals):.2f} |")


if __name__ == "__main__":
    main()
