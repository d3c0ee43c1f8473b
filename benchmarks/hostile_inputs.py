"""Hostile inputs: CPU and peak memory of whole `digest` processes on inputs made to be costly,
this tree beside a baseline revision, in the same run (each case baseline then this tree).

    python benchmarks/hostile_inputs.py [--baseline REV] [--only numbers,places,edits,lines,oneline,sigterm]

Every input is written under a temporary folder when the script runs:

- numbers: files of numbers, one a line (no line ends a sentence: one paragraph), 0.5 and 2 MB,
  through `digest summarize` (joining the paragraph's lines was quadratic);
- places: the sample issues built with a places.toml of 221,394 made-up names (4 MB, the cap);
- edits: the sample issues with an edits file dropping 60,000 ids none of which is there (an
  error either way: the ids were checked for repeats pairwise);
- lines: 16 MB of numbers, one a line (2.7 million lines): what `digest build` holds on to;
- oneline: 9.4 MB of prose on one line (3,149,908 characters, a full stop every 20 or so): under
  the line cap however long;
- sigterm: seconds from SIGTERM to the end of a build whose two workers each hold a 2 MB issue.

Prints a Markdown table: CPU seconds (user + system, children included), peak resident memory
of the largest process, and the exit status, or the seconds to stop for sigterm.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from briefing_speed import DIGEST, ROOT, export  # noqa: E402

SEEDS = ROOT / "seeds"


def numbers(path: Path, size: int) -> Path:
    rng = random.Random(1)
    lines, written = [], 0
    while written < size:
        lines.append(str(rng.randint(0, 99999)))
        written += len(lines[-1]) + 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def big_places(path: Path) -> Path:
    rng = random.Random(2)
    han = [chr(c) for c in range(0x4E00, 0x9FA5)]
    parts = [(ROOT / "digest" / "data" / "places.toml").read_text(encoding="utf-8"), '\n[[other]]\nname = "大名单"\nplaces = [']
    names: set[str] = set()
    size = len(parts[0].encode())
    while size < 4_000_000:
        name = "".join(rng.choice(han) for _ in range(rng.randint(2, 6))) + rng.choice("镇乡村区县")
        if name not in names:
            names.add(name)
            parts.append(f'"{name}",')
            size += len(parts[-1].encode())
    path.write_text("".join(parts) + "]\n", encoding="utf-8")
    return path


def one_line(path: Path) -> Path:
    rng = random.Random(5)
    han = [chr(c) for c in range(0x4E00, 0x9FA5)]
    path.write_text("".join(rng.choice(han) + ("。" if rng.random() < 0.05 else "") for _ in range(3_000_000)), encoding="utf-8")
    return path


def measure(command: list[str], env: dict | None) -> tuple[float, int, int]:
    """CPU seconds (user + system, waited-for children included), peak RSS in MB, exit status,
    as /usr/bin/time reports them: a process forked from this one would count this one's pages."""
    with tempfile.NamedTemporaryFile("r") as report:
        status = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", report.name, *command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env).returncode
        user, system, peak = report.read().split()[-3:]
    return float(user) + float(system), int(peak) // 1024, status


def seconds_to_stop(command: list[str], env: dict | None) -> float:
    """Seconds from SIGTERM, sent a second after the build has two workers, to its end."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    while len(children(process.pid)) < 2:
        if process.poll() is not None:
            raise SystemExit("hostile_inputs: the build ended before its workers started")
        time.sleep(0.2)
    time.sleep(1)
    start = time.perf_counter()
    process.send_signal(signal.SIGTERM)
    process.wait()
    return time.perf_counter() - start


def children(pid: int) -> list[str]:
    found = subprocess.run(["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True, text=True).stdout
    return found.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", metavar="REV", help="also run a git archive of revision REV")
    parser.add_argument("--only", default="numbers,places,edits,lines,oneline,sigterm")
    args = parser.parse_args()
    only = args.only.split(",")
    with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
        work = Path(folder)
        # Each tree's own code first on the path, whatever the installed `digest` points at.
        trees = {"now": {**os.environ, "PYTHONPATH": str(ROOT)}}
        if args.baseline:
            base = export(args.baseline, work / "baseline")
            trees = {args.baseline: {**os.environ, "PYTHONPATH": str(base)}, **trees}
        out = ["-o", str(work / "out"), "--no-archive", "--no-cache"]
        cases: list[tuple[str, list[str]]] = []
        if "numbers" in only:
            for size in (500_000, 2_000_000):
                cases.append((f"summarize, numbers a line, {size / 1e6:g} MB", [DIGEST, "summarize", str(numbers(work / f"numbers-{size}.txt", size))]))
        if "places" in only:
            cases.append(("build seeds/ -f md, places.toml of 221,394 names", [DIGEST, "build", str(SEEDS), "--places", str(big_places(work / "places.toml")), "-f", "md", "--jobs", "1", *out]))
        if "edits" in only:
            edits = work / "edits.toml"
            edits.write_text("drop = [" + ",".join(f'"x-{n:06d}"' for n in range(60_000)) + "]\n", encoding="utf-8")
            cases.append(("build seeds/ -f md, edits dropping 60,000 unknown ids (exit 1)", [DIGEST, "build", str(SEEDS), "--edits", str(edits), "-f", "md", "--jobs", "1", *out]))
        if "lines" in only:
            cases.append(("build -f md, 16 MB of numbers a line", [DIGEST, "build", str(numbers(work / "numbers-16.txt", 16_000_000)), "-f", "md", "--jobs", "1", *out]))
        if "oneline" in only:
            cases.append(("build -f md, 9.4 MB of prose on one line", [DIGEST, "build", str(one_line(work / "oneline.txt")), "-f", "md", "--jobs", "1", *out]))
        print("| case | " + " | ".join(f"{name}: CPU s, peak MB, exit" for name in trees) + " |")
        print("|---|" + "---|" * len(trees))
        for label, command in cases:
            cells = [measure(command, env) for env in trees.values()]
            print(f"| {label} | " + " | ".join(f"{cpu:.1f}, {peak:,}, {status}" for cpu, peak, status in cells) + " |", flush=True)
        if "sigterm" in only:
            week = work / "week"
            week.mkdir()
            (week / "a.txt").write_bytes(next(SEEDS.glob("000_*")).read_bytes())
            for n in range(1, 4):
                numbers(week / f"b{n}.txt", 2_000_000)
            command = [DIGEST, "build", str(week), "-f", "md", "--jobs", "2", *out]
            print("| SIGTERM while two workers hold 2 MB issues: s to stop | " + " | ".join(f"{seconds_to_stop(command, env):.2f}" for env in trees.values()) + " |")


if __name__ == "__main__":
    main()
