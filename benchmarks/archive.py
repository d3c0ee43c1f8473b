"""The archive: search and trends over 300 archived issues, and what recording adds to a build.

    python benchmarks/archive.py [--archive FILE] [--issues 300] [--record-issues 30] [--runs 20] [--work DIR]
                                 [--only-record] [--case "warm, empty archive"] [--jobs 1] [--record-parts] [--instructions] [--baseline REV]

1. An archive of the make_corpus.py corpus (300 issues by default, about 5 million
   characters): `digest archive add` of the corpus into a new file, unless --archive names
   one already made that way.
2. Search: every query word (the 13 counties, their two-character short forms such as 孝义,
   and a theme keyword of each theme, from the project's data files) searched --runs times
   (the county names also with --county 孝义市, which reads each hit's row to filter it)
   through `digest.archive.search.search`, as `digest search` calls it (open the file
   read-only, rank with bm25, read the top 20, make their snippets, close), in this process;
   the median and the slowest word's median. One `digest search 孝义 --json` as a whole
   process is timed too (Python start and imports included).
3. Trends: `digest.archive.trends.trends` by theme, county and paper, over the default 12
   weeks and over the whole archive, --runs times each: median and slowest.
4. Recording: the first --record-issues issues built (`digest build`, json/md/html, the
   newest whole ISO week, which the archive then compares with the week before) in fresh processes, with and without an archive, alternating, three times
   each (--repeats); cold (an empty cache: every issue processed), warm (every issue cached; the archive
   already holds them, so recording only checks them), warm into an empty archive (every
   issue written: the first build with an archive over a cache filled without one) and warm
   into an archive holding the same issues processed with other settings (`--sentences 2`,
   as after changing an option or upgrading digest: every issue replaced, its articles'
   texts the same). Each
   process reports its CPU seconds (its own and its workers') and the seconds (wall and CPU)
   spent in `record_issues` and `compare_weeks` (与上周相比: the corpus has an issue every day,
   so the week before is always there); every figure is the median of the repeats. --case
   picks cases, --only-record skips 1-3. Every build runs with --jobs worker processes
   (default 1, none): the default pool is sized from the load average, which made the two
   builds of a cold pair differ in their workers, not in their archive. The baseline is
   the build without an archive in the same run. On a loaded machine wall time varies by more
   than the archive adds; the time spent in recording and comparing is measured inside the
   build and is the firmer figure.

5. --record-parts (instead of 4): where recording's time goes, in this process: the
   --record-issues issues processed once (through the cache), then recorded --repeats times
   into a new file each, the CPU seconds of each statement and of making the index's tokens
   (medians); and the same tokens written into an in-memory FTS5 table with each of the
   options one might hope to make it cheaper (detail=column or none, columnsize=0, every
   character once per article) and with the unicode61 tokenizer of schema v5, min of --repeats.

With --baseline REV, the builds of 4 (and the counted processes of 6) run for a git archive of
revision REV too, interleaved with this tree's (each tree with its own cache: the cache key
holds the code), and a row is printed for each.

6. --instructions (instead of 4): the instructions recording takes, counted by valgrind's
   callgrind (which must be installed): a fresh process loads the --record-issues issues from
   the cache (filled first) and records them into a new file, another only loads them, both
   with PYTHONHASHSEED=0; the difference is recording's, the same from run to run (to the
   instruction, on this machine) however loaded the machine is, where its CPU seconds vary by
   a third. About a minute per process on a loaded machine.

Not run in CI. Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from briefing_speed import export  # noqa: E402
from make_corpus import FIRST_DAY, make_corpus  # noqa: E402

from digest.archive.search import Filters, search  # noqa: E402
from digest.archive.trends import trends  # noqa: E402

# Every process runs this tree's digest: Python puts the working folder (with -c, -m) before
# PYTHONPATH, so the processes start in ROOT (a copy of another commit measures that commit).
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

WRAPPER = r"""
import json, sys, time
args = json.loads(sys.argv[1])
import datetime as dt
from pathlib import Path
import digest.pipeline as pipeline
from digest.config import BuildConfig
import resource
spent = {"record": 0.0, "compare": 0.0, "record_cpu": 0.0, "compare_cpu": 0.0}
def timed(name, fn):
    def run(*a, **k):
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            return fn(*a, **k)
        finally:
            spent[name] += time.perf_counter() - start
            spent[name + "_cpu"] += time.process_time() - start_cpu
    return run
pipeline.record_issues = timed("record", pipeline.record_issues)
pipeline.compare_weeks = timed("compare", pipeline.compare_weeks)
day = dt.date.fromisoformat
config = BuildConfig(inputs=[args["inputs"]], out_dir=Path(args["out"]), formats=("json", "md", "html"), cache_dir=Path(args["cache"]),
                     archive=args["archive"] and Path(args["archive"]), since=day(args["since"]), until=day(args["until"]), sentences=args["sentences"],
                     jobs=args["jobs"])
pipeline.build(config)
usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
spent["cpu"] = sum(u.ru_utime + u.ru_stime for u in usage)
print(json.dumps(spent))
"""


CASES = ("cold", "warm, archive holds them", "warm, empty archive", "warm, archive holds another processing")
OTHER_SENTENCES = 2  # the settings of the "another processing" case's archive (the builds measured take 3)


def query_words() -> list[str]:
    places = tomllib.loads((ROOT / "digest/data/places.toml").read_text(encoding="utf-8"))
    themes = tomllib.loads((ROOT / "digest/data/themes.toml").read_text(encoding="utf-8"))
    counties = [county["name"] for county in places["county"]]
    return counties + [name[:2] for name in counties if len(name) == 3] + [theme["keywords"][0] for theme in themes["theme"] if theme.get("keywords")]


def timings(call, runs: int) -> list[float]:
    took = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        took.append(1000 * (time.perf_counter() - start))
    return took


def build(inputs: Path, out: Path, cache: Path, archive: Path | None, since: dt.date, until: dt.date, sentences: int = 3, root: Path = ROOT, jobs: int = 1) -> tuple[float, dict]:
    """Wall seconds of one build in a fresh process running the digest of `root` with `jobs`
    worker processes (fixed: without it the pool is sized from the load average, which differs
    from build to build), and its own figures: CPU seconds, and the seconds it spent recording
    and comparing with the week before."""
    args = {"inputs": str(inputs), "out": str(out), "cache": str(cache), "archive": archive and str(archive), "since": since.isoformat(), "until": until.isoformat(), "sentences": sentences, "jobs": jobs}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", WRAPPER, json.dumps(args)], capture_output=True, text=True, env={**ENV, "PYTHONPATH": str(root)}, cwd=root)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"archive benchmark: build failed:\n{done.stderr}")
    return wall, json.loads(done.stdout.strip().splitlines()[-1])


def measure_queries(archive: Path, oldest: dt.date, newest: dt.date, runs: int) -> None:
    words = query_words()
    per_word = {word: statistics.median(timings(lambda w=word: search(archive, w), runs)) for word in words}
    hits = {word: len(search(archive, word, limit=1000)) for word in words}
    slowest = max(per_word, key=per_word.get)
    filtered = {f"{word}, --county 孝义市": statistics.median(timings(lambda w=word: search(archive, w, Filters(county="孝义市")), runs)) for word in words[:13]}
    slowest_filtered = max(filtered, key=filtered.get)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "digest", "search", "孝义", "--json", "--archive", str(archive)], check=True, capture_output=True, env=ENV, cwd=ROOT)
    process = time.perf_counter() - start
    print("| search (top 20, snippets) | words | median ms | slowest word ms | hits of the slowest (up to 1000) | `digest search 孝义 --json`, whole process ms |")
    print("|---|---|---|---|---|---|")
    print(f"| {len(words)} words, {sum(len(w) == 2 for w in words)} of two characters | {len(words)} | {statistics.median(per_word.values()):.1f} | {per_word[slowest]:.1f} ({slowest}) | {hits[slowest]} | {1000 * process:.0f} |")
    print(f"| the 13 county names with --county 孝义市 | 13 | {statistics.median(filtered.values()):.1f} | {filtered[slowest_filtered]:.1f} ({slowest_filtered}) | | |\n")

    print("| trends | median ms | slowest ms |")
    print("|---|---|---|")
    for by in ("theme", "county", "paper"):
        for label, kwargs in (("12 weeks", {}), (f"whole archive ({oldest} to {newest})", {"since": oldest, "until": newest})):
            took = timings(lambda: trends(archive, by, **kwargs), runs)
            print(f"| by {by}, {label} | {statistics.median(took):.1f} | {max(took):.1f} |")
    print()



def measure_archive(args, work: Path, corpus: Path, load_before: float) -> None:
    """Search and trends over an archive of --issues issues (made here unless --archive names one)."""
    archive = args.archive
    if archive is None:
        archive = work / "archive.sqlite"
        inputs = work / "all"
        inputs.mkdir(exist_ok=True)
        for path in sorted(corpus.iterdir())[: args.issues]:
            shutil.copy(path, inputs / path.name)
        subprocess.run([sys.executable, "-m", "digest", "archive", "add", str(inputs), "--archive", str(archive), "--cache-dir", str(work / "cache-all"), "-j", "2"], check=True, env=ENV, cwd=ROOT)
    import sqlite3

    db = sqlite3.connect(f"file:{archive}?mode=ro", uri=True)
    issues, articles = db.execute("SELECT (SELECT count(*) FROM issues), (SELECT count(*) FROM articles)").fetchone()
    oldest, newest = (dt.date.fromisoformat(d) for d in db.execute("SELECT min(date), max(date) FROM articles").fetchone())
    db.close()
    print(f"Archive: {issues} issues, {articles:,} articles, {archive.stat().st_size / 1e6:.0f} MB; {os.cpu_count()} CPUs, load average {load_before:.1f} before\n")

    measure_queries(archive, oldest, newest, args.runs)


TOKENS = "making the index's tokens (of articles that do not carry them)"


class _TimedConnection:
    """An sqlite3 connection whose execute and executemany add their CPU seconds to `spent`, by statement."""

    def __init__(self, db, spent):
        self.db, self.spent = db, spent

    def __getattr__(self, name):
        return getattr(self.db, name)

    def _timed(self, call, sql, *args):
        start = time.process_time()
        try:
            return call(sql, *args)
        finally:
            key = " ".join(sql.split()[:3]).split("(")[0]
            self.spent[key] = self.spent.get(key, 0.0) + time.process_time() - start

    def execute(self, sql, *args):
        return self._timed(self.db.execute, sql, *args)

    def executemany(self, sql, rows):
        return self._timed(self.db.executemany, sql, rows)


def measure_record_parts(inputs: Path, work: Path, repeats: int) -> None:
    import sqlite3

    from digest import pipeline
    from digest.archive import record
    from digest.archive.tokens import TOKENIZER, index_tokens
    from digest.config import BuildConfig

    issues, *_ = pipeline.process_inputs(BuildConfig(inputs=[str(inputs)], out_dir=work / "out", cache_dir=work / "warm-cache", archive=None))
    articles = [article for issue in issues for article in issue.articles]
    runs: list[dict[str, float]] = []
    opened, tokens, kept = record.open_for_writing, record.index_tokens, record.article_tokens
    for repeat in range(repeats):
        spent: dict[str, float] = {}

        def timed(make, spent=spent):
            def run(given):
                start = time.process_time()
                try:
                    return make(given)
                finally:
                    spent[TOKENS] = spent.get(TOKENS, 0.0) + time.process_time() - start
            return run

        record.open_for_writing = lambda path, spent=spent, **options: _TimedConnection(opened(path, **options), spent)
        record.index_tokens, record.article_tokens = timed(tokens), timed(kept)
        target = work / f"parts-{repeat}.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        start = time.process_time()
        record.record_issues(target, issues, "parts")
        spent["record_issues, all of it"] = time.process_time() - start
        runs.append(spent)
    record.open_for_writing, record.index_tokens, record.article_tokens = opened, tokens, kept
    rows = [(article_id, index_tokens(article.title or ""), index_tokens(article.text)) for article_id, article in enumerate(articles, 1)]
    print(f"Recording {len(issues)} issues ({len(articles)} articles, {sum(len(a.text) for a in articles):,} characters, "
          f"{sum(len(t.split()) + len(b.split()) for _, t, b in rows):,} index tokens) into a new file, CPU s, median of {repeats}:\n")
    print("| part | CPU s |\n|---|---|")
    for key in sorted(runs[0], key=lambda k: -runs[0][k]):
        print(f"| {key} | {statistics.median(run.get(key, 0.0) for run in runs):.3f} |")
    once = [(i, " ".join(dict.fromkeys(t.split())), " ".join(dict.fromkeys(b.split()))) for i, t, b in rows]
    tokenizer = f"tokenize='{TOKENIZER}'"
    variants = {
        "as recorded (contentless, detail=full)": (rows, f"content='', {tokenizer}"),
        "columnsize=0": (rows, f"content='', columnsize=0, {tokenizer}"),
        "detail=column": (rows, f"content='', detail=column, {tokenizer}"),
        "detail=none": (rows, f"content='', detail=none, {tokenizer}"),
        "unicode61 tokenizer (schema v5)": (rows, "content='', tokenize='unicode61 remove_diacritics 0'"),
        "every character once per article, detail=none": (once, f"content='', detail=none, {tokenizer}"),
    }
    took: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(repeats):
        for name, (given, options) in variants.items():  # interleaved: the machine's load weighs on all alike
            db = sqlite3.connect(":memory:", isolation_level=None)
            db.execute(f"CREATE VIRTUAL TABLE ix USING fts5(title, body, {options})")
            start = time.process_time()
            db.execute("BEGIN")
            db.executemany("INSERT INTO ix(rowid, title, body) VALUES (?, ?, ?)", given)
            db.execute("COMMIT")
            took[name].append(time.process_time() - start)
            db.close()
    print("\n| the same tokens into an FTS5 table in memory | CPU s, min |\n|---|---|")
    for name, times in took.items():
        print(f"| {name} | {min(times):.3f} |")


COUNTED = r"""
import sys
from pathlib import Path
from digest import pipeline
from digest.archive.record import record_issues
from digest.config import BuildConfig
inputs, work, target = (Path(a) for a in sys.argv[1:4])  # work: the folder of the cache (warm-cache)
issues, *_ = pipeline.process_inputs(BuildConfig(inputs=[str(inputs)], out_dir=work / "out", cache_dir=work / "warm-cache", archive=None))
if target.name:
    record_issues(target, issues, "counted")
"""


def measure_instructions(inputs: Path, work: Path, roots: dict[str, Path]) -> None:
    """Instructions of recording the issues of `inputs` from a full cache into a new file: a
    process that loads and records, less one that only loads, each counted by callgrind; for
    each tree of `roots` (name -> folder), each with a cache of its own."""
    import re

    def counted(root: Path, cache: Path, target: str) -> int:
        done = subprocess.run(["valgrind", "--tool=callgrind", "--cache-sim=no", "--callgrind-out-file=/dev/null", sys.executable, "-c", COUNTED, str(inputs), str(cache), target],
                              capture_output=True, text=True, env={**ENV, "PYTHONPATH": str(root), "PYTHONHASHSEED": "0"}, cwd=root)
        if done.returncode != 0:
            sys.exit(f"archive benchmark: counted process failed:\n{done.stderr[-2000:]}")
        return int(re.search(r"Collected : (\d+)", done.stderr).group(1))

    print("| instructions (callgrind) | loading the issues from the cache | loading and recording them into a new file | recording |\n|---|---|---|---|")
    for name, root in roots.items():
        cache = work if root == ROOT else work / f"cache-of-{root.name}"
        subprocess.run([sys.executable, "-c", COUNTED, str(inputs), str(cache), ""], check=True, env={**ENV, "PYTHONPATH": str(root)}, cwd=root)  # fills the cache
        target = work / f"counted-{root.name}.sqlite"
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        loading, both = counted(root, cache, ""), counted(root, cache, str(target))
        print(f"| {name} | {loading:,} | {both:,} | {both - loading:,} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, help="an archive of the corpus made before (default: made here)")
    parser.add_argument("--issues", type=int, default=300)
    parser.add_argument("--record-issues", type=int, default=30, help="issues in the recording builds (default 30; 0 skips them)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only-record", action="store_true", help="skip search and trends")
    parser.add_argument("--case", action="append", choices=CASES, help="only these recording cases (repeatable; default: all four)")
    parser.add_argument("--repeats", type=int, default=3, help="builds of each case with and without an archive (default 3; medians)")
    parser.add_argument("--work", type=Path)
    parser.add_argument("--record-parts", action="store_true", help="where recording's time goes, in this process (skips 1-4)")
    parser.add_argument("--instructions", action="store_true", help="recording's instructions, counted by callgrind (skips 1-4)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes of every recording build (default 1: none; the default pool is sized from the load, so a pair's two builds could differ in it)")
    parser.add_argument("--baseline", metavar="REV", help="the recording builds (and --instructions) also for a git archive of revision REV, interleaved")
    args = parser.parse_args()
    work = (args.work or Path(tempfile.mkdtemp(prefix="digest-archive-bench-"))).resolve()
    args.archive = args.archive and args.archive.resolve()
    corpus = work / "corpus"
    if not corpus.exists():
        make_corpus(corpus, max(args.issues, args.record_issues))
    load_before = os.getloadavg()[0]
    if args.only_record or args.record_parts or args.instructions:
        print(f"{os.cpu_count()} CPUs, load average {load_before:.1f} before\n")
    else:
        measure_archive(args, work, corpus, load_before)

    n = args.record_issues
    if not n:
        return
    inputs = work / f"in-{n}"
    inputs.mkdir(exist_ok=True)
    for path in sorted(corpus.iterdir())[:n]:
        shutil.copy(path, inputs / path.name)
    if args.record_parts:
        measure_record_parts(inputs, work, args.repeats)
        return
    roots = {"this tree": ROOT}
    if args.baseline:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", args.baseline], capture_output=True, text=True, check=True).stdout.strip()
        folder = work / f"baseline-{commit}"
        if not folder.exists():  # a --work used before keeps it
            export(commit, folder)
        roots = {f"{args.baseline} at {commit}": folder, **roots}
    if args.instructions:
        measure_instructions(inputs, work, roots)
        return
    measure_recording(args, work, inputs, roots)


def measure_recording(args, work: Path, inputs: Path, roots: dict[str, Path]) -> None:
    """4: the recording cases, each tree of `roots` (name -> folder) built in turn, with its
    own caches and archives, every repeat of every tree before the next repeat."""
    n = args.record_issues
    last_day = FIRST_DAY + dt.timedelta(days=n - 1)
    until = last_day - dt.timedelta(days=(last_day.weekday() + 1) % 7)  # the last Sunday: a whole ISO week,
    since = until - dt.timedelta(days=6)  # so the briefing compares it with the week before (also in the folder)
    places = {name: work if root == ROOT else work / f"runs-{root.name}" for name, root in roots.items()}
    for name, root in roots.items():
        place = places[name]
        place.mkdir(exist_ok=True)
        build(inputs, place / "out", place / "warm-cache", None, since, until, root=root)  # fills the cache: every later warm build takes all from it
        build(inputs, place / "out", place / "warm-cache", place / "warm-holding.sqlite", since, until, root=root)  # and an archive that holds them all
    rows = {}
    for case in args.case or CASES:
        figures = {name: {"without": [], "with": []} for name in roots}
        for repeat in range(args.repeats):
            for name, root in roots.items():
                place = places[name]
                for which in ("without", "with"):
                    if case == "cold":
                        cache, target = place / f"cold-cache-{which}-{repeat}", place / f"cold-{repeat}.sqlite"
                    elif case == "warm, archive holds them":
                        cache, target = place / "warm-cache", place / "warm-holding.sqlite"
                    elif case == "warm, empty archive":
                        cache, target = place / "warm-cache", place / f"empty-{repeat}.sqlite"
                    else:  # the same issues recorded before with other settings (or by an older digest): every issue replaced
                        cache, target = place / "warm-cache", place / f"other-{repeat}.sqlite"
                        if which == "with":
                            build(inputs, place / "out", place / "other-cache", target, since, until, OTHER_SENTENCES, root=root)
                    if case in ("cold", "warm, empty archive") and which == "with":  # empty whatever an earlier run in this --work left
                        for suffix in ("", "-wal", "-shm"):
                            Path(f"{target}{suffix}").unlink(missing_ok=True)
                    if case == "cold":
                        shutil.rmtree(cache, ignore_errors=True)
                    wall, own = build(inputs, place / "out", cache, target if which == "with" else None, since, until, root=root, jobs=args.jobs)
                    figures[name][which].append({"wall": wall, **own})
        for name in roots:
            runs = figures[name]
            medians = {which: {key: statistics.median(f[key] for f in builds) for key in builds[0]} for which, builds in runs.items()}
            pairs = [100 * with_archive["record_cpu"] / without["cpu"] for without, with_archive in zip(runs["without"], runs["with"])]
            rows[(case, name)] = medians, pairs
        print(f"  {case}: done", file=sys.stderr)
    print(f"| build of {n} issues (json, md, html; the ISO week {since} to {until}) | tree | wall s without → with archive | added | CPU s without → with | added "
          "| recording s (CPU s) | 与上周相比 s (CPU s) | recording, share of the build without: wall (CPU) | recording + comparing, share: wall (CPU) | recording's CPU share, each pair |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for (case, name), (row, pairs) in rows.items():
        without, with_archive = row["without"], row["with"]
        both, both_cpu = with_archive["record"] + with_archive["compare"], with_archive["record_cpu"] + with_archive["compare_cpu"]
        print(f"| {case} | {name} | {without['wall']:.2f} → {with_archive['wall']:.2f} | {100 * (with_archive['wall'] - without['wall']) / without['wall']:+.1f}% "
              f"| {without['cpu']:.2f} → {with_archive['cpu']:.2f} | {100 * (with_archive['cpu'] - without['cpu']) / without['cpu']:+.1f}% "
              f"| {with_archive['record']:.3f} ({with_archive['record_cpu']:.3f}) | {with_archive['compare']:.2f} ({with_archive['compare_cpu']:.2f}) "
              f"| {100 * with_archive['record'] / without['wall']:.1f}% ({100 * with_archive['record_cpu'] / without['cpu']:.1f}%) "
              f"| {100 * both / without['wall']:.1f}% ({100 * both_cpu / without['cpu']:.1f}%) | {', '.join(f'{p:.1f}' for p in pairs)} |")
    print(f"\nMedians of {args.repeats} builds each, alternating; load average {os.getloadavg()[0]:.1f} after.")

if __name__ == "__main__":
    main()
