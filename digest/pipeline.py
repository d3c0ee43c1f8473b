"""The whole run: read every issue, process it, compose the week, render, then write.

Everything is rendered in memory before the first file is written, so a failure in any
stage leaves the previous outputs as they were.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import clean, segment
from .config import BuildConfig
from .deliver import write_all
from .enrich import Gazetteer, Themes, classify, load_gazetteer, load_themes, locate
from .errors import DigestError
from .ingest import find_inputs, read_issue
from .model import Article, Briefing, Issue, ThemeSection
from .render import Renderer, environment
from .summarize import get_ranker, summarize_article

_DATE_RE = re.compile(r"(?<!\d)(20\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[DigestError] = field(default_factory=list)


def date_from_name(name: str) -> dt.date | None:
    match = _DATE_RE.search(name)
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def read_issues(inputs: list[str], skip_bad: bool = False) -> tuple[list[Issue], list[DigestError]]:
    issues, skipped = [], []
    for path in find_inputs(inputs):
        try:
            issues.append(read_issue(path))
        except DigestError as error:
            if not skip_bad:
                raise
            skipped.append(error)
    return issues, skipped


def process_issue(issue: Issue, config: BuildConfig, themes: Themes, gazetteer: Gazetteer) -> Issue:
    """Clean, cut, summarize and enrich one issue."""
    issue.date = date_from_name(issue.source)
    issue.date_source = "filename" if issue.date else "none"
    issue.text = "\n".join(line.text for line in clean.clean_lines(issue.raw))
    ranker = get_ranker(config.ranker)
    stem = Path(issue.source).stem
    for article in segment.segment(issue):
        article.id = f"{stem}-{article.position + 1:02d}"
        article.date, article.date_source = issue.date, issue.date_source
        summarize_article(article, ranker, config.sentences)
        article.theme, article.theme_terms = classify(article, themes)
        locate(article, gazetteer, local_paper=issue.paper == "吕梁日报")
    return issue


def merge_repeats(issues: list[Issue]) -> list[Article]:
    """The week's articles once each: an article printed again in a later issue is kept once,
    listing every issue it came from."""
    kept: list[Article] = []
    by_text: dict[str, Article] = {}
    for issue in issues:
        for article in issue.articles:
            key = clean.han_only(article.text)
            first = by_text.get(key)
            if first is not None and len(key) >= 20:
                first.sources.append(issue.source)
                continue
            by_text[key] = article
            kept.append(article)
    return kept


def period_of(issues: list[Issue]) -> str:
    dates = sorted(issue.date for issue in issues if issue.date)
    if not dates:
        return ""
    first, last = dates[0].isoformat(), dates[-1].isoformat()
    return first if first == last else f"{first} 至 {last}"


def compose(issues: list[Issue], title: str, themes: Themes) -> Briefing:
    articles = merge_repeats(issues)
    sections = [ThemeSection(name, [a for a in articles if a.theme == name]) for name in themes.names]
    return Briefing(title=title, issues=issues, articles=articles, sections=sections, period=period_of(issues))


def build_briefing(config: BuildConfig) -> tuple[Briefing, list[DigestError]]:
    themes = load_themes(config.themes_file)
    gazetteer = load_gazetteer(config.places_file)
    issues, skipped = read_issues(config.inputs, config.skip_bad)
    if not issues:
        raise DigestError(", ".join(config.inputs), "no readable issue files")
    for issue in issues:
        process_issue(issue, config, themes, gazetteer)
    return compose(issues, config.title, themes), skipped


def build(config: BuildConfig) -> BuildResult:
    """Build the briefing in every requested format and write it to `config.out_dir`."""
    briefing, skipped = build_briefing(config)
    renderer = Renderer(environment(config.templates_dir))
    outputs = {Path(config.out_dir) / f"{config.basename}.{fmt}": renderer.render(fmt, briefing) for fmt in config.formats}
    return BuildResult(written=write_all(outputs), skipped=skipped)
