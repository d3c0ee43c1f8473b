"""Score segmentation against an answer key: per issue, the articles a reader sees on the page.

An answer-key file (tests/fixtures/segmentation/*.json) lists each article's printed
title, kind, Lüliang flag and the first and last 12 Han characters of its body. An article
is cut exactly when one output article holds both its first and last characters and no
other article's start; an output article holding no article's start is spurious.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .clean import han_only
from .model import Article


@dataclass
class Score:
    articles: int = 0
    exact: int = 0
    spurious: int = 0
    outputs: int = 0
    titled: int = 0
    title_found: int = 0
    kind_right: int = 0
    lvliang_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in ("articles", "exact", "spurious", "outputs", "titled", "title_found", "kind_right", "lvliang_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)

    def rates(self) -> dict[str, float]:
        def rate(a: int, b: int) -> float:
            return round(100.0 * a / b, 1) if b else 100.0

        return {
            "cut exactly %": rate(self.exact, self.articles),
            "spurious pieces": self.spurious,
            "headline recovered %": rate(self.title_found, self.titled),
            "kind right %": rate(self.kind_right, self.articles),
            "lvliang right %": rate(self.lvliang_right, self.articles),
        }


def load_key(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def score_issue(articles: list[Article], key: dict) -> Score:
    bodies = [han_only(a.text) for a in articles]
    score = Score(articles=len(key["articles"]), outputs=len(articles))
    starts = [entry["first"] for entry in key["articles"]]
    for entry in key["articles"]:
        label = f"{key['source']}: {entry['title'] or entry['first']}"
        holders = [i for i, body in enumerate(bodies) if entry["first"] in body]
        if not holders:
            score.misses.append(f"{label}: start not found")
            continue
        i = holders[0]
        article = articles[i]
        others = [s for s in starts if s != entry["first"] and s in bodies[i]]
        if entry["last"] in bodies[i] and not others:
            score.exact += 1
        else:
            score.misses.append(f"{label}: not cut exactly" + (" (holds another start)" if others else " (end elsewhere)"))
        if entry["title"]:
            score.titled += 1
            if not article.title_generated and han_only(article.title or "") == han_only(entry["title"]):
                score.title_found += 1
            else:
                score.misses.append(f"{label}: headline {article.title!r}")
        if article.kind == entry["kind"]:
            score.kind_right += 1
        else:
            score.misses.append(f"{label}: kind {article.kind} != {entry['kind']}")
        if article.lvliang == entry["lvliang"]:
            score.lvliang_right += 1
        else:
            score.misses.append(f"{label}: lvliang {article.lvliang} != {entry['lvliang']}")
    score.spurious = sum(1 for body in bodies if not any(s in body for s in starts))
    return score


def evaluate(keys_dir: Path, issues_dir: Path) -> tuple[Score, dict[str, Score]]:
    """Run the pipeline on every issue that has an answer key and score it; (total, per issue)."""
    from .config import BuildConfig
    from .enrich import load_gazetteer, load_themes
    from .ingest import read_issue
    from .pipeline import process_issue

    config, themes, gazetteer = BuildConfig(), load_themes(), load_gazetteer()
    total, per_issue = Score(), {}
    for key_path in sorted(Path(keys_dir).glob("*.json")):
        key = load_key(key_path)
        issue = process_issue(read_issue(Path(issues_dir) / key["source"]), config, themes, gazetteer)
        per_issue[key["source"]] = score = score_issue(issue.articles, key)
        total.add(score)
    return total, per_issue
