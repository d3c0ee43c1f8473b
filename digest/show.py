"""An issue's highlights in the terminal: titles and first key sentence, grouped by theme, in 80 columns."""

from __future__ import annotations

import unicodedata

from .model import Briefing
from .provenance import article_provenance


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Wrap by display width (a Chinese character takes two columns)."""
    lines, current, used = [], indent, display_width(indent)
    for ch in text:
        w = display_width(ch)
        if used + w > width:
            lines.append(current)
            current, used = indent, display_width(indent)
        current += ch
        used += w
    if current.strip():
        lines.append(current)
    return lines


def highlights(briefing: Briefing, width: int = 80) -> list[tuple[str, str]]:
    """(style, line) pairs: style is 'theme', 'title', 'source' or 'text', for the CLI to colour
    or not. Under each title, where it was printed (`吕梁日报 2025-05-13 第2版`)."""
    out: list[tuple[str, str]] = [("theme", briefing.title + (f"（{briefing.period}）" if briefing.period else ""))]
    for section in briefing.sections:
        if not section.articles:
            continue
        out.append(("text", ""))
        out.append(("theme", f"■ {section.name}（{len(section.articles)}）"))
        for article in section.articles:
            out.extend(("title", line) for line in wrap(f"· {article.title}", width, "  "))
            out.extend(("source", line) for line in wrap(article_provenance(article, briefing.issues), width, "    "))
            if article.summary:
                out.extend(("text", line) for line in wrap(article.summary[0].text, width, "    "))
    return out


def id_lines(briefing: Briefing) -> list[str]:
    """`<id>  <title>` for every article of the week in reading order: what an edits file names."""
    return [f"{article.id}  {article.title}" for article in briefing.articles]
