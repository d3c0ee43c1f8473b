"""An issue's highlights in the terminal: titles and first key sentence, grouped by theme, in 80
columns, or in a narrower terminal's width."""

from __future__ import annotations

import os
import unicodedata

from .dates import in_brackets
from .model import Briefing, generated_title_note
from .provenance import article_provenance


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# Chinese line-breaking rules (JIS X 4051 / GB/T 15834 practice): these never start a line...
CANNOT_START = "，。、；：？！”’）》」』〉】〕…‥%,.;:?!)]}"
# ...and these never end one.
CANNOT_END = "“‘（《「『〈【〔([{"


def _breakable(text: str, k: int) -> bool:
    """Whether a line may end before `text[k]`: not before closing punctuation, not after
    opening punctuation, and not inside a dash or ellipsis pair (——, ……)."""
    return not (text[k] in CANNOT_START or text[k - 1] in CANNOT_END or (text[k] == text[k - 1] == "—"))


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Wrap by display width (a Chinese character takes two columns), by the Chinese
    line-breaking rules: where the line would end at a forbidden place, the break moves back
    (the last characters go down to the next line), never past the line's first character."""
    room = max(2, width - display_width(indent))
    lines: list[str] = []
    start = 0
    while start < len(text):
        end, used = start, 0
        while end < len(text) and used + display_width(text[end]) <= room:
            used += display_width(text[end])
            end += 1
        end = max(end, start + 1)
        if end < len(text):
            k = end
            while k > start + 1 and not _breakable(text, k):
                k -= 1
            end = k if _breakable(text, k) else end
        line = text[start:end].rstrip()
        if line.strip():
            lines.append(indent + line)
        start = end
        while start < len(text) and text[start] == " ":
            start += 1
    return lines


WIDTH = 80  # columns: what show prints in when piped, or on a terminal at least this wide
NARROWEST = 20  # a terminal narrower than this is taken as this wide


def highlights(briefing: Briefing, width: int = WIDTH) -> list[tuple[str, str]]:
    """(style, line) pairs: style is 'theme', 'title', 'source' or 'text', for the CLI to colour
    or not. Under each title, where it was printed (`吕梁日报 2025-05-13 第2版`)."""
    out: list[tuple[str, str]] = [("theme", line) for line in wrap(briefing.title + in_brackets(briefing.period), width)]
    for section in briefing.sections:
        if not section.articles:
            continue
        out.append(("text", ""))
        out.extend(("theme", line) for line in wrap(f"■ {section.name}（{len(section.articles)}）", width))
        for article in section.articles:
            if article.kicker:
                out.extend(("source", line) for line in wrap(article.kicker, width, "  "))
            out.extend(("title", line) for line in wrap(f"· {article.title}", width, "  "))
            where = article_provenance(article, briefing.issues)
            if article.title_generated:
                where += f" · {generated_title_note(article)}"
            out.extend(("source", line) for line in wrap(where, width, "    "))
            if article.summary:
                out.extend(("text", line) for line in wrap(article.summary[0].text, width, "    "))
    return out


def terminal_width(stream) -> int:
    """WIDTH, or the width of the terminal `stream` is when it is one and narrower (a phone, a
    split pane): lines as wide as WIDTH would be broken by the terminal mid-word and mid-rule.
    Piped, WIDTH whatever COLUMNS says, so the same input always prints the same."""
    try:
        if not stream.isatty():
            return WIDTH
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):  # no fileno (a test's stream), a closed one
        return WIDTH
    return WIDTH if columns <= 0 else max(NARROWEST, min(WIDTH, columns))


def id_lines(briefing: Briefing) -> list[str]:
    """`<id>  <title>` for every article of the week in reading order: what an edits file names."""
    return [f"{article.id}  {article.title}" for article in briefing.articles]
