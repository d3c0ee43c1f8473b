"""What a page holds besides its body lines, as the story reader (stories.py) sees it:
display type grouped into units (a headline's rows with its kicker and subtitle), frames drawn
around stories (their sides are rules), pictures, and `RULE`, the line that marks a story
boundary in the text."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .glyphs import Box, Rule
from .lines import CLOSING, DISPLAY, SAME_SIZE, Line

RULE = "---"
SHARED_WIDTH = 0.5  # ems of the row above at least a larger display row starting left of it ends under its start by, to be its unit's (a row run past its columns reaches under the next column's smaller headline by less)
# Ems of its type a subtitle set flush left may start left of the centred headline it is under:
# 0.89 to 0.96 em on the dev PDFs (four pages: pdf25-797 p0020, pdf23-694 p0054, pdf25-803 p0023,
# lay23-670w p0018), half an em over; 1.0 to 5 read all 2,333 dev pages alike (Review 26).
FLUSH_LEFT = 1.5
PICTURE = "![]()"  # where a picture (a photo box) stands in a story: what hangs under it is its caption


@dataclass(slots=True)
class Unit:
    x0: float
    y0: float
    x1: float
    y1: float
    line: Line | None = None  # None for a picture; the largest line of a display block
    lines: list[Line] | None = None  # a display block's lines (headline rows, kicker, subtitle)


def display_blocks(lines: list[Line], body: float) -> list[Unit]:
    """Lines of display type printed one under the other (a headline broken over rows, its
    kicker and subtitle) are one unit, so no cut parts them and no column is read in between.
    A line joins the unit of the line right above it that it lies most under (two headlines'
    rows may touch at the gutter), not any unit whose box it is under: a kicker run on over the
    gutter widens its unit's box over the next column, whose headline is another story's. The
    overlap ends where each row ends for the other (`_text_end`): a row run past its column by a
    closing mark hung in the gutter (`…公示：`) ends before the mark for a row, not set larger,
    whose unit starts at the mark or right of it: the mark alone joins no headline of the next
    column, set a little lower or higher, to its row's unit. A row run past its columns' edge (a
    headline too long for them) ends under the start of the next column's headline, set
    smaller, by a point or two, less than `SHARED_WIDTH`: another story's. (Rows touch so in a
    unit too, but not a larger row starting left of a smaller one: a centred headline starts a
    point or two under the end of its kicker set flush left, a subtitle under a headline's short
    centred last row, a subtitle's last row set flush left under its centred first row.)"""
    units: list[Unit] = []
    largest = max((l.size for l in lines), default=0.0)
    recent: list[tuple[Line, Unit]] = []  # display lines that may still be right above the next (tops come in order)
    for line in sorted(lines, key=lambda l: (l.y0, l.x0)):
        if line.size < DISPLAY * body or line.vertical:
            units.append(Unit(line.x0, line.y0, line.x1, line.y1, line, [line]))
            continue
        recent = [(above, block) for above, block in recent if above.y1 >= line.y0 - 0.8 * largest]
        host = None
        nearest = None  # (-overlap, gap) of the line right above it that host's is
        for above, block in recent:
            size = max(block.line.size, line.size)
            gap = line.y0 - above.y1
            overlap = min(_text_end(above, line, line.x0), _text_end(line, above, block.x0)) - max(above.x0, line.x0)
            least = SHARED_WIDTH * above.size if line.size > SAME_SIZE * above.size and line.x0 < above.x0 else 0.0
            if -0.2 * size <= gap <= 0.8 * size and overlap > least and (nearest is None or (-overlap, gap) < nearest):
                host, nearest = block, (-overlap, gap)
        if host is None:
            # Under no line, but inside a unit's width right under its last row: a subtitle set
            # flush left under a headline whose short last row is centred (`景区？` over
            # `——转运流程`). (Wholly inside: a kicker run on over the gutter widens its unit's
            # box only a little way over the next column, whose headline runs on past it.) Set
            # smaller than the unit's headline, it may start up to `FLUSH_LEFT` ems of its type
            # left of the unit, most of it under the unit: flush left with the story's column
            # under a headline centred over the story (`张利锋出席并讲话` under `全市巩固…召` / `开`).
            host = next((block for above, block in recent if block.y1 == above.y1 and -0.2 * line.size <= line.y0 - block.y1 <= 0.8 * line.size
                         and line.x1 <= block.x1 + 0.5 * line.size
                         and (block.x0 - 0.5 * line.size <= line.x0
                              or (block.x0 - FLUSH_LEFT * line.size <= line.x0 and line.size * SAME_SIZE < block.line.size
                                  and line.x1 - block.x0 >= 0.5 * (line.x1 - line.x0)))), None)
        if host is None:
            host = Unit(line.x0, line.y0, line.x1, line.y1, line, [line])
            recent.append((line, host))
            units.append(host)
            continue
        recent.append((line, host))
        host.lines.append(line)
        host.x0, host.y0, host.x1, host.y1 = min(host.x0, line.x0), min(host.y0, line.y0), max(host.x1, line.x1), max(host.y1, line.y1)
        if line.size > host.line.size:
            host.line = line
    return units


def _text_end(row: Line, other: Line, start: float) -> float:
    """Where `row` ends for `other`, a row above or below it whose unit starts at `start`: at its
    right edge, or, when its last glyph is a mark no line may open with and `other` (not set
    larger) and its unit start at that mark or right of it, before the mark. A headline row run
    past its column by its `：` (kept on the row of the character before it) into the gutter
    reaches over the start of the next column's headline, set beside it a little lower or
    higher (`“送双运动鞋”公示：` and `头枕砸窗…`), not under or over it."""
    ink = [g for g in row.glyphs if g.text != " "]
    last = ink[-1] if ink else None
    if last is None or last.text not in CLOSING or other.size > SAME_SIZE * row.size or start < last.x0:
        return row.x1
    return last.x0


def frames_and_pictures(lines: list[Line], boxes: list[Box]) -> tuple[list[Rule], list[Box], list[Box]]:
    """(the sides of frames, pictures, frames): a box with text inside is a frame around a story
    or a panel of briefs (its four sides are rules); an empty one is a picture."""
    edges: list[Rule] = []
    pictures: list[Box] = []
    frames: list[Box] = []
    for box in boxes:
        inside = sum(1 for l in lines if box.x0 <= (l.x0 + l.x1) / 2 <= box.x1 and box.y0 <= (l.y0 + l.y1) / 2 <= box.y1)
        if inside:
            edges += [Rule(box.x0, box.y0, box.x1, box.y0), Rule(box.x0, box.y1, box.x1, box.y1), Rule(box.x0, box.y0, box.x0, box.y1), Rule(box.x1, box.y0, box.x1, box.y1)]
            frames.append(box)
        else:
            pictures.append(box)
    return edges, pictures, frames


def ruled_frames(lines: list[Line], rules: list[Rule], tol: float = 2.5) -> list[Box]:
    """Frames drawn as four rules (WeasyPrint draws a box's border side by side, no rectangle):
    two vertical rules of one height joined at top and bottom by horizontal ones, with text inside.
    Rules and lines are looked up by position (sorted, bisected), not pair by pair: a page ruled
    as a table has thousands of rules."""
    across = sorted((r for r in rules if r.horizontal), key=lambda r: r.x0)
    starts = [r.x0 for r in across]
    down = sorted((r for r in rules if not r.horizontal), key=lambda r: r.x0)
    by_top = sorted(range(len(down)), key=lambda k: down[k].y0)
    tops = [down[k].y0 for k in by_top]
    middles = sorted(((l.x0 + l.x1) / 2, (l.y0 + l.y1) / 2) for l in lines)
    across_middles = [x for x, _ in middles]
    near = tol + 1.0  # the windows looked in are wider than `tol`: the tests within them decide
    frames = []
    for i, left in enumerate(down):
        from_left = [r for r in across[bisect_left(starts, left.x0 - near) : bisect_right(starts, left.x0 + near)] if abs(r.x0 - left.x0) <= tol]
        if not from_left:
            continue  # no top nor bottom starts where it stands
        reach = max(r.x1 for r in from_left) + tol  # where the right side stands at the most
        # The rules right of it (later in `down`) whose tops are level with its, left to right.
        for k in sorted(k for k in by_top[bisect_left(tops, left.y0 - near) : bisect_right(tops, left.y0 + near)] if k > i):
            right = down[k]
            if right.x0 > reach:
                break
            if right.x0 - left.x0 <= 2 * tol or abs(right.y0 - left.y0) > tol or abs(right.y1 - left.y1) > tol:
                continue
            box = Box(left.x0, min(left.y0, right.y0), right.x1, max(left.y1, right.y1))
            sides = [r for r in from_left if abs(r.x1 - box.x1) <= tol]
            inside = middles[bisect_left(across_middles, box.x0) : bisect_right(across_middles, box.x1)]
            if (any(abs(r.y0 - box.y0) <= tol for r in sides) and any(abs(r.y1 - box.y1) <= tol for r in sides)
                    and any(box.y0 <= y <= box.y1 for _, y in inside)):
                frames.append(box)
                break
    return frames


def on_edge(rule: Rule, box: Box, tol: float = 2.5) -> bool:
    """`rule` is one side of `box` (a picture's own border, not a rule between stories)."""
    inside_x = box.x0 - tol <= rule.x0 and rule.x1 <= box.x1 + tol
    inside_y = box.y0 - tol <= rule.y0 and rule.y1 <= box.y1 + tol
    if rule.horizontal:
        return inside_x and (abs(rule.y0 - box.y0) <= tol or abs(rule.y1 - box.y1) <= tol)
    return inside_y and (abs(rule.x0 - box.x0) <= tol or abs(rule.x1 - box.x1) <= tol)
