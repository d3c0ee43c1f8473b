"""Tag each cleaned line of a page with what it is: dateline lead, byline, photo credit,
sign-off, signature, continuation marker, headline candidate or body.

Extracted e-paper text has lost type size and position, so a headline is told from body
text by its shape: short, no inner punctuation, after a finished sentence, and narrower
than the column the lines around it are set in.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import statistics
from collections.abc import Iterator

from ..clean import CLOSERS, HAN, LINE_START_BANNED, CleanLine, ends_sentence, ends_sentence_or_bracket, han_bigrams, han_only, join_pair, printed_width, undouble_recorded
from ..credits import BULLET, DATED_DATELINE, DATELINE, ORGAN, ROLE_CREDIT_RE, SIGNATURE_RE, SIGNED_DATE_RE, SUMMARY_LABEL_RE, photo_credit
from ..model import PageStart
from .headlines import is_place_line
from .names import opens_with_surname

# A dateline, with the reporters in brackets after it; or a paper's reporter opening the lead
# (`山西日报记者 X …`), whose name the inline byline reads.
# A dateline may open with its date (`2012年7月18日北京讯 现…`), as some papers print it.
LEAD_RE = re.compile(rf"^((?:{DATED_DATELINE}|{DATELINE})|{ORGAN}(?=(?:实习)?记者\s*[{HAN}]{{2,3}}\s))\s*(?:[（(]([^）)]{{0,40}})[）)])?\s*")
_NAME = f"[{HAN}]{{2,4}}"
_NAMES = f"{_NAME}(?:\\s+{_NAME})*"
# A floating byline (`□ 本报记者 X`, `山西日报记者 X`): group 1 is the byline, names only for this
# paper's own reporters, another paper's label kept with its names (`山西日报记者 X`).
FLOAT_BYLINE_RE = re.compile(
    rf"^(?:[{BULLET}]\s*(?:(?:本报)?(?:实习)?(?:记者|通讯员))?|本报(?:实习)?记者|(?={ORGAN}(?:实习)?记者))\s*((?:{ORGAN}(?:实习)?记者\s*)?{_NAMES})$"
)
# Reporters named after the dateline (`南都讯 记者刘凡 周昌和 继推出…`): names of two or three
# characters, each followed by a space (the last one also by a digit or an opening bracket).
INLINE_BYLINE_RE = re.compile(rf"(?:实习)?(?:记者|通讯员)\s*((?:(?!报道)[{HAN}]{{2,3}}\s+)*(?!报道)[{HAN}]{{2,3}})(?=\s|\d|[“（(]|$)\s*")
# A paper's reporters on a line of their own over the report (`本报记者 X Y`, `本报记者 X 报道`):
# the byline alone, the text starts on the line under it.
BYLINE_ALONE_RE = re.compile(rf"^{ORGAN}(?:实习)?记者\s*({_NAME}(?:\s+{_NAME})*?)(?:\s*报道)?$")
SIGNOFF_RE = re.compile(rf"^(?:[（(]\s*({_NAMES})\s*[）)]|({_NAME})|(?:本报|科学导报)?记者\s*({_NAME})撰?)$")
# A notice is signed by bodies (`中共吕梁市委办公室`, `孝义市应急管理局`) and dated on a line of its own.
ORG_SUFFIXES = "委员会|人民政府|政府|办公室|监委|纪委|指挥部|管委会|领导小组|委|局|厅|办|院|会|中心|公司|集团|协会|学校|银行|部|所|站|队|处|社"
_SIGNER_RE = re.compile(rf"^(?:中共)?[{HAN}（）()]{{2,24}}(?:{ORG_SUFFIXES})$")
SIGNATURE_LINES = 3  # signers above a signature date
DATE_RUNS_ON = "－—-~～至，、；。）"  # a line opening with one of these goes on the date printed above it
BODY_TAGS = ("body", "lead", "continued")  # lines that are article text
PINYIN_RE = re.compile(r"^[a-z]{6,}$")
HEADING_RE = re.compile(r"^(#{1,6})\s*(.+)$")
RULE_RE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")  # a drawn rule between stories (the PDF reader marks them)
PICTURE_RE = re.compile(r"^[!！]\[\]\(\)$")  # a picture's place (the PDF reader marks it): what follows is its caption
INNER_PUNCT = "，。；：！？"
# The original headline a reprinted wire story carries in its text (`新闻原标题：…`, `（原标题：…）`).
ORIGINAL_TITLE_RE = re.compile(r"^[（(]?\s*(?:新闻)?原标题\s*[：:]")
# The credits a page ends with (`本版策划：李联军`, `本版责编：黄靖`): whatever follows starts afresh.
PAGE_CREDIT_RE = re.compile(rf"^(?:本版|本期)?(?:策划|责编|责任编辑|编辑|统筹|美编|设计|校对|审核|组版)[：:]\s*{_NAMES}$")
# The signature an editor's note ends with (`——编者`): the note's last line, never a subtitle.
EDITOR_SIGNED_RE = re.compile(r"^[—－]{1,2}\s*(?:编\s*者|本报编辑部|编辑部)$")


def merge_vertical(lines: list[CleanLine]) -> list[CleanLine]:
    """Runs of three or more lines of one or two characters make one line: a vertical headline
    (a character per line), or fake bold drawn glyph by glyph, which raw extraction prints as
    a line per pair of copies (`秋` / `秋意` / `意渐` …) and which is undoubled here."""
    merged: list[CleanLine] = []
    run: list[CleanLine] = []

    def put(lines: list[CleanLine]) -> None:
        text = "".join(line.text for line in lines)
        single, removed = undouble_recorded(text) if len(lines) >= 3 else (text, [])
        earlier = [r for line in lines for r in line.removed]
        if removed:
            merged.append(CleanLine(single, lines[0].number, printed_width(single), removed=earlier + removed))
        elif len(lines) >= 3 and not any(ch in "。！？" for ch in text):
            merged.append(CleanLine(text, lines[0].number, printed_width(text), removed=earlier))
        else:
            merged.extend(lines)

    def flush() -> None:
        # Glyph-by-glyph copies chain (`廉` / `廉政` / `政中`: each line opens with the last
        # character of the line above); short lines before the chain starts are no copies but
        # a headline's last line (`力`) set right above a lead in fake bold: kept apart.
        start = _chain_start(run)
        if start:
            put(run[:start])
        put(run[start:])
        run.clear()

    for line in lines:
        # A word space may fall between the two copies (`者 郭`): it does not count.
        if 0 < len(line.text.replace(" ", "")) <= 2 and not line.markers:
            run.append(line)
        else:
            flush()
            merged.append(line)
    flush()
    return merged


_LABEL_RE = re.compile(rf"^{ORGAN}?(?:实习)?记者\s*")


def float_byline(text: str, named: bool = True) -> re.Match | None:
    """FLOAT_BYLINE_RE's match; with `named`, only when every name it reads opens with a
    surname: `■ 去年以来` or `■ 记者昨天从市` (a section head set with a bullet) names no one."""
    match = FLOAT_BYLINE_RE.match(text)
    if match and (not named or all(opens_with_surname(name) for name in _LABEL_RE.sub("", match.group(1)).split())):
        return match
    return None


# What ends a byline's names without being one (`本报记者 X 报道`, `X 摄`): never text run on.
_BYLINE_ROLE_WORDS = ("报道", "摄影", "供图", "整理", "编译", "撰文")


def reporters_alone(text: str) -> bool:
    """`text` is a paper's reporters on a line of their own (`本报记者 薛华 王芳`, `本报记者 X 报道`):
    every name opens with a surname (`本报记者 林飞 为能` runs into the text)."""
    alone = BYLINE_ALONE_RE.match(text)
    return bool(alone) and all(opens_with_surname(name) for name in alone.group(1).split())


def split_run_on_bylines(lines: list[CleanLine]) -> list[CleanLine]:
    """A byline run into the report's first words (`■本报记者 林飞　为能更好…` printed as
    `■本报记者 林飞 为能` / `更好营造…`) reads on its line like a byline of two names. Its last
    word is no name when it does not open with a surname: that word goes to the line under it,
    where the text it begins goes on, and the line keeps the byline alone. (A dateline such as
    `本报记者 X …` is read by LEAD_RE already; this is for what only FLOAT_BYLINE_RE reads.)"""
    out = list(lines)
    for i in range(len(out) - 1):
        line, after = out[i], out[i + 1]
        match = FLOAT_BYLINE_RE.match(line.text)
        if not match or LEAD_RE.match(line.text) or line.markers:
            continue
        words = match.group(1).split()
        last = words[-1]
        head = line.text[: line.text.rindex(last)].rstrip()
        if len(words) < 2 or opens_with_surname(last) or last in _BYLINE_ROLE_WORDS or not float_byline(head):
            continue
        if not after.text or float_byline(after.text) or any(r.match(after.text) for r in (HEADING_RE, RULE_RE, PICTURE_RE, LEAD_RE)):
            continue
        out[i] = dataclasses.replace(line, text=head, width=printed_width(head), standalone=False, markers=[], removed=list(line.removed))
        out[i + 1] = dataclasses.replace(after, text=last + after.text, markers=list(after.markers), removed=list(after.removed))
    return out


CREDIT_TAIL_CHARS = 20  # a photo credit broken over two lines starts this near the end of the line above
_CREDIT_OPENS_AFTER = "。！？”’）)"  # ...after the caption's last sentence (PHOTO_CREDIT_RE's lookbehind)


def join_broken_credits(lines: list[CleanLine]) -> list[CleanLine]:
    """A photo credit broken over two lines (`…的双赢。■整` / `理编辑：王琪 记者 杜爱清 摄`,
    `…现场。郭炳` / `中 供图`) reads as no credit on either: the part on the line above goes
    down to the line that ends it, which then reads as the credit it is."""
    out = list(lines)
    for i in range(1, len(out)):
        above, line = out[i - 1], out[i]
        if not line.text or photo_credit(line.text) or above.markers or photo_credit(above.text):
            continue
        cut = max(above.text.rfind(ch) for ch in _CREDIT_OPENS_AFTER) + 1
        tail = above.text[cut:]
        if not tail.strip() or len(tail) > CREDIT_TAIL_CHARS or (photo_credit(tail + line.text) or (1,))[0] != 0:
            continue
        head, text = above.text[:cut], tail + line.text
        removed = list(line.removed) if head else [*above.removed, *line.removed]  # a line moved whole brings its copies
        out[i - 1] = dataclasses.replace(above, text=head, width=printed_width(head), markers=[], removed=list(above.removed) if head else [])
        out[i] = dataclasses.replace(line, text=text, width=printed_width(text), markers=list(line.markers), removed=removed)
    return [line for line in out if line.text or line.markers]


# Typst (and Chromium, around a run drawn apart) sets a pair of marks compressed, one glyph
# drawn over the other's em box, and `pdftotext -raw` breaks its line there and at the marks
# around it: one line of type comes out in pieces (`讨论，` / `“低碳”` / `成为今年两会`), each
# short, each read like a headline or a paragraph's start.
OPENING_MARKS = "“‘（(《〈【『「［"
RUN_ON_MARKS = "，、；" + OPENING_MARKS  # a line ending with one goes on: never a paragraph's or a headline's end
CLAUSE_ENDS = "，、；。！？"
COLUMN_CHARS = 30  # a body line this long at most (the median) is a column's
COLUMN_WINDOW = 20  # lines either side whose widths tell the column's
MARKS_SQUEEZED = 2  # characters a line set with compressed marks holds over its column's width


def column_around(lines: list[CleanLine], i: int) -> float:
    """Line `i`'s column width: the widths of the lines around it at their ninth decile (a
    column's lines fill it but for paragraphs' last lines and pieces of lines broken apart,
    shorter; a wider headline or caption line or two are passed over)."""
    widths = sorted(line.width for line in lines[max(0, i - COLUMN_WINDOW) : i + COLUMN_WINDOW + 1] if line.text)
    return widths[9 * len(widths) // 10] if widths else 0.0


def _broken_at_marks(before: str, above: str, below: str) -> bool:
    """`below` goes on the line of type `above` was broken from at a mark: it opens with a mark
    no line opens with, or `above` ends with one no paragraph or headline ends with (a comma, an
    opening mark); or, among a sentence's clauses (`above` holds a clause's end, or `before`, the
    line over it, ends with a comma), `above` ends with a closing mark (`讨论，“低碳”` /
    `成为今年两会`) or `below` opens a quotation (`发布微博表示，` / `“在京港澳高`). A headline has
    no clauses: `…被救者“求谢”` over its photo's caption, `报名参加四地线下观鸟活动` over the
    `“爱鸟周”源于1981年，` its text opens with, stay apart."""
    if below[0] in LINE_START_BANNED or above[-1] in RUN_ON_MARKS:
        return True
    clauses = any(ch in CLAUSE_ENDS for ch in above[:-1]) or before[-1:] in RUN_ON_MARKS
    return clauses and not ends_sentence_or_bracket(above) and (above[-1] in CLOSERS or below[0] in OPENING_MARKS)


def _marked_up(text: str) -> bool:
    return any(r.match(text) for r in (RULE_RE, HEADING_RE, PICTURE_RE))


def join_broken_at_marks(lines: list[CleanLine], laid: list[bool] | None = None) -> list[CleanLine]:
    """Pieces of one line of type broken at a mark (`_broken_at_marks`) join again while together
    they fit its column (`MARKS_SQUEEZED` over it, as compressed marks let them). Not the lines
    `laid` says were read from `pdftotext -layout`'s columns: those are rows as printed, parted
    where the reading order found gaps. Nor text the PDF reader marked up (rules, headings, a
    picture's place: its lines are set as printed), nor text set a paragraph a line (its lines' median over
    COLUMN_CHARS): there a short line is a head of its own (`“树立和践行正确政绩观，起决定性作用的是党性”`
    over its section's first paragraph)."""
    lengths = sorted(len(line.text) for line in lines if line.text)
    if not lengths or lengths[len(lengths) // 2] > COLUMN_CHARS or any(_marked_up(line.text) for line in lines):
        return lines
    out: list[CleanLine] = []
    for k, line in enumerate(lines):
        above = out[-1] if out else None
        if (above is not None and above.text and line.text and not above.markers and not line.markers
                and not above.justified and not line.justified and not (laid and laid[k])
                and _broken_at_marks(out[-2].text if len(out) > 1 else "", above.text, line.text)
                and above.width + line.width <= column_around(lines, k) + MARKS_SQUEEZED):
            text = join_pair(above.text, line.text)
            out[-1] = dataclasses.replace(above, text=text, width=printed_width(text), markers=[], removed=above.removed + line.removed)
        else:
            out.append(line)
    return out


def segment_lines(cleaned: list[CleanLine], pages: list[PageStart] | tuple = (), typeset: bool = False) -> list[CleanLine]:
    """Cleaned lines as the segmenter reads them (and the labeller learns them): vertical
    headlines joined, extracted text's lines broken at marks joined (not on `pages` read from
    `pdftotext -layout`'s columns, nor where the lines are `typeset`: the PDF reader's, set as
    printed), bylines run on into text split off, photo credits broken over two lines joined."""
    merged = merge_vertical(cleaned)
    if not typeset:
        merged = join_broken_at_marks(merged, laid_out(merged, pages) if pages else None)
    return join_broken_credits(split_run_on_bylines(merged))


def laid_out(lines: list[CleanLine], pages: list[PageStart]) -> list[bool]:
    """Which lines stand on a page read from `pdftotext -layout`'s columns (`PageStart.layout`)."""
    starts = [page.line for page in pages]
    return [(k := bisect.bisect_right(starts, line.number) - 1) >= 0 and pages[k].layout for line in lines]


def _chain_start(run: list[CleanLine]) -> int:
    """Where the pairs of copies of fake bold drawn glyph by glyph begin in a run of short lines
    (0 when they do not chain there or the run is no such print): three lines in a row each
    opening with the character the line above ends with."""
    texts = [line.text.replace(" ", "") for line in run]

    def chained(k: int) -> bool:
        return texts[k + 1][:1] == texts[k][-1:] and texts[k + 2][:1] == texts[k + 1][-1:]

    for k in range(len(texts) - 3):
        if chained(k):
            return 0
        if chained(k + 1):
            return k + 1
    return 0


def classify(lines: list[CleanLine]) -> list[str]:
    """One tag per line: lead, byline, credit, caption_end, signoff, signature, marker, pinyin, heading, candidate, body."""
    # In a Markdown page every headline is a heading, so plain lines are never headlines.
    markdown = sum(1 for line in lines if HEADING_RE.match(line.text)) >= 2
    ruled = any(RULE_RE.match(line.text) for line in lines)  # stories parted by the page (the PDF reader's ---)
    reprint = original_title_lines(lines, markdown)
    tags: list[str] = []
    for i, line in enumerate(lines):
        text = line.text
        # A reprint's `原标题：…` paragraph ends without a full stop: the line after it starts afresh.
        prev_boundary = (i == 0 or tags[-1] not in BODY_TAGS or ends_sentence(lines[i - 1].text) or continues_elsewhere(lines[i - 1])
                         or (i - 1 in reprint and i not in reprint) or bool(PAGE_CREDIT_RE.match(lines[i - 1].text)))
        if not text:
            tags.append("marker")
        elif HEADING_RE.match(text):
            tags.append("heading")
        elif RULE_RE.match(text):
            tags.append("rule")
        elif PICTURE_RE.match(text):
            tags.append("picture")
        elif PINYIN_RE.match(text):
            tags.append("pinyin")
        elif ((LEAD_RE.match(text) and (photo_credit(text) or (1,))[0] != 0 and (prev_boundary or not ruled or reporters_alone(text)))
              or (ruled and prev_boundary and _dateline_broken(lines, i))):
            # A dateline opens a report (`本报记者 X 摄` alone on its line is a photo credit); in a
            # story the page parted off, only where a sentence has ended (`…的方式实` +
            # `施新京报讯…` is a word broken over two lines of one paragraph), or where it is a
            # line of reporters' names alone (after a link label, `［详细］`, that ends no sentence).
            tags.append("lead")
            if ruled and reporters_alone(text):
                # `本报记者 薛华 王芳`: the second name is no first word of the text. (Only where the
                # page is parted: in text extractions a paragraph starting under it let the
                # labeller start an article there, and kinds right fell 80.8 -> 78.5 on v136's raw text.)
                line.standalone = True
        elif any(marker.startswith("上接") for marker in line.markers):
            tags.append("continued")  # `（上接1版）` opens the rest of an article from another page
        elif continues_elsewhere(line):
            tags.append("body")  # `（下转4版）` closes an article's text on this page
        elif text.endswith("撰") and SIGNOFF_RE.match(text):
            tags.append("signoff")
        elif ruled and _head_over_text(lines, i):
            tags.append("body")
            line.standalone = True  # a paragraph of its own, not run into the text under it
        elif float_byline(text, named=ruled):
            # On a page parted into stories (the PDF reader's `---`), a story starts at its rule, so
            # a bulleted line naming no one is a head inside one. (Text extractions are not parted;
            # there the labeller, trained on them, learnt the tag as it was: retrained with this,
            # it lost 0.1-0.6 points of raw and layout-mode text on d41, c105 and r106.)
            tags.append("byline")
        elif credit := photo_credit(text):
            tags.append("credit" if credit[0] == 0 else "caption_end")
        elif (prev_boundary and tags and tags[-1] in BODY_TAGS and SIGNATURE_RE.match(text) and not _date_runs_on(lines, i)
              and not (ruled and _text_under(lines, i))):
            tags.append("signature")
        elif tags and tags[-1] == "signature" and SIGNATURE_RE.match(text):
            tags.append("signature")
        elif (prev_boundary and tags and tags[-1] in BODY_TAGS and SIGNOFF_RE.match(text) and not is_place_line(text)
              and not (ruled and words_of_the_text(lines, tags, i))):
            tags.append("signoff")
        elif (label := SUMMARY_LABEL_RE.match(text)) and not han_only(text[label.end():]):
            tags.append("body")  # a summary's or note's label alone on its line (`编者按`): the text under it is its
            line.standalone = True
        elif markdown or text.startswith("图为") or EDITOR_SIGNED_RE.match(text) or PAGE_CREDIT_RE.match(text) or i in reprint:
            tags.append("body")
        elif text.startswith("——") and len(text) <= 50 and (prev_boundary or len(lines[i - 1].text) <= 30):
            tags.append("candidate")
            _headline_above_subtitle(lines, tags, i)
        elif prev_boundary and len(han_only(text)) <= 50 and _no_inner_punct(text) and text[-1] not in "。！？，；：":
            tags.append("candidate")
        else:
            tags.append("body")
    _mark_signature_blocks(lines, tags)
    _demote_body_candidates(lines, tags)
    return tags


SPEAKER_LINE_HAN = 20  # a headline line this short may name its speaker: `人社部：延迟退休拟采取差别`


def _no_inner_punct(text: str) -> bool:
    """No punctuation inside the line, but for one colon after a speaker in a short line (a
    headline `X：…`); not a credit (`记者：原勋`, `报道员：麻明磊、朱玲`) nor a label (`摄影：陈辛华`)."""
    if not any(p in text[:-1] for p in INNER_PUNCT):
        return True
    if any(p in text[:-1] for p in INNER_PUNCT.replace("：", "")) or text.count("：") != 1 or len(han_only(text)) > SPEAKER_LINE_HAN:
        return False
    speaker, said = text.split("：")
    sizes = sorted((len(han_only(speaker)), len(han_only(said))))
    return not ROLE_CREDIT_RE.match(text) and "、" not in said and sizes[0] >= 2 and sizes[1] >= 4


def _mark_signature_blocks(lines: list[CleanLine], tags: list[str]) -> None:
    """A date alone on a line, after a finished sentence or a signer, ends a notice: it and the
    signers' names right above it (bodies of government or business) are its signature."""
    for i, line in enumerate(lines):
        if not i or not SIGNED_DATE_RE.match(line.text.replace(" ", "")):
            continue
        if _date_runs_on(lines, i):
            continue
        k = i
        while k > 0 and i - k < SIGNATURE_LINES and tags[k - 1] in ("candidate", "body", "signature") and _SIGNER_RE.match(lines[k - 1].text):
            k -= 1
        if k > 0 and tags[k - 1] in BODY_TAGS and ends_sentence(lines[k - 1].text):
            for j in range(k, i + 1):
                tags[j] = "signature"


# The heads papers set over a box at a story's end (相关链接, ■延伸阅读, 【背景】, 新闻链接,
# 背景资料, 小贴士, 温馨提示, 名词解释, 记者手记, 编后): a closed set of words, told from a bare
# name signing a brief off, which stands alone on a line in just the same place (a brief under
# `简讯` signed `王晓蓉`). Marks and brackets around it, and a colon after it, are the box's.
_BOX_WORDS = (r"(?:相关|新闻|延伸|知识|资料|背景)*(?:链接|阅读|背景|资料|新闻|延伸)"
              r"|小贴士|小知识|温馨提示|名词解释|记者手记|编后(?:语|记)?")
BOX_HEAD_RE = re.compile(rf"^[{BULLET}◎★☆▶►]*\s*[【\[［〖（(]?\s*(?:{_BOX_WORDS})\s*[】\]］〗）)]?\s*[{BULLET}◎★☆▶►]*\s*[：:]?$")
# ...and such a label opening a paragraph in the story's text (`相关背景材料：根据…`, `链接：…`):
# what follows is the story's appendix, however little its wording shares with the story's.
BOX_LABEL_RE = re.compile(rf"(?:{_BOX_WORDS})(?:材料)?\s*[：:]")
BOX_LABEL_CHARS = 24  # the label opens the paragraph, after a sentence or two at most this long
HEAD_OVER_HAN = 8  # the line under a small head in a story's text holds this many characters at least


def words_of_the_text(lines: list[CleanLine], tags: list[str], i: int) -> bool:
    """Line `i`, two to four characters after a sentence's end (what an unbracketed sign-off,
    `王涛`, looks like), is the text's next words: they open with no surname (`他们来自`), or the
    line is as wide as the column's text lines above it (`魏先生夺` in a column four characters wide)."""
    bare = SIGNOFF_RE.match(lines[i].text).group(2)
    if not bare:
        return False
    above = [lines[j].width for j in range(max(0, i - 3), i) if tags[j] in BODY_TAGS]
    return not opens_with_surname(bare) or bool(above) and lines[i].width >= 0.8 * statistics.median(above)


def _head_over_text(lines: list[CleanLine], i: int) -> bool:
    """A box head alone on a line (`相关链接`, `■链接`), after a finished sentence and with the
    story's text going on right under it (a page parted into stories): a small head over the
    rest (a background box), not a sign-off (one ends its story) nor a byline."""
    if i == 0 or i + 1 >= len(lines) or not BOX_HEAD_RE.match(lines[i].text.strip()) or not ends_sentence(lines[i - 1].text):
        return False
    after = lines[i + 1]
    return (len(han_only(after.text)) >= HEAD_OVER_HAN and not after.markers
            and not any(r.match(after.text) for r in (RULE_RE, HEADING_RE, PICTURE_RE, LEAD_RE)))


def original_title_lines(lines: list[CleanLine], markdown: bool = False) -> set[int]:
    """The lines of each `原标题：…` paragraph: its first, and the next ones while the line
    before fills its column (the paragraph runs on; its last line stops short). On a page whose
    headlines are Markdown headings (the PDF reader's), a plain line over a dateline is no
    headline: the run-on stops at the dateline only (`…导盲犬可随主人` / `上车` / `新华社太原…电`)."""
    held: set[int] = set()
    for i, line in enumerate(lines):
        if not ORIGINAL_TITLE_RE.match(line.text):
            continue
        widths = sorted(l.width for l in lines[max(0, i - 6) : i + 9] if l is not line and l.text)
        column = widths[len(widths) // 2] if widths else line.width
        held.add(i)
        j = i
        while (j + 1 < len(lines) and lines[j].width >= 0.8 * column and not ends_sentence(lines[j].text)
               and lines[j + 1].text and not _opens_report(lines, j + 1, 1 if markdown else 2)):
            j += 1
            held.add(j)
    return held


ORIGINAL_TITLE_WINDOW = 150  # Han characters either side an original headline is compared with


def place_original_titles(lines: list[CleanLine], tags: list[str]) -> None:
    """A reprint's `原标题：…` paragraph either opens its report or closes it (after its text or
    sign-off): it names what its own report says, so it goes with the side whose wording it
    shares more, and an article starts there (at the paragraph, or at the line after it). The
    text right above it without a finished sentence (a headline the rules read as body) is no
    report's end: the paragraph opens the next one. Both sides sharing nothing, it stays as the
    rules read it. Lines right under it that print its words again are the report's headline,
    printed after its text: where the paragraph closes that text they are a headline."""
    held = original_title_lines(lines)
    hans = [han_only(line.text) for line in lines]
    for i in sorted(held):
        if i - 1 in held or tags[i] != "body":
            continue
        j = i
        while j + 1 in held:
            j += 1
        title_han = han_only(ORIGINAL_TITLE_RE.sub("", "".join(line.text for line in lines[i : j + 1]), count=1))
        title = han_bigrams(title_han)
        if len(title) < 3:
            continue
        # Lines right under it that print its words again: the report's headline, printed
        # after its text as the original title closes it (compared past them).
        k = j + 1
        while k < min(len(lines), j + 1 + REPEAT_LINES) and tags[k] in ("body", "candidate") and _repeats(hans[k], title_han):
            k += 1
        above = _text_window(hans, tags, range(i - 1, -1, -1), back=True)
        below = _text_window(hans, tags, range(k, len(lines)))
        up, down = (sum(g in text for g in title) / len(title) for text in (above, below))
        dangling = i > 0 and tags[i - 1] == "body" and not ends_sentence_or_bracket(lines[i - 1].text)
        if down > up or (dangling and down >= up):
            tags[i] = "start"
        elif up > down and k > j + 1:
            tags[j + 1 : k] = ["candidate"] * (k - j - 1)
        elif up > down and j + 1 < len(lines) and tags[j + 1] == "body":
            tags[j + 1] = "start"


REPEAT_LINES = 3  # lines of a headline printed again under its original title
REPEAT_SHARE = 0.8  # ...each with this share of its bigrams in that title


def _repeats(han: str, title: str) -> bool:
    grams = han_bigrams(han)
    return len(grams) >= 2 and sum(g in title for g in grams) >= REPEAT_SHARE * len(grams)


def _text_window(hans: list[str], tags: list[str], order: range, back: bool = False) -> str:
    """The Han text of the article lines met going through `order` (up or down the page) up to
    ORIGINAL_TITLE_WINDOW characters: down to the next article's start, up to this one's (a
    sign-off above passed over: the report is above it)."""
    text = ""
    for k in order:
        if tags[k] in ("signoff", "signature") and back:
            continue
        opens = tags[k] in ("lead", "start", "continued")
        if tags[k] not in ("body", "lead", "start", "continued") or (opens and not back and k != order[0]):
            break
        text = hans[k] + text if back else text + hans[k]
        if len(text) >= ORIGINAL_TITLE_WINDOW or (opens and back):
            break
    return text


def _opens_report(lines: list[CleanLine], k: int, reach: int = 2) -> bool:
    """Line k is a report's dateline, or (reach 2) the line over one (its headline): not a title's run-on."""
    return any(LEAD_RE.match(line.text) for line in lines[k : k + reach])


def _date_runs_on(lines: list[CleanLine], i: int) -> bool:
    """The line after line `i` goes on its text (`2012年5月5日` / `－11日，10余名…`: a date range
    broken over two lines opens a paragraph; a notice's signature date ends the notice)."""
    return i + 1 < len(lines) and lines[i + 1].text[:1] in DATE_RUNS_ON


def _text_under(lines: list[CleanLine], i: int) -> bool:
    """In a story the page parted off, text goes on under line `i`: the line under it is neither a
    signer's nor a date (a signature block ends its story) nor the story's end. `国际食品法典委员会`
    over `系联合国粮农组织和世界…` opens a paragraph; it signs nothing."""
    if i + 1 >= len(lines) or not lines[i + 1].text:
        return False
    after = lines[i + 1].text
    return not any(r.match(after) for r in (RULE_RE, HEADING_RE, PICTURE_RE, SIGNATURE_RE, _SIGNER_RE, SIGNED_DATE_RE))


def continues_elsewhere(line: CleanLine) -> bool:
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


def candidate_runs(tags: list[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of headline candidates, found as the caller goes: it may retag
    a run's lines before asking for the next."""
    i = 0
    while i < len(tags):
        if tags[i] != "candidate":
            i += 1
            continue
        j = i
        while j < len(tags) and tags[j] == "candidate":
            j += 1
        yield i, j
        i = j


def _demote_body_candidates(lines: list[CleanLine], tags: list[str]) -> None:
    """A chain of candidates that fits the text column and runs on into body text is a paragraph
    start; in one that does not, the lines right above the body that fit the column are the
    body's first lines, under its headline."""
    for i, j in candidate_runs(tags):
        col = _column_width(lines, tags, i, j)
        fits = all(_fits(lines[k], col) for k in range(i, j))
        # A headline never stands right before a `(下转4版)` marker: that ends an article's text.
        before_marker = j < len(tags) and tags[j] == "marker" and continues_elsewhere(lines[j])
        runs_on = j < len(tags) and tags[j] == "body"
        if before_marker or (fits and runs_on):
            for k in range(i, j):
                tags[k] = "body"
        elif runs_on and j - i >= 2:
            # Headlines, then the first lines of the body under them: the lines right above
            # the body that fit the column are text (the first line always stays a headline).
            k = j
            while k - 1 > i and _fits(lines[k - 1], col) and not lines[k - 1].text.startswith("——"):
                k -= 1
            for m in range(k, j):
                tags[m] = "body"


BROKEN_DATELINE_LINES = 3  # lines a dateline may be broken over in a narrow column


def _dateline_broken(lines: list[CleanLine], i: int) -> bool:
    """Line `i` opens a paragraph with a dateline a narrow column broke over lines (`新华社汾阳6月7日`
    / `电（记者 康琳 邹娜）`, `中新网北京` / `12月27日电` / `（陆华） 中华`): the dateline itself
    runs past the line's end into the next ones, which go on the same paragraph."""
    text = lines[i].text
    joined = text
    for line in lines[i + 1 : i + BROKEN_DATELINE_LINES]:
        if ends_sentence(joined) or not line.text or HEADING_RE.match(line.text) or RULE_RE.match(line.text) or PICTURE_RE.match(line.text):
            break
        joined += line.text
        if (m := LEAD_RE.match(joined)) is not None and m.end(1) > len(text):
            return True
    return False
