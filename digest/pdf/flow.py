"""Pages set as one flow of columns (CSS multi-column): a story runs on from the foot of a column
to the head of the next, whatever stands at the head of the column it left; a headline the engine
broke at a column's foot is put back together over the next column's head."""

from __future__ import annotations

import dataclasses
import statistics

from .blocks import HEAD_GAP, JUSTIFIED_SPREAD, PARAGRAPH_INDENT, Blocks, Element, is_byline, overlap
from .columns import EVEN, PITCH_TOLERANCE, ROW_ALIGN, ROW_GUTTER, block_beside, ended_short, ends_level, ends_story, line_step, opens_story, runs_on, set_alike, text_top
from .glyphs import Box
from .lines import Line
from .rows import SIZE_TOLERANCE
from .units import DISPLAY, display_blocks


FRAME_INSET = 1.0  # ems more between a column's foot and the next column's head when a frame's padding insets both (a boxed notice broken over them)
FEW_LINES = 6  # lines of a block too few for its pitch to be its type's: justification may have widened them all
FOOT_ROWS = 2.5  # rows of its own type at most between a headline and the foot of the page's text, to be broken there


def headlines_broken_at_a_foot(lines: list[Line], pictures: list[Box], body: float) -> list[Line]:
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


def run_ons_under_a_spanning_head(blocks: Blocks, heads: list[Element], boxes: list[Element], body: float) -> None:
    """A column head hanging from a headline set over many columns (CSS `column-span: all`, over
    one flow of columns) is another story's run-on when the foot of the column on its left,
    another story's, goes on there (`foot_running_on`) and either the story under that headline
    has a column left of it that does not stop mid-sentence nor end level with it (the
    headline's story ended in a column before: its `（下转）` line, or another story set under
    it), or it has none, the foot stops mid-sentence and the column head opens no story (no
    dateline, byline or `（上接）`): the headline's story opens further right."""
    for block in sorted((b for b in blocks if b.story is not None), key=lambda b: (round(b.x0 / body), b.y0)):
        story = block.story
        over = [e for e in story.elements if e.kind == "head" and 0 <= block.y0 - e.y1 <= HEAD_GAP * body and overlap(e, block) > 0
                and (e.x0 < block.x0 - body or e.x1 > block.x1 + body)]  # set over more than this column
        if not over:
            continue
        before = max((e for e in story.elements if e is not block and e.kind == "body" and e.x1 <= block.x0 + body), key=lambda e: e.x1, default=None)
        # (A story's columns side by side end level, but its last: one ending level with the
        # column before it in the story is that story's, whatever runs on beside it; and so is one
        # after a column of the story stopping mid-sentence: its text goes on here. Its first
        # column goes only to a foot stopping mid-sentence, and not when it opens a story.)
        if before is None:
            if opens_story(block.first_text) or is_byline(block.first_text):
                continue
        elif ends_level(before, block) or runs_on(before, body):
            continue
        foot = foot_running_on(block, blocks, [e for e in heads + boxes if e.story is not story], body)
        # (A foot whose text starts and ends level with this column's is a story's column beside
        # it, under a headline of its own level with this one's: no run-on to a column's head.)
        if (foot is not None and foot.story is not None and foot.story is not story
                and not (abs(text_top(foot) - block.y0) <= ROW_ALIGN * body and abs(foot.y1 - block.y1) <= EVEN * line_step(block))
                and (before is not None or runs_on(foot, body))):
            story.elements.remove(block)
            foot.story.take(block)


def foot_running_on(block: Element, blocks: Blocks, others: list[Element], body: float) -> Element | None:
    """The last block of the column left of `block`, when `block` heads its column (nothing
    printed above it) and that block, at the foot of the page's text, stops mid-sentence or
    ends a paragraph without ending its story: a page
    set as one flow of columns (CSS multi-column) runs a story on from the foot of a column to
    the head of the next, whatever stands at the head of the column it left. Not when that block
    goes on in a column beside it, level with its text, headless or its own story's (a story set
    over two columns at the foot of the page); another story's text level with it is no such column."""
    if any(e is not block and e.y1 <= block.y0 + 1 and overlap(e, block) > 0.5 * min(e.width, block.width)
           for e in (*blocks, *others)):
        return None
    column = [b for b in blocks if b is not block and -body <= block.x0 - b.x1 <= (ROW_GUTTER + FRAME_INSET) * body
              and abs(b.measure - block.measure) <= 0.2 * max(b.measure, block.measure) + body
              and set_alike(b, block, PITCH_TOLERANCE if min(len(b.lines), len(block.lines)) > FEW_LINES else JUSTIFIED_SPREAD)]
    foot = max(column, key=lambda b: b.y1, default=None)
    if foot is None or foot.story is None:
        return None
    if not runs_on(foot, body):
        # A foot that ends a sentence goes on too (a paragraph ends where the column does) unless
        # its last line ends the story (a jump line, a sign-off, a credit), the head opens a
        # story with a byline, or the columns show a story ended (`ended_short`: the foot stops
        # short of its story's column before it; the head, shorter, goes on beside itself).
        if is_byline(block.first_text) or ends_story(foot) or ended_short(foot, block, blocks, body) or bold_lead(block, foot):
            return None
    # (Level with its text's first full line, or with its first line: a paragraph's first line,
    # indented, or a byline run in, may be short of the measure, and so read as set over it.)
    for tops in (text_top(foot), foot.top_lines[0].y0):
        beside = block_beside(foot, blocks, 1, body, tops=tops)
        if beside is not None and beside is not block and beside.story in (None, foot.story):
            return None  # it goes on in the column beside it, level with it
    if _flow_parted(block, foot, blocks, others, body) or _beside_a_head_over_columns(block, foot, others, body):
        return None
    return foot if foot.y1 >= max(b.y1 for b in blocks) - 2 * line_step(foot) else None


def bold_lead(head: Element, foot: Element) -> bool:
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

    if any(e.kind == "head" and between(e) and overlap(e, foot) > 0.5 * foot.width and overlap(e, head) > 0.5 * head.width for e in others):
        return True
    left = [b for b in blocks if b.story is not None and b.story not in (head.story, foot.story) and between(b) and overlap(b, foot) > 0.5 * foot.width]
    return any(b.story is a.story and between(b) and overlap(b, head) > 0.5 * head.width and abs(b.y0 - a.y0) <= ROW_ALIGN * body
               for a in left for b in blocks if b is not a)


def _beside_a_head_over_columns(head: Element, foot: Element, others: list[Element], body: float) -> bool:
    """`head`, a column's head, starts beside a headline set over two columns or more up to the
    column `foot` ends (its top above the headline's foot, the headline ending left of it): a
    flow of columns starts each column under a headline set across it, never beside one, so
    nothing runs on from that foot to that head (a headless story at the top of the next
    column, beside a headline over three, is not the run-on of the foot of the third)."""
    return any(e.kind == "head" and e.y1 <= foot.y0 + 1 and head.y0 < e.y1 and e.x1 <= head.x0 + body
               and e.x0 < foot.x0 - ROW_GUTTER * body and overlap(e, foot) > 0.5 * foot.width for e in others)
