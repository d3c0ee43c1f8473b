"""Scoring a generated set: each extractor's text of every page through a segmenter, against
the page's key.

The segmenter runs in a subprocess (run_segmenter.py) with PYTHONPATH set to the tree whose
`digest` is measured: the work tree, or `git archive REV` unpacked in a temporary folder for
--baseline, so today's segmenter and a new one are scored on the same pages, by the same
(current) scoring code, in one run.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

from digest.evaluate import Score, load_key, score_issue
from digest.model import Article

from .sources import source_of

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("run_segmenter.py")
EXTRACTORS = ("raw", "plain", "layout", "pdf")


def input_for(key_path: Path, extractor: str) -> Path:
    stem = key_path.with_suffix("")
    return stem.with_suffix(".pdf") if extractor == "pdf" else stem.with_name(f"{stem.name}.{extractor}.txt")


def keys_in(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).glob("*.json") if p.name != "manifest.json")


def run_segmenter(paths: list[Path], src: Path) -> dict[str, dict]:
    """{path: record} for every path, from the digest in `src`."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump([str(p) for p in paths], f)
        listing = f.name
    env = {"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0", "LANG": "C.UTF-8"}
    proc = subprocess.run([sys.executable, "-P", str(RUNNER), listing], capture_output=True, text=True, env=env, cwd=src)
    Path(listing).unlink()
    if proc.returncode:
        raise RuntimeError(f"segmenter in {src} failed:\n{proc.stderr[-3000:]}")
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return {r["path"]: r for r in records}


def unpack(rev: str) -> tempfile.TemporaryDirectory:
    """The tree of git revision `rev` in a temporary folder (the caller keeps it alive)."""
    tmp = tempfile.TemporaryDirectory(prefix="digest-baseline-")
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
    tar = Path(tmp.name) / "tree.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as t:
        t.extractall(tmp.name, filter="data")
    tar.unlink()
    return tmp


def score_set(folder: Path, extractor: str, src: Path) -> dict[str, Score]:
    """{split: Score} of every key in `folder`, read by `extractor`, cut by the digest in `src`."""
    keys = [k for k in keys_in(folder) if input_for(k, extractor).exists()]
    records = run_segmenter([input_for(k, extractor) for k in keys], src)
    by_split: dict[str, Score] = defaultdict(Score)
    for key_path in keys:
        key = load_key(key_path)
        record = records.get(str(input_for(key_path, extractor)), {"articles": []})
        articles = [Article(source=key["source"], text=a["text"], title=a["title"], title_generated=a["title_generated"],
                            kind=a["kind"], lvliang=a["lvliang"], page=a.get("page"), dateline=a.get("dateline")) for a in record["articles"]]
        score = score_issue(articles, key, paper=record.get("paper"), date=record.get("date"))
        if record.get("error"):
            score.misses.insert(0, f"{key['source']}: segmenter error {record['error']}")
        by_split[key.get("split", "-")].add(score)
    return dict(by_split)


def by_feature(score: Score) -> dict[str, tuple[int, int]]:
    """Layout feature → (articles with it, cut exactly)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in score.results:
        for feat in r["layout"]:
            name = feat
            counts[name][0] += 1
            counts[name][1] += r["exact"]
    return {k: (v[0], v[1]) for k, v in sorted(counts.items())}


SOURCES = ("corpus", "sogou", "clts", "clts_plus", "seed", "notice", "lcsts")


def by_source(score: Score) -> dict[str, dict[str, float | int]]:
    """Source prefix → cut P/R/F1, spurious pieces, headlines exact and kinds right of its key
    articles. An output is counted for the source of the key article `Score.output_results` names
    (a spurious piece: the article whose end it holds; `none` when it holds no article's end)."""
    rows: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in score.results:
        row = rows[source_of(r.get("id"))]
        row["articles"] += 1
        row["exact"] += r["exact"]
        row["kind right"] += r["kind"]
        row["titled"] += r["title"] is not None
        row["title exact"] += bool(r["title"])
    for output in score.output_results:
        row = rows[source_of(output["id"])]
        row["outputs"] += 1
        row["spurious"] += output["spurious"]
    order = [s for s in SOURCES if s in rows] + sorted(set(rows) - set(SOURCES))
    table = {}
    for name in order:
        row = rows[name]
        recall = row["exact"] / row["articles"] if row["articles"] else 0.0
        precision = row["exact"] / row["outputs"] if row["outputs"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        # `none` (spurious pieces holding no article's end) has no articles: no recall, no F1.
        table[name] = {"articles": row["articles"], "outputs": row["outputs"],
                       "cut P %": round(100 * precision, 1) if row["outputs"] else "-",
                       "cut R %": round(100 * recall, 1) if row["articles"] else "-",
                       "cut F1 %": round(100 * f1, 1) if row["articles"] and row["outputs"] else "-",
                       "spurious": row["spurious"],
                       "headline exact %": round(100 * row["title exact"] / row["titled"], 1) if row["titled"] else "-",
                       "kind right %": round(100 * row["kind right"] / row["articles"], 1) if row["articles"] else "-"}
    return table
