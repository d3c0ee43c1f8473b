"""Headlines: give each printed headline line to the body that shares its wording, then
read kickers, subtitles and broken lines into a title; make a title from the lead where none
was printed.
"""

from __future__ import annotations

import bisect
import re
import statistics
from typing import NamedTuple

from ..clean import ends_sentence, han_only, printed_width, shingles
from ..credits import BULLET, SUMMARY_LABEL_RE
from .pieces import Chain, Piece, within_reach

PLACE_SUFFIXES = ("省", "市", "县", "区", "镇", "乡", "村", "街道", "开发区", "园区")
SUBTITLE_RE = re.compile(r"出席|讲话|主持|——")
MIN_HEADLINE_SCORE = 0.34
LEAD_CHARS = 400  # a headline says what the lead says; the whole body counts a little less
WHOLE_BODY_WEIGHT = 0.9
SENTENCE_CHARS = "我到在为与和的了将"
MEASURE_SHARE = 0.4  # a headline broken over lines fills at least this much of a body column
BROKEN_REST_GRAMS = 3  # a headline line with fewer bigrams than this cannot be matched on its own  # characters that make a line a phrase rather than a place name


def is_place_line(text: str) -> bool:
    """A kicker naming a place (`柳林县三交镇`, `兴县经济技术开发区`), not a phrase ending in one (`韩红到我市`)."""
    return len(text) <= 12 and " " not in text and text.endswith(PLACE_SUFFIXES) and not any(ch in text for ch in SENTENCE_CHARS)


def match_headlines(pieces: list[Piece], bodies: list[str], chains: list[Chain]) -> list[str]:
    """Give each headline line to the body that shares most of its bigrams; return unmatched lines."""
    grams = [(shingles(body[:LEAD_CHARS], 2), shingles(body, 2)) for body in bodies]
    widths = [line.width for piece in pieces for line in piece.lines]
    column = statistics.median(widths) if widths else 0.0
    unmatched: list[str] = []
    proposals: list[tuple[float, int, int, list[int]]] = []  # score, chain index, piece index, the chain's lines (their indexes)
    # Pieces by the line they start on, for comparing a headline only with the bodies within reach.
    order = sorted(range(len(pieces)), key=lambda p: (_first_line(pieces[p]), p))
    starts = [_first_line(pieces[p]) for p in order]
    index = {id(piece): p for p, piece in enumerate(pieces)}
    # Each bigram's pieces (their ranks in `order`, ascending): a headline line is scored only
    # against the bodies sharing a bigram with it, not every body within reach. Only the
    # headline lines' bigrams are ever looked up, so only theirs are filed (a body's few
    # thousand others were filed for nothing).
    asked = frozenset().union(*(shingles(text, 2) for chain in chains for text in chain.lines))
    postings: dict[str, list[int]] = {}
    for k, p in enumerate(order):
        for gram in (asked & grams[p][0]) | (asked & grams[p][1]):
            postings.setdefault(gram, []).append(k)
    per_chain = [_best_pieces(chain, pieces, grams, _reachable(chain, order, starts, index), postings) for chain in chains]
    claimed = {target for assigned in per_chain for target, _, _ in assigned}
    for c, (chain, assigned) in enumerate(zip(chains, per_chain)):
        if chain.markdown and chain.opens_story and id(chain.after) in index:
            # Headings that open a story (the PDF reader's, set in display type above their
            # body) head the body right under them: placed by the page, not by wording.
            proposals.append((2.0, c, index[id(chain.after)], list(range(len(chain.lines)))))
            continue
        # A last line before a body that no headline line names may be that body's label.
        after = index.get(id(chain.after))
        _attach_neighbours(assigned, column, after if after not in claimed else None, bodies)
        group: list[int] = []
        group_piece, group_score = None, 0.0
        for k, (target, score, text) in enumerate(assigned + [(None, 0.0, "")]):
            if target is not None and target == group_piece:
                group.append(k)
                group_score = max(group_score, score)
                continue
            if group_piece is not None:
                proposals.append((group_score, c, group_piece, group))
            if target is None and text:
                unmatched.append(text)
            group, group_piece, group_score = ([k], target, score) if target is not None else ([], None, 0.0)
    for _, c, p, group in sorted(proposals, key=lambda x: (-x[0], x[1])):
        # Each line's level by its place in the chain, not its text: a kicker printing the
        # headline's words (`### 呼和浩特市` over `# 呼和浩特市`) has a level of its own.
        if not pieces[p].headline:
            pieces[p].headline = [chains[c].lines[k] for k in group]
            pieces[p].headline_lines_whole = chains[c].markdown
            pieces[p].headline_levels = [chains[c].levels[k] for k in group]
        else:
            unmatched.extend(chains[c].lines[k] for k in group)
    return unmatched


def _first_line(piece: Piece) -> int:
    return piece.lines[0].number if piece.lines else 0


class _Reach(NamedTuple):
    """The pieces a chain is compared with: those whose rank in start order is in
    [low, high), and `beside` (the pieces either side of it, wherever they start)."""

    order: list[int]
    low: int
    high: int
    beside: frozenset[int]


def _reachable(chain: Chain, order: list[int], starts: list[int], index: dict[int, int]) -> _Reach:
    """The pieces that start within REACH_LINES of the chain, and the two beside it: on a
    page, every piece; in a big issue, those of its neighbourhood, so matching costs linear time."""
    anchor = chain.after if chain.after is not None and chain.after.lines else chain.before
    beside = frozenset(index[id(piece)] for piece in (chain.before, chain.after) if id(piece) in index)
    if anchor is None or not anchor.lines:
        return _Reach(order, 0, len(order), beside)
    ranks = within_reach(starts, anchor.lines[0].number)
    return _Reach(order, ranks[0] if ranks else 0, ranks[-1] + 1 if ranks else 0, beside)


def _sharing(line_grams: frozenset[str], reach: _Reach, postings: dict[str, list[int]]) -> list[int]:
    """The reachable pieces (indexes, ascending) whose body shares a bigram with the line, and
    the two beside the chain: any other scores 0 and is never the best."""
    found = set(reach.beside)
    for gram in line_grams:
        ranks = postings.get(gram)
        if ranks:
            found.update(reach.order[k] for k in ranks[bisect.bisect_left(ranks, reach.low) : bisect.bisect_left(ranks, reach.high)])
    return sorted(found)


def _best_pieces(chain: Chain, pieces: list[Piece], grams: list[tuple[frozenset[str], frozenset[str]]], reach: _Reach, postings: dict[str, list[int]]) -> list[tuple[int | None, float, str]]:
    """Each line of the chain with the piece (among those in `reach`) it matches best, if well enough, and the score."""
    assigned: list[tuple[int | None, float, str]] = []
    neighbours = {id(chain.before), id(chain.after)}
    for text in chain.lines:
        line_grams = shingles(text, 2)
        best, best_score = None, 0.0
        for p in _sharing(line_grams, reach, postings):
            lead_grams, body_grams = grams[p]
            if not line_grams:
                break
            score = max(len(line_grams & lead_grams), WHOLE_BODY_WEIGHT * len(line_grams & body_grams)) / len(line_grams)
            # Between equal matches, prefer the body right next to the headline.
            score += 0.01 * (id(pieces[p]) in neighbours)
            if score > best_score:
                best, best_score = p, score
        assigned.append((best if best_score >= MIN_HEADLINE_SCORE else None, best_score, text))
    return assigned


def _attach_neighbours(assigned: list[tuple[int | None, float, str]], column: float, unnamed_after: int | None = None, bodies: list[str] | None = None) -> None:
    """Subtitles (——…, X出席并讲话) and kickers (a place line) follow the headline next to them."""
    for k in range(len(assigned) - 1):
        target, score, text = assigned[k]
        follower = assigned[k + 1]
        if is_place_line(text) and not is_place_line(follower[2]):
            # A kicker sits above its headline: the pair goes wherever the better-matched one goes.
            best = max((target, score), (follower[0], follower[1]), key=lambda pair: pair[1])[0]
            assigned[k], assigned[k + 1] = (best, score, text), (best, follower[1], follower[2])
    for k, (target, score, text) in enumerate(assigned):
        before = assigned[k - 1] if k else None
        # Too short to match on its own (`曲”`, `会”简介`): the rest of the headline broken above it.
        if before and before[0] is not None and len(shingles(text, 2)) < BROKEN_REST_GRAMS and not ends_sentence(before[2]) and not is_place_line(text):
            assigned[k] = (before[0], score, text)
            continue
        if target is not None:
            continue
        after = assigned[k + 1] if k + 1 < len(assigned) else None
        if before and before[0] is not None and (text.startswith("——") or SUBTITLE_RE.search(text) or is_place_line(before[2])):
            assigned[k] = (before[0], score, text)
        elif after and after[0] is not None and is_place_line(text):
            assigned[k] = (after[0], score, text)
    _join_broken_lines(assigned, column, unnamed_after, bodies or [])


def _reads_on(upper: str, lower: str, column: float) -> bool:
    """`lower` can be the next line of the headline `upper` is in: every line of a headline but
    the last fills its measure (a good part of a column at least), so a line narrower than the
    one after it ended its headline."""
    wide = printed_width(upper)
    return not ends_sentence(upper) and wide >= printed_width(lower) - 1 and wide >= MEASURE_SHARE * column


def _join_broken_lines(assigned: list[tuple[int | None, float, str]], column: float, unnamed_after: int | None, bodies: list[str]) -> None:
    """A headline line that matched no body on its own (`春 灯光闪烁年味浓`: words the body never
    uses) is the rest of the headline above it, or the start of the one below it; the last
    line, above a body that no headline names, stays out (a column label over a photo) unless
    the body above reads on across the break."""
    for k in range(1, len(assigned)):
        target, score, text = assigned[k]
        before = assigned[k - 1]
        label = k == len(assigned) - 1 and unnamed_after is not None and unnamed_after != before[0]
        if label and not (before[0] is not None and _runs_on(before[2], text, bodies[before[0]])):
            continue
        if target is None and before[0] is not None and _reads_on(before[2], text, column):
            assigned[k] = (before[0], score, text)
    for k in range(len(assigned) - 2, -1, -1):
        target, score, text = assigned[k]
        after = assigned[k + 1]
        if target is None and after[0] is not None and _reads_on(text, after[2], column):
            assigned[k] = (after[0], score, text)


def _runs_on(line: str, following: str, body: str) -> bool:
    """The body has the two characters either side of the line break together."""
    return (line[-1:] + following[:1]) in shingles(body, 2)


def _is_kicker(line: str, following: str, body: str, whole_lines: bool = False) -> bool:
    return is_place_line(line) and (whole_lines or not _runs_on(line, following, body))


# A label set whole in lenticular brackets over a headline (`【新春走基层】`, `【提高社会治理水平】`):
# the column or campaign the story runs under, its kicker, never the headline's first words.
BRACKETED_KICKER_RE = re.compile(r"^【[^【】]{2,20}】$")
LABEL_HAN = 6  # a column label over stacked briefs (`简讯`, `要闻简报`) is at most this long


def compose_title(lines: list[str], body: str, whole_lines: bool = False, levels: list[int] | None = None,
                  typeset: bool = False) -> tuple[str, str | None, str | None]:
    """Split a matched headline group into (title, subtitle, kicker): join a headline broken over
    lines, set kickers apart (a place line, a couplet or a `【…】` label above the headline), keep `——` and
    出席/讲话 lines as subtitle. With heading levels that differ (Markdown, the PDF reader), the
    levels say it: the top-level line is the title, lines above it the kicker, lines below the
    subtitle."""
    if levels and len(set(levels)) > 1:
        top = levels.index(min(levels))
        # A smaller line a bullet opens under a short top line (`简讯` / `■ 小桔灯志愿者募集中：`)
        # is a stacked brief's headline, the line over it the column's label.
        if len(han_only(lines[top])) <= LABEL_HAN:
            top = next((k for k in range(top + 1, len(lines)) if lines[k].lstrip()[:1] in BULLET), top)
        kicker = " ".join(lines[:top]) or None
        subtitle = " ".join(text.lstrip("—") for text in lines[top + 1 :]) or None
        return lines[top].strip(), subtitle, kicker
    kickers: list[str] = []
    if len(lines) > 1 and BRACKETED_KICKER_RE.match(lines[0].strip()):
        kickers.append(lines[0].strip())
        lines = lines[1:]
    parts: list[str] = []
    joined: list[bool] = []  # a part made of more than one line: a headline broken, no couplet
    for text in lines:
        # A place line above a headline is a kicker, unless the body runs on across the break
        # (`柳林县三交镇` + `启动…` where the lead reads 柳林县三交镇启动…): then it is the headline, broken.
        kicker = bool(parts) and _is_kicker(parts[-1], text, body, whole_lines)
        # A line with a space is a whole couplet (`责任压实千钧担 创新激发万象新`), unless the
        # body reads on across the break (`…贵阳将见` + `义勇为…`: the lead has 见义).
        # A couplet's halves are of about one length; a short last half (`吕梁市区亮化迎新春 灯`,
        # `…跟涨不跟跌 全国仅有`) is a headline broken after its space.
        couplet = bool(parts) and " " in parts[-1] and not joined[-1] and _balanced(parts[-1])
        if couplet and not whole_lines and _runs_on(parts[-1], text, body):
            couplet = False
        starts_part = whole_lines or not parts or text.startswith("——") or SUBTITLE_RE.search(text) or kicker or couplet
        if starts_part:
            parts.append(text)
            joined.append(False)
        else:
            parts[-1] += text
            joined[-1] = True
    if len(parts) > 1 and (_is_kicker(parts[0], parts[1], body, whole_lines) or (" " in parts[0] and not joined[0] and not parts[1].startswith("——"))):
        kickers.append(parts[0])
        parts = parts[1:]
    title = parts[0]
    subtitle = " ".join(p.lstrip("—") for p in parts[1:]) or None
    if title.startswith("——") and subtitle is None:
        title, subtitle = _split_merged_subtitle(title.lstrip("—"))
    # A place and a space opening the title (`柳林县三交镇 启动…`) is a kicker run onto its line,
    # in text that lost the type; a PDF's heading line is one row of one type (or rows of one
    # headline joined, a space where a row broke short: `以王范乡` / `政府的军鼓表演为例`), its
    # kicker a row of its own type (`typeset`): a place there is the headline's first word.
    for kicker_end in range(2, min(len(title), 14)) if not typeset else ():
        head = title[:kicker_end]
        if title[kicker_end : kicker_end + 1] == " " and is_place_line(head):
            kickers.append(head)
            title = title[kicker_end + 1 :]
            break
    return title.strip(), subtitle, " ".join(kickers) or None


COUPLET_BALANCE = 0.6  # a couplet's last half is at least this long against its first


def _balanced(line: str) -> bool:
    """The halves either side of the line's last space are a couplet's (`实干担当 为民造福`,
    `责任压实千钧担 创新激发万象新局面`): of about one length. A headline broken after its space
    leaves a short rest on the line (`出租车燃油费跟涨不跟跌 全国仅有` over `11个城市下调`,
    `吕梁市区亮化迎新春 灯`)."""
    left, _, right = line.rpartition(" ")
    left, right = len(han_only(left)), len(han_only(right))
    return right >= 2 and right >= COUPLET_BALANCE * left


def _split_merged_subtitle(text: str) -> tuple[str, str | None]:
    """`——subtitle main title` printed on one line: the main title is the couplet at its end
    (`——习近平总书记引领全党树立和践行正确政绩观 实干担当 为民造福`)."""
    words = text.split()
    if len(words) >= 3 and all(2 <= len(han_only(w)) <= 8 for w in words[-2:]):
        return " ".join(words[-2:]), " ".join(words[:-2])
    return text, None


def generated_title(text: str, limit: int = 36) -> str:
    """A title made from the lead: its first clause of substance, whole. A clause longer than
    `limit` ends at the last item of a list (、) that fits; without one, at the last word that
    fits, marked `…` (never inside a word)."""
    text = SUMMARY_LABEL_RE.sub("", text, count=1).lstrip()  # `编者按：` / `【核心提示】` names no story
    first = re.split(r"[。！？]", text, maxsplit=1)[0]
    clauses = [c for c in re.split(r"[，；：]", first) if len(han_only(c)) >= 8]
    title = (clauses[0] if clauses else first).strip("“”").strip()
    if len(title) <= limit:
        return title
    item_end = title.rfind("、", 0, limit + 1)
    if item_end > 0 and len(han_only(title[:item_end])) >= 8:
        return title[:item_end]
    from ..summarize.tokens import words  # jieba, only for such long leads

    kept = ""
    for word in words(title):
        if len(kept) + len(word) > limit - 1:
            break
        kept += word
    return (kept or title[: limit - 1]) + "…"


