"""Print segmentation accuracy on the sample issues against the answer key in tests/fixtures.

    python benchmarks/segmentation.py [--misses]
"""

from __future__ import annotations

import sys
from pathlib import Path

from digest.config import BuildConfig
from digest.enrich import load_gazetteer, load_themes
from digest.evaluate import Score, load_key, score_issue
from digest.ingest import read_issue
from digest.pipeline import process_issue

ROOT = Path(__file__).resolve().parent.parent
KEYS = ROOT / "tests" / "fixtures" / "segmentation"


def evaluate() -> tuple[Score, dict[str, Score]]:
    config, themes, gazetteer = BuildConfig(), load_themes(), load_gazetteer()
    total, per_issue = Score(), {}
    for key_path in sorted(KEYS.glob("*.json")):
        key = load_key(key_path)
        issue = process_issue(read_issue(ROOT / "seeds" / key["source"]), config, themes, gazetteer)
        per_issue[key["source"]] = score = score_issue(issue.articles, key)
        total.add(score)
    return total, per_issue


def main() -> None:
    total, per_issue = evaluate()
    columns = list(total.rates())
    print("| issue | articles | " + " | ".join(columns) + " |")
    print("|---|---|" + "---|" * len(columns))
    for source, score in [*per_issue.items(), ("all", total)]:
        print(f"| {source} | {score.articles} | " + " | ".join(str(v) for v in score.rates().values()) + " |")
    if "--misses" in sys.argv:
        print("\n".join(total.misses))


if __name__ == "__main__":
    main()
