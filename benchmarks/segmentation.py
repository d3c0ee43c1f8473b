"""Print segmentation accuracy on the sample issues against the answer key in tests/fixtures.

    python benchmarks/segmentation.py [--misses]
"""

from __future__ import annotations

import sys
from pathlib import Path

from digest.evaluate import evaluate

ROOT = Path(__file__).resolve().parent.parent
KEYS = ROOT / "tests" / "fixtures" / "segmentation"


def main() -> None:
    total, per_issue = evaluate(KEYS, ROOT / "seeds")
    columns = list(total.rates())
    print("| issue | articles | " + " | ".join(columns) + " |")
    print("|---|---|" + "---|" * len(columns))
    for source, score in [*per_issue.items(), ("all", total)]:
        print(f"| {source} | {score.articles} | " + " | ".join(str(v) for v in score.rates().values()) + " |")
    if "--misses" in sys.argv:
        print("\n".join(total.misses))


if __name__ == "__main__":
    main()
