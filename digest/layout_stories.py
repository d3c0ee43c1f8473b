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
   text runs on, else a story of its own; stories top to bottom, column by column. A block is
   never joined to the one beside it by their tops, as on a PDF page: row heights are
   estimates, and half of the columns so joined were two stories' (measured on d41, d42).

Type size is lost in the grid (a headline's characters take a cell each, as body type does),
so every line is read as body type: no display type, no `---` between stories. The segmenter
finds the headlines and the cuts in the story-ordered lines as it does in raw text (marking
headline-like lines as display type, or parting stories with `---`, cut worse: see docs/segmentation.md).
"""

from __future__ import annotations

from .clean import printed_width
from .layout_fragments import place_fragments, vertical_headlines_across
from .pdf.glyphs import Glyph
from .pdf.lines import Line
from .pdf.stories import story_order

BODY = 10.0  # the size body type is drawn at (any unit: the reader measures in body ems)
PITCH = 1.5  # body ems from a column's line to the next (papers set 1.4-1.6)
ROW_STEP = 0.3  # pitches at least between one row and the next
NEAR_ROWS = 3  # a column's next line is at most this many rows down


def read_stories(lines: list[str]) -> list[list[str]]:
    """The page's stories (masthead taken off), each its printed lines in reading order."""
    placed = place_fragments(vertical_headlines_across(lines))
    heights = _row_heights(placed)
    grid_lines = [_line(f.text, cell * BODY, heights[r]) for r, row in enumerate(placed) for f, cell, _ in row]
    if not grid_lines:
        return []
    stories: list[list[str]] = []
    for item in story_order(grid_lines, [], [], BODY, parted=True):
        if isinstance(item, str):  # the RULE before each story (no picture is ever drawn here)
            stories.append([])
        elif item:
            stories[-1].append(" ".join(line.text for line in item))
    return [story for story in stories if story]


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
