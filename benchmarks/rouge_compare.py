"""ROUGE of this tree's key sentences against another revision's, on the large evaluation sets,
with a paired bootstrap interval of the difference.

    python benchmarks/rouge_compare.py [--baseline 9553b43] [--ranker textrank] [--eval ../shared/eval]

Both sides summarize the same articles in one run (the baseline exported with `git archive`
into a temporary folder and run from there, each side in its own process): LCSTS PART III
(`lcsts_part3.jsonl`, 1,106 short Weibo texts, 1 sentence; and the 725 with human_label >= 3)
and SogouCS (`sogoucs_mini_titles.jsonl`, 93 news articles against their printed headline,
2 sentences). Character-level ROUGE-1/2/L F1 (rouge.py). For each set and measure: both means,
the mean difference (this tree minus the baseline) and its 95% paired bootstrap interval
(10,000 resamples of the articles, fixed seed), and how many articles changed summary.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from rouge import rouge_scores

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
RESAMPLES = 10_000

# Runs in the side's own interpreter: the summaries of every article, as one JSON list.
SUMMARIZE = r"""
import json, sys
from digest.summarize import get_ranker, summarize_text
from digest.summarize import tokens
ranker = get_ranker(sys.argv[1])
out = []
for line in sys.stdin:
    job = json.loads(line)
    out.append("".join(s.text for s in summarize_text(job["article"], ranker, job["count"])))
    tokens.forget()
print(json.dumps(out, ensure_ascii=False))
"""


def summaries(source: Path, jobs: list[dict], ranker: str) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run([sys.executable, "-c", SUMMARIZE, ranker], input="\n".join(json.dumps(j, ensure_ascii=False) for j in jobs), capture_output=True, text=True, env=env, cwd=source)
    if done.returncode:
        sys.exit(f"rouge_compare: summarizing in {source} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def export(revision: str, folder: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def bootstrap(differences: list[float], seed: int = 13) -> tuple[float, float]:
    rng = random.Random(seed)
    n = len(differences)
    means = sorted(sum(differences[rng.randrange(n)] for _ in range(n)) / n for _ in range(RESAMPLES))
    return means[int(0.025 * RESAMPLES)], means[int(0.975 * RESAMPLES) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default="9553b43", help="revision to compare with (default 9553b43, main before this work)")
    parser.add_argument("--ranker", default="textrank")
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    args = parser.parse_args()
    rows = [json.loads(line) for line in (args.eval / "lcsts_part3.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    sogou = [json.loads(line) for line in (args.eval / "sogoucs_mini_titles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    sets = {
        "LCSTS PART III, 1 sentence (n=1,106)": ([r["article"] for r in rows], [r["summary"] for r in rows], 1),
        "LCSTS PART III human_label >= 3, 1 sentence (n=725)": ([r["article"] for r in rows if r["human_label"] >= 3], [r["summary"] for r in rows if r["human_label"] >= 3], 1),
        "SogouCS headlines, 2 sentences (n=93)": ([r["article"] for r in sogou], [r["summary"] for r in sogou], 2),
    }
    with tempfile.TemporaryDirectory() as folder:
        base = export(args.baseline, Path(folder))
        print(f"ranker {args.ranker}; this tree against {args.baseline}, both in this run\n")
        print("| set | measure | baseline | this tree | difference | 95% paired bootstrap interval | summaries changed |")
        print("|---|---|---|---|---|---|---|")
        for label, (articles, references, count) in sets.items():
            jobs = [{"article": a, "count": count} for a in articles]
            ours, theirs = summaries(ROOT, jobs, args.ranker), summaries(base, jobs, args.ranker)
            changed = sum(a != b for a, b in zip(ours, theirs))
            scored = [(rouge_scores(a, ref), rouge_scores(b, ref)) for a, b, ref in zip(ours, theirs, references)]
            for measure in ("R-1", "R-2", "R-L"):
                mine = [s[measure] * 100 for s, _ in scored]
                base_scores = [t[measure] * 100 for _, t in scored]
                diff = [a - b for a, b in zip(mine, base_scores)]
                low, high = bootstrap(diff)
                mean = lambda xs: sum(xs) / len(xs)
                print(f"| {label} | {measure} | {mean(base_scores):.2f} | {mean(mine):.2f} | {mean(diff):+.3f} | [{low:+.3f}, {high:+.3f}] | {changed} |")


if __name__ == "__main__":
    main()
