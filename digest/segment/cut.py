"""Group tagged lines into pieces (one article's body lines each), repair them, match their
headlines and make the issue's articles. Lines that belong to no article are kept in
`Issue.unassigned` with the reason, so nothing is lost silently."""

from __future__ import annotations

import re
from collections import Counter

from ..clean import LINE_START_BANNED, CleanLine, clean_lines, dedupe_paragraphs, ends_sentence, ends_sentence_or_bracket, han_only, join_pair, printed_width, share_of_fewer, shingles
from ..credits import ROLE_CREDIT_RE, SIGN_OFF_LINE_RE, SOURCE_LINE_RE, SUMMARY_LABEL_RE, clean_byline, photo_credit, signed_off
from ..model import Article, Issue, Unassigned
from .headlines import LEAD_CHARS, compose_title, generated_title, match_headlines
from .labeller import columned, laid_out, relabel
from .lines import (
    BODY_TAGS,
    FLOAT_BYLINE_RE,
    HEADING_RE,
    INLINE_BYLINE_RE,
    LEAD_RE,
    ORIGINAL_TITLE_RE,
    RULE_RE,
    SIGNOFF_RE,
    candidate_runs,
    classify,
    continues_elsewhere,
    place_original_titles,
    segment_lines,
)
from .pieces import Chain, Piece, han_window, last_paragraph_start, paragraphs
from .repair import (
    ENUMERATED_RE,
    merge_section_heads,
    relocate_repeated_tails,
    split_at_headlines,
    split_topics,
    split_unrelated,
    stitch_dangling,
)

COMMENTARY_CHARS = 1500
NEXT_PHOTO_RE = re.compile(r"^图\s*[②-⑩]|^图\s*[2-9]\s*[：:、）)]")  # the second and later photos of one caption
# A notice's headline: `X关于…的公告` (通告, 通知, 公示, 启事, 声明, 决定).
NOTICE_TITLE_RE = re.compile(r"关于.{2,60}的(?:公告|通告|通知|公示|启事|声明|决定)$")
# The labels of an editor's note or lead-in box, which papers set in bold like a caption.
EDITORS_NOTE_RE = re.compile(r"^\s*[【\[]?\s*(?:编者按|编者的话|编后语?|编辑手记|导读|按语)")
REPORTED_RE = re.compile(r"报道(?:\s+|$)")  # the word a reporters' dateline may end with: `本报记者 X 报道`


def _signed_end(lines: list[CleanLine]) -> bool:
    """The piece's last sentence is signed off (`…意义。（王涛）`; credits.signed_off)."""
    return signed_off([line.text for line in lines[-2:]])


def _ends_signed(piece: Piece) -> bool:
    """The piece was closed by its sign-off, on a line of its own or closing its last sentence,
    or by where it came from (`（来源：广州日报）`)."""
    last = piece.lines[-1].text if piece.lines else ""
    return bool(piece.lines) and (bool(SIGNOFF_RE.match(last) or SOURCE_LINE_RE.match(last) or SIGN_OFF_LINE_RE.match(last))
                                  or _signed_end(piece.lines))


SUMMARY_HAN = 300  # a summary or editor's note set over a report's dateline is at most this long
SUMMARY_SHARE = 0.12  # ...and shares this many of its bigrams with the report's first lines
HEADLINE_SHARE = 0.3  # ...or the story's headline shares this many bigrams with them or with it (of the fewer)
HEADLINE_GRAMS = 7  # a headline (eight characters or more), not a column label


def _opening_note(current: Piece | None, headed: bool = False) -> str | None:
    """The text of `current` when it opens a story the page parted off (or, `headed`, follows a
    headline), with no dateline yet, short enough to be a summary or an editor's note set over
    the report; else None."""
    if current is None or not current.lines or current.lead or current.kind:
        return None
    # Text no rule parts (raw text) opens a story under its headline, or with a reprint's `原标题：…`.
    headed = headed and (current.chain_before is not None or bool(ORIGINAL_TITLE_RE.match(current.lines[0].text)))
    if not (current.story_start or headed):
        return None
    text = "".join(line.text for line in current.lines)
    return text if len(han_only(text)) <= SUMMARY_HAN else None


def _labelled_note(current: Piece, text: str) -> bool:
    """`text` (current's) is labelled a summary or a note (`编者按：…`, `【核心提示】`) and whole sentences."""
    return bool(SUMMARY_LABEL_RE.match(current.lines[0].text) or SUMMARY_LABEL_RE.match(text)) and ends_sentence(text)


def _labelled_note_over_byline(current: Piece | None, byline: str | None) -> bool:
    """A labelled summary or editor's note opening its story, right over a byline of names
    (`■本报记者 X`): the front of the report under the byline, as it is over a dateline."""
    return byline is not None and (text := _opening_note(current)) is not None and _labelled_note(current, text)


def _summary_before_lead(current: Piece | None, lines: list[CleanLine], k: int, headed: bool = False) -> bool:
    """The text opening a story the page parted off, before the dateline on line `k`, is the
    report's summary or editor's note (`核心提示：…` / `本报讯（记者 X）…`), or a reprint's original
    headline (`原标题：…`): short, whole sentences (or that headline), no dateline of its own, and
    about what the report says (stacked briefs are about different things)."""
    if (text := _opening_note(current, headed)) is None:
        return False
    # Opening the story (under a byline set over its first column, `文/图 X`), it is this
    # report's (after its sign-off it would close the one above).
    opening = [line.text for line in current.lines]
    while len(opening) > 1 and ROLE_CREDIT_RE.match(opening[0]):
        opening.pop(0)
    if ORIGINAL_TITLE_RE.match("".join(opening)):
        return True
    if _labelled_note(current, text):
        return True  # labelled a summary or a note (`【核心提示】`): it says so, whatever its words
    if not ends_sentence(text):
        return False
    own = shingles(text, 2)
    end = next((j for j in range(k + 1, min(len(lines), k + 40)) if RULE_RE.match(lines[j].text) or HEADING_RE.match(lines[j].text)), k + 40)
    # The report's first words, in its story, its dateline left out (who reports says nothing of what).
    after = shingles((han_only(LEAD_RE.sub("", lines[k].text, count=1)) + han_window(lines[k + 1 : end], 150))[:150], 2)
    if share_of_fewer(own, after) >= SUMMARY_SHARE:
        return True
    # ...or the story's headline, over the summary, names what the report under it says (a
    # label over stacked briefs, `简讯`, is short and names nothing of them; a report cut short
    # by `（下转8版）` has only a line or two under its dateline to compare).
    # The same headline naming what the summary itself says (a summary of what the report ends
    # with shares little with its first lines) makes it the story's too.
    head = shingles("".join(current.chain_before.lines), 2) if current.chain_before else frozenset()
    return len(head) >= HEADLINE_GRAMS and any(share_of_fewer(head, words) >= HEADLINE_SHARE
                                               for words in (after, own))


# Lines up at most that the start of a paragraph a dateline is printed inside is looked for: a
# "paragraph" longer than that ends no sentence in 40 column lines and opens no report (read from
# the whole piece, the lookup made a file of 10,000 such lines and datelines take 30 s).
RUN_INTO_REACH = 40


def _paragraph_run_into(current: Piece | None, lines: list[CleanLine], k: int) -> int | None:
    """Where in `current` the paragraph starts that the dateline on line `k` is printed inside
    (the line above it ends no sentence), or None (none, or further up than RUN_INTO_REACH lines)."""
    if current is None or not current.lines or current.lines[-1] is not lines[k - 1] or ends_sentence(lines[k - 1].text):
        return None
    return last_paragraph_start(current.lines, RUN_INTO_REACH)


def _inside_sentence(current: Piece | None, lines: list[CleanLine], tags: list[str], k: int) -> bool:
    """Line k (a floating byline, `■本报记者 X Y`) is printed inside a sentence of the piece
    being read: the line above is that piece's and ends no sentence nor bracket, and the line
    under it is body text going on (`…并报告控制` / `■本报记者 X` / `中心。`). A byline floated
    away from its story lands wherever its box is, also between two lines of another story."""
    above = lines[k - 1].text if k else ""
    return (current is not None and bool(current.lines) and current.lines[-1] is lines[k - 1]
            and not ends_sentence_or_bracket(above)
            and k + 1 < len(lines) and tags[k + 1] == "body")


_PAIRS = ("“”", "《》", "（）", "【】", "()")


def _unclosed(text: str) -> str:
    """The closing marks `text` leaves owing (a quote, a title or a bracket opened and not closed)."""
    return "".join(close for open_, close in _PAIRS if text.count(open_) > text.count(close))


ENUMERATED_RUN = 2  # an enumerated line's item runs on over at most this many candidate lines under it


def _run_on_candidates(lines: list[CleanLine], tags: list[str]) -> list[str]:
    """A headline candidate that opens a quote or bracket the body line under it closes
    (`一边是国标“2．` over `5mg”、“1mg”，…`) is text whose sentence runs on, not a headline line;
    so is an enumerated line over body text set in columns (`一、` over `本次机动车尾气排放检测`,
    `三、对工作中发现的问` over `题，有关部门…`, `（二）…`): an item of the list or a section of the
    text it is printed in, never another article's headline (of 85 such lines on 27 development
    sets, one was over a key article's start: docs/segmentation.md, a seventeenth pass). Text set
    a paragraph a line prints its section heads whole (`（一）为政之道 常思常想——`): they stay.
    The candidate lines an enumerated line's item runs on over (`ENUMERATED_RUN` at most, then
    body text: `一、本次机动车` / `尾气排放检测工作自` / `即日起开始，…`) are that item's text too
    (docs/segmentation.md, a nineteenth pass). A candidate over a line that opens with a comma
    or a closing mark runs on into it too.
    (Text only: a page the PDF reader parted keeps its display type's tags.)"""
    out = list(tags)
    if "rule" in tags:
        return out
    in_columns = columned(lines, tags)
    for i in range(len(lines) - 1):
        if tags[i] == "candidate" and tags[i + 1] == "body" and (owed := _unclosed(lines[i].text)):
            below = lines[i + 1].text
            if any(close in below and _unclosed(below[: below.index(close)]) == "" for close in owed):
                out[i] = "body"
        if in_columns and tags[i] == "candidate" and ENUMERATED_RE.match(lines[i].text):
            j = i + 1
            while j < len(lines) and out[j] == "candidate" and j - i <= ENUMERATED_RUN:
                j += 1
            if j < len(lines) and out[j] == "body":
                out[i:j] = ["body"] * (j - i)
        # No line of type opens with a comma or a closing mark (LINE_START_BANNED): a candidate
        # over one (`在《纽约时报》` over `，一支技术团队…`, Typst's and Chromium's break after a
        # closing mark) runs on into it. (Not a vertical headline's last mark alone, `损` over `！`.)
        if (out[i] == "candidate" and out[i + 1] == "body" and lines[i + 1].text[:1] in LINE_START_BANNED
                and han_only(lines[i + 1].text) and len(han_only(lines[i].text)) >= 2):
            out[i] = "body"
    return out


# A bracketed note of where the text came from, opening its line: `（原题为《…》）`, `（原标题：…）`.
ORIGINAL_NOTE_RE = re.compile(r"^[（(]\s*(?:原题为?|原标题)")


def _credits_under_text(lines: list[CleanLine], tags: list[str]) -> list[str]:
    """Candidate lines right under text the labeller read as body, ending a sentence, which say
    who made that text or where it came from, close it; they head no article: a role credit (`文/本报记者 徐瑞刚`,
    `图/徐翔 牛红岩`), a sign-off in brackets (`（杨双平 侯晓雪）`), a reprint's original title in
    brackets (`（原题为《雄安新区第二批征` / `迁安置工作启动涉及三县56个` / `村》）`, to the line
    closing its bracket). They are body text of the article above, to the photo's credit
    (`（徐翔 摄）`): a credit under that is the next article's byline. (Text only: a page the PDF
    reader parted keeps its display type's tags.)"""
    out = list(tags)
    if "rule" in tags:
        return out
    i = 1
    while i < len(lines):
        if not (out[i] == "candidate" and tags[i - 1] == "body" and ends_sentence_or_bracket(lines[i - 1].text)):
            i += 1
            continue
        j = i
        if ORIGINAL_NOTE_RE.match(lines[i].text.strip()):
            while _unclosed("".join(line.text for line in lines[i : j + 1])) and j + 1 < len(lines) and out[j + 1] == "candidate" and j - i < 3:
                j += 1
            j = j + 1 if not _unclosed("".join(line.text for line in lines[i : j + 1])) else i
        else:
            while j < len(lines) and out[j] == "candidate" and (ROLE_CREDIT_RE.match(lines[j].text.strip()) or SIGN_OFF_LINE_RE.match(lines[j].text.strip())):
                j += 1
                if photo_credit(lines[j - 1].text):
                    break  # the photo's credit closes them: a credit under it is the next article's byline
        out[i:j] = ["body"] * (j - i)
        i = max(j, i + 1)
    return out


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
            reported = REPORTED_RE.match(text, end)  # `本报记者 X 报道`: the dateline's last word, not the text's first
            end = reported.end() if reported else end
    return text[end:], byline, text[:end].strip() or None


def _pieces(lines: list[CleanLine], tags: list[str], unassigned: list[Unassigned], ruled: bool,
            in_columns: frozenset[int] = frozenset()) -> tuple[list[Piece], list[Chain]]:
    """Group body lines into pieces; collect the headline candidate lines between them as chains.
    Lines that belong to no piece go to `unassigned`. `in_columns`: the ids of the lines read
    from `pdftotext -layout`'s columns."""
    pieces: list[Piece] = []
    signed = False  # the current piece ended with a signature block
    chains: list[Chain] = []
    current: Piece | None = None
    pending_float: str | None = None
    pending_float_line = ""  # ...as printed, label and all (`山西日报记者 X`), kept whole if no article takes it
    pending_markers: list[str] = []
    chain: Chain | None = None
    just_ended: Chain | None = None  # the chain right before this line, if any
    resumed = False  # `chain` is a headline taken up again under its byline: a heading as large starts another
    story_top = False  # right after a drawn rule: nothing of the new story read yet
    under_picture = False  # right under a picture: the next piece is its caption

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

    for k, (line, tag) in enumerate(zip(lines, tags)):
        text = line.text
        signed_again = current is None and pieces and SIGN_OFF_LINE_RE.match(text) and _ends_signed(pieces[-1])
        if ((SOURCE_LINE_RE.match(text) or signed_again) and tag not in ("rule", "picture") and not story_top
                and not (chain and chain.lines)):
            # Where the report came from (`（据《山西日报》）`), after its text or its sign-off, or a
            # second sign-off (`…意义。（温耀辉）` + `（宋春）`, `（编辑 X）`): its last line, kept as
            # printed; never a headline, a byline or an article.
            if current is None and pieces and _ends_signed(pieces[-1]):
                current = pieces.pop()
            if current is not None and current.lines:
                take_markers(line)
                current.lines.append(line)
                close()
                continue
        if tag in ("candidate", "heading"):
            take_markers(line)
            heading = HEADING_RE.match(text)
            level = len(heading.group(1)) if heading else 1
            # Under a byline, a heading as large as the headline taken up again is another
            # story's headline; a plain candidate line (raw text) still joins it (its subtitle).
            if chain is None or (resumed and heading and level <= chain.levels[0]):
                resumed = False
                chain = Chain(before=current if current and current.lines else (pieces[-1] if pieces else None),
                              opens_story=story_top)
                chains.append(chain)
            chain.lines.append(heading.group(2).strip() if heading else text)
            chain.levels.append(level)
            chain.markdown = chain.markdown or bool(heading)
            close()
            continue
        if tag == "pinyin":
            take_markers(line)  # `shijueshengtai（上接1版）`: the marker is kept all the same
            if chain and chain.lines:
                # The heading above a pinyin line is a column label, not a headline.
                unassigned.append(Unassigned(chain.lines.pop(), "column label", line.number - 1))
            unassigned.append(Unassigned(text, "column label (pinyin)", line.number))
            continue
        if tag == "picture":
            # Text that starts right under a picture is its caption; a picture inside a
            # report's text changes nothing. The headline above it still heads what follows.
            under_picture = current is None or not current.lines
            continue
        just_ended, chain, resumed = chain, None, False
        if tag == "rule":
            close()  # a drawn rule between stories: nothing runs across it
            story_top, under_picture = True, False
            continue
        opens_story = story_top or bool(just_ended and just_ended.opens_story)
        story_top = False
        if tag == "marker":
            take_markers(line)
            if continues_elsewhere(line):
                close()  # `（下转2版）` on a line of its own ends the article's text on this page too
            continue
        if tag == "byline":
            take_markers(line)
            match = FLOAT_BYLINE_RE.match(text)
            if ruled and _labelled_note_over_byline(current, match.group(1) if match else None):
                current.summary_lines = len(current.lines)  # the report goes on under its byline
                current.float_byline = match.group(1)
                continue
            if pending_float:
                unassigned.append(Unassigned(pending_float_line, "floating byline with no article for it", line.number))
            pending_float = match.group(1) if match else None
            pending_float_line = text
            if not ruled and _inside_sentence(current, lines, tags, k):
                continue  # printed inside another story's sentence: that story's text runs on across it
            close()
            if just_ended and just_ended.lines:
                chain, resumed = just_ended, True  # a byline under a headline: the text under it is still the headline's
            continue
        if signed and tag != "signature":
            close()  # a notice ends with its signature block
            signed = False
        if tag == "signature":
            if current is None:
                unassigned.append(Unassigned(" ".join([text, *line.markers]), "signature with no notice above it", line.number))
                continue
            current.kind = "notice"
            current.signature.append(text)
            current.markers.extend(line.markers)  # a marker printed inside the signature's date
            signed = True
            continue
        if tag == "signoff":
            if current:
                current.signed_off = not current.byline
                current.add_byline(next(g for g in SIGNOFF_RE.match(text).groups() if g))
                current.lines.append(line)  # kept as printed: the article's text ends with it
                current.markers.extend(line.markers)
            else:
                unassigned.append(Unassigned(" ".join([text, *line.markers]), "sign-off with no article above it", line.number))
            close()
            continue
        if tag == "lead" and _summary_before_lead(current, lines, k, headed=not ruled):
            current.summary_lines = len(current.lines)  # the report goes on after its summary
        elif tag == "lead" and not ruled and (start := _paragraph_run_into(current, lines, k)) is not None:
            if start:
                rest = current.lines[start:]
                del current.lines[start:]
                close()
                current = Piece(lines=rest)
        elif tag in ("lead", "continued", "start"):
            close()
        if (current is None and pieces and ORIGINAL_TITLE_RE.match(text) and not opens_story and tag != "start"
                and not (just_ended and just_ended.lines) and _ends_signed(pieces[-1])):
            # `新闻原标题：…` after a reprint's sign-off (`（记者韩旭）`) is still its text: it goes on.
            # Only after a sign-off: a piece closed by `（下转2版）` or a byline is not reopened.
            current = pieces.pop()
        if current is None:
            current = Piece(float_byline=pending_float, story_start=opens_story, kind="photo" if under_picture else None)
            under_picture = False
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
        # `…画卷。（郭炳中摄）` is a photo credit (undoubling took its space out), not a sign-off.
        if continues_elsewhere(line) or (tag not in ("credit", "caption_end") and _signed_end(current.lines)):
            close()  # the article goes on on another page, or is signed off: what follows is something else
            continue
        if tag in ("credit", "caption_end"):
            following = lines[k + 1].text if k + 1 < len(lines) else ""
            if NEXT_PHOTO_RE.match(following) or (ruled and k + 1 < len(lines) and tags[k + 1] in (*BODY_TAGS, "credit", "caption_end")):
                # 图① … 摄, then 图② …: one caption of several photos goes on; inside a story
                # the page parted off, text after a credit is the same caption group's.
                continue
            if (tag == "credit" and id(line) in in_columns and len(current.lines) > 1
                    and not ends_sentence_or_bracket(current.lines[-2].text) and k + 1 < len(lines) and tags[k + 1] == "body"):
                # A picture's credit read from columns inside a sentence of a story (the line
                # above ends no sentence, a body line goes on under it): the picture is set in
                # or beside the story, whose text runs on across the credit.
                current.lines.pop()
                unassigned.append(Unassigned(text, "photo credit inside a story read from columns", line.number))
                continue
            _split_caption(current, pieces, unassigned, whole=ruled and current.kind == "photo", in_columns=id(line) in in_columns)
            current = None
    close()
    if pending_float:
        unassigned.append(Unassigned(pending_float_line, "floating byline with no article for it", lines[-1].number))
    unassigned.extend(Unassigned(marker, "continuation marker after the last article", lines[-1].number) for marker in pending_markers)
    return pieces, [c for c in chains if c.lines]


def _split_caption(piece: Piece, pieces: list[Piece], unassigned: list[Unassigned], whole: bool = False, in_columns: bool = False) -> None:
    """A photo credit ends a caption: the caption is the last paragraph unless the piece is all
    caption (`whole`: the text the page set right under a picture, in a story of its own).
    A credit read from `pdftotext -layout`'s columns (`in_columns`) under a story's text ends no
    caption of it: the reader reads a story's blocks down its column, so the credit of a picture
    set in the story (or of a photo story beside it) comes after the text above it, and that
    text's last paragraph is the story's own. The story stays whole; the credit is kept apart.
    Unless a blank row stands over that paragraph: a caption set apart from the text above it."""
    last = piece.lines[-1]
    start, credit = photo_credit(last.text, keep_editors=whole)
    last.text = last.text[:start].rstrip()
    if not last.text:
        piece.lines.pop()
    # Credit lines above it (`■整理编辑：王琪` over `本报记者 杜爱清 摄`) close the caption too
    # (in a story the page parted off, the caption is all of it: they stay, as printed).
    while not whole and piece.lines and ROLE_CREDIT_RE.match(piece.lines[-1].text):
        line = piece.lines.pop()
        unassigned.append(Unassigned(line.text, "credit line over a photo credit", line.number))
    caption_start = len(piece.lines) - 1
    while caption_start > 0 and not ends_sentence(piece.lines[caption_start - 1].text):
        caption_start -= 1
    body_chars = sum(len(line.text) for line in piece.lines[:caption_start])
    if caption_start > 0 and not whole and (piece.lead or body_chars > 200):
        set_apart = piece.lines[caption_start].number > piece.lines[caption_start - 1].number + 1
        if in_columns and not set_apart:
            pieces.append(piece)
            if credit:
                unassigned.append(Unassigned(credit, "photo credit under a story read from columns", last.number))
            return
        pieces.append(Piece(lines=piece.lines[:caption_start], lead=piece.lead, byline=piece.byline, markers=piece.markers, float_byline=piece.float_byline))
        piece = Piece(lines=piece.lines[caption_start:])
    if piece.lines:
        piece.kind, piece.byline, piece.lead = "photo", credit or None, False
        pieces.append(piece)
    else:
        left = " ".join(x for x in (credit, piece.float_byline, *piece.markers) if x)
        if left:
            unassigned.append(Unassigned(left, "photo credit with no caption", last.number))


def _body_under_headings(tags: list[str]) -> None:
    """On a page parted into stories, whose display type is marked (`# `, `## `, `### `), short
    lines right under a heading are its story's first body lines (a narrow column's
    `中华红丝带基金` / `开展的公益活动`), not more of its headline; and short lines that end a
    story's text (`——你是否担心血荒常态化？` before the rule) are its last."""
    for i, k in candidate_runs(tags):
        under_heading = i > 0 and tags[i - 1] == "heading"
        ends_story = i > 0 and tags[i - 1] == "body" and (k == len(tags) or tags[k] == "rule")
        if under_heading or ends_story:
            tags[i:k] = ["body"] * (k - i)


REPEAT_LINES = 16  # a lead paragraph printed twice is at most this many lines


def _without_repeated_leads(lines: list[CleanLine], tags: list[str], removed: list[str]) -> tuple[list[CleanLine], list[str]]:
    """The lines without the second copy of a dateline lead printed twice in a row: raw text
    prints a paragraph drawn twice (a report's lead in fake bold) block after block, and the
    copy's dateline would start an article of its own. The copy goes to `removed`."""
    drop: set[int] = set()
    for i, tag in enumerate(tags):
        if tag != "lead" or i in drop:
            continue
        for k in range(1, min(REPEAT_LINES, i) + 1):
            j = i - k
            if tags[j] == "lead" and j not in drop and lines[j].text == lines[i].text:
                if i + k <= len(lines) and all(lines[j + m].text == lines[i + m].text for m in range(k)):
                    drop.update(range(i, i + k))
                break
    if not drop:
        return lines, tags
    removed.extend(lines[i].text for i in sorted(drop))
    keep = [i for i in range(len(lines)) if i not in drop]
    return [lines[i] for i in keep], [tags[i] for i in keep]


def segment(issue: Issue) -> list[Article]:
    """Cut `issue.raw` (cleaned line by line here) into articles; fill `issue.articles` and return them."""
    cleaned = clean_lines(issue.raw)
    lines = segment_lines(cleaned)
    issue.text = "\n".join(line.text for line in lines)
    issue.removed.extend(text for line in lines for text in line.removed)
    layout = laid_out(lines, issue.pages)
    tags = _credits_under_text(lines, _run_on_candidates(lines, relabel(lines, classify(lines), layout=layout)))
    in_columns = frozenset(id(line) for line, laid in zip(lines, layout) if laid)  # read from `pdftotext -layout`'s columns
    if "rule" not in tags and tags.count("heading") < 2:
        place_original_titles(lines, tags)  # on a page the PDF reader parted, its story says
    if issue.encoding != "pdf":
        lines, tags = _without_repeated_leads(lines, tags, issue.removed)
    issue.unassigned = []
    ruled = "rule" in tags  # the page's stories are parted (the PDF reader's `---`, or drawn rules)
    if ruled:
        _body_under_headings(tags)
    pieces, chains = _pieces(lines, tags, issue.unassigned, ruled, in_columns)
    if not ruled:  # a page parted into stories prints its headlines whole, and is not cut again by topic
        pieces = _headline_tails_back(pieces, chains)
        pieces = _starts_within_a_topic(pieces, lines, tags)
        pieces = split_topics(pieces)
    pieces = merge_section_heads(pieces, chains)
    pieces = relocate_repeated_tails(pieces, issue.removed)
    pieces = stitch_dangling(pieces, chains)
    pieces = split_at_headlines(pieces, chains, in_columns)
    if not ruled:
        pieces = split_unrelated(pieces)
    seen: set[str] = set()
    bodies: list[str] = []
    kept: list[Piece] = []
    paragraphs_of: list[list[str]] = []
    for piece in pieces:
        if 0 < piece.summary_lines < len(piece.lines):  # the dateline under the summary, as it would open the report
            texts = paragraphs(piece.lines[: piece.summary_lines])
            report = paragraphs(piece.lines[piece.summary_lines :]) or [""]
            report[0], lead_byline, piece.dateline = _split_lead(report[0])
            texts += report
        else:
            texts = paragraphs(piece.lines)
            if not texts:
                continue
            texts[0], lead_byline, piece.dateline = _split_lead(texts[0])
        piece.byline = piece.byline or lead_byline
        # An editor's note set in bold (`编者按：…`) is no caption.
        piece.bold = not piece.lead and not EDITORS_NOTE_RE.match(texts[0]) and _printed_in_bold(piece.lines, [p for p in texts if p])
        # A block drawn twice (fake bold) prints twice in extracted text; a PDF's copies were
        # merged at the glyph, so there a paragraph printed again is another article's
        # (two notices set from one template).
        texts = [p for p in texts if p] if issue.encoding == "pdf" else dedupe_paragraphs([p for p in texts if p], seen, issue.removed)
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
    unmatched = _first_lines_back(kept, paragraphs_of, chains, unmatched)
    unmatched = _heads_of_unheaded_neighbours(kept, bodies, chains, unmatched)
    issue.unassigned.extend(Unassigned(text, "headline matched no article") for text in unmatched)
    _assign_float_bylines(kept, issue.unassigned)
    articles = []
    for position, (piece, texts) in enumerate(zip(kept, paragraphs_of)):
        text = "\n".join(texts)
        if piece.headline:
            title, subtitle, kicker = compose_title(piece.headline, text, piece.headline_lines_whole, piece.headline_levels)
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
                kind=_kind(piece, text, None if generated else title),
                byline=clean_byline(piece.byline, issue.removed, issue.paper),
                position=position,
                continued=sorted(set(piece.markers), key=piece.markers.index),
                sources=[issue.source],
                page=issue.page_at(piece.lines[0].number),
                paper=issue.paper,
            )
        )
    issue.articles = articles
    return articles


TAIL_HAN = 12  # a headline's last line the labeller left as body text is at most this long


def _headline_tails_back(pieces: list[Piece], chains: list[Chain]) -> list[Piece]:
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


def _starts_within_a_topic(pieces: list[Piece], lines: list[CleanLine], tags: list[str]) -> list[Piece]:
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


def _first_lines_back(pieces: list[Piece], paragraphs_of: list[list[str]], chains: list[Chain], unmatched: list[str]) -> list[str]:
    """A body's first line, short and unpunctuated, is read as a headline candidate; a headline
    shares its wording with its body, so a last chain line that matched no body at all, right
    above a body with no dateline lead, is that body's first line: it goes back into the text."""
    left = list(unmatched)
    index = {id(piece): k for k, piece in enumerate(pieces)}
    for chain in chains:
        k = index.get(id(chain.after))
        if k is None or chain.markdown or pieces[k].lead or not chain.lines:
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


NEIGHBOUR_MATCH = 0.05  # a headline left over heads the unheaded body beside it if it shares this much


def _heads_of_unheaded_neighbours(pieces: list[Piece], bodies: list[str], chains: list[Chain], unmatched: list[str]) -> list[str]:
    """A chain whose lines all matched no body too well, printed right before or right after a
    body that no headline heads, is that body's headline (its wording is the lead's in other
    words): it goes to the neighbour it shares more bigrams with, if it shares a few."""
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


def _assign_float_bylines(pieces: list[Piece], unassigned: list[Unassigned]) -> None:
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


def _signed_at_end(piece: Piece, text: str) -> bool:
    """The text ends with its reporters' names, in brackets (`…关怀。（杨双平 侯晓雪）`) or as
    printed after the last sentence (`…工作。燕慧 张靖`): a news report signed off, whatever
    byline the page also floated over it."""
    tail = text.rstrip()
    if signed_off([tail]):
        return True
    names = han_only(piece.byline or "")
    return len(names) >= 2 and han_only(tail[-40:]).endswith(names)


def _printed_in_bold(lines: list[CleanLine], texts: list[str]) -> bool:
    """All of a piece is set in fake bold, as e-paper sets a photo's caption: every line was
    drawn twice glyph by glyph (undoubled), or the whole text twice block by block (raw text
    prints it twice in a row). A report sets only its lead so."""
    if lines and all(line.undoubled for line in lines):
        return True
    half = len(texts) // 2
    return bool(half) and len(texts) == 2 * half and [han_only(t) for t in texts[:half]] == [han_only(t) for t in texts[half:]]


def _kind(piece: Piece, text: str, title: str | None = None) -> str:
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
