"""Reading order of a page by stories, from geometry alone.

A newspaper page is a set of stories, each a rectangle: display type on top (kicker, headline,
subtitle) or a vertical headline beside it, then the body in one or more columns side by side,
its text running down each column and on at the top of the next. The content stream says
nothing (headlines are often drawn after their bodies, stories in any order), so:

1. body lines (type below display size) are stacked into column blocks: lines one under the
   other in one column at the page's line spacing; wider white space ends a block;
2. each block and each picture hangs from what is printed right above it: display type or a
   picture close above puts it in that story (a headline over three columns takes all three);
3. a block with nothing of its own above it is the next column of the story to its left when
   their tops are aligned (a short headline that did not reach over it), unless it opens a
   story itself (`（上接1版）`, a dateline); a vertical headline takes the row of blocks beside
   it whose tops match its own;
4. what is left is a story without a headline (a continued part, a caption, a brief).

Stories come out column by column, top to bottom, each its display rows first, then its
columns left to right, with `RULE` before each story: the segmenter never runs one article into
the next across it. A drawn rule between a block and what is above it cuts the link.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import math
import re
import statistics
from dataclasses import dataclass, field

from ..clean import HAN, MARKER_RE, ends_sentence
from ..credits import BULLET, LEAD_START_RE, ROLE_CREDIT_RE, SIGN_OFF_LINE_RE, SIGNATURE_RE, SIGNED_DATE_RE, SOURCE_LINE_RE, SUMMARY_LABEL_RE, photo_credit, signed_off
from .units import DISPLAY, PICTURE, RULE, Unit, display_blocks
from .glyphs import Box, Rule
from .lines import Line
from .rows import SIZE_TOLERANCE, join_rows, split_at_edges

HEAD_GAP = 2.2  # ems of body type at most between display type (or a picture) and what hangs from it
BLOCK_GAP = 0.6  # ems of body type of white space beyond the page's usual line gap that end a block
PARAGRAPH_INDENT = 3.5  # ems a paragraph's first line may start right of its column's edge (two, and a wide space)
GRID_INDENT = 2.5  # ...on the layout-mode grid (as its labeller was trained on)
# ...on the layout-mode grid, whose row heights are estimates (a blank row pdftotext prints is a
# body line, a headline's larger rows come out two blank rows apart): measured on dev seeds
# 190-192, 1.3 read 55.9, 37.6, 54.8 cut F1 against 54.2, 37.9, 53.9 at 0.6 (1.0: 54.6, 37.9, 54.5;
# 1.6: 56.8, 34.1, 54.5, Chromium's packed pages parted less than they should be).
GRID_BLOCK_GAP = 1.3
ROW_ALIGN = 0.7  # ems of body type two column tops of one story may differ by
MEASURE_MATCH = 1.5  # ems two columns of a vertical headline's story may differ in measure by (ragged lines, a hung mark)
ROW_GUTTER = 3.0  # ems of body type at most between two columns of one story
FRAME_INSET = 1.0  # ems more between a column's foot and the next column's head when a frame's padding insets both (a boxed notice broken over them)
FRAME_CELL = 64.0  # pt: the side of a cell of the grid frames are listed under (`Frames`)
FRAME_CELLS = 1024  # cells at most a frame is listed under (a frame bigger than a page, in a broken file, is looked at for all)
CENTRED = 1.0  # ems of body type a centred headline's middle may be off its columns' middle
CENTRED_INSET = 2.0  # ems of body type at least between a centred headline's start and its first column's (else it is set flush left)
TITLE_SIZE = 1.05  # times its text's size at least a brief's title is set in (a point over 9-10 pt text)
BRIEF_GAP = 1.6  # ems of body type of white space at most between two briefs stacked in one column
OVERRUN = 0.75  # ems a column's line may end past the column's usual right edge and still set it
SHORT_LINE = 0.75  # share of its column's width a byline or kicker line set over the column's text stays under
SHORT_COLUMN = 1.5  # lines a column stops short of another by, to be its story's last
EVEN = 0.5  # lines two columns' ends may differ by and still end level
JUSTIFIED_SPREAD = 0.17  # ems a narrow column's justification widens its lines by, at most (a sixth)
FEW_LINES = 6  # lines of a block too few for its pitch to be its type's: justification may have widened them all
PITCH_TOLERANCE = 0.06  # ems two columns of one story's character pitch may differ by (justified lines run a little wider)
FULL_SHORT = 1.25  # ems a full line may stop short of its column's right edge (a character it had no room for, and what spaces in it left)
HAN_CHAR_RE = re.compile(f"[{HAN}]")
OPENS_STORY_RE = re.compile(r"^[（(]?\s*上接")
NEXT_PHOTO_RE = re.compile(r"^图\s*[②-⑩]|^图\s*[2-9]\s*[：:、）)]")  # the second and later photos of one caption


def _reading_order(line: Line) -> tuple[int, float]:
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
            if len(own) >= 3 and not _byline(line.text) and abs(line.size - size) <= SIZE_TOLERANCE * size:
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
        return min(self.lines, key=_reading_order)

    @property
    def last_line(self) -> Line:
        """Its last line in reading order (of a row's pieces, the rightmost)."""
        return max(self.lines, key=_reading_order)

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


def _overlap(a: Element, b: Element) -> float:
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


def _blocks(lines: list[Line], body: float, parted: bool = False, vrules: list[Rule] = ()) -> list[Element]:
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
        titled = brief_title(line.text)
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


def brief_title(text: str) -> bool:
    """`text` opens with a bullet and is no byline (`■ 衣旧情深暖人心`, not `■本报记者 X`): a brief's
    title where it is set larger than the text under it (and does not end with a full stop: a
    title may end with a question, `■ 益调查：自救知识，你足够了解吗？`)."""
    return text[:1] in BULLET and not ROLE_CREDIT_RE.match(text)


def _titled_only(block: Element, line: Line) -> bool:
    """`block` holds only a brief's title, set larger than `line`, which is its text: the title
    hangs over its text as a headline does, further apart than lines of text (Chromium sets a
    brief's title as far above its text as the brief below it)."""
    return (len(block.lines) <= 3 and brief_title(block.lines[0].text) and not block.lines[-1].text.rstrip().endswith("。")
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


def _heads(lines: list[Line], body: float) -> list[Element]:
    units: list[Unit] = display_blocks(lines, body)
    heads = []
    for unit in units:
        kind = "vertical" if unit.line.vertical else "head"
        element = Element(unit.x0, unit.y0, unit.x1, unit.y1, kind)
        for line in unit.lines:
            element.add(line)
        heads.append(element)
    return heads


def _ruled(upper: Element, lower: Element, hrules: list[Rule]) -> bool:
    """A drawn rule runs between `upper` and `lower` where they overlap."""
    left, right = max(upper.x0, lower.x0), min(upper.x1, lower.x1)
    return any(upper.y1 - 1 <= (r.y0 + r.y1) / 2 <= lower.y0 + 1 and r.x0 < right and r.x1 > left for r in hrules)


def _above(element: Element, others: list[Element], body: float) -> Element | None:
    """What is printed nearest above `element`, overlapping it."""
    best = None
    for other in others:
        if other is element or other.kind == "vertical" or other.y1 > element.y0 + 0.3 * body:
            continue
        if _overlap(other, element) <= 0.25 * min(other.width, element.width):
            continue
        if best is None or other.y1 > best.y1:
            best = other
    return best


def story_order(lines: list[Line], rules: list[Rule], pictures: list[Box], body: float, parted: bool = False,
                frames: list[Box] = ()) -> list[list[Line] | str]:
    """The page's printed rows in reading order, story by story, with `RULE` before each story
    (`frames`: boxes drawn around text, a framed story's or a panel of briefs', whose text goes
    on in no column outside them)."""
    if not parted:
        lines = _headlines_broken_at_a_foot(lines, pictures, body)
    display = [l for l in lines if l.vertical or l.size >= DISPLAY * body]
    text = [l for l in lines if not (l.vertical or l.size >= DISPLAY * body)]
    heads = _heads(display, body)
    blocks = Blocks(_blocks(text, body, parted, [r for r in rules if not r.horizontal]))
    boxes = [Element(p.x0, p.y0, p.x1, p.y1, "picture") for p in pictures]
    hrules = [r for r in rules if r.horizontal]
    everything = heads + blocks + boxes
    framed = Frames(frames)
    stories: list[Story] = []
    for head in heads:
        stories.append(Story())
        stories[-1].take(head)
    # Pictures and blocks hang from display type or a picture right above them, top down.
    for element in sorted(boxes + blocks, key=lambda e: (e.y0, e.x0)):
        above = _above(element, everything, body)
        if (above is not None and above.story is not None and above.kind != "body" and not _ruled(above, element, hrules)
                and element.y0 - above.y1 <= HEAD_GAP * body):
            above.story.take(element)
        elif element.kind == "picture":
            stories.append(Story())  # a picture with no headline: its caption will hang from it
            stories[-1].take(element)
    # A vertical headline takes the blocks beside it whose tops match its own.
    for head in (h for h in heads if h.kind == "vertical"):
        for side in (-1, 1):
            edge, taken = head, 0
            while True:
                nxt = _beside(edge, blocks, side, body, tops=head.y0)
                # The column right beside it opened by its subtitle, set over the body: one story;
                # and so a column further on whose smaller display type is set right over the
                # row's top (a subtitle over two columns, the headline beside the second). A
                # column further on under a headline of its own is another story's.
                if (nxt is not None and nxt.story is not None and nxt.story is not head.story and _smaller_heads(nxt.story, head)
                        and (edge is head or _set_over_row(nxt.story, head, body, top=min(head.y0, nxt.y0)))):
                    _merge(nxt.story, head.story, stories)
                if nxt is None or nxt.story is not None:
                    break
                # Its columns are filled evenly: a headless story level with them is not one. (On
                # its left, the first column taken is the story's last, which may stop short.)
                earlier, later = (edge, nxt) if side == 1 else (nxt, edge)
                if edge is not head and _not_next_column(earlier, later, later_last=side == 1 or taken == 1):
                    break
                # Its columns share a measure: one set ems wider or narrower beside them, tops
                # level (a headless story's under a floating byline), is another story's.
                if edge is not head and len(edge.lines) > 3 and len(nxt.lines) > 3 and abs(edge.measure - nxt.measure) > MEASURE_MATCH * body:
                    break
                head.story.take(nxt)
                edge, taken = nxt, taken + 1
            if len(head.story.elements) > 1:
                break
    # A block with no story yet is the first column of a story whose headline is centred over
    # it and the columns right of it, the next column of the story to its left, or a story of
    # its own.
    flowed: set[Element] = set()  # blocks read as run on from the foot of the column before
    for block in sorted((b for b in blocks if b.story is None), key=lambda b: (round(b.x0 / body), b.y0)):  # a column top down
        if (centred := _centred_story(block, blocks, body)) is not None:
            centred.take(block)  # its first column, a dateline or `（上接1版）` opening it or not
            continue
        if (above := _closing_line_under(block, blocks, body)) is not None:
            above.story.take(block)  # a source or sign-off set flush right under a column: it ends that story
            continue
        if _opens_story(block.first_text, parted):
            left = None
        elif ((above := _text_above(block, blocks, HEAD_GAP * body)) is not None and above.story is not None and _runs_on(above, body)
                and not _byline(block.first_text) and not (parted and _top_headline_like(block, above))
                and _beside(above, blocks, 1, body, tops=_text_top(above)) is None):
            # Right under text of its column that stops mid-sentence, with no column beside it
            # (level with its text's first line, not with a byline over it) where that text
            # would go on: the same text. A byline opens another story's text (`□ 本报记者 X`).
            # In the layout-mode grid, not a block opening with a headline-like line: there the
            # text above goes on in its next column more often than the grid's levels tell, and
            # the block is the next story's headline (layout cut F1 +1.2 summed on eight dev sets).
            above.story.take(block)
            continue
        elif _text_above(block, blocks, BRIEF_GAP * body) is not None:
            # Under text of its own column, closer than stories are set apart (a brief under the
            # one before it): no next column of a story beside it, whose columns start under
            # that story's headline, but a story of its own.
            left = None
        elif parted:
            # The layout-mode grid's row heights are estimates: tops that look level there are
            # not (measured on its pages, half the columns so joined were two stories').
            left = None
        else:
            left = _beside(block, blocks, -1, body, tops=block.y0, run_on=True)
            if left is not None and (_closes(left) or _credited(left, block) or _ended_short(left, block, blocks, body)
                                     or framed.holding(left) != framed.holding(block)):
                left = None  # the column beside it ends its story (or a frame parts them): this is another
            # Text set in one flow of columns runs on from a column's foot to the next one's head:
            # so read unless the column beside it stops mid-sentence (its text goes on here) and
            # was not itself run on so (on a page set as one flow, the column heads level with it
            # are other stories' run-ons).
            # But a column beside it, tops level, ending level with it (a story's columns side by
            # side end level, but its last) is its story's column before it when the foot ends a
            # sentence and it does not end its story (a sign-off, a notice's date): the story's
            # headline, ragged over both, may stop short of this one (Gecko prints a headline's
            # box wider than its text). A foot stopping mid-sentence goes on.
            if ((left is None or left in flowed or not _runs_on(left, body))
                    and (foot := _foot_running_on(block, blocks, heads + boxes, body)) is not None
                    and not (left is not None and left not in flowed and _ends_level(left, block) and not _ends_story(left)
                             and not _runs_on(foot, body))
                    and framed.holding(foot) == framed.holding(block)):
                left = foot
                flowed.add(block)
        if left is not None and left.story is not None:
            left.story.take(block)
            continue
        stories.append(Story())
        stories[-1].take(block)
    _run_ons_under_a_spanning_head(blocks, heads, boxes, body)
    return _emit([s for s in stories if any(e.lines for e in s.elements)], body)  # a lone picture says nothing


FOOT_ROWS = 2.5  # rows of its own type at most between a headline and the foot of the page's text, to be broken there


def _headlines_broken_at_a_foot(lines: list[Line], pictures: list[Box], body: float) -> list[Line]:
    """A headline (or its kicker) at the foot of a column with nothing under it, whose column's
    next is headed by display type in its last row's size, or by text, is broken there: a flow of
    CSS columns the engine broke inside the headline or right after it (Chromium), `广州将推绿化管理`
    / `条例 施工致树死亡` at one column's foot, `最高罚50万` at the next one's head. Its rows are
    moved right above that head, as if printed there, so that they read as one headline and what
    hangs under it hangs from the whole."""
    flat = [l for l in lines if not l.vertical]
    if not flat:
        return lines
    bottom = max(l.y1 for l in flat)
    display = [l for l in flat if l.size >= DISPLAY * body]
    moved: dict[int, list[Line]] = {}
    for unit in display_blocks(display, body):
        rows = sorted(unit.lines, key=lambda l: (l.y0, l.x0))
        size = rows[-1].size
        if unit.y1 < bottom - FOOT_ROWS * size or any(id(l) in moved for l in rows):
            continue
        members = {id(l) for l in rows}
        if any(id(l) not in members and l.y0 >= unit.y1 - 1 and min(l.x1, unit.x1) - max(l.x0, unit.x0) > 0 for l in flat):
            continue  # something printed under it: not at its column's foot
        if any(p.y0 >= unit.y1 - 1 and min(p.x1, unit.x1) - max(p.x0, unit.x0) > 0 for p in pictures):
            continue
        # Its column: the lines right above it (a headline's rows may be shorter than the column).
        above = sorted((l for l in flat if id(l) not in members and l.y1 <= unit.y0 + 1 and min(l.x1, unit.x1) - max(l.x0, unit.x0) > 0),
                       key=lambda l: -l.y1)[:3]
        if not above:
            continue
        left, right = min(l.x0 for l in above), max(max(l.x1 for l in above), unit.x1)
        # The next column's head: the topmost line starting past this column's end, within a
        # gutter, with nothing printed above it.
        starts = [l for l in flat if id(l) not in members and right - body <= l.x0 <= right + ROW_GUTTER * body]
        head = min(starts, key=lambda l: l.y0, default=None)
        # (The column's first line may open a paragraph, set in by its indent: right over it, in
        # its type, ending where its column ends at most.)
        while head is not None and (opening := next((o for o in flat if id(o) not in members and o is not head
                                                     and 0 <= head.y0 - o.y1 <= head.y1 - head.y0 and abs(o.size - head.size) <= SIZE_TOLERANCE * head.size
                                                     and 0 < o.x0 - head.x0 <= PARAGRAPH_INDENT * body and o.x1 <= head.x1 + body), None)) is not None:
            head = opening
        if head is None or head.y0 >= unit.y0 or any(o.y1 <= head.y0 + 1 and min(o.x1, head.x1) - max(o.x0, head.x0) > 0 for o in flat if o is not head):
            continue
        if head.size >= DISPLAY * body and abs(head.size - size) > SIZE_TOLERANCE * size:
            continue  # other display type (another story's headline)
        dx = head.x0 - left
        step = statistics.median(b.y0 - a.y0 for a, b in zip(rows, rows[1:])) if len(rows) > 1 else 1.25 * size
        lift = head.y0 - (rows[-1].y0 + step if head.size >= DISPLAY * body else rows[-1].y1 + 0.5 * body)
        moved[id(head)] = [Line([dataclasses.replace(g, x0=g.x0 + dx, x1=g.x1 + dx, y0=g.y0 + lift, y1=g.y1 + lift) for g in l.glyphs]).finish()
                           for l in rows]
        for l in rows:
            moved[id(l)] = []
    if not moved:
        return lines
    out: list[Line] = []
    for line in lines:
        out.extend(moved.get(id(line), []))
        if id(line) not in moved or moved[id(line)]:
            out.append(line)
    return out


def _run_ons_under_a_spanning_head(blocks: Blocks, heads: list[Element], boxes: list[Element], body: float) -> None:
    """A column head hanging from a headline set over many columns (CSS `column-span: all`, over
    one flow of columns) is another story's run-on when the foot of the column on its left,
    another story's, goes on there (`_foot_running_on`) and either the story under that headline
    has a column left of it that does not stop mid-sentence nor end level with it (the
    headline's story ended in a column before: its `（下转）` line, or another story set under
    it), or it has none, the foot stops mid-sentence and the column head opens no story (no
    dateline, byline or `（上接）`): the headline's story opens further right."""
    for block in sorted((b for b in blocks if b.story is not None), key=lambda b: (round(b.x0 / body), b.y0)):
        story = block.story
        over = [e for e in story.elements if e.kind == "head" and 0 <= block.y0 - e.y1 <= HEAD_GAP * body and _overlap(e, block) > 0
                and (e.x0 < block.x0 - body or e.x1 > block.x1 + body)]  # set over more than this column
        if not over:
            continue
        before = max((e for e in story.elements if e is not block and e.kind == "body" and e.x1 <= block.x0 + body), key=lambda e: e.x1, default=None)
        # (A story's columns side by side end level, but its last: one ending level with the
        # column before it in the story is that story's, whatever runs on beside it; and so is one
        # after a column of the story stopping mid-sentence: its text goes on here. Its first
        # column goes only to a foot stopping mid-sentence, and not when it opens a story.)
        if before is None:
            if _opens_story(block.first_text) or _byline(block.first_text):
                continue
        elif _ends_level(before, block) or _runs_on(before, body):
            continue
        foot = _foot_running_on(block, blocks, [e for e in heads + boxes if e.story is not story], body)
        # (A foot whose text starts and ends level with this column's is a story's column beside
        # it, under a headline of its own level with this one's: no run-on to a column's head.)
        if (foot is not None and foot.story is not None and foot.story is not story
                and not (abs(_text_top(foot) - block.y0) <= ROW_ALIGN * body and abs(foot.y1 - block.y1) <= EVEN * _line_step(block))
                and (before is not None or _runs_on(foot, body))):
            story.elements.remove(block)
            foot.story.take(block)


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


def _centred_story(block: Element, blocks: Blocks, body: float) -> Story | None:
    """The story of the column right of `block` when that column hangs from a headline set
    centred over it, `block` and the columns level with them on the right: a headline
    narrower than its story, over its middle columns (reaching over the first column by too
    little for that column to hang from it)."""
    middle = _beside(block, blocks, 1, body, tops=block.y0)
    if middle is None or middle.story is None:
        return None
    heads = [e for e in middle.story.elements if e.kind == "head" and 0 <= middle.y0 - e.y1 <= HEAD_GAP * body
             and e.x0 >= block.x0 + CENTRED_INSET * body and _overlap(e, middle) > 0]
    last: Element | None = middle
    while heads and last is not None and last.story in (None, middle.story):
        if any(abs((head.x0 + head.x1) / 2 - (block.x0 + last.x1) / 2) <= CENTRED * body for head in heads):
            return middle.story
        last = _beside(last, blocks, 1, body, tops=block.y0)
    return None


def _foot_running_on(block: Element, blocks: Blocks, others: list[Element], body: float) -> Element | None:
    """The last block of the column left of `block`, when `block` heads its column (nothing
    printed above it) and that block, at the foot of the page's text, stops mid-sentence or
    ends a paragraph without ending its story: a page
    set as one flow of columns (CSS multi-column) runs a story on from the foot of a column to
    the head of the next, whatever stands at the head of the column it left. Not when that block
    goes on in a column beside it, level with its text, headless or its own story's (a story set
    over two columns at the foot of the page); another story's text level with it is no such column."""
    if any(e is not block and e.y1 <= block.y0 + 1 and _overlap(e, block) > 0.5 * min(e.width, block.width)
           for e in (*blocks, *others)):
        return None
    column = [b for b in blocks if b is not block and -body <= block.x0 - b.x1 <= (ROW_GUTTER + FRAME_INSET) * body
              and abs(b.measure - block.measure) <= 0.2 * max(b.measure, block.measure) + body
              and _set_alike(b, block, PITCH_TOLERANCE if min(len(b.lines), len(block.lines)) > FEW_LINES else JUSTIFIED_SPREAD)]
    foot = max(column, key=lambda b: b.y1, default=None)
    if foot is None or foot.story is None:
        return None
    if not _runs_on(foot, body):
        # A foot that ends a sentence goes on too (a paragraph ends where the column does) unless
        # its last line ends the story (a jump line, a sign-off, a credit), the head opens a
        # story with a byline, or the columns show a story ended (`_ended_short`: the foot stops
        # short of its story's column before it; the head, shorter, goes on beside itself).
        if _byline(block.first_text) or _ends_story(foot) or _ended_short(foot, block, blocks, body) or _bold_lead(block, foot):
            return None
    # (Level with its text's first full line, or with its first line: a paragraph's first line,
    # indented, or a byline run in, may be short of the measure, and so read as set over it.)
    for tops in (_text_top(foot), foot.top_lines[0].y0):
        beside = _beside(foot, blocks, 1, body, tops=tops)
        if beside is not None and beside is not block and beside.story in (None, foot.story):
            return None  # it goes on in the column beside it, level with it
    if _flow_parted(block, foot, blocks, others, body) or _beside_a_head_over_columns(block, foot, others, body):
        return None
    return foot if foot.y1 >= max(b.y1 for b in blocks) - 2 * _line_step(foot) else None


def _bold_lead(head: Element, foot: Element) -> bool:
    """`head` opens with a paragraph set bold (its first two lines) under `foot`'s last line set
    plain: a story's lead set bold opens that story; a paragraph a flow runs on with from a
    column's foot is set as the column's text (a bold subhead is one line)."""
    top = head.top_lines[:2]
    return len(top) == 2 and all(l.bold for l in top) and not foot.last_line.bold


def _flow_parted(head: Element, foot: Element, blocks: Blocks, others: list[Element], body: float) -> bool:
    """Between `head`, a column's head, and `foot`, the foot of the column on its left, under it,
    something stands over both columns: a headline set across them (CSS `column-span: all` ends
    one flow of columns and starts another under it), or another story's columns side by side,
    tops level, one in each: one flow of columns holds no story set across two of them, so the
    page is no one flow there and nothing runs on from that foot to that head."""
    def between(e: Element) -> bool:
        return head.y1 <= e.y0 and e.y1 <= foot.y0 + 1

    if any(e.kind == "head" and between(e) and _overlap(e, foot) > 0.5 * foot.width and _overlap(e, head) > 0.5 * head.width for e in others):
        return True
    left = [b for b in blocks if b.story is not None and b.story not in (head.story, foot.story) and between(b) and _overlap(b, foot) > 0.5 * foot.width]
    return any(b.story is a.story and between(b) and _overlap(b, head) > 0.5 * head.width and abs(b.y0 - a.y0) <= ROW_ALIGN * body
               for a in left for b in blocks if b is not a)


def _beside_a_head_over_columns(head: Element, foot: Element, others: list[Element], body: float) -> bool:
    """`head`, a column's head, starts beside a headline set over two columns or more up to the
    column `foot` ends (its top above the headline's foot, the headline ending left of it): a
    flow of columns starts each column under a headline set across it, never beside one, so
    nothing runs on from that foot to that head (a headless story at the top of the next
    column, beside a headline over three, is not the run-on of the foot of the third)."""
    return any(e.kind == "head" and e.y1 <= foot.y0 + 1 and head.y0 < e.y1 and e.x1 <= head.x0 + body
               and e.x0 < foot.x0 - ROW_GUTTER * body and _overlap(e, foot) > 0.5 * foot.width for e in others)


def _text_above(block: Element, blocks: Blocks, gap: float) -> Element | None:
    """The block of `block`'s own column that ends right above it, at most `gap` above."""
    for other in blocks.ending_between(block.y0 - gap, block.y0):
        if other is not block and 0 <= block.y0 - other.y1 <= gap and _overlap(other, block) > 0.5 * min(other.width, block.width):
            return other
    return None


def _closing_line_under(block: Element, blocks: Blocks, body: float) -> Element | None:
    """The column, in a story, that `block` is the last line of when `block` is one line of where
    the text came from or who signed it (`（来源：山西晚报）`, `（编辑 X）`), or a notice's signature
    over its date (`吕梁市公安局交通警察支队` / `2025年3月18日`, two lines or three), set right under
    it, within the width of its story's columns (flush right: under a short last line, or a
    column of short lines, it lies outside their reach)."""
    text = block.first_text
    if not (len(block.lines) == 1 and (SOURCE_LINE_RE.match(text) or SIGN_OFF_LINE_RE.match(text)) or _signature_block(block)):
        return None
    for other in blocks.ending_between(block.y0 - HEAD_GAP * body, block.y0):
        if other is block or other.story is None or other.x0 - body > block.x0:
            continue
        measure = max([other.measure] + [e.measure for e in other.story.elements if e.kind == "body" and len(e.lines) > 3])
        if block.x1 <= other.x0 + measure + body:
            return other
    return None


def _signature_block(block: Element) -> bool:
    """`block` is two or three lines, the last a date (`2025年3月18日`): who signed a notice, over when."""
    rows = [l.text.replace(" ", "") for l in sorted(block.lines, key=_reading_order)]
    return 2 <= len(rows) <= 3 and bool(SIGNED_DATE_RE.match(rows[-1])) and all(len(r) <= 30 for r in rows)


def _credit_line(text: str) -> bool:
    """A photo credit or a role's credit (`记者 X 摄`, `本报记者 X`): what ends a caption or opens a
    text; or a notice's signature, its office or date (`2025年5月18日`), which ends the notice."""
    return photo_credit(text) is not None or bool(ROLE_CREDIT_RE.match(text)) or bool(SIGNATURE_RE.match(text.replace(" ", "")))


def _ends_story(element: Element) -> bool:
    """`element`'s last line ends its story: a `（下转4版）` marker, a sign-off or a credit line."""
    return _closes(element) or _credit_line(element.last_line.text.strip())


def _runs_on(element: Element, body: float) -> bool:
    """`element`'s text stops mid-sentence: its last line is full and ends with neither
    punctuation that closes a sentence nor a credit (`记者 X 摄`) or a `（下转4版）` marker."""
    last = element.last_line
    text = last.text.rstrip()
    if last.x1 < element.x1 - FULL_SHORT * body or not re.search(rf"[{HAN}，、]$", text):
        return False
    return not _credit_line(text)


def _set_alike(a: Element, b: Element, tolerance: float = PITCH_TOLERANCE) -> bool:
    """Two blocks' characters are set the same distance apart, as the columns of one story are
    (a letter-spaced story beside a brief set solid is another story)."""
    if a.pitch is None or b.pitch is None:
        return True
    size = max(statistics.median(l.size for l in a.lines), statistics.median(l.size for l in b.lines))
    return abs(a.pitch - b.pitch) <= tolerance * size


def _ends_level(left: Element, block: Element) -> bool:
    """`block` ends level with `left`, within `EVEN` of its lines, as a story's columns side by side do."""
    return abs(left.y1 - block.y1) <= EVEN * _line_step(block)


def _closes(element: Element) -> bool:
    """`element`'s text ends its story: its last line (with the one above, a sign-off broken
    over two) ends a sentence signed off in brackets (`…秩序。（王晓蓉 张岸林）`,
    credits.signed_off), or is a sign-off of its own under a sentence's end, or ends in a
    `（下转4版）` marker."""
    last = [l.text for l in sorted(element.lines, key=_reading_order)[-2:]]
    marker = MARKER_RE.search(last[-1])
    return (signed_off(last) or _signed_off_below(last)
            or (marker is not None and marker.group(1) == "下" and not last[-1][marker.end():].strip()))


def _signed_off_below(last: list[str]) -> bool:
    """The last of `last` (a column's last two lines) is a sign-off or a source on a line of its
    own (`（文佳 整理）`, `（李飞云 徐乐静）`, `（来源：山西日报）`) under a line ending a sentence:
    the story ends there (a column's foot so signed off was read as running on to the next
    column's head, taking another story's column into it)."""
    text = last[-1].strip()
    return (len(last) == 2 and ends_sentence(last[0].rstrip())
            and bool(SIGN_OFF_LINE_RE.match(text) or SOURCE_LINE_RE.match(text)))


def _credited(left: Element, block: Element) -> bool:
    """`left` ends with a photo credit (`（郭炳中 摄）`): its caption ends there, so `block`, level
    with it on the right, is no next column of it but a story of its own, unless it opens the
    next photo's caption of one group (`图②…`)."""
    last = left.last_line.text.strip()
    return photo_credit(last) is not None and not NEXT_PHOTO_RE.match(block.first_text)


def _line_step(element: Element) -> float:
    """The distance from one line of `element` to the next (its type's size and leading)."""
    tops = sorted(l.y0 for l in element.lines)
    steps = [b - a for a, b in zip(tops, tops[1:]) if b > a]
    return statistics.median(steps) if steps else 1.5 * max(l.size for l in element.lines)


def _not_next_column(earlier: Element, later: Element, later_last: bool) -> bool:
    """`later` is not the column after `earlier` in one story: `earlier` ends a sentence and
    `later` runs on below it, or (when `later` is not the story's last column, which alone may
    stop short) `later` stops short of it."""
    if not ends_sentence(earlier.last_line.text):
        return False
    short = SHORT_COLUMN * _line_step(earlier)
    return later.y1 > earlier.y1 + short or (not later_last and later.y1 < earlier.y1 - short)


def _ended_short(left: Element, block: Element, blocks: Blocks, body: float) -> bool:
    """`left`'s story ends with it: a story's columns are filled evenly, all as long as its first
    but the last, which may stop short. So when `left`'s text ends a sentence, `block` is not its
    next column if it runs on below `left` by more than a line (two headless stories side by side,
    tops level, the right one longer); `left` is its story's
    last column if it stops short of the column before it in that story; and `block` is not its
    next column if it stops short of `left` while a column beside it, ending on its last line, goes on
    (`block` would be a middle column, as long as `left`): two stories side by side, tops level."""
    last = left.last_line
    if not ends_sentence(last.text):
        return False
    short = SHORT_COLUMN * _line_step(left)
    if block.y1 > left.y1 + short:
        return True  # a story's next column never runs on below the one before it (two stories, tops level)
    if left.story is not None:
        top = left.top_lines[0].y0
        before = [e for e in left.story.elements if e.kind == "body" and e is not left and e.lines and e.x1 <= left.x0 + body
                  and abs(e.top_lines[0].y0 - top) <= ROW_ALIGN * body]
        if before and left.y1 < max(before, key=lambda e: e.x1).y1 - short:
            return True
    beside = _beside(block, blocks, 1, body, tops=block.y0)
    return (beside is not None and beside.story is None and abs(beside.y1 - block.y1) <= EVEN * _line_step(block)
            and block.y1 < left.y1 - short)


def _smaller_heads(story: Story, head: Element) -> bool:
    """Every line of display type in `story` is smaller than `head`'s (a subtitle or kicker):
    by a fifth, or at all when it opens with the dash that marks a subtitle (`——…`) or is set
    in lighter type than a headline (a small vertical headline's plain subtitle is nearly its size)."""
    size = max(l.size for l in head.lines)
    return all(l.size < 0.8 * size or (l.size < size and (l.text.startswith("——") or not l.bold))
               for e in story.elements if e.kind in ("head", "vertical") for l in e.lines)


def _set_over_row(story: Story, head: Element, body: float, top: float) -> bool:
    """Every piece of display type in `story` ends right above `top`, the top of the vertical
    headline `head` or of the column beside it, whose byline (`文/图 X`) may stand over the row
    (within HEAD_GAP), and is set in lighter type than a headline (not bold), as a subtitle set
    over the body beside it is (another story's headline is bold)."""
    heads = [e for e in story.elements if e.kind in ("head", "vertical")]
    return bool(heads) and all(0 <= top - e.y1 <= HEAD_GAP * body and not any(l.bold for l in e.lines) for e in heads)


def _merge(source: Story, target: Story, stories: list[Story]) -> None:
    for element in list(source.elements):
        target.take(element)
    source.elements.clear()
    stories.remove(source)


def _opens_story(text: str, parted: bool = False) -> bool:
    """`（上接1版）`, a dateline, or (on a PDF's page) the label of a summary or note set over a
    report (`【核心提示】`; the layout-mode grid's reading is left as its labeller was trained on)."""
    return bool(OPENS_STORY_RE.match(text) or LEAD_START_RE.match(text) or (not parted and SUMMARY_LABEL_RE.match(text)))


def _beside(edge: Element, blocks: Blocks, side: int, body: float, tops: float, run_on: bool = False) -> Element | None:
    """The block right beside `edge` (left when `side` is -1) whose top is at `tops`: its first
    line, or its second or third under short lines or bylines only (set over a story's first
    column; not a caption's or a brief's first full lines, which run on). `run_on`: a column of
    `edge`'s measure on its left that stops mid-sentence where `edge` opens mid-sentence may be
    set wider apart, by what justification adds (read so on a PDF's page only)."""

    def off(block: Element) -> float:
        top = block.top_lines
        lead = next((k for k, l in enumerate(top) if l.width >= SHORT_LINE * block.width and not _byline(l.text)), len(top) - 1)
        return min(abs(l.y0 - tops) for l in top[: lead + 1])

    best = None
    for block in blocks.with_a_top_line_near(tops, ROW_ALIGN * body):
        if block is edge or off(block) > ROW_ALIGN * body:
            continue
        gutter = edge.x0 - block.x1 if side < 0 else block.x0 - edge.x1
        # (Negative: a line set too wide, or punctuation hung past the column's end, overlaps.)
        if not -1.0 * body <= gutter <= ROW_GUTTER * body:
            continue
        if edge.kind == "body" and (abs(block.measure - edge.measure) > 0.2 * max(block.measure, edge.measure) + body or not _set_alike(block, edge)):
            # (A story's last column of three lines or fewer that stop short, `荣誉。`, says
            # nothing of its measure: on the left of one stopping mid-sentence, it is its next.)
            if not (side < 0 and len(edge.lines) <= 3 and edge.measure < block.measure and _runs_on(block, body) and _set_alike(block, edge)):
                # (Nor its pitch, when it stops mid-sentence and `edge`, of its measure, opens
                # mid-sentence: justification may have widened every line of a column with no
                # paragraph's end in it, by up to JUSTIFIED_SPREAD; `edge` is its next column.)
                if not (run_on and side < 0 and abs(block.measure - edge.measure) <= MEASURE_MATCH * body and _runs_on(block, body)
                        and _opens_mid_sentence(edge, body) and _set_alike(block, edge, JUSTIFIED_SPREAD)):
                    continue
        if best is None or off(block) < off(best):
            best = block
    return best


def _opens_mid_sentence(element: Element, body: float) -> bool:
    """`element`'s first line goes on with a sentence: set flush with its column (no paragraph's
    indent), opening with a Han character or a mark that never opens one (`，`), and no byline,
    dateline or `（上接）`."""
    top = element.first_line
    text = top.text.strip()
    return (top.x0 - element.x0 <= 0.5 * body and bool(re.match(rf"[{HAN}，、。；：！？”’）》]", text))
            and not _byline(text) and not _opens_story(text))


def _text_top(element: Element) -> float:
    """The top of `element`'s text: its first line, or its second or third under short lines or
    bylines set over it (as `_beside` reads a column's top)."""
    top = element.top_lines
    if not top:
        return element.y0
    lead = next((l for l in top if l.width >= SHORT_LINE * element.width and not _byline(l.text)), top[-1])
    return lead.y0


# The layout-mode grid sets every line in body type, one cell a character: a line reads as a
# headline there when it is shorter than its column's measure by more than this share and ends
# with no punctuation (layout_stories reads a story's first row so too).
GRID_HEAD_SHARE = 0.85
UNPUNCTUATED_END_RE = re.compile(r"[。！？，、；：”）)]$")


def grid_headline_like(text: str, width: float, measure: float) -> bool:
    """A grid line of `text`, `width` wide, in a column `measure` wide, reads as a headline."""
    return width < GRID_HEAD_SHARE * measure and not UNPUNCTUATED_END_RE.search(text.strip())


def _top_headline_like(block: Element, above: Element) -> bool:
    """The block's first line reads as a headline in the grid, beside the column above it."""
    top = block.first_line
    return grid_headline_like(top.text, top.x1 - top.x0, above.width)


def _byline(text: str) -> bool:
    return text[:1] in BULLET or bool(ROLE_CREDIT_RE.match(text))


def _rows(lines: list[Line]) -> list[list[Line]]:
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda l: (l.y0, l.x0)):
        if rows:
            row = rows[-1]
            top, bottom = min(v.y0 for v in row), max(v.y1 for v in row)
            if min(bottom, line.y1) - max(top, line.y0) > 0.5 * min(line.y1 - line.y0, bottom - top):
                row.append(line)
                continue
        rows.append([line])
    return [sorted(r, key=lambda l: l.x0) for r in rows]


def _emit(stories: list[Story], body: float) -> list[list[Line] | str]:
    out: list[list[Line] | str] = []
    step = 2 * body
    for story in sorted(stories, key=lambda s: (round(s.x0 / step), s.y0)):
        out.append(RULE)  # the first story too: what it opens with heads it
        heads = sorted((e for e in story.elements if e.kind in ("head", "vertical")), key=lambda e: e.y0)
        rest = sorted((e for e in story.elements if e.kind in ("body", "picture")), key=lambda e: (round(e.x0 / step), e.y0))
        for element in heads:
            out.extend(_rows(element.lines))
        for element in rest:
            if element.kind == "picture":
                out.append(PICTURE)
            out.extend(_rows(element.lines))
    return out
