"""Which articles a text's reading order lets be cut exactly at all: an oracle for layout-mode reading.

    python benchmarks/reading_order.py --pages DIR [DIR...] [--extractor layout] [--cut]

Each page's text (`<key stem>.<extractor>.txt`) is read as the segmenter reads it
(`train.laid_out_lines`: layout-mode pages in the reading order of digest/layout_text.py), its
lines' Han characters run together, and each article of the key is put in one class, the
scorer's own test (digest/evaluate.py: an output holds the article's first and last Han
characters and no other article's start) asked of the reading order itself:

- *cuttable*: its first characters are in the run, its last ones after them, and no other
  article's first characters between: some cut of the lines gets it exactly;
- *first not in order*: its first characters are nowhere in the run (its first line read apart
  from its second, or run together with another column's characters);
- *last not after first*: its last characters are not after its first;
- *another start between*: another article's start stands between its first and last.

No segmenter can cut an article of the last three exactly (on 3,337 articles of dev seeds
525-530, 3 of them were: their key's strings found in an output put together across lines).
With `--cut` the segmenter of this tree cuts each page too, and each class is split into the
articles cut exactly and those missed: the cuttable ones missed are the segmenter's (its
labeller's) to win, the others the reading order's. docs/segmentation.md, "Layout-mode text, a
fourteenth pass".
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from digest.clean import han_only  # noqa: E402
from digest.evaluate import load_key, score_issue  # noqa: E402
from digest.model import Article  # noqa: E402
from digest.segment.train import laid_out_lines  # noqa: E402
from epaperkit.score import input_for, keys_in, run_segmenter  # noqa: E402

CLASSES = ("cuttable", "first not in order", "last not after first", "another start between")


def classes(lines: list[str], articles: list[dict]) -> list[str]:
    """Each key article's class (CLASSES) in the reading order `lines`."""
    run = han_only("".join(lines))
    firsts = [han_only(a["first"]) for a in articles]
    out = []
    for i, article in enumerate(articles):
        first, last = firsts[i], han_only(article["last"])
        start = run.find(first)
        end = run.find(last, start) if start >= 0 else -1
        if start < 0:
            out.append(CLASSES[1])
        elif end < 0:
            out.append(CLASSES[2])
        elif any(j != i and other and other != first and 0 <= run.find(other, start + 1) < end for j, other in enumerate(firsts)):
            out.append(CLASSES[3])
        else:
            out.append(CLASSES[0])
    return out


def count(folder: Path, extractor: str, cut: bool) -> Counter:
    keys = [k for k in keys_in(folder) if input_for(k, extractor).exists()]
    records = run_segmenter([input_for(k, extractor) for k in keys], ROOT) if cut else {}
    counts: Counter = Counter()
    for key_path in keys:
        key = load_key(key_path)
        text = input_for(key_path, extractor).read_text(encoding="utf-8")
        found = classes([line.text for line in laid_out_lines(text)[0]], key["articles"])
        counts.update(found)
        if cut:
            record = records.get(str(input_for(key_path, extractor)), {"articles": []})
            articles = [Article(source=key["source"], text=a["text"], title=a["title"], title_generated=a["title_generated"],
                                kind=a["kind"], lvliang=a["lvliang"], page=a.get("page"), dateline=a.get("dateline"))
                        for a in record["articles"]]
            results = score_issue(articles, key, paper=record.get("paper"), date=record.get("date")).results
            counts.update(f"{name}, cut exactly" for name, result in zip(found, results) if result["exact"])
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, nargs="+", required=True, help="folders of generated pages (benchmarks/epaper.py)")
    parser.add_argument("--extractor", default="layout", help="which text of each page (default: layout)")
    parser.add_argument("--cut", action="store_true", help="cut each page with this tree's segmenter too")
    args = parser.parse_args()
    head = ["set", "articles", *CLASSES] + ([f"{name}, cut exactly" for name in CLASSES[:1]] if args.cut else [])
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for folder in args.pages:
        counts = count(folder, args.extractor, args.cut)
        row = [folder.name, str(sum(counts[name] for name in CLASSES)), *(str(counts[name]) for name in CLASSES)]
        if args.cut:
            row.append(str(counts[f"{CLASSES[0]}, cut exactly"]))
        print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
