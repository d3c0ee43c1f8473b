"""Measuring and breaking Chinese text into printed lines, as a typesetter does.

The pages are positioned absolutely, so the layout must know how tall every text block is
before the engine draws it: lines are broken here (one `Line` per printed line) and each is
drawn with `white-space: nowrap`. Widths are in em: a Han character or full-width mark is
1 em in Noto CJK; ASCII is narrower, estimated a little wide so no line overflows its column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NO_LINE_START = "，。、；：？！”’）》…%％」』"  # kinsoku: never at the start of a line
NO_LINE_END = "“‘（《「『"  # never at the end of a line


def char_width(ch: str) -> float:
    if not ch.isascii():
        return 1.0 if ch not in "\u2014" else 1.0
    if ch.isdigit():
        return 0.6
    if ch.isupper():
        return 0.72
    if ch.isalpha():
        return 0.6
    if ch == " ":
        return 0.3
    return 0.5


def width(text: str, spacing: float = 0.0) -> float:
    return sum(char_width(ch) + spacing for ch in text)


def tokens(text: str) -> list[str]:
    """Unbreakable units: one Chinese character or mark, or a run of ASCII letters/digits."""
    return re.findall(r"[A-Za-z0-9.%@/+\-:]+|.", text)


@dataclass
class Line:
    text: str
    para: int = -1  # index of the paragraph it prints (-1: not body text, e.g. a credit)
    start: int = 0  # offsets of the line in that paragraph
    end: int = 0
    indent: bool = False  # first line of a paragraph: 2 em in
    style: str = ""  # "", "head" (section head, bold), "right" (signature, credit)

    @property
    def body(self) -> bool:
        return self.para >= 0


def wrap(text: str, limit: float, spacing: float = 0.0, indent: float = 0.0) -> list[tuple[int, int]]:
    """(start, end) offsets of the lines `text` breaks into at `limit` em, the first line
    `indent` em shorter; punctuation that may not start a line hangs on the line before."""
    spans: list[tuple[int, int]] = []
    start, pos, used, room = 0, 0, 0.0, limit - indent
    starts: list[int] = []  # where each token so far starts
    for tok in tokens(text):
        w = width(tok, spacing)
        cut = None
        if pos > start and used + w > room:
            if tok[0] not in NO_LINE_START:
                cut = pos
            elif used > room:
                # One mark hangs past the column already: a second never does (it would reach
                # over the gutter into the next column's text, `57％。`, `街道……`); the token
                # the marks follow goes down with them, as typesetters push a line's end down.
                marks = pos
                while marks > start and text[marks - 1] in NO_LINE_START:
                    marks -= 1
                before = max((k for k in starts if k < marks), default=start)
                cut = before if before > start else None
        if cut is not None:
            while cut > start + 1 and text[cut - 1] in NO_LINE_END:
                cut -= 1
            spans.append((start, cut))
            used = width(text[cut:pos], spacing)
            start, room = cut, limit
        starts.append(pos)
        used += w
        pos += len(tok)
    if pos > start:
        spans.append((start, pos))
    return spans


def wrap_paragraphs(paragraphs: list[str], limit: float, spacing: float = 0.0, heads: set[int] = frozenset(), indent: float = 2.0) -> list[Line]:
    lines: list[Line] = []
    for i, para in enumerate(paragraphs):
        head = i in heads
        first_indent = 0.0 if head else indent
        for k, (a, b) in enumerate(wrap(para, limit, spacing, first_indent)):
            lines.append(Line(para[a:b], para=i, start=a, end=b, indent=(k == 0 and not head and indent > 0), style="head" if head else ""))
    return lines


def break_headline(title: str, limit: float, rng, max_lines: int = 3) -> list[str]:
    """A headline as printed: one line when it fits (sometimes broken in two anyway, at its
    space or mid-phrase, as editors do for shape), else as many lines as it needs."""
    spans = wrap(title, limit)
    if len(spans) > max_lines:
        return []
    lines = [title[a:b].strip() for a, b in spans]
    if len(lines) == 1 and len(title) >= 8 and rng.random() < 0.35:
        if " " in title.strip():
            a, _, b = title.strip().partition(" ")
            return [a, b.strip()]
        cuts = [k for k in range(len(title) // 3, 2 * len(title) // 3 + 1)
                if 2 <= k <= len(title) - 2 and title[k] not in NO_LINE_START and title[k - 1] not in NO_LINE_END
                and not (title[k - 1].isascii() and title[k].isascii())]
        if cuts:
            k = rng.choice(cuts)
            return [title[:k], title[k:]]
    return [ln for ln in lines if ln]
