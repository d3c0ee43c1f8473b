"""Growth of compose and select counted in instructions, which the load on the machine does not move.

    python benchmarks/growth_instructions.py [--sizes 20000,2000000] [--growth-pages varied,distinct] [--layouts "one issue,page files"]

The growth table of `briefing_speed.py --only growth` times each stage in CPU seconds, and on
a shared machine a stage of a few milliseconds at 20k characters varies by a third from one
process to the next (about 0.1 of an exponent). This counts the instructions of the two
stages that table shows growing fastest, `compose` and `select`, on the same inputs (the
growth pages, one issue file and page files, `briefing_speed.growth_inputs`): one build of
Markdown, HTML and JSON a process (`--jobs 1`), under `valgrind --tool=callgrind
--instr-atstart=no`, after a warm-up build of one sample page (as the growth table's); the
instrumentation is started when `compose` is called, the counts are written when each stage
returns and the instrumentation is stopped after `select` (callgrind's client requests, from
a few lines of C compiled here: needs valgrind, its header `valgrind/callgrind.h` and a C
compiler). `PYTHONHASHSEED=0`, so a process counts the same every time. The exponent is the
log-log slope of a stage's instructions against the characters built, from the smallest
size to the largest.

Instructions are not time: they do not count the cache misses a bigger heap makes. A 2M
build takes several minutes under valgrind (the build before compose runs uninstrumented,
yet some five times slower than without valgrind).
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from briefing_speed import PYTHON, growth_inputs  # noqa: E402
from distinct_pages import SHARED, missing_sources  # noqa: E402
from make_corpus import SEEDS  # noqa: E402

HELPER = r"""
#include <valgrind/callgrind.h>
void stage_start(void) { CALLGRIND_START_INSTRUMENTATION; CALLGRIND_ZERO_STATS; }
void stage_end(const char *name) { CALLGRIND_DUMP_STATS_AT(name); }
void stages_done(void) { CALLGRIND_STOP_INSTRUMENTATION; }
"""

# Runs under callgrind: a warm-up build, then the build whose compose and select are counted.
COUNTED = r"""
import ctypes, sys
from pathlib import Path
import digest.pipeline as pipeline
from digest.config import BuildConfig
helper = ctypes.CDLL(sys.argv[4])
counting = False
def counted(name):
    fn = getattr(pipeline, name)
    def wrapper(*a, **k):
        if counting:
            helper.stage_start()
        try:
            return fn(*a, **k)
        finally:
            if counting:
                helper.stage_end(name.encode())
                if name == "select":  # rendering runs uninstrumented, faster
                    helper.stages_done()
    setattr(pipeline, name, wrapper)
counted("compose")
counted("select")
def build(inputs):
    pipeline.build(BuildConfig(inputs=[inputs], out_dir=Path(sys.argv[2]), formats=("md", "html", "json"), cache_dir=None, jobs=1))
build(sys.argv[3])
counting = True
build(sys.argv[1])
"""

STAGES = ("compose", "select")


def helper_library(folder: Path) -> Path:
    source, library = folder / "stage_marks.c", folder / "stage_marks.so"
    source.write_text(HELPER, encoding="utf-8")
    compiler = shutil.which("cc") or shutil.which("gcc")
    if not shutil.which("valgrind") or not compiler:
        sys.exit("growth_instructions: needs valgrind and a C compiler")
    done = subprocess.run([compiler, "-O2", "-shared", "-fPIC", "-o", str(library), str(source)], capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"growth_instructions: the callgrind helper did not compile (valgrind/callgrind.h missing?):\n{done.stderr}")
    return library


def count(inputs: Path, work: Path, library: Path) -> dict[str, int]:
    """The instructions of each stage in one build of `inputs` under callgrind."""
    out = work / "callgrind"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    command = ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--cache-sim=no", f"--callgrind-out-file={out / 'cg.out'}",
               PYTHON, "-c", COUNTED, str(inputs), str(work / "out"), str(next(SEEDS.glob("000_*"))), str(library)]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    if done.returncode:
        sys.exit(f"growth_instructions: the counted build failed:\n{done.stderr[-3000:]}")
    counts = {}
    for dump in out.glob("cg.out.*"):
        text = dump.read_text(encoding="utf-8", errors="replace")
        trigger = re.search(r"^desc: Trigger: Client Request: (\w+)", text, re.M)
        if trigger and trigger.group(1) in STAGES:
            counts[trigger.group(1)] = int(re.search(r"^summary: (\d+)", text, re.M).group(1))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="20000,2000000", help="characters (default 20k and 2M)")
    parser.add_argument("--growth-pages", default="varied,distinct", help="varied (the sample pages varied), distinct (distinct articles from ../shared's real text), or both")
    parser.add_argument("--layouts", default="one issue,page files", help="one issue (the pages in one file), page files, or both")
    args = parser.parse_args()
    layouts = [layout for layout in ("one issue", "page files") if layout in args.layouts.split(",")]
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="digest-growth-instructions-"))
    try:
        library = helper_library(work)
        for kind in dict.fromkeys(args.growth_pages.split(",")):
            if kind == "distinct" and (missing := missing_sources(SHARED)):
                print(f"\ndistinct pages: skipped, no {missing[0]} (the real articles are read from ../shared)")
                continue
            counts: dict[tuple[str, int], dict[str, int]] = {}
            chars: dict[int, int] = {}
            for size, used, made in growth_inputs(work / kind, sizes, kind):
                chars[size] = used
                for layout, inputs in made:
                    if layout not in layouts:
                        continue
                    counts[layout, size] = count(inputs, work, library)
                    print(f"  {kind}: {layout}, {used:,} characters: {counts[layout, size]}", file=sys.stderr)
            small, large = min(sizes), max(sizes)
            print(f"\n{kind} pages: instructions of each stage, and growth exponent from {chars[small]:,} to {chars[large]:,} characters\n")
            print("| stage | " + " | ".join(f"{chars[s]:,} {layout}" for s in sizes for layout in layouts) + " | " + " | ".join(f"exponent, {layout}" for layout in layouts) + " |")
            print("|---|" + "---|" * (len(layouts) * (len(sizes) + 1)))
            for stage in STAGES:
                cells = [f"{counts[layout, s][stage]:,}" for s in sizes for layout in layouts]
                slopes = [f"{math.log(counts[layout, large][stage] / counts[layout, small][stage]) / math.log(chars[large] / chars[small]):.3f}" for layout in layouts]
                print(f"| {stage} | " + " | ".join(cells) + " | " + " | ".join(slopes) + " |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
