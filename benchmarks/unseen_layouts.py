"""Segmentation on issues it has never seen: new 吕梁日报 pages made from the sample articles.

    python benchmarks/unseen_layouts.py [--issues 40] [--seed 1] [--out DIR] [--misses] [--per-issue]
    python benchmarks/unseen_layouts.py --fixtures tests/fixtures/unseen --pick 3,7,12,20

The sample issues in seeds/ score 100%, but the segmenter was tuned on them. This script
takes every 吕梁日报 article of the samples (found in the seed by the answer key's first and
last 12 Han characters; 001 is Markdown from another paper and is skipped, and so are the
two 002 articles the page prints in pieces and the 上接 fragment), and lays them out again the
way the real pages do, with a seeded random generator:

- 3 to 6 articles per page in a new order (sometimes one of them a photo);
- each body re-wrapped to a column of 11 to 22 characters, the first line of every
  paragraph 2 characters shorter (the indent the extraction lost), blank lines thrown in
  between lines, a few lines letter-spaced (`投 诉 举 报`), sometimes `4 月 10 日` spacing;
- the dateline lead `本报讯 （记者 X）` at the start of the body;
- the headlines printed AFTER the bodies as a group, in an order different from the bodies
  (sometimes one headline right before its body instead; sometimes the page is two such
  blocks); a long headline broken over two lines mid-phrase, sometimes a short one too;
  a kicker line above a headline (the seed's own, or the county/town the body starts with);
  the printed subtitle, `——` where the seed had one;
- photo captions ending `记者 X 摄` (on the caption's last line or a line of their own),
  floating `□ 本报记者 X` bylines (right above their feature or earlier on the page),
  an article cut short with `(下转4版)`, the notice's signature block, a `（肖继旺）` sign-off.

Each page and its answer key (the schema of tests/fixtures/segmentation/*.json) is written to
--out; the segmenter runs on each page as benchmarks/segmentation.py runs it (through
digest.pipeline.process_issue) and the same table is printed, over all pages and then for
the articles showing each layout feature. --misses lists every miss with the layout of the
article and what the segmenter made of it. --fixtures DIR writes the pages chosen with
--pick (or the first five) there, for tests/test_unseen_layouts.py.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYS = ROOT / "tests" / "fixtures" / "segmentation"
SEEDS = ROOT / "seeds"

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")
SENTENCE_END = "。！？…"
CLOSERS = "”’」』）)》"
NO_LINE_START = "，。、；：？！”’）》…%％"  # never printed at the start of a line
NO_LINE_END = "“‘（《"  # never printed at the end of a line
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
NAMES = f"[{HAN}]{{2,4}}(?:\\s+[{HAN}]{{2,4}})*"
CREDIT_RE = re.compile(rf"^((?:实习)?记者)?\s*({NAMES})\s*摄$")
SIGNOFF_RE = re.compile(rf"^[（(]\s*([{HAN}]{{2,4}})\s*[）)]$")
SIGNATURE_RE = re.compile(rf"^(?:中共)?[{HAN}]{{2,20}}(?:委员会|人民政府|办公室|监委|纪委|指挥部)$|^\d{{4}}年\d{{1,2}}月\d{{1,2}}日$")
LEAD_RE = re.compile(r"^本报讯\s*(?:（([^）]{0,40})）)?\s*")
COUPLET_RE = re.compile(rf"^[{HAN}]{{2,8}} [{HAN}]{{2,8}}$")
PLACE_SUFFIXES = ("县", "市", "区", "镇", "乡", "村", "开发区", "园区")
COUNTIES = ("离石区", "文水县", "交城县", "兴县", "临县", "柳林县", "石楼县", "岚县", "方山县", "中阳县", "交口县", "孝义市", "汾阳市")
# Pieces of the sample pages that are not one article printed in one run: left out.
SKIP = {
    "实干担当为民造福": "printed in two runs with the 熊义志 meeting wedged in between",
    "熊义志主持召开市政府党组(扩大)会议": "its second half is printed inside the 政绩观 commentary",
}
PAPER_SKIP = {"001_f2b228228f5e40ef.json": "Markdown page of 科学导报, not a 吕梁日报 layout"}


def han_only(text: str) -> str:
    return "".join(HAN_RE.findall(text))


def width(text: str) -> float:
    """Printed width in Chinese characters: ASCII (digits, Latin) is half as wide."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


# ---------------------------------------------------------------------------------------
# Reading the sample articles out of the seeds


def _undouble(line: str) -> str:
    """Bold text extracted with every run printed twice (`55月月 11日日`): keep one copy."""
    compact = line.replace(" ", "")
    out, i, doubled = [], 0, 0
    while i < len(compact):
        for k in range(1, min(40, (len(compact) - i) // 2) + 1):
            if compact[i : i + k] == compact[i + k : i + 2 * k]:
                out.append(compact[i : i + k])
                doubled, i = doubled + 2 * k, i + 2 * k
                break
        else:
            out.append(compact[i])
            i += 1
    return "".join(out) if len(compact) >= 6 and doubled >= 0.8 * len(compact) else line


def _normalize(raw: str) -> str:
    """One seed line as plain text: no layout spaces, full-width punctuation next to Chinese."""
    line = _undouble(raw.strip())
    tokens = line.split()
    spaced = len(tokens) >= 4 and sum(1 for t in tokens if len(t) <= 2) >= 0.4 * len(tokens)
    line = re.sub(r"\s+", " ", line)
    out = []
    for i, ch in enumerate(line):
        if ch == " ":
            left, right = line[i - 1], line[i + 1]
            if (left.isascii() and right.isascii()) or (not spaced and HAN_RE.match(left) and HAN_RE.match(right)):
                out.append(ch)
            continue
        out.append(ch)
    line = "".join(out)
    chars = list(line)
    for i, ch in enumerate(chars):
        if ch in HALF_TO_FULL:
            left = chars[i - 1] if i else ""
            right = chars[i + 1] if i + 1 < len(chars) else ""
            if not (left.isdigit() and right.isdigit()) and (not left.isascii() or not right.isascii() or (left.isdigit() and not right)):
                chars[i] = HALF_TO_FULL[ch]
    line = "".join(chars)
    line = re.sub(r"\(([^()]*)\)", lambda m: f"（{m.group(1)}）" if han_only(m.group(0)) else m.group(0), line)
    return line.replace("﹃", "“").replace("﹄", "”")


@dataclass
class Source:
    """One sample article as the generator reuses it."""

    seed: str
    title: str | None
    subtitle: str | None
    printed_subtitle: str | None  # as the seed prints it (`孙大军讲话 熊义志主持`)
    subtitle_dash: bool  # the seed prints the subtitle as `——…`
    kicker: str | None  # the seed's own kicker line above the headline
    kind: str
    byline: str | None
    lvliang: bool
    lead: str | None  # `本报讯 （记者 X）`, or None
    paragraphs: list[str]  # body after the lead; a section head is a paragraph marked by HEAD
    credit: str | None = None  # photo credit `记者 X 摄`
    signoff: str | None = None  # `（肖继旺）`
    signature: list[str] = field(default_factory=list)  # a notice's signing body and date
    float_byline: str | None = None  # `□ 本报记者 X`
    first: str = ""
    last: str = ""


HEAD = "\x00"  # marks a section head paragraph (kept as printed lines, never re-wrapped)


def _render_lead(inner: str | None, byline: str | None) -> str:
    if inner is None or not byline:
        return "本报讯"
    names = byline.split()
    if "通讯员" in inner and len(names) == 2:
        return f"本报讯 （记者 {names[0]} 通讯员 {names[1]}）"
    role = "实习记者" if han_only(inner).startswith("实习记者") else "记者"
    return f"本报讯 （{role} {' '.join(names)}）"


def _join(lines: list[str]) -> list[str]:
    """Column lines into paragraphs: a paragraph ends where a line ends a sentence; a two-line
    section head (`政策铺路 校地共建` / `科技创新氛围渐浓`) is kept as its own lines."""
    paragraphs: list[str] = []
    current = ""
    k = 0
    while k < len(lines):
        line = lines[k]
        if not current and COUPLET_RE.match(line):
            head = [line]
            if k + 1 < len(lines) and len(han_only(lines[k + 1])) <= 10 and not re.search(r"[，。；：！？]", lines[k + 1]):
                head.append(lines[k + 1])
            paragraphs.append(HEAD + "\n".join(head))
            k += len(head)
            continue
        if current and current[-1].isascii() and current[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            current += " "
        current += line
        if ends_sentence(line):
            paragraphs.append(current)
            current = ""
        k += 1
    if current:
        paragraphs.append(current)
    return paragraphs


def _find_headline(lines: list[str], title: str) -> tuple[int, int] | None:
    """The seed lines [a, b) that print `title` (one, two or three lines)."""
    want = han_only(title)
    for a in range(len(lines)):
        for b in range(a + 1, min(a + 4, len(lines) + 1)):
            got = han_only("".join(lines[a:b]))
            if got == want:
                return a, b
            if not want.startswith(got):
                break
    return None


def _is_kicker(text: str) -> bool:
    if re.search(r"[，。；：！？、]", text):
        return False
    place = len(text) <= 12 and " " not in text and text.endswith(PLACE_SUFFIXES)
    return place or bool(COUPLET_RE.match(text))


def load_sources() -> tuple[list[Source], list[str]]:
    """Every usable 吕梁日报 article of the samples, and a note for each one left out."""
    sources: list[Source] = []
    skipped: list[str] = []
    seen_firsts: set[str] = set()
    for key_path in sorted(KEYS.glob("*.json")):
        if key_path.name in PAPER_SKIP:
            skipped.append(f"{key_path.name}: {PAPER_SKIP[key_path.name]}")
            continue
        key = json.loads(key_path.read_text(encoding="utf-8"))
        raw = (SEEDS / key["source"]).read_text(encoding="utf-8")
        lines = [n for n in (_normalize(r) for r in raw.split("\n")) if n]
        proj, where = [], []  # Han projection of the page, and (line, column) of each character
        for li, line in enumerate(lines):
            for ci, ch in enumerate(line):
                if HAN_RE.match(ch):
                    proj.append(ch)
                    where.append((li, ci))
        page = "".join(proj)
        firsts = [e["first"] for e in key["articles"]]
        for entry in key["articles"]:
            label = f"{key['source']}: {entry['title'] or entry['first']}"
            if entry["title"] in SKIP:
                skipped.append(f"{label}: {SKIP[entry['title']]}")
                continue
            if entry["kind"] == "fragment":
                skipped.append(f"{label}: a 上接 fragment, not a whole article")
                continue
            if entry["first"] in seen_firsts:
                skipped.append(f"{label}: printed again (already taken from an earlier seed)")
                continue
            start = page.find(entry["first"])
            end = page.find(entry["last"], start) + len(entry["last"]) - 1 if start >= 0 else -1
            if start < 0 or end < start or any(f != entry["first"] and f in page[start : end + 1] for f in firsts):
                skipped.append(f"{label}: not one run of lines in the seed")
                continue
            (l0, _), (l1, c1) = where[start], where[end]
            # A dateline lead broken over lines (`本报讯 （记者 刘沛` / `林）9月17日…`) starts above.
            for back in (1, 2):
                if l0 - back >= 0 and lines[l0 - back].startswith("本报讯") and not ends_sentence(lines[l0 - back]):
                    l0 -= back
                    break
            body = lines[l0 : l1 + 1]
            cut = c1 + 1
            while cut < len(body[-1]) and body[-1][cut] in SENTENCE_END + CLOSERS + "，":
                cut += 1
            rest = body[-1][cut:].strip()
            body[-1] = body[-1][:cut]
            after = lines[l1 + 1 : l1 + 6]
            source = _source_from(key["source"], entry, body, rest, after, lines)
            if source.first != entry["first"] or source.last != entry["last"]:
                skipped.append(f"{label}: extracted body does not match the key ({source.first}…{source.last})")
                continue
            seen_firsts.add(entry["first"])
            sources.append(source)
    return sources, skipped


def _source_from(seed: str, entry: dict, body: list[str], rest: str, after: list[str], lines: list[str]) -> Source:
    paragraphs = _join(body)
    lead_inner: str | None = None
    lead = None
    match = LEAD_RE.match(paragraphs[0])
    if match:
        lead_inner = match.group(1)
        lead = _render_lead(lead_inner, entry["byline"])
        paragraphs[0] = paragraphs[0][match.end() :]
    credit = signoff = None
    signature: list[str] = []
    if entry["kind"] == "photo":
        text = rest or (after[0] if after else "")
        m = CREDIT_RE.match(text)
        if m:
            credit = f"{'记者 ' if m.group(1) else ''}{entry['byline']} 摄"
    elif after and SIGNOFF_RE.match(after[0]):
        signoff = f"（{SIGNOFF_RE.match(after[0]).group(1)}）"
    elif entry["kind"] == "notice":
        for text in after:
            if not SIGNATURE_RE.match(text):
                break
            signature.append(text)
    title = entry["title"].replace("﹃", "“").replace("﹄", "”") if entry["title"] else None
    kicker, dash = None, False
    printed_subtitle = entry["subtitle"]
    if title:
        found = _find_headline(lines, title)
        if found:
            a, b = found
            if a and _is_kicker(lines[a - 1]):
                kicker = lines[a - 1]
            dash = b < len(lines) and lines[b].startswith("——")
            if b < len(lines) and entry["subtitle"] and han_only(lines[b]) == han_only(entry["subtitle"]):
                printed_subtitle = lines[b].lstrip("—")
    float_byline = None
    if not lead and entry["kind"] == "feature" and entry["byline"]:
        printed = next((line for line in lines if line.startswith("□") and han_only(line).endswith(han_only(entry["byline"]))), "")
        float_byline = f"□ {'本报记者 ' if '本报记者' in printed else ''}{entry['byline']}"
    text = han_only("".join(paragraphs))
    return Source(
        seed=seed,
        title=title,
        subtitle=entry["subtitle"],
        printed_subtitle=printed_subtitle,
        subtitle_dash=dash,
        kicker=kicker,
        kind=entry["kind"],
        byline=entry["byline"],
        lvliang=entry["lvliang"],
        lead=lead,
        paragraphs=paragraphs,
        credit=credit,
        signoff=signoff,
        signature=signature,
        float_byline=float_byline,
        first=text[:12],
        last=text[-12:],
    )


# ---------------------------------------------------------------------------------------
# Laying out a new page


def _tokens(text: str) -> list[str]:
    """Unbreakable units: one Chinese character or punctuation mark, or a run of ASCII."""
    return re.findall(r"[A-Za-z0-9.%@/+\-]+|.", text)


def wrap(text: str, column: int, indent: int = 2) -> list[str]:
    """Wrap a paragraph to `column` characters, its first line `indent` shorter; punctuation
    that may not start a line hangs at the end of the one before, an opening quote moves down."""
    lines: list[str] = []
    line, used = "", 0.0
    limit = column - indent
    for token in _tokens(text):
        w = width(token)
        if line and used + w > limit and token[0] not in NO_LINE_START:
            carry = ""
            while line and line[-1] in NO_LINE_END:
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line)
            line, used, limit = carry, width(carry), column
        line += token
        used += w
    if line:
        lines.append(line)
    return lines


def letter_space(line: str) -> str:
    """A justified line as the extraction gives it: a space between every two characters."""
    return re.sub(r"([，。、；：）》]) ", r"\1", " ".join(_tokens(line)))


def space_numbers(line: str) -> str:
    """`4 月 10 日`: the extraction puts spaces around numbers set in Latin type."""
    return re.sub(r"(?<=[^\x00-\x7f])(?=[0-9])|(?<=[0-9])(?=[^\x00-\x7f，。、；：）”])", " ", line)


@dataclass
class Placed:
    """One article on a generated page and how it was laid out."""

    source: Source
    column: int = 15
    headline_before: bool = False
    headline_lines: list[str] = field(default_factory=list)
    float_at: int | None = None  # index in the body order before which the float byline is printed
    continued: bool = False  # cut short with (下转4版)
    marker: str = ""  # the continuation marker as printed
    paragraphs: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)

    def key(self) -> dict:
        text = han_only("".join(self.paragraphs))  # section heads are part of the article
        s = self.source
        return {
            "title": s.title,
            "subtitle": s.subtitle,
            "kind": s.kind,
            "byline": s.byline,
            "first": text[:12],
            "last": text[-12:],
            "lvliang": s.lvliang,
        }


def _break_headline(title: str, rng: random.Random) -> list[str]:
    """Two lines broken mid-phrase, somewhere in the middle third (never inside ASCII or
    right before punctuation)."""
    cuts = [k for k in range(len(title) // 3, 2 * len(title) // 3 + 1) if 2 <= k <= len(title) - 2 and title[k] not in NO_LINE_START and title[k - 1] not in NO_LINE_END and not (title[k - 1].isascii() and title[k].isascii())]
    if not cuts:
        return [title]
    k = rng.choice(cuts)
    return [title[:k], title[k:]]


def _place_kicker(source: Source) -> str | None:
    """A kicker made from the place the body starts with: `柳林县陈家湾镇`, `孝义市`."""
    start = "".join(p for p in source.paragraphs[:1])
    for county in COUNTIES:
        k = start.find(county)
        if k >= 0:
            town = re.match(rf"[{HAN}]{{2,3}}(?:镇|乡)", start[k + len(county) :])
            return county + (town.group(0) if town else "")
    return None


def _headline_block(placed: Placed, rng: random.Random) -> list[str]:
    s = placed.source
    out: list[str] = []
    kicker = s.kicker if s.kicker and rng.random() < 0.7 else (_place_kicker(s) if rng.random() < 0.2 else None)
    if kicker and han_only(kicker) in han_only(s.title or "")[:len(han_only(kicker))]:
        kicker = None  # `方山县` over `方山县在北理工…` reads as part of the headline
    if kicker:
        out.append(kicker)
        placed.features.append("kicker")
    if rng.random() < (0.6 if width(s.title) > 22 else 0.15 if len(han_only(s.title)) >= 10 else 0):
        lines = _break_headline(s.title, rng)
    else:
        lines = [s.title]
    if len(lines) > 1:
        placed.features.append("two-line headline")
    out.extend(lines)
    if s.subtitle:
        out.append(("——" if s.subtitle_dash else "") + s.printed_subtitle)
        placed.features.append("—— subtitle" if s.subtitle_dash else "subtitle")
    placed.headline_lines = out
    return out


def _body_lines(placed: Placed, rng: random.Random, style: dict) -> list[str]:
    """The article's printed lines: body (lead first), sign-off, signature, photo credit, marker."""
    s = placed.source
    column = placed.column
    paragraphs = list(s.paragraphs)
    if placed.continued:
        # Cut short at a line boundary past the middle, as a page does where (下转4版) follows.
        wrapped = [wrap(p, column) if not p.startswith(HEAD) else [p] for p in paragraphs]
        flat = [(i, j) for i, lines in enumerate(wrapped) for j in range(len(lines))]
        stop_i, stop_j = flat[rng.randint(len(flat) // 2, max(len(flat) // 2, len(flat) - 3))]
        paragraphs = paragraphs[:stop_i] + ["".join(wrapped[stop_i][: stop_j + 1])]
        if paragraphs[-1].startswith(HEAD):
            paragraphs.pop()
    placed.paragraphs = paragraphs
    out: list[str] = []
    for n, paragraph in enumerate(paragraphs):
        if paragraph.startswith(HEAD):
            out.extend(paragraph[1:].split("\n"))
            continue
        text = f"{s.lead} {paragraph}" if n == 0 and s.lead else paragraph
        lines = wrap(text, column)
        for k, line in enumerate(lines):
            if style["numbers"]:
                line = space_numbers(line)
            if rng.random() < style["spaced"] and len(line) >= 6 and k < len(lines) - 1:
                line = letter_space(line)
            if k == 0 and n == 0 and s.lead:
                line = " " + line  # the lead line keeps a space where its indent was
            lines[k] = line
        out.extend(lines)
    if s.kind == "photo" and s.credit:
        if rng.random() < 0.5:
            out[-1] += " " + s.credit
            placed.features.append("photo credit on the caption line")
        else:
            out.append(s.credit)
            placed.features.append("photo credit on its own line")
    if s.signoff and not placed.continued:
        out.append(s.signoff)
        placed.features.append("sign-off")
    if s.signature and not placed.continued:
        out.extend(s.signature)
        placed.features.append("signature")
    if placed.continued:
        marker = placed.marker = rng.choice(["(下转4版)", "（下转4版）"])
        if rng.random() < 0.5:
            out.append(marker)
        else:
            out[-1] += marker
        placed.features.append("(下转4版)")
    return out


def make_issue(sources: list[Source], rng: random.Random, name: str, one_column: bool = False) -> tuple[str, dict, list[Placed]]:
    """One page of 3 to 6 articles and its answer key."""
    texts = [s for s in sources if s.kind != "photo"]
    photos = [s for s in sources if s.kind == "photo"]
    n = rng.randint(3, 6)
    with_photo = rng.random() < 0.4
    chosen = rng.sample(texts, n - 1 if with_photo else n) + ([rng.choice(photos)] if with_photo else [])
    rng.shuffle(chosen)
    # The real pages print the notice at the top; now and then it lands lower down.
    notices = [s for s in chosen if s.kind == "notice"]
    if notices and rng.random() < 0.8:
        chosen.remove(notices[0])
        chosen.insert(0, notices[0])
    style = {"spaced": rng.choice([0.0, 0.03, 0.08]), "numbers": rng.random() < 0.5, "blank": rng.choice([0.0, 0.3, 0.7, 0.95])}
    placed = [Placed(source=s, column=rng.randint(11, 22)) for s in chosen]
    if one_column:  # diagnostic: every body on the page in the same column
        for p in placed:
            p.column = placed[0].column
    for p in placed:
        p.features.append(f"column {p.column}")
        if p.source.kind == "photo":
            p.features.append("photo")
            if rng.random() < 0.5:
                p.column = rng.randint(28, 44)
                p.features[0] = f"column {p.column}"
    # (下转4版): now and then one long article is cut short.
    long = [p for p in placed if p.source.kind in ("news", "feature") and sum(map(len, p.source.paragraphs)) > 500]
    if long and rng.random() < 0.25:
        rng.choice(long).continued = True
    titled = [p for p in placed if p.source.title]
    if titled and rng.random() < 0.35:
        chosen_before = rng.choice(titled)
        chosen_before.headline_before = True
        chosen_before.features.append("headline right before its body")
    # One block of bodies then their headlines, or (on longer pages) two such blocks.
    blocks = [placed]
    if len(placed) >= 4 and rng.random() < 0.3:
        cut = rng.randint(2, len(placed) - 2)
        blocks = [placed[:cut], placed[cut:]]
    block_starts = {0} | ({len(blocks[0])} if len(blocks) > 1 else set())
    for k, p in enumerate(placed):
        s = p.source
        if s.float_byline:
            p.float_at = k if rng.random() < 0.4 or k == 0 else rng.randint(0, k - 1)
        # A piece with no dateline lead (a notice, a feature) follows something that sets it
        # apart on the real pages: the top of the page, a headline, its byline. Only now and
        # then (as the 政绩观 commentary in 002) does it run straight on from another body.
        if s.lead or s.kind == "photo" or k in block_starts or p.headline_before or p.float_at == k:
            continue
        roll = rng.random()
        if roll < 0.4 and s.title:
            p.headline_before = True
            p.features.append("headline right before its body")
        elif roll < 0.8 and s.float_byline:
            p.float_at = k
        else:
            p.features.append("right after another body")
    for k, p in enumerate(placed):
        if p.float_at is not None:
            p.features.append("floating byline " + ("right above" if p.float_at == k else "earlier on the page"))
    out: list[str] = []
    index = 0
    for block in blocks:
        for p in block:
            for q in placed:
                if q.float_at == index and q is not p:
                    out.append(q.source.float_byline)
            if p.headline_before:
                out.extend(_headline_block(p, rng))
            if p.float_at == index:
                out.append(p.source.float_byline)
            out.extend(_body_lines(p, rng, style))
            index += 1
        group = [p for p in block if p.source.title and not p.headline_before]
        order = list(group)
        if len(order) > 1:
            while order == group:
                rng.shuffle(order)
        for p in order:
            p.features.append("headline in the group after the bodies")
            out.extend(_headline_block(p, rng))
    lines: list[str] = []
    for line in out:
        if lines and rng.random() < style["blank"]:
            lines.append("")
        lines.append(line)
    key = {
        "source": name,
        "articles": [p.key() for p in placed],
        "not_articles": [p.headline_lines[0] for p in placed if "kicker" in p.features] + [p.marker for p in placed if p.marker],
        "layout": [", ".join(p.features) for p in placed],
        "notes": (
            "Generated by benchmarks/unseen_layouts.py from the sample articles "
            + ", ".join(sorted({p.source.seed for p in placed}))
            + f"; page style: {style}. `layout` says how each article (in the order of `articles`) was printed."
        ),
    }
    return "\n".join(lines) + "\n", key, placed


def generate(count: int, seed: int, out: Path, one_column: bool = False) -> list[tuple[Path, dict, list[Placed]]]:
    sources, _ = load_sources()
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(count):
        rng = random.Random(f"unseen-{seed}-{i}")
        name = f"unseen_{seed}_{i:03d}.txt"
        text, key, placed = make_issue(sources, rng, name, one_column)
        (out / name).write_text(text, encoding="utf-8")
        (out / name.replace(".txt", ".json")).write_text(json.dumps(key, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        made.append((out / name, key, placed))
    return made


# ---------------------------------------------------------------------------------------
# Scoring


def _snippet(text: str, n: int = 18) -> str:
    text = text.replace("\n", "/")
    return text if len(text) <= 2 * n + 1 else f"{text[:n]}…{text[-n:]}"


def describe_misses(path: Path, key: dict, articles: list) -> list[str]:
    """Every miss of one page, with the article's layout and the output piece(s) involved."""
    from digest.evaluate import score_issue

    score = score_issue(articles, key)
    if not score.misses:
        return []
    bodies = [han_only(a.text) for a in articles]
    starts = {e["first"]: e for e in key["articles"]}
    out = [f"## {path}"]
    by_label = defaultdict(list)
    for miss in score.misses:
        label, _, what = miss.partition(": ")[2].rpartition(": ")
        by_label[label].append(what)
    for entry, layout in zip(key["articles"], key["layout"]):
        label = entry["title"] or entry["first"]
        if label not in by_label:
            continue
        out.append(f"- {label} [{layout}]: " + "; ".join(by_label[label]))
        for i, body in enumerate(bodies):
            holds = [("start" if entry["first"] in body else None), ("end" if entry["last"] in body else None)]
            holds = [h for h in holds if h]
            if holds:
                others = [starts[s]["title"] or s for s in starts if s != entry["first"] and s in body]
                a = articles[i]
                out.append(
                    f"    output #{i} holds its {'+'.join(holds)}: title {a.title!r}{' (generated)' if a.title_generated else ''}, kind {a.kind}, "
                    f"text {_snippet(a.text)!r}" + (f"; also holds the start of {others}" if others else "")
                )
    for i, body in enumerate(bodies):
        if not any(s in body for s in starts):
            a = articles[i]
            out.append(f"- spurious output #{i}: title {a.title!r}, kind {a.kind}, text {_snippet(a.text)!r}")
    return out


def entry_scores(articles: list, key: dict) -> list:
    """One Score per answer-key article, by the rules of digest.evaluate.score_issue (a page's
    spurious pieces belong to no one article, so they are left out)."""
    from digest.evaluate import Score

    bodies = [han_only(a.text) for a in articles]
    starts = [e["first"] for e in key["articles"]]
    scores = []
    for entry in key["articles"]:
        score = Score(articles=1)
        holders = [i for i, body in enumerate(bodies) if entry["first"] in body]
        if holders:
            i = holders[0]
            article = articles[i]
            others = [s for s in starts if s != entry["first"] and s in bodies[i]]
            score.exact = int(entry["last"] in bodies[i] and not others)
            if entry["title"]:
                score.titled = 1
                score.title_found = int(not article.title_generated and han_only(article.title or "") == han_only(entry["title"]))
            score.kind_right = int(article.kind == entry["kind"])
            score.lvliang_right = int(article.lvliang == entry["lvliang"])
        scores.append(score)  # like score_issue, an article whose start is lost counts only as not cut
    return scores


def run(made: list[tuple[Path, dict, list[Placed]]], show_misses: bool, per_issue: bool) -> None:
    from digest.config import BuildConfig
    from digest.enrich import load_gazetteer, load_themes
    from digest.evaluate import Score, score_issue
    from digest.ingest import read_issue
    from digest.pipeline import process_issue

    config, themes, gazetteer = BuildConfig(), load_themes(), load_gazetteer()
    total = Score()
    rows: list[tuple[str, Score]] = []
    by_feature: dict[str, Score] = defaultdict(Score)
    misses: list[str] = []
    for path, key, _ in made:
        issue = process_issue(read_issue(path), config, themes, gazetteer)
        score = score_issue(issue.articles, key)
        total.add(score)
        rows.append((path.name, score))
        for one, layout in zip(entry_scores(issue.articles, key), key["layout"]):
            for feature in _feature_names(layout):
                by_feature[feature].add(one)
        if show_misses:
            misses.extend(describe_misses(path, key, issue.articles))
    columns = list(total.rates())
    print("| issue | articles | " + " | ".join(columns) + " |")
    print("|---|---|" + "---|" * len(columns))
    for source, score in [*(rows if per_issue else []), (f"all ({len(made)} pages)", total)]:
        print(f"| {source} | {score.articles} | " + " | ".join(str(v) for v in score.rates().values()) + " |")
    print()
    print("| articles printed with | articles | " + " | ".join(c for c in columns if c != "spurious pieces") + " |")
    print("|---|---|" + "---|" * (len(columns) - 1))
    for feature in sorted(by_feature, key=lambda f: -by_feature[f].articles):
        score = by_feature[feature]
        rates = {k: v for k, v in score.rates().items() if k != "spurious pieces"}
        print(f"| {feature} | {score.articles} | " + " | ".join(str(v) for v in rates.values()) + " |")
    if show_misses:
        print()
        print("\n".join(misses) if misses else "no misses")


def _feature_names(layout: str) -> list[str]:
    names = []
    for part in layout.split(", "):
        if part.startswith("column "):
            w = int(part.split()[1])
            part = "column 11-14" if w <= 14 else "column 15-18" if w <= 18 else "column 19-22" if w <= 22 else "wide caption column"
        names.append(part)
    return names


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--issues", type=int, default=40, help="pages to generate (default 40)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, help="folder for the pages and keys (default: a temporary folder)")
    parser.add_argument("--misses", action="store_true", help="list every miss with its layout and the output pieces")
    parser.add_argument("--per-issue", action="store_true", help="one table row per page")
    parser.add_argument("--one-column", action="store_true", help="diagnostic: set every body of a page in the same column width")
    parser.add_argument("--sources", action="store_true", help="list the sample articles used and those left out, then stop")
    parser.add_argument("--fixtures", type=Path, help="copy the pages chosen with --pick (default the first five) and their keys here, then stop")
    parser.add_argument("--pick", default="0,1,2,3,4", help="page numbers for --fixtures, comma-separated")
    args = parser.parse_args(argv)
    if args.sources:
        sources, skipped = load_sources()
        for s in sources:
            print(f"{s.seed}  {s.kind:10} {s.title or '(no headline)'}  [{s.first}…{s.last}]  lead={s.lead!r} kicker={s.kicker!r} float={s.float_byline!r}")
        print("\nleft out:\n" + "\n".join(skipped))
        return
    with tempfile.TemporaryDirectory(prefix="unseen-") as tmp:
        out = args.out or Path(tmp)
        made = generate(args.issues, args.seed, out, args.one_column)
        if args.fixtures:
            args.fixtures.mkdir(parents=True, exist_ok=True)
            for i in (int(x) for x in args.pick.split(",")):
                path, key, _ = made[i]
                (args.fixtures / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
                (args.fixtures / path.name.replace(".txt", ".json")).write_text(json.dumps(key, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
                print(args.fixtures / path.name)
            return
        run(made, args.misses, args.per_issue)
        if args.out:
            print(f"\npages and keys in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
