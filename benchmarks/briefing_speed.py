"""How fast a week's briefing is built, against what jieba alone needs, in one run.

    python benchmarks/briefing_speed.py [--runs 3] [--only week,summarize,long,growth] [--eval ../shared/eval] [--baseline REV]

Every figure is a whole process started from here (imports, dictionary loads, writing the
files), and every ratio is against a baseline measured in the same run, interleaved with it,
so the load other work puts on the machine weighs on both; each is the median of --runs runs.
The package's modules are compiled to bytecode first (in this tree and a --baseline's), as
installing it does: a tree without bytecode compiles digest's source in every process.
The week's processes are timed in wall and in CPU seconds (user + system, from the kernel):
on a machine shared with other work, CPU seconds are the steadier of the two.

1. week: the week of 28 page files (7 days × 4 pages, each a sample issue varied by
   make_corpus.vary_page, named by its date) and a big week of 84 page files. The floor is
   Python starting, jieba loading its dictionary and cutting the same text once
   (`jieba.lcut` of the 28 files' text). Then `digest build --no-cache` with Markdown, HTML
   and JSON, and with all four formats; the PDF's page count (pdfinfo); Markdown, HTML and
   JSON again with --jobs 1 (one process: without the default pool of workers). With --baseline REV,
   the same two builds also run in a `git archive` of revision REV (interleaved with the
   rest), and the Markdown, HTML and JSON of both trees are compared byte for byte.
2. summarize: `digest summarize <180 files> --json` (the CLTS articles, as benchmarks/speed.py
   writes them) with `--ranker textrank` and `--ranker textrank4zh`.
3. long: one article of 15,000 sentences (CLTS sentences, every copy numbered so none
   repeats) through `digest summarize FILE --json`: wall clock and the process's peak RSS.
4. growth: one process per size builds one issue file of 20k, 200k and 2M characters (the
   pages one after another, a big issue) and a folder of page files of the same total,
   timing each stage in CPU seconds (read and clean, segment, date, summarize, enrich,
   compose, select, render md/html/json; all in that one process) after a warm-up build of
   one sample page (so loading dictionaries and libraries is not counted in any stage); the
   growth exponent is the log-log slope of a stage's time against the characters, from 20k
   to 2M (1 = linear, 2 = quadratic). Two kinds of pages, a table each (--growth-pages):
   `varied`, the five sample pages varied over and over (`make_pages`: every article has
   more near-copies the bigger the week), and `distinct`, the real articles of ../shared
   (benchmarks/distinct_pages.py: each printing a distinct article).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from distinct_pages import SHARED, make_distinct_pages, missing_sources  # noqa: E402
from make_corpus import SEEDS, variation_material, vary_page  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DIGEST = str(Path(sys.executable).with_name("digest"))
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
FIRST_DAY = dt.date(2025, 4, 7)  # a Monday


def make_pages(out: Path, count: int, seed: str = "week") -> int:
    """`count` page files, four a day from FIRST_DAY, each a sample issue varied; the characters written."""
    pages, words, names, county_re = variation_material()
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    per_day = max(4, math.ceil(count / 7))
    for n in range(count):
        rng = random.Random(f"{seed}-{n}")
        shuffled = names[:]
        rng.shuffle(shuffled)
        text = vary_page(pages[n % len(pages)], words, rng, dict(zip(names, shuffled)), county_re).strip("\n") + "\n"
        day = FIRST_DAY + dt.timedelta(days=n // per_day)
        (out / f"{day:%Y-%m-%d}-p{n % per_day + 1:02d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


def run(command: list[str], timeout: float = 900, cwd: Path | None = None, env: dict | None = None) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (KB) and CPU seconds (user + system) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env)
    try:
        _, status, usage = os.wait4(process.pid, 0)
    except BaseException:
        process.kill()
        raise
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"briefing_speed: {' '.join(command[:3])}… failed:\n{process.stderr.read().decode()}")
    return wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def median_runs(commands: dict[str, list[str]], runs: int, places: dict[str, tuple[Path, dict]] | None = None) -> dict[str, list[tuple[float, float]]]:
    """Wall and CPU seconds of each command `runs` times, interleaved (a, b, c, a, b, c …);
    `places` gives a command the folder and environment it runs in (a baseline revision's tree)."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            cwd, env = (places or {}).get(name, (None, None))
            wall, _, cpu = run(command, cwd=cwd, env=env)
            times[name].append((wall, cpu))
    return times


def export(revision: str, folder: Path) -> Path:
    """Revision `revision` of this repository, as files in `folder` (`git archive`)."""
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def byte_compile(tree: Path) -> None:
    """The package's modules in `tree` compiled to bytecode (its `__pycache__` folders), as
    installing the package does. A process reads a module's bytecode when it is there and
    compiles the source otherwise, every time when PYTHONDONTWRITEBYTECODE is set or the tree
    is read-only: 0.54 billion instructions of a build's start (importing the package: 2.94
    billion without bytecode, 2.40 with), which the floor never pays (jieba is installed with
    its bytecode)."""
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(tree / "digest")], check=True, stdout=subprocess.DEVNULL)


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


FLOOR = "import jieba, logging, sys; jieba.setLogLevel(logging.WARNING); jieba.lcut(open(sys.argv[1], encoding='utf-8').read())"


def week_rows(work: Path, runs: int, baseline: str | None = None) -> None:
    base = export(baseline, work / "baseline") if baseline else None
    if base:
        byte_compile(base)
    places = {}
    for label, count in (("the week of 28 page files", 28), ("a big week of 84 page files", 84)):
        folder = work / f"week-{count}"
        chars = make_pages(folder, count)
        text = work / f"week-{count}.txt"
        text.write_text("".join(p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())), encoding="utf-8")
        out = work / f"out-{count}"
        # Its own archive, not the user's: the first run records the week, the others replace it.
        archive = ["--archive", str(work / f"archive-{count}.sqlite")]
        commands = {
            "floor: python + jieba load + cut once": [PYTHON, "-c", FLOOR, str(text)],
            "digest build -f md -f html -f json": [DIGEST, "build", str(folder), "--no-cache", *archive, "-o", str(out), "-f", "md", "-f", "html", "-f", "json"],
            "digest build (all four formats)": [DIGEST, "build", str(folder), "--no-cache", *archive, "-o", str(out)],
            # The same in one process: what the pool of workers (the default --jobs) saves.
            "digest build -f md -f html -f json --jobs 1": [DIGEST, "build", str(folder), "--no-cache", *archive, "-o", str(work / f"out-{count}-jobs1"), "-f", "md", "-f", "html", "-f", "json", "--jobs", "1"],
        }
        if base:
            base_out = work / f"out-{count}-baseline"
            base_archive = ["--archive", str(work / f"archive-{count}-baseline.sqlite")]
            for name, formats in (("-f md -f html -f json", ["-f", "md", "-f", "html", "-f", "json"]), ("(all four formats)", [])):
                key = f"{baseline}: digest build {name}"
                commands[key] = [DIGEST, "build", str(folder), "--no-cache", *base_archive, "-o", str(base_out), *formats]
                places[key] = (base, {**os.environ, "PYTHONPATH": str(base)})
        times = median_runs(commands, runs, places)
        floor = statistics.median(w for w, _ in times["floor: python + jieba load + cut once"])
        floor_cpu = statistics.median(c for _, c in times["floor: python + jieba load + cut once"])
        print(f"\n{label}: {chars:,} characters, {len(list(folder.iterdir()))} files; {runs} runs each, median (all runs)\n")
        print("| process | wall s | × floor | CPU s | × floor (CPU) |")
        print("|---|---|---|---|---|")
        for name, values in times.items():
            walls, cpus = [w for w, _ in values], [c for _, c in values]
            m, c = statistics.median(walls), statistics.median(cpus)
            print(f"| {name} | {m:.2f} ({', '.join(f'{v:.2f}' for v in walls)}) | {m / floor:.2f} | {c:.2f} ({', '.join(f'{v:.2f}' for v in cpus)}) | {c / floor_cpu:.2f} |")
        if base:
            same = [f for f in ("md", "html", "json") if (out / f"briefing.{f}").read_bytes() == (base_out / f"briefing.{f}").read_bytes()]
            print(f"\nMarkdown, HTML, JSON byte for byte those of {baseline}: {', '.join(same) or 'none'} the same")
        data = json.loads((out / "briefing.json").read_text(encoding="utf-8"))
        selected = sum(a["selected"] for a in data["articles"])
        print(f"\nPDF: {pdf_pages(out / 'briefing.pdf')} pages (budget 24); {len(data['articles'])} articles, {selected} featured with key sentences")


def summarize_rows(work: Path, runs: int, eval_dir: Path) -> None:
    articles = [json.loads(line)["article"] for line in (eval_dir / "clts_samples.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    folder = work / "clts180"
    folder.mkdir()
    paths = []
    for i in range(180):
        path = folder / f"article_{i:03}.txt"
        path.write_text(articles[i % len(articles)], encoding="utf-8")
        paths.append(str(path))
    commands = {name: [DIGEST, "summarize", *paths, "--json", "--ranker", name] for name in ("textrank", "textrank4zh")}
    times = {name: [w for w, _ in values] for name, values in median_runs(commands, runs).items()}
    print(f"\n`digest summarize` 180 CLTS files `--json`; {runs} runs each, median\n")
    print("| ranker | wall s |")
    print("|---|---|")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):.2f} ({', '.join(f'{v:.2f}' for v in values)}) |")
    print(f"\ntextrank4zh / textrank: {statistics.median(times['textrank4zh']) / statistics.median(times['textrank']):.1f}×")


def long_article(eval_dir: Path, sentences: int = 15_000) -> str:
    articles = [json.loads(line)["article"] for line in (eval_dir / "clts_samples.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    pool = [s for a in articles for s in re.findall(r"[^。！？]+[。！？]", a)]
    out, k = [], 0
    while len(out) < sentences:
        copy = k // len(pool) + 1
        sentence = pool[k % len(pool)]
        out.append(sentence if copy == 1 else sentence[:-1] + str(copy) + sentence[-1])
        k += 1
    # Paragraphs of ten sentences, as an article prints them.
    return "\n".join("".join(out[i : i + 10]) for i in range(0, len(out), 10)) + "\n"


def long_rows(work: Path, runs: int, eval_dir: Path) -> None:
    path = work / "long.txt"
    path.write_text(long_article(eval_dir), encoding="utf-8")
    figures = [run([DIGEST, "summarize", str(path), "--json"]) for _ in range(runs)]
    walls, rss = [f[0] for f in figures], [f[1] for f in figures]
    print(f"\none article of 15,000 sentences ({len(path.read_text(encoding='utf-8')):,} characters), `digest summarize FILE --json`, {runs} runs\n")
    print(f"| wall s, median | peak RSS MB, median |\n|---|---|\n| {statistics.median(walls):.2f} ({', '.join(f'{w:.2f}' for w in walls)}) | {statistics.median(rss) / 1024:,.0f} |")


# Runs in a fresh interpreter: one build with every stage timed, its figures as one JSON line.
STAGES = r"""
import json, sys, time
from pathlib import Path
import digest.pipeline as pipeline
from digest import enrich, render, select as select_module
from digest.config import BuildConfig
stages = {}
def timed(owner, name, label):
    fn = getattr(owner, name)
    def wrapper(*a, **k):
        start = time.process_time()  # CPU seconds: steadier than wall time on a shared machine
        try:
            return fn(*a, **k)
        finally:
            stages[label] = stages.get(label, 0.0) + time.process_time() - start
    setattr(owner, name, wrapper)
timed(pipeline, "read_issues", "read and clean")
timed(pipeline.segment, "segment", "segment")
timed(pipeline, "date_issue", "date")
timed(pipeline, "summarize_article", "summarize")
timed(pipeline, "classify", "enrich")
timed(pipeline, "locate", "enrich")
timed(pipeline, "compose", "compose")
timed(pipeline, "select", "select")
timed(render.Renderer, "render", "render md, html, json")
# A warm-up build of one sample page first: dictionaries, models and libraries load once, so
# the stages' times below are what the characters cost, not what starting up costs.
pipeline.build(BuildConfig(inputs=[sys.argv[3]], out_dir=Path(sys.argv[2]), formats=("md", "html", "json"), cache_dir=None))
stages.clear()
config = BuildConfig(inputs=[sys.argv[1]], out_dir=Path(sys.argv[2]), formats=("md", "html", "json"), cache_dir=None)
pipeline.build(config)
print(json.dumps(stages))
"""


def growth_inputs(work: Path, sizes: list[int], kind: str):
    """The growth builds' inputs in `work`, for each size: (size, the characters actually
    written, whole page files, and ((layout, folder to build), ...)): one issue file of the
    `kind` pages one after another ("one issue") and the same pages as files ("page files")."""
    pages_dir = work / "growth-pages"
    count = math.ceil(max(sizes) / 6000) + 1
    if kind == "distinct":
        make_distinct_pages(pages_dir, count, seed="growth")
    else:
        make_pages(pages_dir, count, seed="growth")
    files = sorted(pages_dir.iterdir())
    for size in sizes:
        chosen, used = [], 0
        for path in files:
            if used >= size:
                break
            chosen.append(path)
            used += len(path.read_text(encoding="utf-8"))
        big = work / f"issue-{size}" / "2025-04-07.txt"
        big.parent.mkdir()
        big.write_text("\n".join(p.read_text(encoding="utf-8") for p in chosen), encoding="utf-8")
        folder = work / f"pages-{size}"
        folder.mkdir()
        for p in chosen:
            shutil.copy(p, folder / p.name)
        yield size, used, (("one issue", big.parent), ("page files", folder))


def growth_rows(work: Path, sizes: list[int], kind: str = "varied") -> None:
    """The growth table over `kind` of pages: "varied" (the sample pages varied, make_pages)
    or "distinct" (distinct articles from ../shared's real text, distinct_pages.py)."""
    if kind == "distinct" and (missing := missing_sources(SHARED)):
        print(f"\ndistinct pages: skipped, no {missing[0]} (the real articles are read from ../shared)")
        return
    work = work / kind
    results: dict[str, dict[int, dict[str, float]]] = {"one issue": {}, "page files": {}}
    chars: dict[int, int] = {}  # the characters actually built for each size (whole page files)
    for size, used, layouts in growth_inputs(work, sizes, kind):
        chars[size] = used
        for layout, inputs in layouts:
            start = time.perf_counter()
            done = subprocess.run([PYTHON, "-c", STAGES, str(inputs), str(work / "growth-out"), str(next(SEEDS.glob("000_*")))], capture_output=True, text=True)
            if done.returncode:
                sys.exit(f"briefing_speed: growth build failed:\n{done.stderr}")
            results[layout][size] = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"  growth ({kind}): {layout}, {used:,} characters: {time.perf_counter() - start:.1f} s", file=sys.stderr)
    small, large = min(sizes), max(sizes)
    middle = sorted(sizes)[-2]
    print(f"\n{kind} pages: stage time, s, and growth exponent (log-log slope against the characters actually built: {', '.join(f'{chars[s]:,}' for s in sizes)}; one issue file / page files of ~6k characters)\n")
    names = list(results["one issue"][small])
    print("| stage | " + " | ".join(f"{chars[s]:,} one issue | {chars[s]:,} page files" for s in sizes) + " | exponent, one issue (whole range; last step) | exponent, page files (whole range; last step) |")
    print("|---|" + "---|" * (2 * len(sizes) + 2))

    def slope(layout: str, name: str, a: int, b: int) -> str:
        ta, tb = results[layout][a].get(name, 0.0), results[layout][b].get(name, 0.0)
        return f"{math.log(tb / ta) / math.log(chars[b] / chars[a]):.2f}" if ta > 0 and tb > 0 else "–"

    for name in names:
        cells = [f"{results[layout][s].get(name, 0.0):.3f}" for s in sizes for layout in ("one issue", "page files")]
        exps = [f"{slope(layout, name, small, large)}; {slope(layout, name, middle, large)}" for layout in ("one issue", "page files")]
        print(f"| {name} | " + " | ".join(cells) + " | " + " | ".join(exps) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="week,summarize,long,growth")
    parser.add_argument("--sizes", default="20000,200000,2000000", help="growth: characters (default 20k, 200k, 2M)")
    parser.add_argument("--growth-pages", default="varied,distinct", help="growth: which pages, each its own table: varied (the sample pages varied), distinct (distinct articles from ../shared's real text)")
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--baseline", metavar="REV", help="week: also build in a git archive of revision REV, interleaved, and compare the outputs")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    growth_pages = list(dict.fromkeys(args.growth_pages.split(",")))  # each kind once, in the order given
    if unknown := set(growth_pages) - {"varied", "distinct"}:
        parser.error(f"--growth-pages: {', '.join(repr(k) for k in sorted(unknown))}: not varied or distinct")
    work = Path(tempfile.mkdtemp(prefix="digest-briefing-speed-"))
    byte_compile(ROOT)  # every tree timed runs from bytecode, as an installed package does
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start; Python {sys.version.split()[0]}")
    try:
        if "week" in parts:
            week_rows(work, args.runs, args.baseline)
        if "summarize" in parts:
            summarize_rows(work, args.runs, args.eval)
        if "long" in parts:
            long_rows(work, args.runs, args.eval)
        if "growth" in parts:
            for kind in growth_pages:
                growth_rows(work, [int(s) for s in args.sizes.split(",")], kind)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
