"""Score segmentation against an answer key: per issue, the articles a reader sees on the page.

An answer-key file (tests/fixtures/segmentation/*.json, or a generated page's key from
benchmarks/epaper.py) lists each article's printed title, kind, Lüliang flag and the first
and last 12 Han characters of its body. An article is cut exactly when one output article
holds both its first and last characters and no other article's start; an output article
holding no article's start is spurious.

Beside the rates of `Score.rates()` (the samples' table), `Score.cut_rates()` gives the
figures for generated pages: precision, recall and F1 of exact cuts (recall = exact / key
articles, precision = exact / output articles), headlines exact and near-exact (Han-only
SequenceMatcher ratio ≥ 0.9), kinds, and — where the key has them — paper, date and page
right. A key's optional `paper`, `date` (ISO) and `page`/per-article `page` are scored only
when `score_issue` is given the issue's paper and date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from .clean import han_only
from .model import Article

NEAR = 0.9  # a headline this similar (Han only) is near-exact: one character lost or doubled

COUNTS = ("articles", "exact", "spurious", "outputs", "titled", "title_found", "title_near", "kind_right",
          "lvliang_right", "papers", "paper_right", "dates", "date_right", "paged", "page_right")


@dataclass
class Score:
    articles: int = 0
    exact: int = 0
    spurious: int = 0
    outputs: int = 0
    titled: int = 0
    title_found: int = 0
    title_near: int = 0
    kind_right: int = 0
    lvliang_right: int = 0
    papers: int = 0  # issues whose key names the paper
    paper_right: int = 0
    dates: int = 0
    date_right: int = 0
    paged: int = 0  # key articles with a page number
    page_right: int = 0
    misses: list[str] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)  # one per key article: source, id, first, exact, title, kind
    # One per output article: `id`, the key article it is counted for (the one whose start it
    # holds first; for a spurious piece, the one whose end it holds; None when it holds neither),
    # and `spurious`, whether it holds no article's start.
    output_results: list[dict] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)
        self.results.extend(other.results)
        self.output_results.extend(other.output_results)

    def rates(self) -> dict[str, float]:
        return {
            "cut exactly %": _rate(self.exact, self.articles),
            "spurious pieces": self.spurious,
            "headline recovered %": _rate(self.title_found, self.titled),
            "kind right %": _rate(self.kind_right, self.articles),
            "lvliang right %": _rate(self.lvliang_right, self.articles),
        }

    def cut_rates(self) -> dict[str, float | int | str]:
        recall = self.exact / self.articles if self.articles else 1.0
        precision = self.exact / self.outputs if self.outputs else (1.0 if not self.articles else 0.0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "articles": self.articles,
            "outputs": self.outputs,
            "cut P %": round(100 * precision, 1),
            "cut R %": round(100 * recall, 1),
            "cut F1 %": round(100 * f1, 1),
            "spurious": self.spurious,
            "headline exact %": _rate(self.title_found, self.titled),
            "headline ≥0.9 %": _rate(self.title_near, self.titled),
            "kind right %": _rate(self.kind_right, self.articles),
            "lvliang right %": _rate(self.lvliang_right, self.articles),
            "paper %": _rate(self.paper_right, self.papers) if self.papers else "-",
            "date %": _rate(self.date_right, self.dates) if self.dates else "-",
            "page %": _rate(self.page_right, self.paged) if self.paged else "-",
        }


def _rate(a: int, b: int) -> float:
    return round(100.0 * a / b, 1) if b else 100.0


def load_key(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def headline_similarity(got: str | None, want: str) -> float:
    a, b = han_only(got or ""), han_only(want)
    return SequenceMatcher(None, a, b, autojunk=False).ratio() if a or b else 1.0


def score_issue(articles: list[Article], key: dict, paper: str | None = None, date: str | None = None) -> Score:
    """Score one issue's output `articles` against `key`; `paper` and `date` (ISO), when given,
    are the issue's own and are checked against the key's."""
    # An article as printed opens with its dateline (which the segmenter keeps apart): a key
    # whose `first` still holds an unusual dateline (`中新网杭州6月20日电 记者X`) finds it there.
    bodies = [han_only((a.dateline or "") + a.text) for a in articles]
    score = Score(articles=len(key["articles"]), outputs=len(articles))
    starts = [entry["first"] for entry in key["articles"]]
    last_of = {entry["first"]: entry["last"] for entry in key["articles"]}
    # Where each article's output opens: an article that quotes another's first words (a series
    # of reports on one campaign, `小桔灯乡村小学图书馆计划…`) holds no other start when that
    # other article is found opening an output of its own, the quote lies before this article's
    # own last words, and that other article does not end in it too (a run-on is no quote).
    openings = [han_only(a.text) for a in articles]
    # An article cut with `（下转N版）` and its `（上接N版）` part (one id, both pages in the
    # key) are one article when the output joins them, as issue 11 asks: each part's start
    # may be in the other's output, when that output holds the other part whole.
    parts: dict[str, list[dict]] = {}
    for entry in key["articles"]:
        if entry.get("id") and {"continued", "continuation"} & set(entry.get("layout", [])):
            parts.setdefault(entry["id"], []).append(entry)
    for entry in key["articles"]:
        label = f"{key['source']}: {entry['title'] or entry['first']}"
        result = {"source": key["source"], "id": entry.get("id"), "first": entry["first"], "exact": False, "title": None,
                  "kind": False, "layout": entry.get("layout", [])}
        score.results.append(result)
        if entry.get("page") is not None:
            score.paged += 1
        holders = [i for i, body in enumerate(bodies) if entry["first"] in body]
        if not holders:
            score.misses.append(f"{label}: start not found")
            continue  # headline and kind are scored on the articles found, as they always were
        # Two articles may open alike (notices set from one template): the one that also ends
        # as the key says, and holds the start earliest, is this entry's.
        i = min(holders, key=lambda j: (entry["last"] not in bodies[j], bodies[j].find(entry["first"])))
        article = articles[i]
        pair = parts.get(entry.get("id") or "", [])
        joined = [p["first"] for p in pair if len(pair) == 2 and p["last"] in bodies[i]]
        end = bodies[i].rfind(entry["last"])
        others = [s for s in starts if s != entry["first"] and s not in joined and s in bodies[i]
                  and not (bodies[i].find(s) < end and last_of[s] not in bodies[i]
                           and any(j != i and (openings[j].startswith(s) or bodies[j].startswith(s)) for j in range(len(bodies))))]
        if entry["last"] in bodies[i] and not others:
            score.exact += 1
            result["exact"] = True
        else:
            score.misses.append(f"{label}: not cut exactly" + (" (holds another start)" if others else " (end elsewhere)"))
        if entry["title"]:
            score.titled += 1
            printed = None if article.title_generated else article.title
            if han_only(printed or "") == han_only(entry["title"]):
                score.title_found += 1
                score.title_near += 1
                result["title"] = True
            else:
                result["title"] = False
                if printed and headline_similarity(printed, entry["title"]) >= NEAR:
                    score.title_near += 1
                score.misses.append(f"{label}: headline {article.title!r}")
        if article.kind == entry["kind"]:
            score.kind_right += 1
            result["kind"] = True
        else:
            score.misses.append(f"{label}: kind {article.kind} != {entry['kind']}")
        if article.lvliang == entry["lvliang"]:
            score.lvliang_right += 1
        else:
            score.misses.append(f"{label}: lvliang {article.lvliang} != {entry['lvliang']}")
        if entry.get("page") is not None:
            if getattr(article, "page", None) == entry["page"]:
                score.page_right += 1
            else:
                score.misses.append(f"{label}: page {getattr(article, 'page', None)} != {entry['page']}")
    score.output_results = [{"id": _counted_for(body, key["articles"]), "spurious": not any(s in body for s in starts)}
                            for body in bodies]
    score.spurious = sum(r["spurious"] for r in score.output_results)
    if key.get("paper") and paper is not None:
        score.papers += 1
        score.paper_right += paper == key["paper"]
        if paper != key["paper"]:
            score.misses.append(f"{key['source']}: paper {paper!r} != {key['paper']!r}")
    if key.get("date") and date is not None:
        score.dates += 1
        score.date_right += date == key["date"]
        if date != key["date"]:
            score.misses.append(f"{key['source']}: date {date} != {key['date']}")
    return score


def _counted_for(body: str, entries: list[dict]) -> str | None:
    """The key article an output is counted for: the one whose start it holds first, else (a
    spurious piece) the one whose last words it holds, else None."""
    held = [(body.find(e["first"]), k) for k, e in enumerate(entries) if e["first"] in body]
    if held:
        return entries[min(held)[1]].get("id")
    return next((e.get("id") for e in entries if e["last"] in body), None)


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
