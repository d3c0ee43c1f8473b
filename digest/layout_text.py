"""Put `pdftotext -layout` text back into reading order, column by column.

The physical-layout signature
-----------------------------
`pdftotext -layout` prints every row of the page as one text line, so a page set in 4-6
columns comes out with the columns side by side, padded with ASCII spaces to the cell
where each text fragment starts on the page. Measured on real output: a cell is one
*character* (code point) of the line, whatever its printed width. A Han character, a
digit and a big headline character all take one cell each; pdftotext does not widen Han
characters to two cells. So column offsets stay consistent from line to line (column 2
starts at cell 21 on every line of the page), the spaces between columns form vertical
runs of blank cells (gutters) down the page, and each line read left to right mixes
several articles. Raw-mode extractors print one text box after another with at most a
letter-spaced line (`投 诉 举 报`) or a two-word headline (`运动青春 筑梦未来`) holding
single spaces, never gaps of three or more spaces aligned down many lines.

Reading order
-------------
The masthead band (up to TOP_BAND lines at the top, before a blank row) is kept whole; the
rest is read story by story by layout_stories.py, from the fragments placed here. (An XY-cut
on the grid read it before: a headline set large spans several columns on the page but only
a few cells in the text, so the cut read an article's columns apart.) The gutter search below
is what tells a layout page from raw text: a partial gutter, MIN_GUTTER cells blank on most
lines and separating text on many, crossed by a few lines at most (the masthead, a headline
or box set across several columns).

Each line's fragments are put back on their column's cell (`place_fragments`).
Measured on WeasyPrint pages, `pdftotext -layout` does not keep a column on one cell: where
two columns' lines share a baseline and the gutter is narrow it prints them as one line with
a single space between (`基本养老保险统筹基金； 养老保险基金总收入`), and fragments to the right
of such a line are pushed several cells right (a column at x = 427 pt printed at cell 62 on
one row, 71 on the next). So a run of six characters or more on either side of a single
space is split there (a spaced couplet headline `送你一双鞋 走好人生路` has shorter halves),
each fragment joins the thread of lines starting near its cell on the rows just above (a
column of text), and is printed at that thread's cell (an indent of two to four cells kept).

The gutter search looks at each character a bounded number of times, so it is near-linear
in the page size. Characters are never changed: spaces inside a column (a spread headline `吕 梁 市`) stay
for clean.fix_spaces to judge.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from .credits import DATELINE
from .masthead import find_masthead

# Two blank cells is the narrowest gutter pdftotext leaves between columns set with a
# 1em gap (it usually leaves 3-8); one blank cell is just a word space.
MIN_GUTTER = 2
# Detection: a gap of three spaces or more between text on one line. Word spaces and
# letter-spacing in raw text are single spaces.
WIDE_GAP_RE = re.compile(r"\S {3,}(?=\S)")
# Detection: a page is physical-layout when at least this many lines, and this share of
# its text lines, hold a wide gap, and a gutter is found that separates text on at least
# MIN_SEPARATED lines. A raw page has none; a layout page with columns has most.
MIN_GAPPED_LINES = 6
MIN_GAPPED_SHARE = 0.25
MIN_SEPARATED = 6
# A gutter must have text on each side on this share of the region's text lines: a
# column of a five-column page holds a fifth of them, or less when it is short.
MIN_SEPARATED_SHARE = 0.1
# A partial gutter may be crossed by at most this share of the region's text lines:
# the masthead and headlines across columns, not body text.
MAX_CROSSING_SHARE = 0.25
# Lines at the page's top, before a blank row, kept whole as the masthead band.
TOP_BAND = 3
# Markdown headings and table rows: a Markdown file is never pdftotext output.
MARKDOWN_RE = re.compile(r"^(?:#{1,6}\s|\|.*\|\s*$)")


@dataclass(frozen=True)
class Region:
    top: int  # first line
    bottom: int  # one past the last line
    left: int  # first cell
    right: int  # one past the last cell


def is_physical_layout(page_text: str) -> bool:
    """True when the page looks like `pdftotext -layout` output with columns side by side."""
    lines = _grid(page_text)
    text_lines = [line for line in lines if line.strip()]
    if sum(1 for line in text_lines if MARKDOWN_RE.match(line)) >= 2:
        return False
    gapped = sum(1 for line in text_lines if WIDE_GAP_RE.search(line))
    if gapped < MIN_GAPPED_LINES or gapped < MIN_GAPPED_SHARE * len(text_lines):
        return False
    # Wide gaps alone could be a few tabulated lines: columns make a gutter down the page.
    found = _best_gutter(lines, _whole(lines))
    return found is not None and found[1] >= MIN_SEPARATED


def to_reading_order(page_text: str) -> str:
    """The page's lines re-serialized story by story (see the module docstring): the masthead
    band, then each story's lines, stories separated by one blank line; a trailing newline is kept."""
    lines = _grid(page_text)
    if not any(line.strip() for line in lines):
        return page_text
    out: list[str] = []
    # The masthead band: up to TOP_BAND text lines at the top before a blank row. Its runs
    # are spread across the page and may line up with gutters, so it is kept whole.
    first = next(i for i, line in enumerate(lines) if line.strip())
    gap = next((i for i in range(first, len(lines)) if not lines[i].strip()), len(lines))
    body_top = 0
    if gap - first > TOP_BAND or gap == len(lines):
        # No blank row under it (Chromium sets the first headlines close under it): the first
        # line alone, when it reads as a masthead.
        gap = first + 1 if find_masthead([_one_space(lines[first])]) else first
    if gap > first:
        out.extend(_one_space(line) for line in lines[first:gap])
        body_top = gap
    from .layout_stories import read_stories  # it reads the fragments placed here

    for story in read_stories(lines[body_top:]):
        if out:
            out.append("")
        out.extend(story)
    result = "\n".join(out)
    return result + "\n" if page_text.endswith("\n") else result


def _one_space(line: str) -> str:
    # A masthead's padding is layout, and a masthead line is short (masthead.MAX_CHARS): one space.
    return re.sub(r" {2,}", " ", line.strip())


def _whole(lines: list[str]) -> Region:
    return Region(0, len(lines), 0, max(len(line) for line in lines))


def _grid(page_text: str) -> list[str]:
    # pdftotext pads with spaces only; a tab would be 8 cells in any terminal.
    return [line.rstrip().expandtabs() for line in page_text.split("\n")]


def _occupancy(lines: list[str], region: Region, width: int = 1) -> list[int]:
    """For each cell c of the region, the number of its lines with a character in the
    window of cells [c, c + width).

    Built from each line's runs of characters with a difference array, so it costs the
    length of the lines, not lines x cells of spaces."""
    diff = [0] * (region.right - region.left + 1)
    for i in range(region.top, region.bottom):
        for start, end in _runs(lines[i], region):
            diff[max(0, start - region.left - width + 1)] += 1
            diff[end - region.left] -= 1
    counts, total = [], 0
    for step in diff[:-1]:
        total += step
        counts.append(total)
    return counts


def _runs(line: str, region: Region) -> list[tuple[int, int]]:
    """Cells [start, end) of the line's runs of non-space characters inside the region."""
    piece = line[region.left : region.right]
    return [(region.left + m.start(), region.left + m.end()) for m in re.finditer(r"\S+", piece)]


def _blank_runs(occupied: list[int], region: Region, limit: int) -> list[tuple[int, int]]:
    """Runs [start, end) of at least MIN_GUTTER cells each crossed by at most `limit` lines,
    with text in the region on both sides (the margins are not gutters)."""
    cells = [i for i, count in enumerate(occupied) if count]
    if not cells:
        return []
    first, last = cells[0], cells[-1]
    runs, start = [], None
    for i in range(first, last + 1):
        if occupied[i] <= limit:
            start = i if start is None else start
            continue
        if start is not None and i - start >= MIN_GUTTER:
            runs.append((region.left + start, region.left + i))
        start = None
    return runs


def _separated(lines: list[str], region: Region, run: tuple[int, int]) -> int:
    """How many lines, of those with nothing inside the run, hold text on its left, and how
    many on its right: the smaller count. Columns printed at different baselines share few
    lines, so each side is counted on its own."""
    left = right = 0
    for i in range(region.top, region.bottom):
        line = lines[i]
        if line[run[0] : run[1]].strip():
            continue
        left += bool(line[region.left : run[0]].strip())
        right += bool(line[run[1] : region.right].strip())
    return min(left, right)


def _text_lines(lines: list[str], region: Region) -> int:
    return sum(1 for i in range(region.top, region.bottom) if lines[i][region.left : region.right].strip())


def _best_gutter(lines: list[str], region: Region) -> tuple[int, int, int] | None:
    """The region's best partial gutter as (lines crossing it, lines it separates, first cell).

    A gutter is a window of MIN_GUTTER cells; the best is the one crossed by the fewest
    lines (then the one separating most, then the leftmost): the masthead or a headline
    across columns crosses it, body text does not. None when no window is crossed by at
    most MAX_CROSSING_SHARE of the text lines while separating text on enough of them."""
    text_lines = _text_lines(lines, region)
    needed = max(2, MIN_SEPARATED_SHARE * text_lines)
    crossed = _occupancy(lines, region, MIN_GUTTER)
    occupied = _occupancy(lines, region)
    best = None
    for start, end in _blank_runs(occupied, region, limit=int(MAX_CROSSING_SHARE * text_lines)):
        for cell in range(start, end - MIN_GUTTER + 1):
            crossings = crossed[cell - region.left]
            if best is not None and crossings > best[0]:
                continue
            separated = _separated(lines, region, (cell, cell + MIN_GUTTER))
            if separated >= needed and (best is None or (crossings, -separated) < (best[0], -best[1])):
                best = (crossings, separated, cell)
    return best


# A single space between two runs this long parts two columns' lines printed as one.
SPLIT_RUN = 6
LETTER_SPACED_RUN = 4
# A fragment continues a thread (a column of lines) whose last line is at most this many rows up...
THREAD_GAP_ROWS = 4
# ...and whose cell is within this share of a body line's length (in cells) of its own:
# less than half the pitch of the columns, more than the push pdftotext gives a fragment.
THREAD_REACH = 0.8
INDENT_CELLS = (2, 4)  # a paragraph's first line, set in by two em


@dataclass(eq=False)
class _Fragment:
    row: int
    start: int
    text: str
    packed: bool = False  # split off the line before it: printed right after it, left of its column


@dataclass(eq=False)
class _Thread:
    last_row: int
    cell: int
    fragments: list[_Fragment] = field(default_factory=list)


def _fragments(line: str, row: int) -> list[_Fragment]:
    """The line's runs of text parted by two spaces or more, and by a single space between two
    runs of SPLIT_RUN characters or more (two columns run together), outside brackets."""
    out: list[_Fragment] = []
    for match in re.finditer(r"\S+(?: \S+)*", line):
        words = match.group().split(" ")
        fragment = _Fragment(row, match.start(), words[0])
        for word in words[1:]:
            inside_brackets = fragment.text.count("（") > fragment.text.count("）")  # `（记者 王涛）`: one column's words
            left = fragment.text.split(" ")
            # A letter-spaced line (`相 约 在 河 南`) run into the next column's line is parted too.
            spaced = len(left) >= LETTER_SPACED_RUN and all(len(w) == 1 for w in left[-LETTER_SPACED_RUN:])
            if (len(left[-1]) >= SPLIT_RUN or spaced) and len(word) >= SPLIT_RUN and not inside_brackets:
                out.append(fragment)
                fragment = _Fragment(row, fragment.start + len(fragment.text) + 1, word, packed=True)
            else:
                fragment.text += " " + word
        out.append(fragment)
    return _join_datelines(out)


# A dateline ending in its bracketed reporters (`本报讯 （记者 王涛）`), set apart from the
# report's first words by a wide space that pdftotext prints as a few spaces.
DATELINE_END_RE = re.compile(rf"^\s*(?:{DATELINE}).*[）)]$")
DATELINE_GAP = 4  # spaces at most between a dateline and the words after it


def _join_datelines(fragments: list[_Fragment]) -> list[_Fragment]:
    out: list[_Fragment] = []
    for f in fragments:
        last = out[-1] if out else None
        if last is not None and DATELINE_END_RE.match(last.text) and f.start - (last.start + len(last.text)) <= DATELINE_GAP:
            last.text += " " + f.text
            continue
        out.append(f)
    return out


def _merge_packed(threads: list[_Thread], reach: int) -> list[_Thread]:
    """A column's lines split off the lines before them (`packed`) start right after those, left
    of the column's cell: a thread of such lines is the top of the column that goes on right of
    it within a few rows (Chromium sets columns an em apart, so its first lines are often so)."""
    for thread in sorted(threads, key=lambda t: t.fragments[0].row):
        if not thread.fragments or sum(f.packed for f in thread.fragments) * 2 <= len(thread.fragments):
            continue
        last = thread.fragments[-1].row
        following = [t for t in threads if t is not thread and t.fragments and 0 < t.fragments[0].row - last <= THREAD_GAP_ROWS
                     and 0 < t.cell - thread.cell <= 2 * reach]
        if following:
            host = min(following, key=lambda t: (t.fragments[0].row, t.cell - thread.cell))
            host.fragments[:0] = thread.fragments
            thread.fragments = []
    return [t for t in threads if t.fragments]


def place_fragments(lines: list[str]) -> list[list[tuple[_Fragment, int, int]]]:
    """Each row's fragments as (fragment, the cell of its column, its column's number): the
    threads of lines starting near one cell on the rows above (see the module docstring)."""
    rows = [_fragments(line, r) for r, line in enumerate(lines)]
    lengths = [len(f.text) for fragments in rows for f in fragments if len(f.text) >= 4]
    if not lengths:
        return [[(f, f.start, -1) for f in fragments] for fragments in rows]
    reach = max(4, int(THREAD_REACH * statistics.median(lengths)))
    threads: list[_Thread] = []
    for r, fragments in enumerate(rows):
        taken: set[int] = set()
        for fragment in fragments:
            # A fragment split off a line was packed against it: its column may lie further right.
            right_reach = 2 * reach if fragment.packed else reach
            near = [t for t in threads if id(t) not in taken and t.last_row >= r - THREAD_GAP_ROWS and -reach <= t.cell - fragment.start <= right_reach]
            thread = min(near, key=lambda t: abs(fragment.start - t.cell), default=None)
            if thread is None:
                thread = _Thread(r, fragment.start)
                threads.append(thread)
            taken.add(id(thread))
            thread.fragments.append(fragment)
            thread.last_row = r
    threads = _merge_packed(threads, reach)
    cell_of: dict[int, tuple[int, int]] = {}
    for number, thread in enumerate(threads):
        starts = [f.start for f in thread.fragments]
        cell = statistics.median_low(starts) if len(starts) >= 3 else min(starts)
        for f in thread.fragments:
            indent = f.start - cell
            cell_of[id(f)] = (f.start if INDENT_CELLS[0] <= indent <= INDENT_CELLS[1] else cell, number)
    return [[(f, *cell_of[id(f)]) for f in fragments] for fragments in rows]
