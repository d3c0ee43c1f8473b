"""A page's body lines stacked into column blocks and its display type into head elements: the
units `stories.story_order` hangs together into stories (`Element`, `Story`, `Blocks`), and the
frames drawn around text (`Frames`)."""

from __future__ import annotations

import bisect
import functools
import math
import re
import statistics
from dataclasses import dataclass, field

from ..clean import HAN, ends_sentence
from ..credits import BULLET, ROLE_CREDIT_RE
from .glyphs import Box, Rule
from .lines import Line
from .rows import SIZE_TOLERANCE, join_rows, split_at_edges
from .units import Unit, display_blocks


HEAD_GAP = 2.2  # ems of body type at most between display type (or a picture) and what hangs from it
BLOCK_GAP = 0.6  # ems of body type of white space beyond the page's usual line gap that end a block
PARAGRAPH_INDENT = 3.5  # ems a paragraph's first line may start right of its column's edge (two, and a wide space)
GRID_INDENT = 2.5  # ...on the layout-mode grid (as its labeller was trained on)
# ...on the layout-mode grid, whose row heights are estimates (a blank row pdftotext prints is a
# body line, a headline's larger rows come out two blank rows apart): measured on dev seeds
# 190-192, 1.3 read 55.9, 37.6, 54.8 cut F1 against 54.2, 37.9, 53.9 at 0.6 (1.0: 54.6, 37.9, 54.5;
# 1.6: 56.8, 34.1, 54.5, Chromium's packed pages parted less than they should be).
GRID_BLOCK_GAP = 1.3
FRAME_CELL = 64.0  # pt: the side of a cell of the grid frames are listed under (`Frames`)
FRAME_CELLS = 1024  # cells at most a frame is listed under (a frame bigger than a page, in a broken file, is looked at for all)
TITLE_SIZE = 1.05  # times its text's size at least a brief's title is set in (a point over 9-10 pt text)
OVERRUN = 0.75  # ems a column's line may end past the column's usual right edge and still set it
SHORT_LINE = 0.75  # share of its column's width a byline or kicker line set over the column's text stays under
JUSTIFIED_SPREAD = 0.17  # ems a narrow column's justification widens its lines by, at most (a sixth)
HAN_CHAR_RE = re.compile(f"[{HAN}]")


def reading_order(line: Line) -> tuple[int, float]:
    """A line's place in its block's reading order: row by row (to the point), left to right."""
    return round(line.y0), line.x0


@dataclass(eq=False)
class Element:
    x0: float
    y0: float
    x1: float
    y1: float
    kind: str  # "head", "vertical", "body", "picture"
    lines: list[Line] = field(default_factory=list)
    story: "Story | None" = None
    ends: list[float] = field(default_factory=list)  # its lines' right ends, kept sorted as lines come

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def measure(self) -> float:
        """The width its column is set to: `width`, or, for a block of three lines or fewer,
        its widest line's (a story's last column of one full line between two paragraph ends,
        `转型调整。` / `最早成立…正在转变其` / `业务模式。`, is set as wide as the column before it,
        though two of its three lines stop short)."""
        if self.kind != "body" or len(self.lines) > 3:
            return self.width
        return max(self.x1, max(l.x1 for l in self.lines)) - self.x0

    def add(self, line: Line) -> None:
        self.lines.append(line)
        self.x0, self.y0 = min(self.x0, line.x0), min(self.y0, line.y0)
        self.x1, self.y1 = max(self.x1, line.x1), max(self.y1, line.y1)
        bisect.insort(self.ends, line.x1)
        if self.kind == "body" and len(self.lines) >= 3:
            # A column ends where its full lines end, which a quarter of its lines (two at
            # least) reach: a line set wider than the rest (a byline or a line the engine let
            # run over the gutter) does not widen it over the next column, and short lines (a
            # notice's signature) do not narrow it.
            # (The ends are kept sorted line by line: sorting them anew at every line made a
            # long column, a layout-mode page with no form feed, quadratic.)
            ends = self.ends
            usual = ends[-max(2, len(ends) // 4)]
            self.x1 = ends[bisect.bisect_right(ends, usual + OVERRUN * line.size) - 1]

    @functools.cached_property
    def pitch(self) -> float | None:
        """The advance from one Han character to the next as the type is set: the type's width
        and its tracking (a letter-spaced story's columns are set wider apart). Justification
        widens each line by what its words leave (a narrow column's lines by up to a sixth of an
        em: 10.5 to 12.2 pt at 10.5 pt), so it is the line set tightest (the median advance of
        each line with three Han pairs or more, their least; not a byline's, `□ 本报记者 X`, set
        solid over a letter-spaced story); else the median of all. Only lines within what
        justification adds of the lines' median count: one line set solid inside a
        letter-spaced story (a `链接：…` line) is not its pitch."""
        per_line, steps, sizes = [], [], []
        # (Only lines in the column's own type: a byline over it set a size smaller, `◎ 记者 X`
        # at 10 pt over 11 pt text, has its own pitch.)
        size = statistics.median(l.size for l in self.lines)
        for line in self.lines:
            own = [b.x0 - a.x0 for a, b in zip(line.glyphs, line.glyphs[1:]) if HAN_CHAR_RE.match(a.text) and HAN_CHAR_RE.match(b.text)]
            steps += own
            if len(own) >= 3 and not is_byline(line.text) and abs(line.size - size) <= SIZE_TOLERANCE * size:
                per_line.append(statistics.median(own))
                sizes.append(line.size)
        if not per_line:
            return statistics.median(steps) if steps else None
        floor = statistics.median(per_line) - JUSTIFIED_SPREAD * statistics.median(sizes)
        return min(pitch for pitch in per_line if pitch >= floor)

    @functools.cached_property
    def top_lines(self) -> list[Line]:
        """Its first three lines, top down (taken once the block is whole)."""
        return sorted(self.lines, key=lambda l: l.y0)[:3]

    @property
    def first_line(self) -> Line:
        """Its first line in reading order (of a row's pieces, the leftmost)."""
        return min(self.lines, key=reading_order)

    @property
    def last_line(self) -> Line:
        """Its last line in reading order (of a row's pieces, the rightmost)."""
        return max(self.lines, key=reading_order)

    @property
    def first_text(self) -> str:
        return self.first_line.text if self.lines else ""


@dataclass(eq=False)
class Story:
    elements: list[Element] = field(default_factory=list)

    def take(self, element: Element) -> None:
        element.story = self
        self.elements.append(element)

    @property
    def x0(self) -> float:
        return min(e.x0 for e in self.elements)

    @property
    def y0(self) -> float:
        return min(e.y0 for e in self.elements)


class Blocks(list):
    """The page's column blocks, in their order, indexed by top and by bottom: a block's
    neighbours are looked up among the few near it, not among all (a long layout-mode page
    has thousands of blocks)."""

    def __init__(self, blocks: list[Element]):
        super().__init__(blocks)
        self.position = {id(b): k for k, b in enumerate(blocks)}
        self.by_top = sorted(blocks, key=lambda b: b.top_lines[0].y0 if b.lines else b.y0)
        self.tops = [b.top_lines[0].y0 if b.lines else b.y0 for b in self.by_top]
        self.reach = max((b.top_lines[-1].y0 - b.top_lines[0].y0 for b in blocks if b.lines), default=0.0)
        self.by_bottom = sorted(blocks, key=lambda b: b.y1)
        self.bottoms = [b.y1 for b in self.by_bottom]

    def in_order(self, found: list[Element]) -> list[Element]:
        return sorted(found, key=lambda b: self.position[id(b)])

    def with_a_top_line_near(self, y: float, within: float) -> list[Element]:
        """Blocks one of whose first three lines may start within `within` of `y`, in page order."""
        lo = bisect.bisect_left(self.tops, y - within - self.reach)
        hi = bisect.bisect_right(self.tops, y + within)
        return self.in_order(self.by_top[lo:hi])

    def ending_between(self, lo: float, hi: float) -> list[Element]:
        """Blocks whose bottom is in [lo, hi], in page order."""
        return self.in_order(self.by_bottom[bisect.bisect_left(self.bottoms, lo) : bisect.bisect_right(self.bottoms, hi)])


def overlap(a: Element, b: Element) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def line_gap(lines: list[Line], body: float) -> float:
    """The white space between two lines of one story's column on this page: the usual line
    gap, or, on a page that spaces its paragraphs (as a web page does), the paragraph gap."""
    ordered = sorted(lines, key=lambda l: (l.y0, l.x0))
    gaps, after_end = [], []
    for i, line in enumerate(ordered):
        for other in ordered[i + 1 : i + 40]:
            dy = other.y0 - line.y1
            if dy > 3 * body:
                break
            if dy >= -0.2 * body and min(other.x1, line.x1) - max(other.x0, line.x0) > body:
                (after_end if line.text.rstrip("”’）)")[-1:] in "。！？" else gaps).append(dy)
                break
    usual = statistics.median(gaps) if gaps else 0.4 * body
    if after_end and statistics.median(after_end) > usual + BLOCK_GAP * body:
        return statistics.median(after_end)
    return usual


def column_blocks(lines: list[Line], body: float, parted: bool = False, vrules: list[Rule] = ()) -> list[Element]:
    """Body lines stacked into column blocks (`parted`: the lines are already parted at
    columns and joined within them, as the layout-mode grid's fragments are; `vrules`: the
    page's vertical rules, which no line runs across)."""
    if not parted:
        lines = join_rows(split_at_edges(lines, body, vrules), body, vrules)
    limit = max(0.0, line_gap(lines, body)) + (GRID_BLOCK_GAP if parted else BLOCK_GAP) * body
    indent = (GRID_INDENT if parted else PARAGRAPH_INDENT) * body
    blocks: list[Element] = []
    for line in sorted(lines, key=lambda l: (l.y0, l.x0)):
        best, best_rank = None, None
        # A line opening with a bullet set larger than the text above it is a brief's title
        # (`■ 衣旧情深暖人心`, bold; Chromium's bold drawn from a regular face is not named so):
        # it opens a block of its own, the brief's.
        titled = is_brief_title(line.text)
        for block in reversed(blocks[-60:]):
            last = block.lines[-1]
            dy = line.y0 - last.y1
            if titled and dy >= -0.5 * line.size and line.size > TITLE_SIZE * last.size:
                continue
            if dy < -0.5 * line.size:
                # On the last line's row, right of it, inside the column: the rest of that row
                # (or a line the engine wrapped over the next): it stays in the block.
                if line.x0 >= last.x1 - 0.2 * body and block.x0 - 0.5 * body <= line.x0 and line.x1 <= block.x1 + body and len(block.lines) > 1:
                    best = block
                    break
                continue
            if dy > limit and not (dy <= HEAD_GAP * body and _titled_only(block, line)):
                continue
            overlap = min(block.x1, line.x1) - max(block.x0, line.x0)
            # Under it, or starting near its left edge (an indented line under a short one: 功。;
            # a paragraph opening with a wide space, `　”食用油…`, is set an em further in).
            if overlap < 0.3 * min(line.x1 - line.x0, block.x1 - block.x0) and abs(line.x0 - block.x0) > indent:
                continue
            if line.x0 < block.x0 - 3 * body:
                continue
            # The block whose left edge the line starts at (or is indented from) first, then the
            # nearest: a line set too wide over two columns draws no column's lines into its block.
            rank = (abs(line.x0 - block.x0) > indent, dy)
            if best_rank is None or rank < best_rank:
                best, best_rank = block, rank
        if best is None:
            best = Element(line.x0, line.y0, line.x1, line.y1, "body")
            blocks.append(best)
        best.add(line)
    blocks = _rejoin_fragments(blocks, body)
    return blocks if parted else _heads_over_columns(blocks, body, limit)  # (the layout-mode grid's reading left as its labeller learnt it)


def is_brief_title(text: str) -> bool:
    """`text` opens with a bullet and is no byline (`■ 衣旧情深暖人心`, not `■本报记者 X`): a brief's
    title where it is set larger than the text under it (and does not end with a full stop: a
    title may end with a question, `■ 益调查：自救知识，你足够了解吗？`)."""
    return text[:1] in BULLET and not ROLE_CREDIT_RE.match(text)


def _titled_only(block: Element, line: Line) -> bool:
    """`block` holds only a brief's title, set larger than `line`, which is its text: the title
    hangs over its text as a headline does, further apart than lines of text (Chromium sets a
    brief's title as far above its text as the brief below it)."""
    return (len(block.lines) <= 3 and is_brief_title(block.lines[0].text) and not block.lines[-1].text.rstrip().endswith("。")
            and all(l.size > TITLE_SIZE * line.size for l in block.lines))


def _heads_over_columns(blocks: list[Element], body: float, limit: float) -> list[Element]:
    """A one-line block set inside the width of the column right under it, at its line spacing,
    that ends no sentence, is that column's first line: a small section head centred over the
    column's text (`【此次活动】` at the top of a story's second column), which the column's
    lines, starting further left, do not stack under."""
    for block in [b for b in blocks if len(b.lines) == 1]:
        head = block.lines[0]
        if ends_sentence(head.text):
            continue
        for host in blocks:
            if (host is not block and len(host.lines) >= 2 and 0 <= host.y0 - head.y1 <= limit
                    and host.x0 - 0.5 * body <= head.x0 and head.x1 <= host.x1 + 0.5 * body and head.width < SHORT_LINE * host.width):
                host.add(head)
                blocks.remove(block)
                break
    return blocks


def _rejoin_fragments(blocks: list[Element], body: float) -> list[Element]:
    """A one-line block set inside another block's column, on the row of one of its lines and
    right of it, is the rest of that line (`图①　9月19日，…` parted where another column of
    the page starts): columns do not nest."""
    for block in [b for b in blocks if len(b.lines) == 1]:
        piece = block.lines[0]
        for host in blocks:
            if host is block or len(host.lines) < 3 or not (host.x0 + 0.5 * body <= piece.x0 and piece.x1 <= host.x1 + 0.5 * body):
                continue
            row = [l for l in host.lines if abs(l.y1 - piece.y1) <= 0.25 * body and l.x1 <= piece.x0 + 0.2 * body]
            if row:
                left = max(row, key=lambda l: l.x1)
                host.lines[host.lines.index(left)] = Line(left.glyphs + piece.glyphs).finish()
                blocks.remove(block)
                break
    return blocks


def display_elements(lines: list[Line], body: float) -> list[Element]:
    units: list[Unit] = display_blocks(lines, body)
    heads = []
    for unit in units:
        kind = "vertical" if unit.line.vertical else "head"
        element = Element(unit.x0, unit.y0, unit.x1, unit.y1, kind)
        for line in unit.lines:
            element.add(line)
        heads.append(element)
    return heads


class Frames:
    """The frames drawn around text on a page (`story_order`'s `frames`), listed under the cells of
    a grid of FRAME_CELL pt that they cover, so that which hold an element is looked up among the
    few in its cell, not among all (a page ruled as a table has thousands of framed cells)."""

    def __init__(self, frames: list[Box]):
        self.frames = list(frames)
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.large: list[int] = []  # frames over more than FRAME_CELLS cells (or not measurable): looked at for every element
        for k, f in enumerate(self.frames):
            x0, y0, x1, y1 = (_grid_cell(v) for v in (f.x0, f.y0, f.x1, f.y1))
            if None in (x0, y0, x1, y1) or (x1 - x0 + 1) * (y1 - y0 + 1) > FRAME_CELLS:
                self.large.append(k)
                continue
            for cell in ((x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)):
                self.cells.setdefault(cell, []).append(k)

    def holding(self, element: Element) -> list[int]:
        """Which of the frames hold `element` (its middle inside), in their order."""
        if not self.frames:
            return []
        x, y = (element.x0 + element.x1) / 2, (element.y0 + element.y1) / 2
        near = self.cells.get((_grid_cell(x), _grid_cell(y)), [])
        return [k for k in sorted(near + self.large) if (f := self.frames[k]).x0 <= x <= f.x1 and f.y0 <= y <= f.y1]


def _grid_cell(v: float) -> int | None:
    return math.floor(v / FRAME_CELL) if math.isfinite(v) else None


def is_byline(text: str) -> bool:
    return text[:1] in BULLET or bool(ROLE_CREDIT_RE.match(text))
