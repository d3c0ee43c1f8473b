"""Layout-mode text read story by story: the character grid as lines for the PDF path's reader.

`pdftotext -layout` keeps where each line was printed, roughly: its row follows the page top
down, and its cell is where its column starts (pushed right where a line to the left ran long;
layout_fragments.place_fragments puts each fragment back on its column's cell). Measured on
WeasyPrint pages, a column's lines do not come one a row: columns set out of step print their
lines on rows of their own, so most of a column's lines are two rows apart (1,658 one row,
3,874 two rows, 446 three or four, on 30 pages), and a gap counted in rows says little. So:

1. each row gets a height on the page: one line pitch under the row of the line above it in
   its column, at least a fraction of a pitch under the row before it, and a body line more
   for each blank row pdftotext printed (it prints one per font size of white space);
2. each fragment is a line of glyphs, one cell wide each (an ASCII character half a cell);
3. the page is read by `digest.pdf.stories.story_order(..., parted=True)`: column blocks,
   stacked by that geometry, a block joined to the one above it in its column when that one's
   text runs on, else a story of its own. A block is never joined to the one beside it by
   their tops, as on a PDF page: row heights are estimates, and half of the columns so joined
   were two stories' (measured on d41, d42). The stories are then read column by column, each
   column top down, a story's column being where most of its lines start, and starts less than
   COLUMN_SHARE of a line apart one column (the reader orders them by their leftmost line, to
   two cells: a story pdftotext pushed a few cells right, or one holding a line pulled left,
   was read out of its column's order);
4. a story's next column is read right after it (the columns of an article set over two or
   three, under one headline): the story right beside it (its gap under a column's width)
   whose top is level with its first body line (within NEXT_COLUMN_ROWS pitches) and that
   shares its wording, read from the character pairs both print and at most one other story
   of the page does (a notice's template words are shared by every notice), at least
   SHARED_WORDING of the shorter story's (the first column's words: the story's and those of
   the stories under it in its column, where a line set apart parted it); it goes after the stories of the first column down
   to where it ends. The grid gives no sign of which level stories are one article's (their
   tops and ends are level as often when they are two: measured on seeds 89-91, a third of
   the level pairs are one article's), but the wording does. Where the first column stops
   mid-sentence and the next column's top is level with its first body line (within half a
   pitch), less wording is enough: RUNS_ON_WORDING, RUNS_ON_PAIRS pairs at least (measured on
   seed 190, such pairs, level within a pitch, sharing 0.02-0.06 were one article's 33 times of 41, against 56 of 95
   whatever their ends and levels).

Type size is lost in the grid (a headline's characters take a cell each, as body type does),
so every line is read as body type: no display type, no `---` between stories. The segmenter
finds the headlines and the cuts in the story-ordered lines as it does in raw text (marking
headline-like lines as display type, or parting stories with `---`, cut worse: see docs/segmentation.md).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from .clean import HAN, ends_sentence, printed_width
from .layout_fragments import place_fragments, usual_line, vertical_headlines_across
from .pdf.glyphs import Glyph
from .pdf.lines import Line
from .pdf.columns import grid_headline_like
from .pdf.stories import story_order

BODY = 10.0  # the size body type is drawn at (any unit: the reader measures in body ems)
PITCH = 1.5  # body ems from a column's line to the next (papers set 1.4-1.6)
ROW_STEP = 0.3  # pitches at least between one row and the next
HAN_RE = re.compile(f"[{HAN}]")
NEAR_ROWS = 3  # a column's next line is at most this many rows down
NEXT_COLUMN_ROWS = 5  # pitches at most between a story's first body line and its next column's top
NEXT_COLUMN_GAP = 0.9  # the gap to a story's next column, at most, in the story's widths
SHARED_WORDING = 0.06  # share of the shorter story's character pairs its next column prints too
RUNS_ON_WORDING = 0.02  # ...where the story's text runs on and their tops are level (within LEVEL_PITCHES)
LEVEL_PITCHES = 0.5  # and RUNS_ON_PAIRS distinctive pairs at least are shared (a single `今年` says nothing)
RUNS_ON_PAIRS = 3
DISTINCT_PAIR = 2  # a pair printed by more stories of the page than this says nothing
COLUMN_SHARE = 0.5  # stories whose lines start less than this share of a line apart are one column's
MIN_ROWS = 3  # rows at least in a story and in its next column
RUN_GAP = 3  # pitches at most between a story and the one under it in its column that goes on its text
INDENTED = 2  # cells right of its column's cell that a paragraph's first line stands, at least
# A row is printed this many cells at most right of its column's cell (its indent: a paragraph's
# first line two cells in, a headline centred over its column more), as leading spaces.
MAX_INDENT = 9


def read_stories(lines: list[str]) -> list[list[str]]:
    """The page's stories (masthead taken off), each its printed lines in reading order."""
    placed = place_fragments(vertical_headlines_across(lines))
    heights = _row_heights(placed)
    grid_lines, indents = [], {}
    for r, row in enumerate(placed):
        for f, cell, _ in row:
            line = _line(f.text, cell * BODY, heights[r])
            grid_lines.append(line)
            indents[id(line)] = min(MAX_INDENT, max(0, f.start - cell))
    if not grid_lines:
        return []
    stories: list[list[list[Line]]] = []
    for item in story_order(grid_lines, [], [], BODY, parted=True):
        if isinstance(item, str):  # the RULE before each story (no picture is ever drawn here)
            stories.append([])
        elif item:
            stories[-1].append(item)
    stories = _by_column([_Story(rows) for rows in stories if rows], usual_line(f.text for row in placed for f, _, _ in row))
    stories = _runs_joined(stories, indents, {id(stories[host]) for host in _next_columns(stories)[1]})
    stories = _next_columns_joined(stories)
    return [[" " * indents.get(id(row[0]), 0) + " ".join(line.text for line in row) for row in story.rows] for story in stories]


@dataclass(eq=False)
class _Story:
    rows: list[list[Line]]
    pairs: set[str] = field(init=False)

    def __post_init__(self) -> None:
        lines = [line for row in self.rows for line in row]
        self.x0, self.x1 = min(l.x0 for l in lines), max(l.x1 for l in lines)
        self.top, self.bottom = min(l.y0 for l in lines), max(l.y0 for l in lines)
        self.column = statistics.median_low([l.x0 for l in lines])  # where most of its lines start
        han = "".join(HAN_RE.findall("".join(l.text for l in lines)))
        self.pairs = {han[i : i + 2] for i in range(len(han) - 1)}
        first = " ".join(l.text for l in self.rows[0]).strip()
        # Its first row a headline (short, no punctuation at its end): its body starts a row down.
        headline = grid_headline_like(first, len(first) * BODY, self.x1 - self.x0)
        self.body_tops = [min(l.y0 for l in row) for row in self.rows[: 2 if headline else 1]]
        self.last_text = " ".join(l.text for l in self.rows[-1]).rstrip()


def _by_column(stories: list[_Story], line_cells: float) -> list[_Story]:
    """The stories column by column, each column's top down (step 3's order): a story's column is
    where most of its lines start, and columns whose starts are less than COLUMN_SHARE of a line
    apart are one (pdftotext pushes a column's lines a few cells right where lines left of them run
    long, so the stories of one column stand a few cells apart)."""
    column, last, number = {}, None, -1
    for x in sorted({story.column for story in stories}):
        if last is None or x - last > COLUMN_SHARE * line_cells * BODY:
            number += 1
        column[x], last = number, x
    return sorted(stories, key=lambda story: (column[story.column], story.top))


def _runs_joined(stories: list[_Story], indents: dict[int, int], go_on: set[int]) -> list[_Story]:
    """The stories with each one joined to the story right under it in its column where its text runs
    on into that one (step 3b): the grid's row heights part a column where other columns' rows push
    it (Chromium: 52 stories a page of about ten articles), and the parts, read as stories of their
    own, were each a next column's candidate on its own (too few rows, too little wording) and read
    apart from the column they go on. Joined where the upper story ends no sentence nor bracket, the
    lower one stands within RUN_GAP pitches under it in the same column (COLUMN_SHARE), and its first
    line opens no paragraph of its own: not a headline, not indented (INDENTED cells), not wider than
    the upper story (a headline set across columns). A story whose text goes on in a next column
    (`go_on`: the ids of the stories _next_columns finds one for, on the stories as the grid parted
    them) is not joined to the one under it, nor is a story joined onto one of those."""
    out: list[_Story] = []
    for story in stories:
        last = out[-1] if out else None
        if last is not None and id(last) not in go_on and _runs_into(last, story, indents):
            out[-1] = _Story(last.rows + story.rows)
            if id(story) in go_on:  # the joined story ends where its text goes on in a next column
                go_on.add(id(out[-1]))
            continue
        out.append(story)
    return out


def _runs_into(upper: _Story, lower: _Story, indents: dict[int, int]) -> bool:
    """`lower`, the next story of `upper`'s column, goes on `upper`'s text (see _runs_joined)."""
    if abs(lower.column - upper.column) > COLUMN_SHARE * (upper.x1 - upper.x0):
        return False
    if not 0 < lower.top - upper.bottom <= RUN_GAP * PITCH * BODY:
        return False
    if ends_sentence(upper.last_text) or upper.last_text.endswith(("）", ")")):
        return False
    first = lower.rows[0]
    text = " ".join(line.text for line in first).strip()
    width = max(line.x1 for line in first)
    return (indents.get(id(first[0]), 0) < INDENTED and width <= upper.x1 + BODY
            and not grid_headline_like(text, len(text) * BODY, max(upper.x1 - upper.x0, lower.x1 - lower.x0)))


def _next_columns_joined(stories: list[_Story]) -> list[_Story]:
    """The stories in reading order with each story's next column read right after it (see the
    module docstring, step 4)."""
    under, after, taken = _next_columns(stories)
    # A next column goes on down its own column to where the first column ends: the stories under it
    # there are read with it (the grid parted it as it parted the first column).
    follow: dict[int, int] = {}
    for host, j in list(after.items()):
        m = j
        while (m not in after and m in under and under[m] not in taken and under[m] not in after.values()
               and stories[under[m]].top <= stories[host].bottom):
            follow[m] = under[m]
            taken.add(under[m])
            m = under[m]
    out: list[_Story] = []
    done: set[int] = set()

    def read(k: int) -> None:
        while k not in done:
            done.add(k)
            out.append(stories[k])
            if k in after:
                k = after[k]
            elif k in follow:
                k = follow[k]
            else:
                break

    for k in range(len(stories)):
        if k not in taken:
            read(k)
    for k in range(len(stories)):
        read(k)
    return out


def _next_columns(stories: list[_Story]) -> tuple[dict[int, int], dict[int, int], set[int]]:
    """The stories' column order (a story -> the one under it in its column), their next columns
    (the last story of a first column -> its next column) and the stories read as next columns."""
    printed_by = Counter(pair for story in stories for pair in story.pairs)
    pitch = PITCH * BODY
    # A column's stories one under the other, as story_order gives them: where a next column goes.
    under = {k: k + 1 for k in range(len(stories) - 1)
             if min(stories[k].x1, stories[k + 1].x1) - max(stories[k].x0, stories[k + 1].x0) > 2 * BODY
             and stories[k + 1].top > stories[k].top}
    after: dict[int, int] = {}  # a story -> the next column read after it
    taken: set[int] = set()
    for k, story in enumerate(stories):
        if len(story.rows) < MIN_ROWS:
            continue
        best = None
        for j, other in enumerate(stories):
            if j == k or j in taken or j in after or len(other.rows) < MIN_ROWS:
                continue
            if not -BODY <= other.x0 - story.x1 <= NEXT_COLUMN_GAP * (story.x1 - story.x0):
                continue
            if not any(abs(other.top - top) <= NEXT_COLUMN_ROWS * pitch for top in story.body_tops):
                continue
            column = _first_column(stories, under, k, other)
            pairs = set().union(*(stories[c].pairs for c in column))
            shared = sum(1 for pair in pairs & other.pairs if printed_by[pair] <= DISTINCT_PAIR)
            share = shared / max(1, min(len(pairs), len(other.pairs)))
            needed = SHARED_WORDING
            if (shared >= RUNS_ON_PAIRS and any(abs(other.top - top) <= LEVEL_PITCHES * pitch for top in story.body_tops)
                    and not ends_sentence(stories[column[-1]].last_text)):
                needed = RUNS_ON_WORDING
            if share >= needed and (best is None or share > best[0]):
                best = (share, j)
        if best is None:
            continue
        j = best[1]
        host = _first_column(stories, under, k, stories[j])[-1]
        if host in after:
            continue
        after[host] = j
        taken.add(j)
    return under, after, taken


def _first_column(stories: list[_Story], under: dict[int, int], k: int, other: _Story) -> list[int]:
    """Story k and the stories under it in its column down to the end of `other`, its next
    column (the article's rows): its first column, parted into stories where a line was set
    apart, shares its wording with the next column as a whole, and the next column is read
    after the last of them."""
    column = [k]
    while column[-1] in under and stories[under[column[-1]]] is not other and stories[under[column[-1]]].top <= other.bottom:
        column.append(under[column[-1]])
    return column


def _row_heights(placed) -> list[float]:
    """Where each row stands on the page, in the units of BODY (see the module docstring)."""
    pitch = PITCH * BODY
    above_in_column: dict[int, int] = {}  # column number -> the row of its last line
    heights = [0.0] * len(placed)
    last = None
    for r, row in enumerate(placed):
        if not row:
            continue
        y = 0.0 if last is None else heights[last] + ROW_STEP * pitch + (r - last - 1) * BODY
        for _, _, column in row:
            above = above_in_column.get(column)
            if column >= 0 and above is not None and r - above <= NEAR_ROWS:
                y = max(y, heights[above] + pitch)
        for _, _, column in row:
            above_in_column[column] = r
        heights[r] = y
        last = r
    return heights


def _line(text: str, x: float, y: float) -> Line:
    """A printed line of `text` from (x, y) in body type: one glyph a cell, spaces kept."""
    glyphs = []
    for ch in text:
        advance = BODY * printed_width(ch)  # an ASCII character is half as wide
        glyphs.append(Glyph(ch, x, y, x + advance, y + BODY, BODY, "grid"))
        x += advance
    return Line(glyphs).finish()


__all__ = ["read_stories"]
