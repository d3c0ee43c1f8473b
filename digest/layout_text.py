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
rest goes down the pipeline: layout_fragments.py puts each line's fragments back on their
column's cell, layout_stories.py reads the stories from that grid. (An XY-cut
on the grid read it before: a headline set large spans several columns on the page but only
a few cells in the text, so the cut read an article's columns apart.) The gutter search below
is what tells a layout page from raw text: a partial gutter, MIN_GUTTER cells blank on most
lines and separating text on many, crossed by a few lines at most (the masthead, a headline
or box set across several columns).

The gutter search looks at each character a bounded number of times, so it is near-linear
in the page size. Characters are never changed: spaces inside a column (a spread headline `吕 梁 市`) stay
for clean.fix_spaces to judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
# Detection without a gutter: two runs of prose (six characters or more) a wide gap apart on
# at least this many lines and this share of the text lines (undetected Chromium pages: 23
# lines and 27% at least, raw and plain text none).
PROSE_GAP_RE = re.compile(r"\S{6,} {3,}\S{6,}")
MIN_PROSE_LINES = 10
MIN_PROSE_SHARE = 0.15
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
    if found is not None and found[1] >= MIN_SEPARATED:
        return True
    # Or prose side by side on many lines: Chromium sets columns an em apart and pdftotext
    # prints a block one space after the block left of it on its rows, so its columns drift
    # and leave no gutter down the page (measured: 13 of 40 pages of d42). Raw and plain
    # extractor output has no such line (none on the raw and plain text of 390 dev pages).
    prose = sum(1 for line in text_lines if PROSE_GAP_RE.search(line))
    return prose >= MIN_PROSE_LINES and prose >= MIN_PROSE_SHARE * len(text_lines)


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
    from .layout_stories import read_stories  # with the PDF reader's story order: loaded only for a layout page

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
