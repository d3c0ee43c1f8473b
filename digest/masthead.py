"""The masthead or running header of an e-paper page: paper, date, weekday, page, section.

`吕梁日报 2025年5月13日 星期二 第2版 要闻` is the page's own word on when and where it was
printed, so it is read off every page (text or PDF) before anything else, and taken out of
the text: it belongs to no article. Extractors print it on one line or break it over a few
short ones, at the top of the page or, in content-stream order, at its end.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .clean import HAN

WEEKDAYS = "一二三四五六日"
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_DATE_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*(1[0-2]|0?[1-9])\s*月\s*(3[01]|[12]\d|0?[1-9])\s*日")
_ISO_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-./](1[0-2]|0?[1-9])[-./](3[01]|[12]\d|0?[1-9])(?!\d)")
_WEEKDAY_RE = re.compile(r"(?:星期|周)\s*([一二三四五六日天])")
_PAGE_RE = re.compile(r"第\s*(\d{1,2}|[一二三四五六七八九十]{1,2})\s*版|(?<![\dA-Za-z])([A-H]?\d{1,2})\s*版(?!\d)")
# `今日8版`, `共 16 版`, `本期16版` count the pages: no page number, no section.
_PAGE_COUNT_RE = re.compile(r"(?:今日|共|本期)\s*\d{1,2}\s*版")
_PAPER = rf"[{HAN}]{{2,8}}?(?:日报|晚报|早报|导报|时报|商报|周报|法制报|青年报|农民报|经济报|信息报|报)"
# The paper's name ends its word, or runs straight into the page number (`吕梁日报第8版`).
_PAPER_RE = re.compile(_PAPER + rf"(?=第\s*\S{{1,2}}\s*版|[^{HAN}]|$)")
# A paper's name run into the section after it, printed with no space (`吕梁日报文化第8版`).
_PAPER_BEFORE_SECTION_RE = re.compile(rf"({_PAPER})([{HAN}]{{2,4}}?)\s*[：:·\-]?\s*(?:第\s*\S{{1,2}}\s*版|[A-H]?\d{{1,2}}\s*版)")
# A section name printed next to the page number (`第2版 要闻`, `第2版：综合新闻`).
_SECTION_RE = re.compile(rf"(?:第\s*\S{{1,2}}\s*版|[A-H]?\d{{1,2}}\s*版)\s*[：:·\-]?\s*([{HAN}]{{2,6}})(?![{HAN}\d])")  # `总第12345期` is no section
_SECTION_BEFORE_RE = re.compile(rf"([{HAN}]{{2,6}})\s*[：:·\-]?\s*第\s*\S{{1,2}}\s*版")
MAX_CHARS = 60  # a masthead line is short; a body line naming a date is not one
WINDOW = 4  # lines a masthead may be broken over
EDGE = 6  # how far from the top or the end of a page it is looked for


@dataclass(frozen=True)
class Masthead:
    text: str  # as printed, for the record
    paper: str | None = None
    date: dt.date | None = None
    weekday: int | None = None  # 0 = Monday, as printed beside the date
    page: int | None = None
    section: str | None = None

    @property
    def weekday_mismatch(self) -> bool:
        return self.date is not None and self.weekday is not None and self.date.weekday() != self.weekday


def page_number(text: str) -> int | None:
    """`2`, `A2`, `二`, `十二` as a page number."""
    text = text.lstrip("ABCDEFGH")
    if text.isdigit():
        return int(text)
    if len(text) == 2 and text[0] == "十":
        return 10 + _CN_DIGITS.get(text[1], 0)
    if len(text) == 2 and text[1] == "十":
        return 10 * _CN_DIGITS.get(text[0], 0)
    return _CN_DIGITS.get(text)


def parse_masthead(text: str) -> Masthead | None:
    """The masthead in one (possibly joined) line, or None when the line is not one.

    A masthead names a whole date with its year and at least one of: the paper, the page
    number, the weekday. A line longer than `MAX_CHARS`, or one that ends a sentence, is text."""
    compact = " ".join(text.split())
    if not compact or len(compact) > MAX_CHARS or compact.rstrip("”」）)")[-1:] in "。！？，；":
        return None
    date_match = _DATE_RE.search(compact) or _ISO_RE.search(compact)
    if not date_match:
        return None
    try:
        date = dt.date(*(int(g) for g in date_match.groups()))
    except ValueError:
        return None
    rest = _PAGE_COUNT_RE.sub(" ", compact[: date_match.start()] + " " + compact[date_match.end() :])
    weekday_match = _WEEKDAY_RE.search(rest)
    weekday = None
    if weekday_match:
        weekday = 6 if weekday_match.group(1) in "日天" else WEEKDAYS.index(weekday_match.group(1))
    page_match = _PAGE_RE.search(rest)
    page = page_number(page_match.group(1) or page_match.group(2)) if page_match else None
    # The paper is looked for with the weekday taken out: printed with no spaces, it runs
    # into the paper's name (`星期五吕梁日报文化第8版`).
    bare = rest.replace(weekday_match.group(0), " ") if weekday_match else rest
    paper_match = _PAPER_RE.search(bare)
    run_on = None if paper_match else _PAPER_BEFORE_SECTION_RE.search(bare)
    paper = paper_match.group(0) if paper_match else run_on.group(1) if run_on else None
    if paper is None and page is None and weekday is None:
        return None
    section = run_on.group(2) if run_on else None
    for pattern in (_SECTION_RE, _SECTION_BEFORE_RE) if section is None else ():
        found = pattern.search(rest)
        if found and found.group(1) != paper and not found.group(1).startswith("星期"):
            section = found.group(1)
            break
    # Whatever is left must be masthead furniture, not a sentence: a few short words at most.
    leftover = rest
    for match in (weekday_match, page_match):
        if match:
            leftover = leftover.replace(match.group(0), " ")
    if paper:
        leftover = leftover.replace(paper, " ")
    if section:
        leftover = leftover.replace(section, " ")
    else:
        # One short word left beside the paper is the section, wherever it is printed
        # (`视觉 吕梁日报 2025年…`), so no line after the masthead is needed to find one.
        words = re.findall(rf"[{HAN}]+", leftover)
        if len(words) == 1 and 2 <= len(words[0]) <= 6 and paper:
            section = words[0]
            leftover = leftover.replace(section, " ")
    if len(re.sub(r"[\s：:·|｜\-—第版期总号]|\d", "", leftover)) > 12:
        return None
    if re.search(r"[“”‘’「」《》、，。！？；]", leftover):
        return None  # a headline or a sentence run into it (`第5版 徐大发：“活祭”`)
    return Masthead(text=compact, paper=paper, date=date, weekday=weekday, page=page, section=section)


def _same_but_section(found: Masthead, without: Masthead | None) -> bool:
    return without is not None and (found.paper, found.date, found.weekday, found.page) == (without.paper, without.date, without.weekday, without.page)


def _compact(line: str) -> str:
    return "".join(line.split())


def _pairs(line: str) -> list[str] | None:
    """A line of a fake-bold chain as its overlapping pairs: `20`, or `5..1` (two pairs, `5.`
    and `.1`, that narrow punctuation let the extractor print on one line)."""
    chars = _compact(line)
    if len(chars) not in (2, 4):
        return None
    pairs = [chars[k : k + 2] for k in range(0, len(chars), 2)]
    return pairs if all(a[1] == b[0] for a, b in zip(pairs, pairs[1:])) else None


def _chains(above: str, line: str) -> bool:
    """`line` goes on the chain `above` is in: it opens with the character `above` ends with,
    as a pair or pairs, or as that character alone (the last copy ends the chain)."""
    chars, before = _compact(line), _compact(above)
    if not 1 <= len(before) <= 4 or not chars or chars[0] != before[-1]:
        return False
    return len(chars) == 1 or _pairs(line) is not None


def unslide(lines: list[str]) -> str | None:
    """The text of fake bold drawn glyph by glyph as raw extraction prints it, a line per pair
    of overlapping copies (`社` / `社会` / `会 吕` / `吕梁` …: each line opens with the character
    the line above ends with), or None when the lines are not such a chain. Spaces are kept."""
    if len(lines) < 3 or not all(_chains(a, b) for a, b in zip(lines, lines[1:])):
        return None
    text = lines[0].strip()
    for line in lines[1:]:
        pairs = _pairs(line) or [""]
        # The pair's first character is the line above's last; a space printed before the
        # second stays (`会 吕`).
        tail = line.strip()[1:]
        text += tail if len(pairs) == 1 else "".join(pair[1] for pair in pairs)
    return text


def _entries(lines: list[str]) -> list[tuple[str, int, int]]:
    """The page's non-blank lines as (text, first, end), a fake-bold chain of short lines
    (`unslide`) made one entry, so a masthead printed that way reads as one line."""
    entries: list[tuple[str, int, int]] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        j = i + 1  # lines[i:j] is the longest chain from i
        while j < len(lines) and _chains(lines[j - 1], lines[j]):
            j += 1
        text = unslide(lines[i:j]) if j - i >= 3 else None
        if text is not None:
            entries.append((text, i, j))
            i = j
        else:
            entries.append((lines[i].strip(), i, i + 1))
            i += 1
    return entries


def find_masthead(lines: list[str]) -> tuple[Masthead, int, int] | None:
    """The masthead among a page's lines, as (masthead, first, end): lines[first:end] print it.

    Looked for in the first and last `EDGE` non-blank lines (a fake-bold chain counting as
    one), over up to `WINDOW` consecutive short lines, preferring the fullest reading (most of
    paper, page, weekday, section)."""
    entries = _entries(lines)
    edge = entries[:EDGE] + [e for e in entries[-EDGE:] if e not in entries[:EDGE]]
    best: tuple[int, int, Masthead, int, int] | None = None
    for k in range(len(edge)):
        for size in range(1, WINDOW + 1):
            window = edge[k : k + size]
            if len(window) < size or sum(b[1] - a[2] for a, b in zip(window, window[1:])) > size:
                break  # past the edge, or more blank lines between its lines than it has lines
            joined = " ".join(text for text, _, _ in window)
            if len(joined) > MAX_CHARS:
                break
            found = parse_masthead(joined)
            if found is None:
                continue
            if size > 1 and found.section and _same_but_section(found, parse_masthead(" ".join(t for t, _, _ in window[:-1]))):
                continue  # its last line would only be the section: a headline under the masthead
            fullness = sum(x is not None for x in (found.paper, found.page, found.weekday, found.section))
            rank = (fullness, -size)
            if best is None or rank > best[:2]:
                best = (fullness, -size, found, window[0][1], window[-1][2])
    if best is None:
        return None
    return best[2], best[3], best[4]
