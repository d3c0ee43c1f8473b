"""Segmentation time per page: this work tree against git revision REV, on the same pages, in one run.

    python benchmarks/segment_speed.py [--baseline REV] [--reading] [DIR]   # DIR: page texts (*.txt); default seeds/

Each side runs in a fresh process (REV's code from `git archive`), reads every page once,
segments each page once to warm up (jieba's dictionary, the labeller's model), then times
three rounds over all pages and reports the best, in ms per page. --reading times each page's
reading too (read_issue: decoding, and `pdftotext -layout` text put back in reading order)
besides its segmenting. Times are the process's CPU time, so other work on a shared machine
does not count.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMER = r"""
import json, sys, time
from pathlib import Path
from digest.ingest import read_issue
from digest.segment import segment
reading = sys.argv[1] == "--reading"
paths = sorted(Path(p) for p in sys.argv[2:])
issues = [read_issue(p) for p in paths]
for issue in issues:
    segment(issue)
round_of = (lambda: [segment(read_issue(p)) for p in paths]) if reading else (lambda: [segment(issue) for issue in issues])
best = min((lambda t0: (round_of(), time.process_time() - t0)[1])(time.process_time()) for _ in range(3))
print(json.dumps({"pages": len(paths), "ms_per_page": 1000 * best / max(1, len(paths))}))
"""


def run(code_dir: Path | None, pages: list[Path], reading: bool) -> dict:
    env_path = str(code_dir) if code_dir else str(ROOT)
    out = subprocess.run([sys.executable, "-c", TIMER, "--reading" if reading else "--", *map(str, pages)], env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dir", nargs="?", default=str(ROOT / "seeds"))
    parser.add_argument("--baseline", default="3b5e463")
    parser.add_argument("--reading", action="store_true", help="time each page's reading (read_issue) besides its segmenting")
    args = parser.parse_args()
    pages = sorted(p for p in Path(args.dir).glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.baseline], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        old, new = run(Path(tmp), pages, args.reading), run(None, pages, args.reading)
    print("| segmenter | pages | ms per page |\n|---|---|---|")
    print(f"| {args.baseline} (baseline) | {old['pages']} | {old['ms_per_page']:.1f} |")
    print(f"| work tree | {new['pages']} | {new['ms_per_page']:.1f} |")
    print(f"\nwork tree / baseline: {new['ms_per_page'] / old['ms_per_page']:.2f}x")


if __name__ == "__main__":
    main()
