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
import statistics

from .clean import HAN, CleanLine, clean_lines, dedupe_paragraphs, ends_sentence, han_only, printed_width
from .headlines import compose_title, generated_title, is_place_line, match_headlines
from .model import Article, Issue, Unassigned
from .pieces import Chain, Piece, paragraphs
from .repair import merge_section_heads, relocate_repeated_tails, split_topics, stitch_dangling

# A news organ's name: 本报, 科学导报, 黄河新闻网, 新华社, 廉政中国, 山西日报, 市场信息报.
_ORGAN = f"(?:本报|[{HAN}]{{1,8}}?(?:报|网|社|台|新闻|中国|客户端))"
_DAY = r"\d{1,2}月\d{1,2}日"
# A dateline opens a report: who reports, from where and when, then the reporters in brackets.
# 本报讯, 黄河新闻网吕梁讯（X Y）, 南都讯 记者X, 本报太原3月24日讯, 新华社太原3月24日电,
# 本报临汾消息; and a paper's reporter opening the lead (`山西日报记者 X …`), whose name the
# inline byline reads.
LEAD_RE = re.compile(
    rf"^(本报讯|科学导报讯|本报[{HAN}]{{1,6}}?(?:{_DAY})?(?:讯|电|消息)|{_ORGAN}[{HAN}]{{0,6}}?{_DAY}(?:讯|电)"
    rf"|[{HAN}]{{1,9}}[^\W\d_喜资通简快短音]讯(?=\s|[（(]|记者|通讯员|$)|{_ORGAN}(?=(?:实习)?记者\s*[{HAN}]{{2,3}}\s))"
    r"\s*(?:[（(]([^）)]{0,40})[）)])?\s*"
)
_NAME = f"[{HAN}]{{2,4}}"
_NAMES = f"{_NAME}(?:\\s+{_NAME})*"
FLOAT_BYLINE_RE = re.compile(rf"^(?:□\s*(?:本报)?(?:实习)?(?:记者|通讯员)?|{_ORGAN}(?:实习)?记者)\s*({_NAMES})$")
# Reporters named after the dateline (`南都讯 记者刘凡 周昌和 继推出…`): names of two or three
# characters, each followed by a space, or the last one by a non-Han character.
INLINE_BYLINE_RE = re.compile(rf"(?:实习)?(?:记者|通讯员)\s*((?:[{HAN}]{{2,3}}\s+)*[{HAN}]{{2,3}})(?=\s|\d|[^{HAN}])\s*")
CREDIT_RE = re.compile(rf"(?:^|(?<=[。！？”]))((?:实习)?记者\s*)?({_NAMES})\s*摄$")
SIGNOFF_RE = re.compile(rf"^(?:[（(]\s*({_NAMES})\s*[）)]|({_NAME})|(?:本报|科学导报)?记者\s*({_NAME})撰?)$")
SIGNATURE_RE = re.compile(rf"^(?:中共)?[{HAN}]{{2,20}}(?:委员会|人民政府|办公室|监委|纪委|指挥部)$|^\d{{4}}年\d{{1,2}}月\d{{1,2}}日$")
COMMENTARY_CHARS = 1500
BODY_TAGS = ("body", "lead", "continued")  # lines that are article text
PINYIN_RE = re.compile(r"^[a-z]{6,}$")
HEADING_RE = re.compile(r"^#{1,6}\s*(.+)$")
INNER_PUNCT = "，。；：！？"


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
        prev_boundary = i == 0 or tags[-1] not in BODY_TAGS or ends_sentence(lines[i - 1].text) or _continues_elsewhere(lines[i - 1])
        if not text:
            tags.append("marker")
        elif HEADING_RE.match(text):
            tags.append("heading")
        elif PINYIN_RE.match(text):
            tags.append("pinyin")
        elif LEAD_RE.match(text):
            tags.append("lead")
        elif any(marker.startswith("上接") for marker in line.markers):
            tags.append("continued")  # `（上接1版）` opens the rest of an article from another page
        elif _continues_elsewhere(line):
            tags.append("body")  # `（下转4版）` closes an article's text on this page
        elif text.endswith("撰") and SIGNOFF_RE.match(text):
            tags.append("signoff")
        elif FLOAT_BYLINE_RE.match(text):
            tags.append("byline")
        elif CREDIT_RE.search(text):
            tags.append("credit" if CREDIT_RE.match(text) else "caption_end")
        elif prev_boundary and tags and tags[-1] in BODY_TAGS and SIGNATURE_RE.match(text):
            tags.append("signature")
        elif tags and tags[-1] == "signature" and SIGNATURE_RE.match(text):
            tags.append("signature")
        elif prev_boundary and tags and tags[-1] in BODY_TAGS and SIGNOFF_RE.match(text) and not is_place_line(text):
            tags.append("signoff")
        elif markdown or text.startswith("图为"):
            tags.append("body")
        elif text.startswith("——") and len(text) <= 50 and (prev_boundary or len(lines[i - 1].text) <= 30):
            tags.append("candidate")
            _headline_above_subtitle(lines, tags, i)
        elif prev_boundary and len(han_only(text)) <= 50 and not any(p in text[:-1] for p in INNER_PUNCT) and text[-1] not in "。！？，；：":
            tags.append("candidate")
        else:
            tags.append("body")
    _demote_body_candidates(lines, tags)
    return tags


def _continues_elsewhere(line: CleanLine) -> bool:
    return any(marker.startswith("下转") for marker in line.markers)


def _headline_above_subtitle(lines: list[CleanLine], tags: list[str], i: int) -> None:
    """The one or two lines above a `——` subtitle are its headline, even with a comma in them,
    when they start after a finished sentence and do not end in mid-clause."""
    above = lines[i - 1].text if i else ""
    if not i or tags[i - 1] != "body" or ends_sentence(above) or above[-1:] in "，、；：" or len(above) > 30:
        return
    for start in (i - 1, i - 2):
        if start < 0 or tags[start] != "body" or ends_sentence(lines[start].text) or len(lines[start].text) > 30:
            return
        if start == 0 or tags[start - 1] not in BODY_TAGS or ends_sentence(lines[start - 1].text):
            for k in range(start, i):
                tags[k] = "candidate"
            return


def _column_width(lines: list[CleanLine], tags: list[str], start: int, end: int) -> float:
    """The width of the text column the lines [start, end) would belong to: the median width
    of the body lines around them, within their own article (a lead starts an article)."""
    widths: list[int] = []

    def take(j: int) -> None:
        if not lines[j].justified and not ends_sentence(lines[j].text):
            widths.append(round(lines[j].width))

    for j in range(end, min(len(lines), end + 20)):
        if tags[j] == "candidate":  # maybe a later paragraph start: look past it, without its width
            continue
        if tags[j] != "body":
            break
        take(j)
    # The lines before belong to the same article only if the candidate is a paragraph start,
    # so they count only when the lines after are too few to tell.
    for j in range(start - 1, max(-1, start - 21), -1):
        if len(widths) >= 2 or tags[j] not in BODY_TAGS:
            break
        take(j)
        if tags[j] == "lead":
            break
    return statistics.median(widths) if widths else 0


def _fits(line: CleanLine, col: float) -> bool:
    """As wide as the column, or two characters less (a paragraph's first line lost its indent)."""
    return bool(col) and (line.justified or col - 3.5 <= line.width <= col + 1.5)


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
        col = _column_width(lines, tags, i, j)
        fits = all(_fits(lines[k], col) for k in range(i, j))
        # A headline never stands right before a `(下转4版)` marker: that ends an article's text.
        before_marker = j < len(tags) and tags[j] == "marker" and _continues_elsewhere(lines[j])
        runs_on = j < len(tags) and tags[j] == "body"
        if before_marker or (fits and runs_on):
            for k in range(i, j):
                tags[k] = "body"
        elif runs_on and j - i >= 2 and _fits(lines[j - 1], col) and not lines[j - 1].text.startswith("——"):
            tags[j - 1] = "body"  # headlines, then the first line of the body under them
        i = j


def _lead_byline(group: str | None) -> str | None:
    if not group:
        return None
    names = re.sub(r"(实习)?记者|通讯员|本报", " ", group).split()
    return " ".join(names) or None


def _split_lead(text: str) -> tuple[str, str | None, str | None]:
    """Remove the `本报讯（记者 X）` lead from the first line; return (rest, byline, dateline)."""
    match = LEAD_RE.match(text)
    if not match:
        return text, None, None
    end = match.end()
    byline = _lead_byline(match.group(2))
    if byline is None:
        inline = INLINE_BYLINE_RE.match(text, end)
        if inline:
            byline, end = " ".join(inline.group(1).split()), inline.end()
    return text[end:], byline, text[:end].strip() or None


def _pieces(lines: list[CleanLine], tags: list[str], unassigned: list[Unassigned]) -> tuple[list[Piece], list[Chain]]:
    """Group body lines into pieces; collect the headline candidate lines between them as chains.
    Lines that belong to no piece go to `unassigned`."""
    pieces: list[Piece] = []
    signed = False  # the current piece ended with a signature block
    chains: list[Chain] = []
    current: Piece | None = None
    pending_float: str | None = None
    pending_markers: list[str] = []
    chain: Chain | None = None
    just_ended: Chain | None = None  # the chain right before this line, if any

    def close() -> None:
        nonlocal current
        if current and current.lines:
            pieces.append(current)
        current = None

    def take_markers(line: CleanLine) -> None:
        """A line's markers, on a line of no article: 上接 opens the next piece, 下转 closes the last."""
        target = current or (pieces[-1] if pieces else None)
        for marker in line.markers:
            if marker.startswith("上接"):
                pending_markers.append(marker)
            elif target:
                target.markers.append(marker)
            else:
                unassigned.append(Unassigned(marker, "continuation marker before any article", line.number))

    for line, tag in zip(lines, tags):
        text = line.text
        if tag in ("candidate", "heading"):
            take_markers(line)
            heading = HEADING_RE.match(text)
            if chain is None:
                chain = Chain(before=current if current and current.lines else (pieces[-1] if pieces else None))
                chains.append(chain)
            chain.lines.append(heading.group(1).strip() if heading else text)
            chain.markdown = chain.markdown or bool(heading)
            close()
            continue
        if tag == "pinyin":
            if chain and chain.lines:
                # The heading above a pinyin line is a column label, not a headline.
                unassigned.append(Unassigned(chain.lines.pop(), "column label", line.number - 1))
            unassigned.append(Unassigned(text, "column label (pinyin)", line.number))
            continue
        just_ended, chain = chain, None
        if tag == "marker":
            take_markers(line)
            continue
        if tag == "byline":
            match = FLOAT_BYLINE_RE.match(text)
            if pending_float:
                unassigned.append(Unassigned(pending_float, "floating byline with no article for it", line.number))
            pending_float = match.group(1) if match else None
            close()
            continue
        if signed and tag != "signature":
            close()  # a notice ends with its signature block
            signed = False
        if tag == "signature":
            if current is None:
                unassigned.append(Unassigned(text, "signature with no notice above it", line.number))
                continue
            current.kind = "notice"
            current.signature.append(text)
            signed = True
            continue
        if tag == "signoff":
            if current:
                current.add_byline(next(g for g in SIGNOFF_RE.match(text).groups() if g))
            else:
                unassigned.append(Unassigned(text, "sign-off with no article above it", line.number))
            close()
            continue
        if tag in ("lead", "continued"):
            close()
        if current is None:
            current = Piece(float_byline=pending_float)
            if just_ended and just_ended.lines:
                current.chain_before, just_ended.after = just_ended, current
            pending_float = None
            current.markers.extend(pending_markers)
            if pending_markers or tag == "continued":
                current.kind = "fragment"
            pending_markers = []
        if tag == "lead":
            current.lead = True
        current.lines.append(line)
        current.markers.extend(line.markers)
        if _continues_elsewhere(line):
            close()  # the article goes on on another page; what follows is something else
            continue
        if tag in ("credit", "caption_end"):
            _split_caption(current, pieces, unassigned)
            current = None
    close()
    if pending_float:
        unassigned.append(Unassigned(pending_float, "floating byline with no article for it", lines[-1].number))
    unassigned.extend(Unassigned(marker, "continuation marker after the last article", lines[-1].number) for marker in pending_markers)
    return pieces, [c for c in chains if c.lines]


def _split_caption(piece: Piece, pieces: list[Piece], unassigned: list[Unassigned]) -> None:
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
        pieces.append(Piece(lines=piece.lines[:caption_start], lead=piece.lead, byline=piece.byline, markers=piece.markers, float_byline=piece.float_byline))
        piece = Piece(lines=piece.lines[caption_start:])
    if piece.lines:
        piece.kind, piece.byline, piece.lead = "photo", credit or None, False
        pieces.append(piece)
    elif credit:
        unassigned.append(Unassigned(credit, "photo credit with no caption", last.number))


def segment(issue: Issue) -> list[Article]:
    """Cut `issue.raw` (cleaned line by line here) into articles; fill `issue.articles` and return them."""
    cleaned = clean_lines(issue.raw)
    issue.removed.extend(text for line in cleaned for text in line.removed)
    issue.text = "\n".join(line.text for line in cleaned)
    lines = _merge_vertical(cleaned)
    tags = _classify(lines)
    issue.unassigned = []
    pieces, chains = _pieces(lines, tags, issue.unassigned)
    pieces = split_topics(pieces)
    pieces = merge_section_heads(pieces, chains)
    pieces = relocate_repeated_tails(pieces, issue.removed)
    pieces = stitch_dangling(pieces, chains)
    seen: set[str] = set()
    bodies: list[str] = []
    kept: list[Piece] = []
    paragraphs_of: list[list[str]] = []
    for piece in pieces:
        texts = paragraphs(piece.lines)
        if not texts:
            continue
        texts[0], lead_byline, piece.dateline = _split_lead(texts[0])
        piece.byline = piece.byline or lead_byline
        texts = dedupe_paragraphs([p for p in texts if p], seen, issue.removed)
        if not han_only("".join(texts)):
            left = " ".join(x for x in (piece.dateline, piece.byline, piece.float_byline, *piece.signature, *piece.markers) if x)
            if han_only(left):
                issue.unassigned.append(Unassigned(left, "dateline or byline with no text after it", piece.lines[0].number))
            continue
        kept.append(piece)
        issue.removed.extend(piece.dropped)
        issue.removed.extend(m for k, m in enumerate(piece.markers) if m in piece.markers[:k])  # a marker printed twice
        paragraphs_of.append(texts)
        bodies.append("".join(texts))
    unmatched = match_headlines(kept, bodies, chains)
    issue.unassigned.extend(Unassigned(text, "headline matched no article") for text in unmatched)
    _assign_float_bylines(kept, issue.unassigned)
    articles = []
    for position, (piece, texts) in enumerate(zip(kept, paragraphs_of)):
        text = "\n".join(texts)
        if piece.headline:
            title, subtitle, kicker = compose_title(piece.headline, text, piece.headline_lines_whole)
            generated = False
        else:
            title, subtitle, kicker, generated = generated_title(text), None, None, True
        articles.append(
            Article(
                source=issue.source,
                text=text,
                title=title,
                title_generated=generated,
                subtitle=subtitle,
                kicker=kicker,
                dateline=piece.dateline,
                signature=" ".join(piece.signature) or None,
                kind=_kind(piece, text),
                byline=piece.byline,
                position=position,
                continued=sorted(set(piece.markers), key=piece.markers.index),
                sources=[issue.source],
                page=issue.page_at(piece.lines[0].number),
                paper=issue.paper,
            )
        )
    issue.articles = articles
    return articles


def _assign_float_bylines(pieces: list[Piece], unassigned: list[Unassigned]) -> None:
    """A floating `□ 本报记者 X` line belongs to the next reportage piece that has no byline of its own."""
    waiting: list[str] = []
    for piece in pieces:
        if piece.float_byline:
            if piece.lead or piece.kind == "photo" or piece.byline:
                waiting.append(piece.float_byline)
            else:
                piece.byline = piece.float_byline
        if waiting and not piece.lead and piece.kind is None and not piece.byline:
            piece.byline = waiting.pop(0)
    unassigned.extend(Unassigned(name, "floating byline with no article for it") for name in waiting)


def _kind(piece: Piece, text: str) -> str:
    if piece.kind:
        return piece.kind
    if piece.lead:
        return "news"
    if "上接" in "".join(piece.markers):
        return "fragment"
    # Reportage carries a reporter's byline; a long unsigned essay is commentary (评论, 理论文章).
    if piece.byline or len(text) < COMMENTARY_CHARS:
        return "feature"
    return "commentary"
