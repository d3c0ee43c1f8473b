"""Sample issues with noise inserted, through the whole ingest path, at scale (issue 14).

    python benchmarks/fuzz_ingest.py [--cases 2000] [--seed 14]

The cases are those of `tests/test_properties.py::test_noisy_sample_files_lose_no_han` (a
stretch of a sample issue, terminal escapes, controls, random Unicode, markers and structural
lines inserted anywhere, written in UTF-8, UTF-8 with BOM, GB18030 or UTF-16), each written
to a file, read by `read_issue` and processed by `process_issue` as `digest build` does. The
test suite runs 150 of them; this runs as many as asked, without stopping at the first
failure, and reports: cases, exceptions (any but a one-line DigestError), files refused
(DigestError), cases that lost Han characters (in no article, title, subtitle, kicker,
byline, dateline, signature, `unassigned`, `removed` or masthead), and the time taken.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

import test_properties as properties  # noqa: E402
from digest.errors import DigestError  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    figures = Counter()
    reasons = Counter()  # why files were refused
    examples: dict[str, list] = {"exception": [], "lost": [], "refused": []}
    folder = Path(tempfile.mkdtemp(prefix="fuzz-ingest-"))

    @seed(args.seed)
    @settings(max_examples=args.cases, deadline=None, database=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(properties.noisy_issue())
    def run(case):
        text, data = case
        figures["cases"] += 1
        figures["han in"] += len(properties.han(text))
        try:
            lost = properties.han_lost_on_the_way(text, data, folder)
        except DigestError as error:
            figures["refused"] += 1
            reasons[error.problem.split(" (")[0]] += 1
            figures["refused with Han"] += bool(properties.han(text))
            figures["Han in refused files"] += len(properties.han(text))
            figures["refused, multi-line message"] += "\n" in str(error)
            examples["refused"].append((str(error), text[:80]))
            return
        except Exception:  # noqa: BLE001 - counted and shown, the run goes on
            figures["exception"] += 1
            examples["exception"].append((traceback.format_exc(limit=3), text))
            return
        if lost:
            figures["cases losing Han"] += 1
            figures["Han lost"] += sum(lost.values())
            examples["lost"].append((dict(lost), text))

    started = time.perf_counter()
    run()
    elapsed = time.perf_counter() - started
    print(f"cases: {figures['cases']} (seed {args.seed}), {figures['han in']:,} Han characters in, {elapsed:.0f} s ({1000 * elapsed / max(1, figures['cases']):.0f} ms a case)")
    print(f"exceptions: {figures['exception']}")
    print(f"files refused (one-line DigestError): {figures['refused']} ({figures['refused, multi-line message']} on more than one line): " + "; ".join(f"{reason} {n}" for reason, n in reasons.most_common()))
    print(f"refused files holding Han characters: {figures['refused with Han']} ({figures['Han in refused files']} characters)")
    print(f"cases losing Han characters: {figures['cases losing Han']} ({figures['Han lost']} characters)")
    for kind, found in examples.items():
        for detail, text in found[:5]:
            print(f"\n--- {kind}: {detail}\n{text!r}")
    return 1 if figures["exception"] or figures["cases losing Han"] else 0


if __name__ == "__main__":
    sys.exit(main())
