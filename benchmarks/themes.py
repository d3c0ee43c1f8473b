"""Print theme agreement on the sample issues against the hand labels in tests/fixtures/themes.json.

    python benchmarks/themes.py [--themes FILE]

Each label names an article by its answer-key `first` (the first 12 Han characters of its
body); the output article whose Han-only text holds them is the one compared. Prints the
agreement (% of labelled articles whose predicted theme is the label), a per-theme table,
every disagreement with the words that decided it, and the fallback rate. A label whose
output article also holds another labelled article's start is marked "merged": segmentation
glued two articles together, so the theme there is not a vocabulary question.

The labels were written by reading the articles, and the keyword lists were tuned on the
same 42 articles: the agreement is a check that the vocabulary covers these issues, not an
estimate of accuracy on unseen ones.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from digest.clean import han_only
from digest.config import BuildConfig
from digest.enrich import load_gazetteer, load_themes
from digest.ingest import read_issue
from digest.pipeline import process_issue

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "fixtures" / "themes.json"


def evaluate(themes_file: Path | None = None) -> dict:
    config, themes, gazetteer = BuildConfig(), load_themes(themes_file), load_gazetteer()
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    outputs: dict[str, list] = {}
    for source in sorted({entry["source"] for entry in labels}):
        outputs[source] = process_issue(read_issue(ROOT / "seeds" / source), config, themes, gazetteer).articles
    starts = {source: [e["first"] for e in labels if e["source"] == source] for source in outputs}
    rows, unmatched = [], []
    for entry in labels:
        articles = outputs[entry["source"]]
        holders = [a for a in articles if entry["first"] in han_only(a.text)]
        if not holders:
            unmatched.append(entry)
            continue
        article = holders[0]
        body = han_only(article.text)
        merged = any(s != entry["first"] and s in body for s in starts[entry["source"]])
        rows.append((entry, article.theme, article.theme_terms, merged))
    every = [a for articles in outputs.values() for a in articles]
    return {
        "rows": rows,
        "unmatched": unmatched,
        "fallback": themes.fallback,
        "outputs": len(every),
        "outputs_fallback": sum(1 for a in every if a.theme == themes.fallback),
        "names": themes.names,
    }


def pct(a: int, b: int) -> float:
    return round(100.0 * a / b, 1) if b else 100.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--themes", type=Path, help="a themes.toml to evaluate instead of the shipped one")
    args = parser.parse_args()
    result = evaluate(args.themes)
    rows, fallback = result["rows"], result["fallback"]
    agree = sum(1 for entry, theme, _, _ in rows if theme == entry["theme"])
    labelled = len(rows) + len(result["unmatched"])
    print(f"agreement: {agree}/{labelled} labelled articles = {pct(agree, labelled)}%")
    clean = [(entry, theme) for entry, theme, _, merged in rows if not merged]
    clean_agree = sum(1 for entry, theme in clean if theme == entry["theme"])
    print(f"agreement on articles not merged by segmentation: {clean_agree}/{len(clean)} = {pct(clean_agree, len(clean))}%")
    if result["unmatched"]:
        print(f"not found in the output (counted as disagreements): {len(result['unmatched'])}")
    predicted_fallback = sum(1 for _, theme, _, _ in rows if theme == fallback)
    print(f"fallback ({fallback}) rate: {predicted_fallback}/{len(rows)} labelled articles = {pct(predicted_fallback, len(rows))}%; "
          f"{result['outputs_fallback']}/{result['outputs']} output articles = {pct(result['outputs_fallback'], result['outputs'])}%")
    labelled_as = Counter(entry["theme"] for entry, _, _, _ in rows)
    predicted_as = Counter(theme for _, theme, _, _ in rows)
    right = Counter(entry["theme"] for entry, theme, _, _ in rows if theme == entry["theme"])
    print("\n| theme | labelled | predicted | agree |\n|---|---|---|---|")
    for name in result["names"]:
        if labelled_as[name] or predicted_as[name]:
            print(f"| {name} | {labelled_as[name]} | {predicted_as[name]} | {right[name]} |")
    misses = [row for row in rows if row[1] != row[0]["theme"]]
    print(f"\ndisagreements ({len(misses) + len(result['unmatched'])}):")
    print("| source | title | label | predicted | theme_terms | note |\n|---|---|---|---|---|---|")
    for entry, theme, terms, merged in misses:
        title = entry["title"] or f"({entry['first']}…)"
        note = "merged" if merged else ""
        print(f"| {entry['source'][:3]} | {title} | {entry['theme']} | {theme} | {'、'.join(terms)} | {note} |")
    for entry in result["unmatched"]:
        print(f"| {entry['source'][:3]} | {entry['title'] or entry['first']} | {entry['theme']} | | | not found |")


if __name__ == "__main__":
    main()
