"""Cut an issue's cleaned lines into articles and give each its headline.

E-paper text comes in reading order of text boxes, not of stories: headlines are often
printed after their bodies, several at once, so a headline is matched to the body whose
wording it shares, never by position alone. The work is done in three passes:

1. classify every line (dateline lead, byline, photo credit, sign-off, signature,
   continuation marker, headline candidate, body);
2. group body lines into articles, cutting at leads, credits, sign-offs and headlines;
3. match headline lines to articles by shared character bigrams, then name the rest
   from their lead.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .clean import HAN, CleanLine, clean_lines, dedupe_paragraphs, printed_width, ends_sentence, han_only, join_lines
from .model import Article, Issue

LEAD_RE = re.compile(r"^(本报讯|科学导报讯)\s*(?:[（(]([^）)]{0,40})[）)])?\s*")
_NAME = f"[{HAN}]{{2,4}}"
_NAMES = f"{_NAME}(?:\\s+{_NAME})*"
BYLINE_RE = re.compile(rf"^(?:□\s*)?(?:本报|科学导报)?(?:实习)?(?:记者|通讯员)?\s*({_NAMES})\s*(?:撰)?$")
FLOAT_BYLINE_RE = re.compile(rf"^(?:□\s*(?:本报)?(?:实习)?(?:记者|通讯员)?|(?:本报|科学导报)(?:实习)?记者)\s*({_NAMES})$")
CREDIT_RE = re.compile(rf"(?:^|(?<=[。！？”]))((?:实习)?记者\s*)?({_NAMES})\s*摄$")
SIGNOFF_RE = re.compile(rf"^(?:[（(]\s*({_NAMES})\s*[）)]|({_NAME})|(?:本报|科学导报)?记者\s*({_NAME})撰?)$")
SIGNATURE_RE = re.compile(rf"^(?:中共)?[{HAN}]{{2,20}}(?:委员会|人民政府|办公室|监委|纪委|指挥部)$|^\d{{4}}年\d{{1,2}}月\d{{1,2}}日$")
PINYIN_RE = re.compile(r"^[a-z]{6,}$")
HEADING_RE = re.compile(r"^#{1,6}\s*(.+)$")
INNER_PUNCT = "，。；：！？"
PLACE_SUFFIXES = ("省", "市", "县", "区", "镇", "乡", "村", "街道", "开发区", "园区")
SUBTITLE_RE = re.compile(r"出席|讲话|主持|——")
MIN_HEADLINE_SCORE = 0.34
# Section heads: a couplet of two equal halves (`政策铺路 校地共建`) or an enumerated head (`（一）…`).
SECTION_HEAD_RE = re.compile(rf"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)|^([{HAN}]{{2,8}}) [{HAN}]{{2,8}}$")


@dataclass
class _Piece:
    """A run of body lines that belongs to one article."""

    lines: list[CleanLine] = field(default_factory=list)
    lead: bool = False
    byline: str | None = None
    kind: str | None = None
    markers: list[str] = field(default_factory=list)
    headline: list[str] = field(default_factory=list)
    headline_score: float = 0.0
    float_byline: str | None = None


def _is_place_line(text: str) -> bool:
    return len(text) <= 12 and " " not in text and text.endswith(PLACE_SUFFIXES)


def _merge_vertical(lines: list[CleanLine]) -> list[CleanLine]:
    """Vertical headlines come one character per line; three or more such lines make one line."""
    merged: list[CleanLine] = []
    run: list[CleanLine] = []

    def flush() -> None:
        if len(run) >= 3:
            text = "".join(line.text for line in run)
            merged.append(CleanLine(text, run[0].number, printed_width(text)))
        else:
            merged.extend(run)
        run.clear()

    for line in lines:
        if 0 < len(line.text) <= 2 and not line.markers and line.text[-1] not in "。！？":
            run.append(line)
        else:
            flush()
            merged.append(line)
    flush()
    return merged


def _classify(lines: list[CleanLine]) -> list[str]:
    """One tag per line: lead, byline, credit, caption_end, signoff, signature, marker, pinyin, heading, candidate, body."""
    # In a Markdown page every headline is a heading, so plain lines are never headlines.
    markdown = sum(1 for line in lines if HEADING_RE.match(line.text)) >= 2
    tags: list[str] = []
    for i, line in enumerate(lines):
        text = line.text
        prev_boundary = i == 0 or tags[-1] != "body" or ends_sentence(lines[i - 1].text)
        if not text:
            tags.append("marker")
        elif HEADING_RE.match(text):
            tags.append("heading")
        elif PINYIN_RE.match(text):
            tags.append("pinyin")
        elif LEAD_RE.match(text):
            tags.append("lead")
        elif text.endswith("撰") and SIGNOFF_RE.match(text):
            tags.append("signoff")
        elif FLOAT_BYLINE_RE.match(text):
            tags.append("byline")
        elif CREDIT_RE.search(text):
            tags.append("credit" if CREDIT_RE.match(text) else "caption_end")
        elif prev_boundary and tags and tags[-1] == "body" and SIGNATURE_RE.match(text):
            tags.append("signature")
        elif tags and tags[-1] == "signature" and SIGNATURE_RE.match(text):
            tags.append("signature")
        elif prev_boundary and tags and tags[-1] == "body" and SIGNOFF_RE.match(text) and not _is_place_line(text):
            tags.append("signoff")
        elif markdown or text.startswith("图为"):
            tags.append("body")
        elif text.startswith("——") and len(text) <= 50 and (prev_boundary or len(lines[i - 1].text) <= 30):
            tags.append("candidate")
            # The line above a `——` subtitle is its headline, even with a comma in it.
            if i and tags[-2] == "body" and not ends_sentence(lines[i - 1].text) and len(lines[i - 1].text) <= 30 and (i < 2 or ends_sentence(lines[i - 2].text) or tags[-3] != "body"):
                tags[-2] = "candidate"
        elif prev_boundary and len(han_only(text)) <= 50 and not any(p in text[:-1] for p in INNER_PUNCT) and text[-1] not in "。！？，；：":
            tags.append("candidate")
        else:
            tags.append("body")
    _demote_body_candidates(lines, tags)
    return tags


def _column_width(lines: list[CleanLine], tags: list[str], i: int) -> float:
    widths = [round(lines[j].width) for j in range(max(0, i - 20), min(len(lines), i + 20)) if tags[j] == "body" and not lines[j].justified and not ends_sentence(lines[j].text)]
    if not widths:
        return 0
    return Counter(widths).most_common(1)[0][0]


def _demote_body_candidates(lines: list[CleanLine], tags: list[str]) -> None:
    """A chain of candidates that fits the text column and runs on into body text is a paragraph start."""
    i = 0
    while i < len(tags):
        if tags[i] != "candidate":
            i += 1
            continue
        j = i
        while j < len(tags) and tags[j] == "candidate":
            j += 1
        col = _column_width(lines, tags, i)
        fits = col and all(lines[k].justified or col - 3.5 <= lines[k].width <= col + 1.5 for k in range(i, j))
        if fits and j < len(tags) and tags[j] == "body":
            for k in range(i, j):
                tags[k] = "body"
        i = j


def _bigrams(text: str) -> set[str]:
    han = han_only(text)
    return {han[k : k + 2] for k in range(len(han) - 1)}


def _lead_byline(group: str | None) -> str | None:
    if not group:
        return None
    names = re.sub(r"(实习)?记者|通讯员|本报", " ", group).split()
    return " ".join(names) or None


def _split_lead(text: str) -> tuple[str, str | None]:
    """Remove the `本报讯（记者 X）` lead from the first line; return (rest, byline)."""
    match = LEAD_RE.match(text)
    if not match:
        return text, None
    rest = text[match.end() :]
    byline = _lead_byline(match.group(2))
    if byline is None:
        inline = re.match(rf"^(?:实习)?记者\s*([{HAN}]{{2,3}})(?=\s|\d|[^{HAN}])\s*", rest)
        if inline:
            byline, rest = inline.group(1), rest[inline.end() :]
    return rest, byline


def _pieces(lines: list[CleanLine], tags: list[str]) -> tuple[list[_Piece], list[list[tuple[int, str]]]]:
    """Group body lines into pieces; collect headline chains as (piece index hint, text) lists."""
    pieces: list[_Piece] = []
    chains: list[list[tuple[int, str]]] = []
    current: _Piece | None = None
    pending_float: str | None = None
    pending_markers: list[str] = []
    chain: list[tuple[int, str]] = []

    def close() -> None:
        nonlocal current
        if current and current.lines:
            pieces.append(current)
        current = None

    just_ended: list[tuple[int, str]] = []  # the chain right before this line, if any

    def end_chain() -> None:
        nonlocal chain, just_ended
        just_ended = chain
        if chain:
            chains.append(chain)
            chain = []

    for line, tag in zip(lines, tags):
        text = line.text
        if tag in ("candidate", "heading"):
            heading = HEADING_RE.match(text)
            chain.append((len(pieces) + (1 if current and current.lines else 0), heading.group(1).strip() if heading else text))
            close()
            continue
        if tag == "pinyin":
            if chain:
                chain.pop()  # the heading above a pinyin line is a column label, not a headline
            continue
        end_chain()
        if tag == "marker":
            target = current or (pieces[-1] if pieces else None)
            for marker in line.markers:
                if marker.startswith("上接"):
                    pending_markers.append(marker)
                elif target:
                    target.markers.append(marker)
            continue
        if tag == "byline":
            match = FLOAT_BYLINE_RE.match(text)
            pending_float = match.group(1) if match else None
            close()
            continue
        if tag in ("signoff", "signature"):
            if current:
                if tag == "signature":
                    current.kind = "notice"
                else:
                    m = SIGNOFF_RE.match(text)
                    current.byline = current.byline or next(g for g in m.groups() if g)
            close()
            continue
        if tag == "lead":
            close()
        if current is None and tag == "body" and not pending_float and not pending_markers and _is_section_head(just_ended, pieces):
            # A section head inside a long feature: the feature goes on, the head stays as a paragraph.
            chains.remove(just_ended)
            current = pieces.pop()
            current.lines.extend(CleanLine(text, line.number, standalone=True) for _, text in just_ended)
        if current is None:
            current = _Piece(float_byline=pending_float)
            pending_float = None
            current.markers.extend(pending_markers)
            if pending_markers:
                current.kind = "fragment"
            pending_markers = []
        if tag == "lead":
            current.lead = True
        current.lines.append(line)
        current.markers.extend(line.markers)
        if tag in ("credit", "caption_end"):
            _split_caption(current, pieces)
            current = None
    end_chain()
    close()
    return pieces, chains


def _is_section_head(chain: list[tuple[int, str]], pieces: list[_Piece]) -> bool:
    """One or two short lines between two stretches of one long feature (`政策铺路 校地共建`)."""
    if not chain or len(chain) > 2 or not pieces:
        return False
    previous = pieces[-1]
    long_feature = not previous.lead and previous.kind is None and sum(len(line.text) for line in previous.lines) > 200
    head_shaped = any(SECTION_HEAD_RE.match(text) for _, text in chain) or all(len(han_only(text)) <= 10 for _, text in chain)
    return long_feature and head_shaped and all(len(han_only(text)) <= 16 for _, text in chain)


def _split_caption(piece: _Piece, pieces: list[_Piece]) -> None:
    """A photo credit ends a caption: the caption is the last paragraph unless the piece is all caption."""
    last = piece.lines[-1]
    match = CREDIT_RE.search(last.text)
    credit = " ".join(re.sub(r"(实习)?记者", "", match.group(0)[:-1]).split())
    last.text = last.text[: match.start()].rstrip()
    if not last.text:
        piece.lines.pop()
    caption_start = len(piece.lines) - 1
    while caption_start > 0 and not ends_sentence(piece.lines[caption_start - 1].text):
        caption_start -= 1
    body_chars = sum(len(line.text) for line in piece.lines[:caption_start])
    if caption_start > 0 and (piece.lead or body_chars > 200):
        pieces.append(_Piece(lines=piece.lines[:caption_start], lead=piece.lead, byline=piece.byline, markers=piece.markers, float_byline=piece.float_byline))
        piece = _Piece(lines=piece.lines[caption_start:])
    if piece.lines:
        piece.kind, piece.byline, piece.lead = "photo", credit or None, False
        pieces.append(piece)


def _match_headlines(pieces: list[_Piece], bodies: list[str], chains: list[list[tuple[int, str]]]) -> list[str]:
    """Give each headline line to the body that shares most of its bigrams; return unmatched lines."""
    grams = [_bigrams(body[:400]) for body in bodies]
    unmatched: list[str] = []
    proposals: list[tuple[float, int, int, list[str]]] = []  # score, chain index, piece index, lines
    for c, chain in enumerate(chains):
        assigned: list[tuple[int | None, float, str]] = []
        for hint, text in chain:
            line_grams = _bigrams(text)
            best, best_score = None, 0.0
            for p, body_grams in enumerate(grams):
                if not line_grams:
                    break
                score = len(line_grams & body_grams) / len(line_grams)
                # Between equal matches, prefer the body right next to the headline.
                score += 0.01 * (p in (hint - 1, hint))
                if score > best_score:
                    best, best_score = p, score
            assigned.append((best if best_score >= MIN_HEADLINE_SCORE else None, best_score, text))
        _attach_neighbours(assigned)
        group: list[str] = []
        group_piece, group_score = None, 0.0
        for target, score, text in assigned + [(None, 0.0, "")]:
            if target is not None and target == group_piece:
                group.append(text)
                group_score = max(group_score, score)
                continue
            if group_piece is not None:
                proposals.append((group_score, c, group_piece, group))
            if target is None and text:
                unmatched.append(text)
            group, group_piece, group_score = ([text], target, score) if target is not None else ([], None, 0.0)
    for score, _, p, group in sorted(proposals, key=lambda x: (-x[0], x[1])):
        if not pieces[p].headline:
            pieces[p].headline, pieces[p].headline_score = group, score
        else:
            unmatched.extend(group)
    return unmatched


def _attach_neighbours(assigned: list[tuple[int | None, float, str]]) -> None:
    """Subtitles (——…, X出席并讲话) and kickers (a place line) follow the headline next to them."""
    for k in range(len(assigned) - 1):
        target, score, text = assigned[k]
        follower = assigned[k + 1]
        if _is_place_line(text) and not _is_place_line(follower[2]):
            # A kicker sits above its headline: the pair goes wherever the better-matched one goes.
            best = max((target, score), (follower[0], follower[1]), key=lambda pair: pair[1])[0]
            assigned[k], assigned[k + 1] = (best, score, text), (best, follower[1], follower[2])
    for k, (target, score, text) in enumerate(assigned):
        if target is not None:
            continue
        before = assigned[k - 1] if k else None
        after = assigned[k + 1] if k + 1 < len(assigned) else None
        if before and before[0] is not None and (text.startswith("——") or SUBTITLE_RE.search(text) or _is_place_line(before[2])):
            assigned[k] = (before[0], score, text)
        elif after and after[0] is not None and _is_place_line(text):
            assigned[k] = (after[0], score, text)


def _compose_title(lines: list[str], body: str) -> tuple[str, str | None]:
    """Split a matched headline group into (title, subtitle): join broken lines, drop kickers."""
    parts: list[str] = []
    for text in lines:
        if parts and not text.startswith("——") and (parts[-1].endswith(("、", "，")) or (parts[-1][-1:] + text[:1]) in _bigrams(body) and not _is_place_line(parts[-1])):
            parts[-1] += text
        else:
            parts.append(text)
    if len(parts) > 1 and (_is_place_line(parts[0]) or (" " in parts[0] and not parts[1].startswith("——"))):
        parts = parts[1:]
    title = parts[0]
    subtitle = " ".join(p.lstrip("—") for p in parts[1:]) or None
    for kicker_end in range(2, min(len(title), 14)):
        head = title[:kicker_end]
        if title[kicker_end : kicker_end + 1] == " " and _is_place_line(head):
            title = title[kicker_end + 1 :]
            break
    return title.strip(), subtitle


def generated_title(text: str, limit: int = 24) -> str:
    """A title made from the lead: its first clause, cut at a word-ish boundary."""
    first = re.split(r"[。！？]", text, maxsplit=1)[0]
    clauses = [c for c in re.split(r"[，；：]", first) if len(han_only(c)) >= 8]
    title = (clauses[0] if clauses else first).strip("“”")
    return title if len(title) <= limit else title[: limit - 1] + "…"


def segment(issue: Issue) -> list[Article]:
    """Cut `issue.raw` (cleaned line by line here) into articles; fill `issue.articles` and return them."""
    cleaned = clean_lines(issue.raw)
    issue.text = "\n".join(line.text for line in cleaned)
    lines = _merge_vertical(cleaned)
    tags = _classify(lines)
    pieces, chains = _pieces(lines, tags)
    seen: set[str] = set()
    bodies: list[str] = []
    kept: list[_Piece] = []
    paragraphs_of: list[list[str]] = []
    for piece in pieces:
        paragraphs = _paragraphs(piece.lines)
        paragraphs[0], lead_byline = _split_lead(paragraphs[0])
        piece.byline = piece.byline or lead_byline
        paragraphs = dedupe_paragraphs([p for p in paragraphs if p], seen, issue.removed)
        if not han_only("".join(paragraphs)):
            continue
        kept.append(piece)
        paragraphs_of.append(paragraphs)
        bodies.append("".join(paragraphs))
    _match_headlines(kept, bodies, chains)
    _assign_float_bylines(kept)
    articles = []
    for position, (piece, paragraphs) in enumerate(zip(kept, paragraphs_of)):
        text = "\n".join(paragraphs)
        if piece.headline:
            title, subtitle = _compose_title(piece.headline, text)
            generated = False
        else:
            title, subtitle, generated = generated_title(text), None, True
        articles.append(
            Article(
                source=issue.source,
                text=text,
                title=title,
                title_generated=generated,
                subtitle=subtitle,
                kind=_kind(piece, text),
                byline=piece.byline,
                position=position,
                offset=piece.lines[0].number,
                continued=sorted(set(piece.markers), key=piece.markers.index),
                sources=[issue.source],
            )
        )
    issue.articles = articles
    return articles


def _paragraphs(lines: list[CleanLine]) -> list[str]:
    """Join body lines into paragraphs; a standalone line (a section head) is a paragraph of its own."""
    paragraphs: list[str] = []
    run: list[str] = []
    for line in lines:
        if line.standalone:
            paragraphs.extend(join_lines(run))
            paragraphs.append(line.text)
            run = []
        elif line.text:
            run.append(line.text)
    return paragraphs + join_lines(run)


def _assign_float_bylines(pieces: list[_Piece]) -> None:
    """A floating `□ 本报记者 X` line belongs to the next reportage piece that has no byline of its own."""
    waiting: list[str] = []
    for piece in pieces:
        if piece.float_byline:
            if piece.lead or piece.kind == "photo":
                waiting.append(piece.float_byline)
            elif not piece.byline:
                piece.byline = piece.float_byline
        if waiting and not piece.lead and piece.kind is None and not piece.byline:
            piece.byline = waiting.pop(0)


def _kind(piece: _Piece, text: str) -> str:
    if piece.kind:
        return piece.kind
    if piece.lead:
        return "news"
    if "上接" in "".join(piece.markers):
        return "fragment"
    if piece.byline or len(text) < 2500:
        return "feature"
    return "commentary"
