"""Sample issues with noise inserted, through the whole ingest path, at scale (issue 14).

    python benchmarks/fuzz_ingest.py [--cases 2000] [--seed 14] [--pdf FILE.pdf [--pdf-cases 150]]

The cases are those of `tests/test_properties.py::test_noisy_sample_files_lose_no_han` (a
stretch of a sample issue, terminal escapes, controls, random Unicode, markers and structural
lines inserted anywhere, written in UTF-8, UTF-8 with BOM, GB18030 or UTF-16), each written
to a file, read by `read_issue` and processed by `process_issue` as `digest build` does. The
test suite runs 150 of them; this runs as many as asked, without stopping at the first
failure, and reports: cases, exceptions (any but a one-line DigestError), files refused
(DigestError), cases that lost Han characters (in no article, title, subtitle, kicker,
byline, dateline, signature, `unassigned`, `removed` or masthead), and the time taken.

With `--pdf`, that PDF damaged `--pdf-cases` ways besides (cut short at a random byte, 1 to 100
bytes overwritten, up to 5,000 bytes cut out), each read by `read_issue` in a child process, ten
a process: read, refused (a one-line DigestError), any other exception, or the process crashed
(PDFium is C: a signal) or hung past 300 s.
"""

from __future__ import annotations

import argparse
import random
import subprocess
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
    parser.add_argument("--pdf", type=Path, help="also damage this PDF --pdf-cases ways and read each copy")
    parser.add_argument("--pdf-cases", type=int, default=150)
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
    failed = bool(figures["exception"] or figures["cases losing Han"])
    if args.pdf:
        failed |= fuzz_pdf(args.pdf, args.pdf_cases, args.seed)
    return 1 if failed else 0


# Read in a child: PDFium is C, and a damaged file could crash the process that reads it.
READ = """
import sys
from pathlib import Path
from digest.errors import DigestError
from digest.ingest import read_issue
for name in sys.argv[1:]:
    try:
        read_issue(Path(name))
        print("read", flush=True)
    except DigestError as error:
        print("refused" if "\\n" not in str(error) else "refused, multi-line message", flush=True)
    except Exception as error:  # noqa: BLE001 - counted
        print("exception", type(error).__name__, name, flush=True)
"""


def fuzz_pdf(pdf: Path, cases: int, seed_: int) -> bool:
    """Damaged copies of `pdf` read by `read_issue`; True when any raised other than DigestError,
    crashed its process or hung."""
    data = pdf.read_bytes()
    folder = Path(tempfile.mkdtemp(prefix="fuzz-pdf-"))
    names = []
    for case in range(cases):
        rng, damaged = random.Random(seed_ * 100_000 + case), bytearray(data)
        if case % 3 == 0:
            damaged = damaged[: rng.randrange(len(damaged))]
        elif case % 3 == 1:
            for _ in range(rng.choice((1, 5, 20, 100))):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        else:
            start = rng.randrange(len(damaged))
            del damaged[start : start + rng.randrange(1, 5000)]
        names.append(folder / f"d{case:04d}.pdf")
        names[-1].write_bytes(bytes(damaged))
    counts, bad = Counter(), []
    for k in range(0, len(names), 10):
        chunk = [str(n) for n in names[k : k + 10]]
        try:
            child = subprocess.run([sys.executable, "-c", READ, *chunk], capture_output=True, text=True, timeout=300, cwd=ROOT)
        except subprocess.TimeoutExpired:
            counts["hung (300 s)"] += 1
            bad.append(f"hung: one of {chunk[0]} … {chunk[-1]}")
            continue
        said = child.stdout.splitlines()
        counts.update(line.split(" ")[0] if line.startswith("exception") else line for line in said)
        bad += [line for line in said if line.startswith("exception")]
        if child.returncode:
            counts[f"crashed (exit {child.returncode})"] += 1
            bad.append(f"crashed reading {chunk[len(said)]}: {child.stderr[-300:]}")
    print(f"\n{pdf}, {cases} damaged copies: " + ", ".join(f"{what} {n}" for what, n in sorted(counts.items())))
    for line in bad[:10]:
        print(line)
    return bool(bad or counts["refused, multi-line message"])


if __name__ == "__main__":
    sys.exit(main())
