"""Newsroom labels around an article's text: datelines, bylines and credits.

One grammar for every stage that reads them: segmentation (a dateline opens a report, a
photo credit closes a caption) and key sentences (labels at a sentence's edges are not
content).
"""

from __future__ import annotations

import re
from collections import Counter

from .clean import HAN

NAME = rf"[{HAN}]{{2,4}}"
NAMES = rf"{NAME}(?:[\s、]+{NAME})*"
# Who: `记者`, `本报记者`, `实习记者`, `通讯员`, `责任编辑`… (ROLE_WORDS: segment/names.py strips
# them from a sign-off broken over lines too), directly before the name or not; `文`, `图`, `文/图`
# only with a separator (`文/图 张三`, `图：李四`), never glued to a word (文明).
ROLE_WORDS = r"(?:本报|本刊|特约|首席|实习|整理)*(?:记者|通讯员|实习生|摄影|责任编辑|编辑|校对|审核|作者)"
ROLE = rf"(?:{ROLE_WORDS}[\s:：/]*|(?:文|图|文/图|图/文|文图)[\s:：/]+)"
# One credit: roles and names, optionally what they did (`记者 张三 李四 摄`, `通讯员 王五 供图`),
# or names and what they did (`肖继旺 摄`).
CREDIT = rf"(?:{ROLE}{NAMES}(?:\s*{ROLE}{NAMES})*\s*(?:摄影?|供图|报道|整理)?|{NAMES}\s*(?:摄影?|供图))"
# A news organ: 本报, 科学导报, 黄河新闻网, 新华社, 廉政中国, 山西日报, 市场信息报.
ORGAN = rf"(?:本报|[{HAN}]{{1,8}}?(?:报|网|社|台|新闻|中国|客户端))"
_DAY = r"\d{1,2}月\d{1,2}日"
# A dateline opens a report: who reports, from where and when. 本报讯, 黄河新闻网吕梁讯,
# 南都讯, 本报太原3月24日讯, 新华社太原3月24日电, 本报临汾消息; 喜讯 or 通讯 is a word, not one.
# 闻讯 (but 新闻讯), 传讯, 审讯, 问讯, 死讯, 刑讯, 提讯 are words too: `…民警闻讯` or `本报记者闻讯`
# opening or ending a column line is no dateline.
_XUN = r"(?:(?<![喜资通简快短音闻传审问死刑提])|(?<=新闻))讯"
_NAMED_DATELINE = rf"本报讯|科学导报讯|本报[{HAN}]{{1,6}}?(?:{_DAY})?(?:{_XUN}|电|消息)|{ORGAN}[{HAN}]{{0,6}}?{_DAY}(?:讯|电)"
_WHO = rf"[{HAN}]{{2,10}}{_XUN}"  # who reports, a place or an organ: `黄河新闻网吕梁讯`, `南都讯`
_THEN_TEXT = r"(?=\s|[（(]|记者|通讯员)"  # what follows 讯: a space, the reporters
DATELINE = rf"(?:{_NAMED_DATELINE}|{_WHO}(?:{_THEN_TEXT}|$))"
# A dateline printed after its date (`2012年7月18日北京讯`, `2023年5月8日孝义市融媒体中心讯 …`):
# after a date, 讯 ending the line follows a place's few characters only; a longer name needs a
# space or the reporters after it (`7月18日晚间接到报警后民警闻讯` is a sentence's first line).
DATED_DATELINE = (rf"(?:(?:(?:19|20)\d{{2}}年(?:{_DAY})?|{_DAY})(?:{_NAMED_DATELINE}"
                  rf"|[{HAN}]{{1,4}}{_XUN}(?:{_THEN_TEXT}|$)|{_WHO}{_THEN_TEXT}))")
# A photo credit at the end of a caption line: `记者 郭炳中 摄`, `（郭炳中 摄）`, `■整理编辑：王琪 记者 杜爱清 摄`,
# `通讯员 王五 供图`, after the caption's last sentence or on a line of its own.
# (Names run together, `侯利军薛汇宇供图`, are what undoubling fake bold leaves of `侯利军 薛汇宇`.)
# After a role the names may run together whatever their number (`本报记者徐瑞刚徐翔牛红岩田雨郭赟摄`:
# an engine that draws the gaps between names as spacing, with no space glyph).
_PHOTO = rf"(?:{ROLE}{NAMES}(?:\s*{ROLE}{NAMES})*|{ROLE}[{HAN}]{{2,16}}|{NAMES}|[{HAN}]{{4,8}})\s*(?:(?<!拍)摄影?|供图)"  # 拍摄 is a verb, no credit
PHOTO_CREDIT_RE = re.compile(rf"(?:^|(?<=[。！？”’）)]))\s*[■□●▲◆]?\s*(?:[（(]\s*{_PHOTO}\s*[）)]|{_PHOTO})$")
# The second and later photos of one caption group (`图②…`, `图2：…`): a credit before one closes no caption.
NEXT_PHOTO_RE = re.compile(r"^图\s*[②-⑩]|^图\s*[2-9]\s*[：:、）)]")
_ROLE_RE = re.compile(ROLE)
BULLET = "■□●○▲△◆◇"  # the marks a floating byline or a credit may open with
# A line that opens a report with its dateline (`本报讯`, `新华社太原3月24日电`…).
LEAD_START_RE = re.compile(rf"^\s*(?:{DATELINE})")
# The label a paper sets before a report's summary or an editor's note over it (`【核心提示】`,
# `编者按：`, `导读：`): the text it opens is the front of the report under it, never an article.
_SUMMARY_LABEL = r"(?:核心提示|内容提要|提要|导读|编者按|编者的话|编前语?)"
# Unbracketed, the label ends in a colon, a bar or a dash, or is its line's whole text (`提要求…` is no label).
SUMMARY_LABEL_RE = re.compile(rf"^\s*(?:[【\[［〔]\s*{_SUMMARY_LABEL}\s*[】\]］〕]|{_SUMMARY_LABEL}\s*(?:[：:︰　 丨|｜—－\n]+|$))")


# What a byline slot may hold that names no one: a role (`文`, `摄`), or where the text came
# from (`（本报综合）`, `综合报道`: compiled by the desk), which signs a report off like a name.
_BYLINE_LABEL_RE = re.compile(r"^(?:文|图|文图|图文|摄影?|撰|供图|(?:本报|本刊|本网)?(?:综合|综述|整理|编译)(?:报道|消息)?)$")


def clean_byline(byline: str | None, removed: list[str] | None = None, paper: str | None = None) -> str | None:
    """Names only: what they did (`杨凯飞撰`, `张三 摄`, `文/李四`) is not part of a byline, nor a
    role label before them, set apart or glued to them (`记者 X`, `记者韩旭`, `通讯员王五`, the
    issue's own `paper`'s `科学导报记者` in 科学导报); another paper's stays (`山西日报记者 X`).
    Names run together stay one (`张娟娟李江姗`: where to cut is not printed). A name printed
    twice is named once. What goes of a label or a repeat is added to `removed` (what cleaning
    removed), if given."""
    if not byline:
        return byline
    own_label = re.compile(rf"^(?:本报|{re.escape(paper)})?(?:实习)?(?:记者|通讯员)" if paper else r"^(?:本报)?(?:实习)?(?:记者|通讯员)")
    names = []
    for token in byline.replace("/", " ").replace("／", " ").split():
        # A role label glued to the names after it (`记者韩旭`, `本报记者张三`) is a label all the same.
        if (glued := own_label.match(token)) and re.fullmatch(rf"[{HAN}]{{2,}}", token[glued.end():]):
            if removed is not None:
                removed.append(glued.group())
            token = token[glued.end():]
        token = re.sub(r"^(?:文|图)[：:]", "", token)
        token = re.sub(rf"(?<=[{HAN}]{{2}})(?:撰|摄影|摄|供图)$", "", token)
        if own_label.fullmatch(token) and removed is not None:
            removed.append(token)
        elif token and not _BYLINE_LABEL_RE.match(token) and not own_label.fullmatch(token):
            names.append(token)
    unique = list(dict.fromkeys(names))
    if removed is not None:
        removed.extend((Counter(names) - Counter(unique)).elements())
    return " ".join(unique) or None


# A line that only names who wrote, edited or took the pictures (`■整理编辑：王琪`, `摄影：陈辛华`,
# `文/本报记者 徐瑞刚`): a role is required, so a name alone is not one.
ROLE_CREDIT_RE = re.compile(rf"^[{BULLET}]?\s*{ROLE}{NAMES}(?:\s*{ROLE}{NAMES})*$")


# An editor's credit run into the photo credit after it (`■整理编辑：王琪 记者 杜爱清 摄`,
# `■整理编辑：王琪 杜爱清 摄`): the role names no photographer; the names after its first are
# the photo credit's.
_EDITOR_RE = re.compile(rf"\s*[{BULLET}]?\s*(?:本报|本刊)?(?:整理|责任编辑|编辑|校对|审核)+[\s:：/]*{NAME}(?:\s*(?={ROLE})|\s+(?={NAME}))")


def photo_credit(text: str, keep_editors: bool = False) -> tuple[int, str] | None:
    """(where the credit starts, the names in it) when the line ends with a photo credit; with
    `keep_editors`, an editor's credit run into it is not part of it (it stays with the text)."""
    match = PHOTO_CREDIT_RE.search(text)
    if not match:
        return None
    start = match.start()
    if keep_editors and (editor := _EDITOR_RE.match(text, start)):
        start = editor.end()
    credit = re.sub(r"(?:摄影?|供图)$", "", re.sub(r"[（()）■□●▲◆]", " ", text[start:]).strip())
    names = " ".join(_ROLE_RE.sub(" ", credit).replace("、", " ").split())
    return start, names


# A notice's signature: the office that issued it, or the date under it, on a line of its own.
SIGNED_DATE_RE = re.compile(r"^(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$")
SIGNATURE_RE = re.compile(rf"^(?:中共)?[{HAN}]{{2,20}}(?:委员会|人民政府|办公室|监委|纪委|指挥部)$|^\d{{4}}年\d{{1,2}}月\d{{1,2}}日$")
# A sign-off in brackets on a line of its own: names, with their roles or not (`（宋春）`,
# `（编辑 傅辉明）`, `（责任编辑：X）`, `（X 整理）`).
SIGN_OFF_LINE_RE = re.compile(rf"^[（(]\s*(?:{CREDIT}|{NAMES}(?:\s*整理)?)\s*[）)]$")
# Where a report came from, on a line of its own after it (`（据《山西日报》）`, `（来源：人民网）`, `（本报综合）`).
SOURCE_LINE_RE = re.compile(r"^[（(]\s*(?:据|来源\s*[：:]|稿源\s*[：:]|转自|摘自|综合|本报综合)[^（）()]{0,30}[)）]$")


# A last sentence signed off on its line (`…具有重要意义。（王涛）`): the article ends there.
SIGNED_END_RE = re.compile(rf"[。！？”]（[{HAN}]{{2,4}}(?: [{HAN}]{{2,4}})*）$")


def signed_off(texts: list[str]) -> bool:
    """The last of `texts` (lines, in order) ends a signed-off sentence: the sign-off on that
    line, or broken over the last two, inside a name (`…秩序。（王晓蓉 张` + `岸林）`) or at the
    space between two (`…秩序。（王晓蓉` + `张岸林）`). A bracket after no sentence end
    (`…管理办法（试行）`) is no sign-off."""
    last = texts[-1]
    if SIGNED_END_RE.search(last):
        return True
    if len(texts) < 2 or not last.endswith("）") or "（" in last:
        return False
    return any(SIGNED_END_RE.search(texts[-2] + joint + last) for joint in ("", " "))
