"""Which full-text index finds Chinese words: single characters (ours), character pairs,
jieba words, or SQLite's trigram tokenizer with a fallback for shorter words. Prints a
Markdown table.

    python benchmarks/search_tokens.py --archive FILE [--runs 5] [--methods characters,pairs,jieba,trigram]

Reads every article (headline and text) of an archive (for example the 300-issue corpus of
make_corpus.py recorded with `digest archive add DIR --archive FILE`) into one SQLite file
per method, each holding the texts and one contentless FTS5 index:

- characters: `digest.archive.tokens`, what `digest search` uses: every run of Han
  characters character by character, closed by a marker, a query word as the phrase of its
  characters;
- pairs: what it used before (schema version 4): every run as its overlapping character
  pairs, a query word as the phrase of its pairs (a single character as the first of a pair);
- jieba: the text cut by `jieba.cut_for_search` (words and the shorter words inside them),
  a query cut by `jieba.cut` and searched as a phrase, the usual way to put jieba in front of
  a word index;
- trigram: FTS5's own trigram tokenizer; a word of fewer than three characters, which it
  cannot match, falls back to a scan of every text (`instr`), without the index or bm25.

For each method: the time to tokenize and index (Python tokenizing included), the size of
the index (dbstat), and over the query words the share of the articles holding a word that
the method finds (recall), the share of what it finds that holds the word (precision), and
the median time of a query with bm25 ranking (its slowest word too). The truth is a plain
substring test on headline and text. The query words come from the project's data files,
not from the corpus: the 13 county names, their two-character short forms (孝义市 → 孝义),
and every keyword of digest/data/themes.toml.
"""

from __future__ import annotations

import argparse
import json
import logging
import operator
import re
import sqlite3
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from digest.archive.tokens import RUN_END, index_tokens, match_expression  # noqa: E402

jieba.setLogLevel(logging.WARNING)


def query_words() -> list[str]:
    places = tomllib.loads((ROOT / "digest/data/places.toml").read_text(encoding="utf-8"))
    themes = tomllib.loads((ROOT / "digest/data/themes.toml").read_text(encoding="utf-8"))
    counties = [county["name"] for county in places["county"]]
    words = counties + [name[:2] for name in counties if len(name) == 3]
    words += [keyword for theme in themes["theme"] for keyword in theme.get("keywords", [])]
    return list(dict.fromkeys(words))


def articles(archive: Path) -> list[tuple[int, str, str]]:
    db = sqlite3.connect(f"file:{archive}?mode=ro", uri=True)
    rows = db.execute("SELECT id, coalesce(title, ''), json_extract(data, '$.text') FROM articles ORDER BY id").fetchall()
    db.close()
    return rows


class Characters:
    name = "characters (ours)"
    create = "CREATE VIRTUAL TABLE idx USING fts5(title, body, content='', tokenize='unicode61 remove_diacritics 0')"

    def tokens(self, text):
        return index_tokens(text)

    def query(self, db, word):
        return [r[0] for r in db.execute("SELECT rowid FROM idx WHERE idx MATCH ? ORDER BY bm25(idx, 2.0, 1.0)", (match_expression([word]),))]


_HAN_RUN = re.compile("([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")


class Pairs(Characters):
    name = "character pairs (before)"

    def tokens(self, text):
        parts = _HAN_RUN.split(text)
        parts[1::2] = [" " + (" ".join(map(operator.add, run, run[1:])) if len(run) > 1 else run) + f" {RUN_END} " for run in parts[1::2]]
        return "".join(parts)

    def query(self, db, word):
        tokens = self.tokens(word).split()
        if tokens and tokens[-1] == RUN_END:
            tokens.pop()
        phrase = '"' + " ".join(tokens).replace('"', '""') + '"' + (" *" if len(tokens) == 1 and _HAN_RUN.fullmatch(tokens[0]) and len(tokens[0]) == 1 else "")
        return [r[0] for r in db.execute("SELECT rowid FROM idx WHERE idx MATCH ? ORDER BY bm25(idx, 2.0, 1.0)", (phrase,))]


class Jieba(Characters):
    name = "jieba words"

    def tokens(self, text):
        return " ".join(jieba.cut_for_search(text))

    def query(self, db, word):
        phrase = '"' + " ".join(w for w in jieba.cut(word) if w.strip()).replace('"', '""') + '"'
        return [r[0] for r in db.execute("SELECT rowid FROM idx WHERE idx MATCH ? ORDER BY bm25(idx, 2.0, 1.0)", (phrase,))]


class Trigram(Characters):
    name = "trigram + scan"
    create = "CREATE VIRTUAL TABLE idx USING fts5(title, body, content='', tokenize='trigram')"

    def tokens(self, text):
        return text

    def query(self, db, word):
        if len(word) < 3:  # the trigram index cannot match it: scan every text
            return [r[0] for r in db.execute("SELECT id FROM texts WHERE instr(title, ?) OR instr(body, ?)", (word, word))]
        return [r[0] for r in db.execute("SELECT rowid FROM idx WHERE idx MATCH ? ORDER BY bm25(idx, 2.0, 1.0)", ('"' + word.replace('"', '""') + '"',))]


def measure(method, rows, words, truth, folder: Path, runs: int) -> dict:
    path = folder / f"{method.__class__.__name__}.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE texts (id INTEGER PRIMARY KEY, title TEXT, body TEXT)")
    db.executemany("INSERT INTO texts VALUES (?, ?, ?)", rows)
    db.execute(method.create)
    start, start_cpu = time.perf_counter(), time.process_time()
    db.executemany("INSERT INTO idx(rowid, title, body) VALUES (?, ?, ?)", [(i, method.tokens(t), method.tokens(b)) for i, t, b in rows])
    db.commit()
    index_seconds, index_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    size = db.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'idx%'").fetchone()[0]
    found = hit = relevant = 0
    times, worst = [], (0.0, "")
    for word in words:
        result = set(method.query(db, word))
        found += len(result)
        hit += len(result & truth[word])
        relevant += len(truth[word])
        took = []
        for _ in range(runs):
            start = time.perf_counter()
            method.query(db, word)
            took.append(time.perf_counter() - start)
        times.append(statistics.median(took))
        worst = max(worst, (times[-1], word))
    short = [w for w in words if len(w) == 2]
    short_recall = sum(len(set(method.query(db, w)) & truth[w]) for w in short) / max(1, sum(len(truth[w]) for w in short))
    db.close()
    return {
        "method": method.name,
        "index_s": index_seconds,
        "index_cpu": index_cpu,
        "index_mb": size / 1e6,
        "recall": 100 * hit / max(1, relevant),
        "recall_2": 100 * short_recall,
        "precision": 100 * hit / max(1, found),
        "median_ms": 1000 * statistics.median(times),
        "worst_ms": 1000 * worst[0],
        "worst_word": worst[1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--methods", default="characters,pairs,jieba,trigram", help="which indexes, in this order (default: all four)")
    args = parser.parse_args()
    rows = articles(args.archive)
    words = query_words()
    truth = {w: {i for i, t, b in rows if w in t or w in b} for w in words}
    if "jieba" in args.methods.split(","):
        jieba.initialize()
    chars = sum(len(t) + len(b) for _, t, b in rows)
    with tempfile.TemporaryDirectory() as folder:
        methods = {"characters": Characters, "pairs": Pairs, "jieba": Jieba, "trigram": Trigram}
        results = [measure(methods[name](), rows, words, truth, Path(folder), args.runs) for name in args.methods.split(",")]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    print(f"{len(rows)} articles, {chars:,} characters; {len(words)} query words ({sum(len(w) == 2 for w in words)} of two characters), each query run {args.runs} times\n")
    print("| index | index s (CPU s) | index MB | recall % | recall, 2-char words % | precision % | median query ms | slowest query ms (word) |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['method']} | {r['index_s']:.1f} ({r['index_cpu']:.1f}) | {r['index_mb']:.1f} | {r['recall']:.1f} | {r['recall_2']:.1f} | {r['precision']:.1f} | {r['median_ms']:.2f} | {r['worst_ms']:.1f} ({r['worst_word']}) |")


if __name__ == "__main__":
    main()
