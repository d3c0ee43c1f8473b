"""Printed furniture drawn afresh (`--vary-furniture`): a development article reprinted with the
datelines, bylines, kickers, subtitles, headlines, sign-offs and paragraph openings Chinese
newspapers really use, so that the segmenter meets furniture no development article carries.

The catalogue is written from general knowledge of how Chinese papers set a report, never
from any page of a set:
- datelines run into the first paragraph: `新华社太原5月3日电（记者 X Y）`, `本报讯（记者 X
  通讯员 Y）`, `央广网吕梁5月3日消息（记者 X）`, `本报记者 X 报道`, `据山西日报报道`, `中新网
  太原5月3日电 （X）`, `本报5月3日讯（记者 X）`, `吕梁日报讯`, `■本报记者 X`;
- bylines printed apart over the body: `文/图 X`, `记者 X 实习生 Y`, `□ 本报通讯员 X`,
  `本报记者 X Y`, `文 X 图 Y`, `◎ 记者 X`;
- kickers of one line (`——聚焦…`, `【…】`, a place) and subtitles of one or two lines;
- headlines of 4 to 30 characters over one to three lines, with inner punctuation, quotes,
  digits and Latin letters, made from the article's own clauses;
- sign-offs: `（X）`, `（X Y）`, `（来源：山西日报）`, `（编辑 X）`, `（责任编辑：X）`, `（X 整理）`;
- paragraphs opening with a quotation, a date or a number (`5月3日，`, `2025年，`, `1.`), or a
  section head of a few characters (`■ 做强产业`, `【产业】`, `一、…`).
Names are drawn from common surnames and given-name characters (no real person intended).
Every text besides the furniture is the article's own; the answer key follows what is printed
(page.py keys the piece returned here).
"""

from __future__ import annotations

import dataclasses
import re

from .sources import HAN, Piece

SHARE = 0.8  # share of eligible printings given new furniture
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建文斌宇浩凯健俊帆帅旭宁亮波晶婷雪琳璐佳欣怡晨阳峰雷鑫鹏飞云龙海燕春梅丹凤"
PLACES = ("太原", "吕梁", "离石", "汾阳", "孝义", "兴县", "临县", "柳林", "北京", "大同", "运城", "临汾")
AGENCIES = ("新华社", "中新网", "央广网", "人民网", "山西新闻网")
PAPERS = ("山西日报", "吕梁日报", "山西晚报", "太原日报", "人民日报", "黄河新闻网")
DATELINES = ("agency", "agency_names_paren", "benbao", "benbao_date", "benbao_two", "reporter_report", "according",
             "square", "paper_xun", "cctv")
BYLINES = ("wentu", "reporter_intern", "square_correspondent", "two_reporters", "wen_tu", "circle")
SIGNOFFS = ("names", "source", "editor", "chief_editor", "compiled")
OPENINGS = ("date", "year", "number", "quote", "head")
CLAUSE_RE = re.compile(rf"[{HAN}\w“”《》·%\-]{{4,16}}")
CREDIT_CLAUSE_RE = re.compile(r"记者|通讯员|实习生")
# A dateline opening a paragraph or a sentence (`本报讯`, `新华社太原5月3日电`).
INNER_DATELINE_RE = re.compile(rf"(?:^|(?<=[。！？”]))(?:本报|[{HAN}]{{1,6}}[社报网台][{HAN}]{{0,4}}?)(?:\d{{1,2}}月\d{{1,2}}日)?(?:讯|电(?!话))")


def name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 1, 2])))


def _date(rng) -> str:
    return f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


def dateline(rng, a: str, b: str) -> str:
    form = rng.choice(DATELINES)
    place, date = rng.choice(PLACES), _date(rng)
    return {
        "agency": f"{rng.choice(AGENCIES[:2])}{place}{date}电（记者 {a} {b}）",
        "agency_names_paren": f"中新网{place}{date}电 （{a}）",
        "benbao": f"本报讯（记者 {a} 通讯员 {b}）",
        "benbao_date": f"本报{date}讯（记者 {a}）",
        "benbao_two": f"本报讯 （记者 {a}　{b}）",
        "reporter_report": f"本报记者 {a} 报道",
        "according": f"据{rng.choice(PAPERS)}报道",
        "square": f"■本报记者 {a}",
        "paper_xun": f"{rng.choice(PAPERS[:3])}讯（记者 {a}）",
        "cctv": f"央广网{place}{date}消息（记者 {a}）",
    }[form]


def byline(rng, a: str, b: str) -> str:
    return {
        "wentu": f"文/图 {a}",
        "reporter_intern": f"记者 {a} 实习生 {b}",
        "square_correspondent": f"□ 本报通讯员 {a}",
        "two_reporters": f"本报记者 {a} {b}",
        "wen_tu": f"文 {a} 图 {b}",
        "circle": f"◎ 记者 {a}",
    }[rng.choice(BYLINES)]


def signoff(rng, a: str, b: str) -> str:
    return {
        "names": rng.choice([f"（{a}）", f"（{a} {b}）"]),
        "source": f"（来源：{rng.choice(PAPERS)}）",
        "editor": f"（编辑 {a}）",
        "chief_editor": f"（责任编辑：{a}）",
        "compiled": f"（{a} 整理）",
    }[rng.choice(SIGNOFFS)]


def _clauses(piece: Piece) -> list[str]:
    """The article's clauses that a headline, kicker or section head may be made of: not one
    opening with the quote that closed the sentence before (`”此次活动`), nor a reporter's
    credit inside the text (`（记者李秋萌）`), which no paper prints as a head."""
    text = "".join(piece.paragraphs)
    return [c for c in re.split(r"[，。；：！？、（）()]", text) if CLAUSE_RE.fullmatch(c) and c[0] not in "”》" and not CREDIT_CLAUSE_RE.search(c)]


def headline(piece: Piece, rng) -> str | None:
    """A headline of 4 to 30 characters from the article's clauses: two clauses with a comma
    or a space between, a quoted phrase, a place and a colon, or a clause with its digits."""
    clauses = _clauses(piece)
    if not clauses:
        return None
    a = rng.choice(clauses)
    b = rng.choice(clauses)
    with_digits = [c for c in clauses if re.search(r"[0-9A-Za-z]", c)]
    form = rng.choice(["two", "space", "quote", "colon", "digits", "one"])
    if form == "digits" and with_digits:
        title = rng.choice(with_digits)
    elif form == "two" and a != b:
        title = f"{a}，{b}"
    elif form == "space" and a != b:
        title = f"{a} {b}"
    elif form == "quote" and len(a) >= 6:
        k = rng.randint(0, len(a) - 4)
        title = f"{a[:k]}“{a[k:k + 4]}”{a[k + 4:]}" + rng.choice(["", "！", "？"])
    elif form == "colon":
        title = f"{rng.choice(PLACES)}：{a}"
    else:
        title = a
    return title if 4 <= len(title) <= 30 else None


def _opening(paragraph: str, rng, kind: str) -> str:
    if kind == "date":
        return f"{_date(rng)}，{paragraph}"
    if kind == "year":
        return f"{rng.randint(2015, 2025)}年，{paragraph}"
    if kind == "number":
        return f"{rng.randint(2, 98)}{rng.choice(['个', '家', '项', '%的'])}{paragraph}"
    if kind == "quote":  # its first words quoted: the same text
        n = rng.randint(6, 14)
        return f"“{paragraph[:n]}”{paragraph[n:]}"
    return paragraph


def with_furniture(piece: Piece, rng) -> tuple[Piece, list[str]]:
    """The piece with furniture drawn from the catalogue, and the layout features naming
    what was drawn (empty: printed as it came)."""
    if piece.kind not in ("news", "feature", "commentary") or piece.signature or rng.random() >= SHARE:
        return piece, []
    a, b = name(rng), name(rng)
    while b == a:
        b = name(rng)
    feats: list[str] = []
    changes: dict = {}
    title = headline(piece, rng) if rng.random() < 0.6 else None
    if title:
        changes["title"], changes["title_generated"] = title, False
        feats.append("fresh_headline")
    clauses = _clauses(piece)
    if clauses and rng.random() < 0.35:
        c = rng.choice(clauses)
        changes["kicker"] = rng.choice([f"——聚焦{c[:10]}", f"【{c[:8]}】", c[:14], f"{rng.choice(PLACES)}·{c[:8]}"])
        feats.append("fresh_kicker")
    if clauses and rng.random() < 0.35:
        c = "，".join(rng.sample(clauses, min(len(clauses), rng.choice([1, 2, 3]))))
        changes["subtitle"] = c[:40]
        feats.append("fresh_subtitle")
    roll = rng.random()
    # A report whose own dateline opens a later sentence (a summary, then `本报讯…`) is given no
    # second one in front: no paper prints a report under two datelines.
    dated_inside = any(m.start() > 0 or k > 0 for k, p in enumerate(piece.paragraphs) for m in INNER_DATELINE_RE.finditer(p))
    if roll < 0.55 and not dated_inside:  # a dateline runs into the lead paragraph
        printed = dateline(rng, a, b)
        changes.update(dateline=printed, byline=" ".join(n for n in (a, b) if n in printed) or None, float_byline=None)
        feats.append("fresh_dateline")
    elif 0.55 <= roll < 0.85:  # a byline printed apart, no dateline
        changes.update(dateline=None, lead_at=0, byline=f"{a} {b}", float_byline=byline(rng, a, b))
        feats.append("fresh_byline")
    if rng.random() < 0.4:
        changes["signoff"] = signoff(rng, a, b)
        feats.append("fresh_signoff")
    paragraphs = list(changes.get("paragraphs", piece.paragraphs))
    if len(paragraphs) >= piece.lead_at + 2 and rng.random() < 0.5:
        kind = rng.choice(OPENINGS)
        k = rng.randrange(piece.lead_at + 1, len(paragraphs))  # after the paragraph the dateline opens
        heads = set(piece.heads)
        if kind == "head" and clauses and k not in heads and k - 1 not in heads:
            head = rng.choice([f"■ {clauses[0][:6]}", f"【{clauses[-1][:4]}】", f"一、{clauses[0][:8]}"])
            paragraphs.insert(k, head)
            heads = {h + (h >= k) for h in heads} | {k}
            changes["heads"] = heads
            feats.append("opening:head")
        elif kind != "head":
            paragraphs[k] = _opening(paragraphs[k], rng, kind)
            feats.append(f"opening:{kind}")
        changes["paragraphs"] = paragraphs
    return dataclasses.replace(piece, **changes), feats
