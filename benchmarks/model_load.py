"""Loading the line labeller's models: each shipped model opened by `labeller._tagger` (the
header check and crfsuite's open), best of several fresh loads, against the raw-text model as
the baseline measured in the same run (issue 10: a shipped model loads in < 0.2 s).

    python benchmarks/model_load.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digest.segment import labeller  # noqa: E402


def best_load(path: Path, rounds: int) -> float:
    """The fastest of `rounds` fresh loads of the model at `path`, in seconds."""
    times = []
    for _ in range(rounds):
        labeller._tagger.cache_clear()
        start = time.perf_counter()
        labeller._tagger(str(path))
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    baseline = best_load(labeller.MODEL_PATH, args.rounds)
    print("| model | bytes | load, ms | against the raw-text model |")
    print("|---|---|---|---|")
    for path in (labeller.MODEL_PATH, labeller.LAYOUT_MODEL_PATH):
        seconds = baseline if path == labeller.MODEL_PATH else best_load(path, args.rounds)
        print(f"| {path.name} | {path.stat().st_size:,} | {seconds * 1000:.2f} | {seconds / baseline:.2f}x |")


if __name__ == "__main__":
    main()
