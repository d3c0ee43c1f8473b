"""An article's kind (news, feature, commentary, photo, notice, fragment) from what its piece
holds: a dateline lead, a byline or sign-off, fake bold, its length, a notice's title."""

from __future__ import annotations

import re

from ..clean import CleanLine, han_only
from ..credits import SOURCE_LINE_RE, signed_off
from .pieces import Piece


COMMENTARY_CHARS = 1500
# A notice's headline: `X关于…的公告` (通告, 通知, 公示, 启事, 声明, 决定).
NOTICE_TITLE_RE = re.compile(r"关于.{2,60}的(?:公告|通告|通知|公示|启事|声明|决定)$")


def _signed_at_end(piece: Piece, text: str) -> bool:
    """The text ends with its reporters' names, in brackets (`…关怀。（杨双平 侯晓雪）`) or as
    printed after the last sentence (`…工作。燕慧 张靖`): a news report signed off, whatever
    byline the page also floated over it."""
    tail = _without_source(text.rstrip())
    if signed_off([tail]):
        return True
    names = han_only(piece.byline or "")
    return len(names) >= 2 and han_only(tail[-40:]).endswith(names)


def _without_source(text: str) -> str:
    """The text without where it came from, printed after its sign-off (`…（温耀辉）（综合新华社、央视新闻报道）`,
    on one line or broken over two): the sign-off is its last words all the same."""
    k = max(text.rfind("（"), text.rfind("("))
    if k > 0 and SOURCE_LINE_RE.match("".join(text[k:].split())):
        return text[:k].rstrip()
    return text


def printed_in_bold(lines: list[CleanLine], texts: list[str]) -> bool:
    """All of a piece is set in fake bold, as e-paper sets a photo's caption: every line was
    drawn twice glyph by glyph (undoubled), or the whole text twice block by block (raw text
    prints it twice in a row). A report sets only its lead so."""
    if lines and all(line.undoubled for line in lines):
        return True
    half = len(texts) // 2
    return bool(half) and len(texts) == 2 * half and [han_only(t) for t in texts[:half]] == [han_only(t) for t in texts[half:]]


def article_kind(piece: Piece, text: str, title: str | None = None) -> str:
    if piece.kind:
        return piece.kind
    if piece.bold and len(text) < COMMENTARY_CHARS:
        return "photo"
    if piece.lead:
        return "news"
    if "上接" in "".join(piece.markers):
        return "fragment"
    if title and NOTICE_TITLE_RE.search(title):
        return "notice"  # `吕梁市纪委监委关于开设…专线的公告`, its signature block not read as one
    # Reportage carries a reporter's byline; a long unsigned essay is commentary (评论, 理论文章);
    # a short unsigned piece without a dateline is a news item (a brief, a wire report).
    if (piece.byline and not piece.signed_off and not _signed_at_end(piece, text)) or (piece.after_topic_break and len(text) < COMMENTARY_CHARS):
        return "feature"
    return "commentary" if len(text) >= COMMENTARY_CHARS else "news"
