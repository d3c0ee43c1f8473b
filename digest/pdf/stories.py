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

The blocks and head elements are made in blocks.py; what columns say of each other (beside,
running on, ending a story) is columns.py; pages set as one flow of columns, flow.py.
"""

from __future__ import annotations

from .blocks import HEAD_GAP, Blocks, Element, Frames, Story, column_blocks, display_elements, is_byline, overlap
from .columns import (
    MEASURE_MATCH,
    block_beside,
    closes,
    closing_line_under,
    credited,
    ended_short,
    ends_level,
    ends_story,
    not_next_column,
    opens_story,
    runs_on,
    text_above,
    text_top,
    top_headline_like,
)
from .flow import bold_lead, foot_running_on, headlines_broken_at_a_foot, run_ons_under_a_spanning_head
from .glyphs import Box, Rule
from .lines import Line
from .units import DISPLAY, PICTURE, RULE


CENTRED = 1.0  # ems of body type a centred headline's middle may be off its columns' middle
CENTRED_INSET = 2.0  # ems of body type at least between a centred headline's start and its first column's (else it is set flush left)
BRIEF_GAP = 1.6  # ems of body type of white space at most between two briefs stacked in one column


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
        if overlap(other, element) <= 0.25 * min(other.width, element.width):
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
        lines = headlines_broken_at_a_foot(lines, pictures, body)
    display = [l for l in lines if l.vertical or l.size >= DISPLAY * body]
    text = [l for l in lines if not (l.vertical or l.size >= DISPLAY * body)]
    heads = display_elements(display, body)
    blocks = Blocks(column_blocks(text, body, parted, [r for r in rules if not r.horizontal]))
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
                nxt = block_beside(edge, blocks, side, body, tops=head.y0)
                # The column right beside it opened by its subtitle, set over the body: one story;
                # and so a column further on whose smaller display type is set right over the
                # row's top (a subtitle over two columns, the headline beside the second), its
                # column set to the measure of the one between (see below). A column further on
                # under a headline of its own is another story's.
                if (nxt is not None and nxt.story is not None and nxt.story is not head.story and _smaller_heads(nxt.story, head)
                        and (edge is head or (_set_over_row(nxt.story, head, body, top=min(head.y0, nxt.y0)) and not _other_measure(edge, nxt, body)))):
                    _merge(nxt.story, head.story, stories)
                if nxt is None or nxt.story is not None:
                    break
                # Its columns are filled evenly: a headless story level with them is not one. (On
                # its left, the first column taken is the story's last, which may stop short.)
                earlier, later = (edge, nxt) if side == 1 else (nxt, edge)
                if edge is not head and not_next_column(earlier, later, later_last=side == 1 or taken == 1):
                    break
                # Its columns share a measure: one set ems wider or narrower beside them, tops
                # level (a headless story's under a floating byline), is another story's.
                if edge is not head and _other_measure(edge, nxt, body):
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
        if (above := closing_line_under(block, blocks, body)) is not None:
            above.story.take(block)  # a source or sign-off set flush right under a column: it ends that story
            continue
        if opens_story(block.first_text, parted):
            left = None
        elif ((above := text_above(block, blocks, HEAD_GAP * body)) is not None and above.story is not None and runs_on(above, body)
                and not is_byline(block.first_text) and not (parted and top_headline_like(block, above))
                and block_beside(above, blocks, 1, body, tops=text_top(above)) is None):
            # Right under text of its column that stops mid-sentence, with no column beside it
            # (level with its text's first line, not with a byline over it) where that text
            # would go on: the same text. A byline opens another story's text (`□ 本报记者 X`).
            # In the layout-mode grid, not a block opening with a headline-like line: there the
            # text above goes on in its next column more often than the grid's levels tell, and
            # the block is the next story's headline (layout cut F1 +1.2 summed on eight dev sets).
            above.story.take(block)
            continue
        elif text_above(block, blocks, BRIEF_GAP * body) is not None:
            # Under text of its own column, closer than stories are set apart (a brief under the
            # one before it): no next column of a story beside it, whose columns start under
            # that story's headline, but a story of its own.
            left = None
        elif parted:
            # The layout-mode grid's row heights are estimates: tops that look level there are
            # not (measured on its pages, half the columns so joined were two stories').
            left = None
        else:
            left = block_beside(block, blocks, -1, body, tops=block.y0, run_on=True)
            if left is not None and (closes(left) or credited(left, block) or ended_short(left, block, blocks, body)
                                     or framed.holding(left) != framed.holding(block) or bold_lead(block, left)):
                # The column beside it ends its story (or a frame parts them), or it opens with a
                # lead set bold under that column's plain last line: this is another story.
                left = None
            # Text set in one flow of columns runs on from a column's foot to the next one's head:
            # so read unless the column beside it stops mid-sentence (its text goes on here) and
            # was not itself run on so (on a page set as one flow, the column heads level with it
            # are other stories' run-ons).
            # But a column beside it, tops level, ending level with it (a story's columns side by
            # side end level, but its last) is its story's column before it when the foot ends a
            # sentence and it does not end its story (a sign-off, a notice's date): the story's
            # headline, ragged over both, may stop short of this one (Gecko prints a headline's
            # box wider than its text). A foot stopping mid-sentence goes on.
            if ((left is None or left in flowed or not runs_on(left, body))
                    and (foot := foot_running_on(block, blocks, heads + boxes, body)) is not None
                    and not (left is not None and left not in flowed and ends_level(left, block) and not ends_story(left)
                             and not runs_on(foot, body))
                    and framed.holding(foot) == framed.holding(block)):
                left = foot
                flowed.add(block)
        if left is not None and left.story is not None:
            left.story.take(block)
            continue
        stories.append(Story())
        stories[-1].take(block)
    run_ons_under_a_spanning_head(blocks, heads, boxes, body)
    return _emit([s for s in stories if any(e.lines for e in s.elements)], body)  # a lone picture says nothing


def _centred_story(block: Element, blocks: Blocks, body: float) -> Story | None:
    """The story of the column right of `block` when that column hangs from a headline set
    centred over it, `block` and the columns level with them on the right: a headline
    narrower than its story, over its middle columns (reaching over the first column by too
    little for that column to hang from it)."""
    middle = block_beside(block, blocks, 1, body, tops=block.y0)
    if middle is None or middle.story is None:
        return None
    heads = [e for e in middle.story.elements if e.kind == "head" and 0 <= middle.y0 - e.y1 <= HEAD_GAP * body
             and e.x0 >= block.x0 + CENTRED_INSET * body and overlap(e, middle) > 0]
    last: Element | None = middle
    while heads and last is not None and last.story in (None, middle.story):
        if any(abs((head.x0 + head.x1) / 2 - (block.x0 + last.x1) / 2) <= CENTRED * body for head in heads):
            return middle.story
        last = block_beside(last, blocks, 1, body, tops=block.y0)
    return None


def _other_measure(column: Element, other: Element, body: float) -> bool:
    """Two columns of over three lines each set to measures ems apart: not one story's."""
    return len(column.lines) > 3 and len(other.lines) > 3 and abs(column.measure - other.measure) > MEASURE_MATCH * body


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
