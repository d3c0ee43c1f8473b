"""Pieces and headlines put back together after grouping: a headline's last line read as a
piece, a start the labeller made inside one topic, a body's first line read as a headline, a
headline left over beside an unheaded body, floating bylines."""

from __future__ import annotations

from collections import Counter

from ..clean import CleanLine, ends_sentence, han_only, join_pair, printed_width, share_of_fewer, shingles
from ..model import Unassigned
from .headlines import LEAD_CHARS
from .lines import OPENING_MARKS
from .pieces import Chain, Piece


TAIL_HAN = 12  # a headline's last line the labeller left as body text is at most this long


def headline_tails_back(pieces: list[Piece], chains: list[Chain]) -> list[Piece]:
    """A piece of one short line right under a headline chain (closed at once by the next
    headline line or article start: `北京小区猫狗遭飞镖射杀 居民担忧人身安` / `全报案` /
    `原标题：…`) is that headline's last line, broken off and read as body text, not an
    article: it goes back to the chain (a chain printed right under it follows on from that
    chain's pieces). A line ending a sentence with a full stop is text; a headline's `？` is not."""
    following = {id(chain.before): chain for chain in chains if chain.before is not None}
    kept: list[Piece] = []
    for piece in pieces:
        chain = piece.chain_before
        if (chain is not None and len(piece.lines) == 1 and not piece.lead and piece.kind is None and not piece.float_byline
                and not piece.markers and not piece.signature and 0 < len(han_only(piece.lines[0].text)) <= TAIL_HAN
                and not piece.lines[0].text.endswith("。")):
            chain.lines.append(piece.lines[0].text)
            chain.levels.append(chain.levels[-1] if chain.levels else 1)
            chain.after = None
            if (below := following.get(id(piece))) is not None:
                below.before = chain.before
            continue
        kept.append(piece)
    return kept


ONE_TOPIC_SHARE = 0.06  # bigrams two sides of a labeller's start share (of the fewer) when it opens no article
COPY_SHARE = 0.5  # ...unless they share this many: text printed twice, whose copy starts where it is printed
ONE_TOPIC_HAN = 150  # Han characters read either side of the start
ONE_TOPIC_MIN_HAN = 40  # ...each side at least this long to tell


def starts_within_a_topic(pieces: list[Piece], lines: list[CleanLine], tags: list[str]) -> list[Piece]:
    """An article the labeller starts at a body line right under the text above (nothing printed
    between: no headline, dateline or label) goes on with that text when both sides speak of the
    same things: they share many of their character bigrams (`ONE_TOPIC_SHARE` of the fewer, in
    `ONE_TOPIC_HAN` characters either side). A round-up's next dated paragraph (`2月3日，市血液中心…`),
    a reprint's `原标题：…` at its end, a report's next section; briefs side by side share next to
    nothing. Text printed twice (a caption drawn block by block) is left as cut."""
    at = {id(line): k for k, line in enumerate(lines)}
    out: list[Piece] = []
    for piece in pieces:
        above = out[-1] if out else None
        k = at.get(id(piece.lines[0])) if piece.lines else None
        if (above is not None and above.lines and k and tags[k] == "start" and at.get(id(above.lines[-1])) == k - 1
                and piece.plain and piece.chain_before is None):
            before = han_only("".join(line.text for line in above.lines))[-ONE_TOPIC_HAN:]
            after = han_only("".join(line.text for line in piece.lines))[:ONE_TOPIC_HAN]
            own, other = shingles(before, 2), shingles(after, 2)
            if min(len(before), len(after)) >= ONE_TOPIC_MIN_HAN and ONE_TOPIC_SHARE <= share_of_fewer(own, other) < COPY_SHARE:
                above.absorb(piece)
                continue
        out.append(piece)
    return out


FIRST_LINE_HAN = 8  # a line this long that heads no article is text, not a column label
FIRST_LINE_SHARE = 0.7  # ...and this wide against the lines under it


def first_lines_back(pieces: list[Piece], paragraphs_of: list[list[str]], chains: list[Chain], unmatched: list[str],
                     in_columns: dict[int, CleanLine] | None = None) -> list[str]:
    """A body's first line, short and unpunctuated, is read as a headline candidate; a headline
    shares its wording with its body, so a last chain line that matched no body at all, right
    above a body with no dateline lead, is that body's first line: it goes back into the text.
    Not above a body read from columns (`in_columns`: each such line's id -> the line above it)
    whose first line is indented in its column (`opens_indented`) under that chain line set
    flush: the indented line opens the paragraph, the text starts there. Returns the unmatched
    lines left."""
    left = list(unmatched)
    index = {id(piece): k for k, piece in enumerate(pieces)}
    for chain in chains:
        k = index.get(id(chain.after))
        if k is None or chain.markdown or pieces[k].lead or not chain.lines:
            continue
        above = (in_columns or {}).get(id(pieces[k].lines[0]))
        if above is not None and above.text == chain.lines[-1] and above.indent < INDENT and opens_indented(pieces[k].lines):
            continue
        widths = sorted(line.width for line in pieces[k].lines[:5])
        column = widths[len(widths) // 2]
        for line in reversed(chain.lines):
            # A first line fills its column but for the indent; a headline's last line rarely does.
            if line not in left or len(han_only(line)) < FIRST_LINE_HAN or ends_sentence(line) or printed_width(line) < FIRST_LINE_SHARE * column:
                break
            left.remove(line)
            paragraphs_of[k][0] = join_pair(line, paragraphs_of[k][0])
    return left


INDENT = 2  # cells a layout-mode line is printed right of its column's (CleanLine.indent) and of the line under it


def opens_indented(lines: list[CleanLine]) -> bool:
    """The first of these layout-mode lines is a paragraph's first line by its place: indented in
    its column, INDENT cells at least and that much more than the line under it. Not a line
    opening with an opening mark: set in the right of its em, it is printed a cell or two right
    of its column's edge, indented or not (lay19-457)."""
    return (len(lines) >= 2 and lines[0].indent >= INDENT and lines[0].indent - lines[1].indent >= INDENT
            and lines[0].text[:1] not in OPENING_MARKS)


NEIGHBOUR_MATCH = 0.05  # a headline left over heads the unheaded body beside it if it shares this much


def heads_of_unheaded_neighbours(pieces: list[Piece], bodies: list[str], chains: list[Chain], unmatched: list[str]) -> list[str]:
    """A chain whose lines all matched no body too well, printed right before or right after a
    body that no headline heads, is that body's headline (its wording is the lead's in other
    words): it goes to the neighbour it shares more bigrams with, if it shares a few. Returns the
    unmatched lines left (the headlines are set on the pieces)."""
    left = Counter(unmatched)  # kept as counts: a big issue's chains are not each read against every line left
    taken: Counter[str] = Counter()
    index = {id(piece): k for k, piece in enumerate(pieces)}
    for chain in chains:
        lines = list(chain.lines)
        # Every line still unmatched, counted as often as printed (a headline printed twice,
        # in fake bold block by block, is two lines of one chain).
        if not lines or chain.markdown or any(n > left[line] for line, n in Counter(lines).items()):
            continue
        grams = shingles("".join(lines), 2)
        best, best_score = None, 0.0
        for neighbour in (chain.after, chain.before):
            k = index.get(id(neighbour))
            if k is None or pieces[k].headline or not grams:
                continue
            score = len(grams & shingles(bodies[k][:LEAD_CHARS], 2)) / len(grams)
            if score > best_score:
                best, best_score = k, score
        if best is not None and best_score >= NEIGHBOUR_MATCH:
            pieces[best].headline = lines
            pieces[best].headline_levels = [1] * len(lines)
            left.subtract(lines)
            taken.update(lines)
    # What is left, in the order given: each line taken drops its first printing.
    kept = []
    for line in unmatched:
        if taken[line]:
            taken[line] -= 1
        else:
            kept.append(line)
    return kept


def assign_float_bylines(pieces: list[Piece], unassigned: list[Unassigned]) -> None:
    """A floating `□ 本报记者 X` line belongs to the next reportage piece that has no byline of its own."""
    waiting: list[str] = []
    for piece in pieces:
        if piece.story_start:
            # A byline the page printed inside another story is not this one's.
            unassigned.extend(Unassigned(name, "floating byline with no article for it") for name in waiting)
            waiting = []
        if piece.float_byline:
            if piece.lead or piece.kind == "photo" or piece.byline:
                waiting.append(piece.float_byline)
            else:
                piece.byline = piece.float_byline
        if waiting and not piece.lead and piece.kind is None and not piece.byline:
            piece.byline = waiting.pop(0)
    unassigned.extend(Unassigned(name, "floating byline with no article for it") for name in waiting)
