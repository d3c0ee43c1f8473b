"""The whole run: read every issue, process it, compose the week, render, then write.

Everything is rendered in memory before the first file is written, so a failure in any
stage leaves the previous outputs as they were.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import segment
from .config import BuildConfig
from .deliver import write_all
from .enrich import Gazetteer, Themes, classify, load_gazetteer, load_themes, locate
from .errors import DigestError
from .ingest import find_inputs, read_issue
from .compose import compose
from .dates import date_issue
from .model import Briefing, Issue
from .render import Renderer, environment
from .summarize import get_ranker, summarize_article

@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[DigestError] = field(default_factory=list)


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
    """Clean, cut, date, summarize and enrich one issue."""
    ranker = get_ranker(config.ranker)
    stem = Path(issue.source).stem
    segment.segment(issue)
    date_issue(issue, config.date, config.today or dt.date.today())
    for article in issue.articles:
        article.id = f"{stem}-{article.position + 1:02d}"
        summarize_article(article, ranker, config.sentences)
        article.theme, article.theme_terms = classify(article, themes)
        locate(article, gazetteer, local_paper=issue.paper == "吕梁日报")
    return issue


def in_period(issue: Issue, config: BuildConfig) -> bool:
    if config.since is None and config.until is None:
        return True
    if issue.date is None:
        return False
    return (config.since is None or issue.date >= config.since) and (config.until is None or issue.date <= config.until)


def build_briefing(config: BuildConfig) -> tuple[Briefing, list[DigestError]]:
    themes = load_themes(config.themes_file)
    gazetteer = load_gazetteer(config.places_file)
    issues, skipped = read_issues(config.inputs, config.skip_bad)
    if not issues:
        raise DigestError(", ".join(config.inputs), "no readable issue files")
    for issue in issues:
        process_issue(issue, config, themes, gazetteer)
    issues = [issue for issue in issues if in_period(issue, config)]
    if not issues:
        raise DigestError(", ".join(config.inputs), "no issue dated within the period asked for")
    return compose(issues, config.title, themes, gazetteer.counties), skipped


def build(config: BuildConfig) -> BuildResult:
    """Build the briefing in every requested format and write it to `config.out_dir`."""
    briefing, skipped = build_briefing(config)
    renderer = Renderer(environment(config.templates_dir))
    outputs = {Path(config.out_dir) / f"{config.basename}.{fmt}": renderer.render(fmt, briefing) for fmt in config.formats}
    return BuildResult(written=write_all(outputs), skipped=skipped)
