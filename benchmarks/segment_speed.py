"""Segmentation time per page: this work tree against git revision REV, on the same pages, in one run.

    python benchmarks/segment_speed.py [--baseline REV] [DIR]   # DIR: page texts (*.txt); default seeds/

Each side runs in a fresh process (REV's code from `git archive`), reads every page once,
segments each page once to warm up (jieba's dictionary, the labeller's model), then times
three rounds over all pages and reports the best, in ms per page.
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
paths = sorted(Path(p) for p in sys.argv[1:])
issues = [read_issue(p) for p in paths]
for issue in issues:
    segment(issue)
best = min(
    (lambda t0: (sum(len(segment(issue)) for issue in issues), time.perf_counter() - t0)[1])(time.perf_counter())
    for _ in range(3)
)
print(json.dumps({"pages": len(paths), "ms_per_page": 1000 * best / max(1, len(paths))}))
"""


def run(code_dir: Path | None, pages: list[Path]) -> dict:
    env_path = str(code_dir) if code_dir else str(ROOT)
    out = subprocess.run([sys.executable, "-c", TIMER, *map(str, pages)], env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dir", nargs="?", default=str(ROOT / "seeds"))
    parser.add_argument("--baseline", default="3b5e463")
    args = parser.parse_args()
    pages = sorted(p for p in Path(args.dir).glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.baseline], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        old, new = run(Path(tmp), pages), run(None, pages)
    print("| segmenter | pages | ms per page |\n|---|---|---|")
    print(f"| {args.baseline} (baseline) | {old['pages']} | {old['ms_per_page']:.1f} |")
    print(f"| work tree | {new['pages']} | {new['ms_per_page']:.1f} |")
    print(f"\nwork tree / baseline: {new['ms_per_page'] / old['ms_per_page']:.2f}x")


if __name__ == "__main__":
    main()
