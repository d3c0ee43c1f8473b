"""Speed of every ranker, side by side, as Markdown tables.

    .venv/bin/python benchmarks/speed.py [--eval ../shared/eval]

1. Articles per second for `summarize_text` (3 sentences; no keywords) on the sample-issue
   articles and on the CLTS articles.
2. Time per article at 1k, 5k, 20k and 50k characters (CLTS articles concatenated and cut;
   the sentences of every further copy are numbered, so that no sentence repeats and a ranker
   that cuts each distinct sentence once gains nothing from the repetition), with the log-log
   slope of time against length: 1 means linear, 2 quadratic.
3. Start-up: wall clock of `python -c "import digest.cli"` and of `digest summarize` on one
   file, per ranker (best of 5).
4. Wall clock of the whole CLI, `digest summarize <180 files> --json`, per ranker (best of 2).
Every call to `summarize_text` starts from an empty token cache (`tokens.forget()`), as each
article does in the pipeline and in `digest summarize`.
Takes about a minute and a half on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from digest.sentences import split_sentences
from digest.summarize import RANKERS, get_ranker, summarize_text
from digest.summarize.tokens import forget
from quality import DEFAULT_EVAL, load_jsonl, print_table, seed_articles

SIZES = (1_000, 5_000, 20_000, 50_000)
SKIP_ABOVE = 60.0  # seconds: a size whose estimated time per article is higher is not run
CLI_FILES = 180
CLI_RUNS = 2  # the best of these runs is reported
STARTUP_RUNS = 5
DIGEST = Path(sys.executable).with_name("digest")


def timed(func, min_seconds: float = 1.0) -> float:
    """Mean seconds per call, calling at least once and until `min_seconds` have passed."""
    calls, start = 0, time.perf_counter()
    while True:
        func()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return elapsed / calls


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    return f"{seconds * 1e3:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def summarize_fresh(text: str, ranker) -> None:
    """One article as the pipeline does it: nothing cut for an earlier article is reused."""
    forget()
    summarize_text(text, ranker, count=3)


def throughput_rows(corpora: dict[str, list[str]], rankers: dict) -> list[list[str]]:
    rows = []
    for label, texts in corpora.items():
        cells = []
        for ranker in rankers.values():
            per_pass = timed(lambda: [summarize_fresh(t, ranker) for t in texts], min_seconds=2.0)
            cells.append(f"{len(texts) / per_pass:,.0f}")
        average = sum(map(len, texts)) / len(texts)
        rows.append([f"{label} (n={len(texts)}, {average:,.0f} chars on average)", *cells])
    return rows


def long_text(articles: list[str], size: int) -> str:
    """The articles one after another, again and again, cut at `size` characters. In copy k > 1
    every sentence ends with the number k (`…新时代2。`), so no sentence is printed twice."""
    copies = size // sum(len(a) + 1 for a in articles) + 1
    numbered = lambda article, k: article if k == 1 else re.sub(r"(?=[。！？])", str(k), article)
    return "\n".join(numbered(article, k) for k in range(1, copies + 1) for article in articles)[:size]


def length_rows(articles: list[str], rankers: dict) -> list[list[str]]:
    times: dict[str, dict[int, float]] = {name: {} for name in rankers}
    rows = []
    for size in SIZES:
        text = long_text(articles, size)
        cells = []
        for name, ranker in rankers.items():
            measured = times[name]
            if measured:  # extrapolate quadratically from the last size to decide whether to run
                last = max(measured)
                estimate = measured[last] * (size / last) ** 2
                if estimate > SKIP_ABOVE:
                    cells.append(f"skipped (estimated ~{estimate:.0f} s)")
                    continue
            measured[size] = timed(lambda: summarize_fresh(text, ranker))
            cells.append(f"{fmt_time(measured[size])} ({fmt_time(measured[size] * 1000 / size)} per 1k chars)")
        rows.append([f"{size:,} chars, {len(split_sentences(text))} sentences", *cells])
    rows.append(["growth exponent, whole range (1 = linear, 2 = quadratic)", *(growth(m, sorted(m)) for m in times.values())])
    rows.append(["growth exponent, last step", *(growth(m, sorted(m)[-2:]) for m in times.values())])
    return rows


def growth(measured: dict[int, float], sizes: list[int]) -> str:
    """Log-log slope of time against length from the first to the last of `sizes`."""
    if len(sizes) < 2:
        return "n/a"
    small, large = sizes[0], sizes[-1]
    exponent = math.log(measured[large] / measured[small]) / math.log(large / small)
    return f"{exponent:.2f} ({small // 1000}k→{large // 1000}k)"


def run_cli(paths: list[str], ranker: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([str(DIGEST), "summarize", *paths, "--json", "--ranker", ranker], capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - start
    assert len(json.loads(done.stdout)) == len(paths)
    return elapsed


def startup_rows(article: str, names: list[str]) -> list[list[str]]:
    """Best-of-5 wall clock of importing the CLI and of `digest summarize` on one file."""

    def best(command: list[str]) -> float:
        times = []
        for _ in range(STARTUP_RUNS):
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
        return min(times)

    rows = [["`python -c \"import digest.cli\"`", f"{best([sys.executable, '-c', 'import digest.cli']):.2f}"]]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_text(article, encoding="utf-8")
        for name in names:
            rows.append([f"`digest summarize <1 file> --json --ranker {name}`", f"{best([str(DIGEST), 'summarize', str(path), '--json', '--ranker', name]):.2f}"])
    return rows


def cli_rows(articles: list[str], names: list[str]) -> tuple[list[list[str]], dict[str, float]]:
    seconds = {}
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i in range(CLI_FILES):
            path = Path(folder) / f"article_{i:03}.txt"
            path.write_text(articles[i % len(articles)], encoding="utf-8")
            paths.append(str(path))
        for name in names:
            seconds[name] = min(run_cli(paths, name) for _ in range(CLI_RUNS))
    rows = [[f"`--ranker {name}`", f"{s:.1f}", f"{CLI_FILES / s:.1f}"] for name, s in seconds.items()]
    return rows, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="folder with clts_samples.jsonl")
    args = parser.parse_args()

    clts = [article for article, _ in load_jsonl(args.eval / "clts_samples.jsonl")]
    rankers = {name: get_ranker(name) for name in RANKERS}
    for ranker in rankers.values():  # load jieba's dictionary and the libraries before timing
        summarize_text(clts[0], ranker)

    corpora = {"sample-issue articles": [a.text for a in seed_articles()], "CLTS articles": clts}
    print_table(["articles per second", *rankers], throughput_rows(corpora, rankers))
    print_table(["time per article", *rankers], length_rows(clts, rankers))
    print_table(["start-up", "wall clock, s (best of 5)"], startup_rows(clts[0], ["textrank", "textrank4zh", "lead"]))
    rows, seconds = cli_rows(clts, ["textrank", "textrank4zh", "lead"])
    print_table([f"`digest summarize` {CLI_FILES} CLTS files `--json`", "wall clock, s (best of 2)", "files per second"], rows)
    print(f"textrank4zh / textrank wall clock: {seconds['textrank4zh'] / seconds['textrank']:.1f}×")


if __name__ == "__main__":
    main()
