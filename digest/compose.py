"""The week as a briefing: articles once each, top stories, theme sections, counties, figures."""

from __future__ import annotations

import re

from .clean import han_only
from .enrich import Themes
from .figures import key_figures
from .model import Article, Briefing, Issue, ThemeSection

OUTSIDE_SECTION = "省内动态"  # articles not about Lüliang close the briefing
SAME_ARTICLE = 0.8  # shingle overlap above which two printings are one article
LEADERS_RE = re.compile(r"市委书记|市长|市委副书记|市人大常委会主任|市政协主席|孙大军|熊义志|张广勇")
TOP_KINDS = ("news", "feature", "commentary")


def _shingles(text: str, k: int = 4) -> set[str]:
    han = han_only(text)
    return {han[i : i + k] for i in range(max(1, len(han) - k + 1))}


def same_article(a: Article, b: Article) -> bool:
    sa, sb = _shingles(a.text), _shingles(b.text)
    return bool(sa and sb) and len(sa & sb) / min(len(sa), len(sb)) >= SAME_ARTICLE


def merge_repeats(issues: list[Issue]) -> list[Article]:
    """Each article once: a later printing (even with small edits) adds its issue to `sources`."""
    kept: list[Article] = []
    for issue in issues:
        for article in issue.articles:
            first = next((k for k in kept if k.source != issue.source and same_article(k, article)), None)
            if first is not None and len(han_only(article.text)) >= 20:
                first.sources.append(issue.source)
            else:
                kept.append(article)
    return kept


def story_score(article: Article) -> float:
    """How much an article matters this week, as documented in the README:
    front-page position, the city's leaders, length, and how many of the week's articles
    share its keywords (centrality) are added up."""
    score = 2.0 if article.position < 2 else 0.0
    score += 2.0 if LEADERS_RE.search(f"{article.title or ''}{article.text[:300]}") else 0.0
    score += min(len(article.text) / 1500.0, 1.5)
    return score


def top_stories(articles: list[Article], count: int = 5) -> list[Article]:
    candidates = [a for a in articles if a.lvliang and a.kind in TOP_KINDS and not a.title_generated]
    keywords = {a.id: set(a.keywords) for a in candidates}

    def centrality(article: Article) -> float:
        return sum(1 for other in candidates if other is not article and len(keywords[article.id] & keywords[other.id]) >= 2) / max(1, len(candidates) - 1)

    ranked = sorted(candidates, key=lambda a: (-(story_score(a) + 2.0 * centrality(a)), a.id))
    return ranked[:count]


def county_counts(articles: list[Article], counties: list[str]) -> dict[str, int]:
    return {county: sum(1 for a in articles if county in a.counties) for county in counties}


def period_of(issues: list[Issue]) -> str:
    dates = sorted(issue.date for issue in issues if issue.date)
    if not dates:
        return ""
    first, last = dates[0].isoformat(), dates[-1].isoformat()
    return first if first == last else f"{first} 至 {last}"


def compose(issues: list[Issue], title: str, themes: Themes, counties: list[str]) -> Briefing:
    articles = merge_repeats(issues)
    local = [a for a in articles if a.lvliang]
    sections = [ThemeSection(name, [a for a in local if a.theme == name]) for name in themes.names]
    sections.append(ThemeSection(OUTSIDE_SECTION, [a for a in articles if not a.lvliang]))
    return Briefing(
        title=title,
        issues=issues,
        articles=articles,
        sections=sections,
        period=period_of(issues),
        top_stories=top_stories(articles),
        counties=county_counts(local, counties),
        figures=key_figures(local),
    )
