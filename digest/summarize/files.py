"""Summarize article files: the quick path behind `digest summarize`.

A file is read as `digest build` reads an issue (text in any supported encoding, `pdftotext
-layout` text, an e-paper PDF; folders give their issue files), then taken as one article:
its headline, when the file starts with one, is its title, not part of its first sentence.
"""

from __future__ import annotations

from ..clean import CleanLine, clean_lines, ends_sentence, join_lines
from ..credits import BULLET, LEAD_START_RE
from ..errors import DigestError
from ..ingest import read_issues
from . import get_ranker, summarize_text
from .keywords import extract_keywords
from .tokens import forget

MAX_TITLE = 40  # characters: a longer first line is prose, not a headline
CLAUSE_ENDS = "，、；：,;:"


def _pdf_article(raw: str) -> tuple[str | None, list[str]]:
    """(title, body lines) of text read from a PDF (digest/pdf/: `# headline`, `## subtitle`,
    `### kicker`, `---` between stories, `![]()` for pictures): the first headline is the title;
    display type and markup are not sentences."""
    title_rows: list[str] = []
    body: list[str] = []
    for line in raw.replace("\f", "\n").split("\n"):
        text = line.strip()
        if text.startswith("# ") and not body:
            title_rows.append(text[2:].strip())
        elif text.startswith("#") or text == "---" or text.startswith("![]("):
            continue
        elif text:
            body.append(line)
    return "".join(title_rows) or None, body


def looks_like_title(first: CleanLine, second: CleanLine | None, blank_between: bool) -> bool:
    """A first line is a headline when it ends no sentence or clause, is short, and stands apart
    from what follows: a blank line, a dateline or a floating byline next (本报讯…, □ 本报记者…),
    or a next line clearly longer (a column-wrapped first line of prose is as long as the lines
    after it)."""
    text = first.text
    if second is None or not 2 <= len(text) <= MAX_TITLE or ends_sentence(text) or text[-1] in CLAUSE_ENDS:
        return False
    return blank_between or bool(LEAD_START_RE.match(second.text)) or second.text[0] in BULLET or second.width >= first.width + 3


def split_title(raw: str, is_pdf: bool = False) -> tuple[str | None, str]:
    """(title or None, body text with paragraphs separated by `\\n`) of one article's file."""
    if is_pdf:
        title, body = _pdf_article(raw)
        lines = clean_lines("\n".join(body))
    else:
        lines = clean_lines(raw)
        title = None
        if lines and raw.split("\n")[lines[0].number - 1].lstrip().startswith("# "):  # a Markdown headline
            title = lines.pop(0).text.lstrip("#").strip()
        elif lines:
            second = lines[1] if len(lines) > 1 else None
            between = raw.split("\n")[lines[0].number : second.number - 1] if second else []
            if looks_like_title(lines[0], second, any(not row.strip() for row in between)):
                title = lines.pop(0).text
    return title, "\n".join(join_lines([line.text for line in lines if line.text]))


def summarize_files(paths: list[str], ranker_name: str, count: int, budget: int | None = None, skip_bad: bool = False) -> tuple[list[dict], list[DigestError]]:
    """One result per article file (`source`, `title`, `summary`, `keywords`); folders give
    their issue files, sorted, as for `digest build`. With `skip_bad`, a file that cannot be
    read is left out and returned with the second list, else it is raised."""
    ranker = get_ranker(ranker_name)
    articles, skipped = read_issues(paths, skip_bad)
    results = []
    for article in articles:
        title, text = split_title(article.raw, is_pdf=article.encoding == "pdf")
        summary = [s.text for s in summarize_text(text, ranker, count, title=title, budget=budget)]
        results.append({"source": article.path, "title": title, "summary": summary, "keywords": extract_keywords(text, title)})
        forget()  # the ranker and the keywords shared this article's cuts; the next starts afresh
    return results, skipped
