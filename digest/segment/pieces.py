"""A piece: the body lines of one article as cut from the page, before it becomes an `Article`;
and a chain: the headline candidate lines printed between pieces."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..clean import CleanLine, ends_paragraph, han_only, join_lines


@dataclass(eq=False)
class Piece:
    """A run of body lines that belongs to one article."""

    lines: list[CleanLine] = field(default_factory=list)
    lead: bool = False
    byline: str | None = None
    kind: str | None = None
    markers: list[str] = field(default_factory=list)
    headline: list[str] = field(default_factory=list)
    headline_lines_whole: bool = False  # each headline line is whole (Markdown headings): never join them
    headline_levels: list[int] = field(default_factory=list)  # their heading levels
    float_byline: str | None = None
    dateline: str | None = None  # the lead's dateline, once split off the first paragraph
    summary_lines: int = 0  # lines of a summary or editor's note printed before its dateline
    after_topic_break: bool = False  # cut off a report where its topic changed: an essay run on after it
    signature: list[str] = field(default_factory=list)  # a notice's signature block, line by line
    dropped: list[str] = field(default_factory=list)  # labels printed twice (a repeated sign-off), for the record
    chain_before: "Chain | None" = None  # the headline lines printed right before it, if any
    story_start: bool = False  # first in a story the page parts off (drawn rule, PDF story): continues nothing
    signed_off: bool = False  # its byline is a sign-off at its end (（张临山）), as short news is signed
    bold: bool = False  # all of it set in fake bold, as a photo's caption is

    def absorb(self, other: "Piece") -> None:
        """Take `other`'s lines as this piece's continuation, with what was printed around them."""
        self.lines.extend(other.lines)
        self.take_labels(other)

    def take_labels(self, other: "Piece") -> None:
        """Take what was printed around `other`'s lines (markers, signature, byline)."""
        self.markers.extend(other.markers)
        self.signature.extend(other.signature)
        self.add_byline(other.byline)

    def add_byline(self, name: str | None) -> None:
        """Another name signing this piece; one it already carries is a repeat, recorded as dropped."""
        if not name:
            return
        if name in (self.byline or ""):
            self.dropped.append(name)
        else:
            self.byline = f"{self.byline} {name}" if self.byline else name

    @property
    def chars(self) -> int:
        return sum(len(line.text) for line in self.lines)

    @property
    def plain(self) -> bool:
        """No dateline lead, byline, kind or markers of its own: it may well continue another piece."""
        continued_from_elsewhere = any(marker.startswith("上接") for marker in self.markers)
        return not self.lead and self.kind is None and not self.float_byline and not continued_from_elsewhere and not self.story_start


@dataclass(eq=False)
class Chain:
    """Headline candidate lines in print order, with the pieces printed just before and after them."""

    lines: list[str] = field(default_factory=list)
    markdown: bool = False  # Markdown headings: each line is a whole heading
    levels: list[int] = field(default_factory=list)  # each line's heading level (1 for `#` and plain lines)
    before: Piece | None = None
    after: Piece | None = None
    opens_story: bool = False  # first in its story (after a drawn rule or at the top): it heads what follows


# A headline is printed on its body's page, a few hundred lines away at most: it is compared
# only with text within this many lines of it. A page never reaches it (so a page is read as
# if every line were compared with every other), and a big issue costs linear time.
REACH_LINES = 2000


def reach_span(positions: list[int], at: int, reach: int = REACH_LINES) -> tuple[int, int]:
    """(lo, hi): the indexes lo..hi-1 of the `positions` (ascending) within `reach` of `at`."""
    return bisect.bisect_left(positions, at - reach), bisect.bisect_right(positions, at + reach)


def within_reach(positions: list[int], at: int, reach: int = REACH_LINES) -> list[int]:
    """Indexes k, in order, of the `positions` (ascending) within `reach` of `at`."""
    return list(range(*reach_span(positions, at, reach)))


def han_window(lines: list[CleanLine], chars: int, from_end: bool = False) -> str:
    """The Han characters of whole lines, from the first line on (or back from the last),
    until there are at least `chars`: the text a headline is compared with."""
    return joined_until((han_only(line.text) for line in (reversed(lines) if from_end else lines)), chars, from_end)


class PageHan(list):
    """Each line's Han text (`han_only`), made once a page (or a piece), and the Han characters
    above each line (`before[i]`, `before[n]` all of them): a window of whole lines is found by
    bisection and joined in one go."""

    def __init__(self, hans):
        super().__init__(hans)
        self.before = list(itertools.accumulate(map(len, self), initial=0))


def page_window(hans: PageHan, start: int, stop: int, chars: int, from_end: bool = False) -> str:
    """`han_window` of lines[start:stop] from their Han text: whole lines, from `start` on (or
    back from `stop`), until there are at least `chars` (`joined_until`)."""
    if start >= stop:
        return ""
    before = hans.before
    if from_end:
        # The last line that, with the lines after it up to stop, makes `chars`; else start.
        first = max(start, bisect.bisect_right(before, before[stop] - chars, start, stop) - 1)
        return "".join(hans[first:stop])
    # The end of the first line that makes `chars` since start; else stop.
    return "".join(hans[start : bisect.bisect_left(before, before[start] + chars, start + 1, stop)])


def joined_until(hans: Iterable[str], chars: int, from_end: bool = False) -> str:
    """Texts joined in the order given until there are at least `chars` characters; with
    `from_end`, given last line first, each goes before the ones so far (han_window's core)."""
    text = ""
    for han in hans:
        text = han + text if from_end else text + han
        if len(text) >= chars:
            break
    return text


def paragraph_spans(lines: list[CleanLine]) -> list[tuple[int, int]]:
    """Line ranges [start, end) of the paragraphs `paragraphs` makes: a paragraph ends where a
    line ends a sentence, and a standalone line (a section head) is a paragraph of its own."""
    spans: list[tuple[int, int]] = []
    start = 0
    for i, line in enumerate(lines):
        if line.standalone:
            if start < i:
                spans.append((start, i))
            spans.append((i, i + 1))
            start = i + 1
        elif ends_paragraph(line.text, lines[i + 1].text if i + 1 < len(lines) else ""):
            spans.append((start, i + 1))
            start = i + 1
    if start < len(lines):
        spans.append((start, len(lines)))
    return spans


def last_paragraph_start(lines: list[CleanLine], reach: int) -> int | None:
    """Where the last of `paragraph_spans(lines)` starts, read back from the end of `lines` (not
    empty), or None when it starts more than `reach` lines up: a caller asking at every line of
    a piece that grows stays linear (a file of datelines that never end a sentence)."""
    n = len(lines)
    if lines[-1].standalone:
        return n - 1
    for i in range(n - 2, max(n - 2 - reach, -1), -1):
        if lines[i].standalone or ends_paragraph(lines[i].text, lines[i + 1].text):
            return i + 1
    return 0 if n - 1 <= reach else None


def paragraphs(lines: list[CleanLine]) -> list[str]:
    """Join body lines into paragraphs (see `paragraph_spans`)."""
    out: list[str] = []
    for start, end in paragraph_spans(lines):
        out.extend(join_lines([line.text for line in lines[start:end] if line.text]))
    return [p for p in out if p]
