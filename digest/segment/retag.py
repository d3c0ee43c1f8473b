"""Tags set right after the labeller, over the whole page's lines, before they are grouped into
pieces: lines the labeller read as headline candidates that are text running on (a quote, an
enumerated item, a credit closing the text above), short lines under a heading, and a
dateline lead printed twice."""

from __future__ import annotations

import re

from ..clean import LINE_START_BANNED, CleanLine, ends_sentence_or_bracket, han_only
from ..credits import ROLE_CREDIT_RE, photo_credit
from .labeller import columned
from .lines import candidate_runs
from .names import SIGN_OFF_LINES, sign_off_over
from .repair import ENUMERATED_RE


_PAIRS = ("“”", "《》", "（）", "【】", "()")


def unclosed(text: str) -> str:
    """The closing marks `text` leaves owing (a quote, a title or a bracket opened and not closed)."""
    return "".join(close for open_, close in _PAIRS if text.count(open_) > text.count(close))


ENUMERATED_RUN = 2  # an enumerated line's item runs on over at most this many candidate lines under it


def run_on_candidates(lines: list[CleanLine], tags: list[str]) -> list[str]:
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
    or a closing mark runs on into it too. Returns the tags with those lines made body.
    (Text only: a page the PDF reader parted keeps its display type's tags.)"""
    out = list(tags)
    if "rule" in tags:
        return out
    in_columns = columned(lines, tags)
    for i in range(len(lines) - 1):
        if tags[i] == "candidate" and tags[i + 1] == "body" and (owed := unclosed(lines[i].text)):
            below = lines[i + 1].text
            if any(close in below and unclosed(below[: below.index(close)]) == "" for close in owed):
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


# A web page's link to the rest, printed after a reprint's last words (`…相处中结束。` / `［详细］`).
LINK_LABEL_RE = re.compile(r"^[［\[【]\s*(?:详细|全文|详情)\s*[］\]】]$")


# A bracketed note of where the text came from, opening its line: `（原题为《…》）`, `（原标题：…）`.
ORIGINAL_NOTE_RE = re.compile(r"^[（(]\s*(?:原题为?|原标题)")
ORIGINAL_NOTE_LINES = 4  # a reprint's note of its original title is printed on this many lines at most


def credits_under_text(lines: list[CleanLine], tags: list[str]) -> list[str]:
    """Candidate lines right under text the labeller read as body, ending a sentence, which say
    who made that text or where it came from, close it; they head no article: a role credit (`文/本报记者 徐瑞刚`,
    `图/徐翔 牛红岩`), a sign-off in brackets (`（杨双平 侯晓雪）`; broken over lines by a narrow column,
    `（王晓蓉 张岸` / `林）`, or its names run together, `（王晓蓉张岸林）`), a web page's link to the rest
    (`［详细］`, which reprints keep as their last words), a reprint's original title in
    brackets (`（原题为《雄安新区第二批征` / `迁安置工作启动涉及三县56个` / `村》）`, to the line
    closing its bracket). They are body text of the article above, to the photo's credit
    (`（徐翔 摄）`): a credit under that is the next article's byline. Returns the tags with those
    lines made body. (Text only: a page the PDF reader parted keeps its display type's tags.)"""
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
            owed = unclosed(lines[i].text)
            while owed and j + 1 < len(lines) and out[j + 1] == "candidate" and j - i < ORIGINAL_NOTE_LINES - 1:
                j += 1
                owed = unclosed("".join(line.text for line in lines[i : j + 1]))
            j = j + 1 if not owed else i
        else:
            while j < len(lines) and out[j] == "candidate":
                run = 1 if ROLE_CREDIT_RE.match(lines[j].text.strip()) or LINK_LABEL_RE.match(lines[j].text.strip()) else 0
                run = run or sign_off_over([line.text for line in lines[j : j + _candidates_from(out, j, SIGN_OFF_LINES)]])
                if not run:
                    break
                j += run
                if photo_credit(lines[j - 1].text):
                    break  # the photo's credit closes them: a credit under it is the next article's byline
        out[i:j] = ["body"] * (j - i)
        i = max(j, i + 1)
    return out


def _candidates_from(tags: list[str], j: int, most: int) -> int:
    """How many lines from j on (`most` at most) are tagged candidate, one after another."""
    k = j
    while k < len(tags) and tags[k] == "candidate" and k - j < most:
        k += 1
    return k - j


def body_under_headings(tags: list[str]) -> None:
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


def without_repeated_leads(lines: list[CleanLine], tags: list[str], removed: list[str]) -> tuple[list[CleanLine], list[str]]:
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
