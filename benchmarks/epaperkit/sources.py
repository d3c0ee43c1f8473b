"""The real articles the pages are made of, read at run time from ../shared (never committed),
and the one dev / held-out split.

Every article gets a stable id (`corpus:a001`, `sogou:<id>`, `clts:Sample 3`,
`seed:000_…:<first>`); `split_of(id)` is sha1(id) mod 5 == 0 → heldout, else dev. The split is
decided here once (and `fold_of(id, n)`, sha1(id) // 5 mod n, parts a split's articles into n
folds for cross-validation by article): a page of one split is built only from articles of that split, so the
held-out figures measure text the segmenter's author never looked at.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"  # the worktree sits beside /work/shared
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")


def han_only(text: str) -> str:
    return "".join(HAN_RE.findall(text))


def source_of(article_id: str | None) -> str:
    """An article id's source (`corpus:a001` → `corpus`, `clts_plus:7` → `clts_plus`); `none` for no article."""
    return article_id.split(":", 1)[0] if article_id else "none"


def _hash(article_id: str) -> int:
    return int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16)


def split_of(article_id: str) -> str:
    return "heldout" if _hash(article_id) % 5 == 0 else "dev"


def fold_of(article_id: str, folds: int) -> int:
    """Which of `folds` folds the article is in, for cross-validation by article: the same
    hash as split_of, its quotient by 5 (the remainder decides the split, so every fold takes
    its share of each split's articles)."""
    return _hash(article_id) // 5 % folds


@dataclass
class Piece:
    """One real article as the layout uses it. `kind` is the source's kind (news, brief,
    photo, feature, notice, commentary); the key maps brief to news."""

    id: str
    kind: str
    paragraphs: list[str]
    title: str | None = None
    subtitle: str | None = None
    kicker: str | None = None
    byline: str | None = None  # the names, as the key has them (`王涛`, `刘凡 周昌和`)
    dateline: str | None = None  # printed at the start of the body: `本报讯 （记者 王涛）`
    credit: str | None = None  # photo credit as the source printed it, else made by layout
    signature: list[str] = field(default_factory=list)  # a notice's signing bodies and date
    signoff: str | None = None  # `（肖继旺）`
    float_byline: str | None = None  # `□ 本报记者 X` printed apart from the body
    heads: set[int] = field(default_factory=set)  # paragraphs that are section heads
    lead_at: int = 0  # the paragraph the dateline runs into (a summary or note may come before it)
    lvliang: bool = False
    title_generated: bool = False  # headline made from the first clause (CLTS has none)

    @property
    def split(self) -> str:
        return split_of(self.id)

    @property
    def length(self) -> int:
        return sum(len(p) for p in self.paragraphs)


PRIVATE_RE = re.compile("[\ue000-\uf8ff\u200b-\u200f\ufeff]")


def _halfwidth(text: str) -> str:
    """Full-width digits and Latin letters as a paper prints them (ASCII); punctuation stays.
    Private-use code points (Sohu's paragraph marks) have no glyph in any font: dropped."""
    text = PRIVATE_RE.sub("", text)
    return "".join(unicodedata.normalize("NFKC", ch) if ch.isalnum() and ord(ch) > 0xFF00 else ch for ch in text)


CREDIT_TAIL_RE = re.compile(rf"\s*(?:（|\()?\s*((?:本报)?(?:实习)?记者\s*)?([{HAN}]{{2,4}}(?:\s+[{HAN}]{{2,4}})*)\s*(?:摄|供图)\s*(?:）|\))?$")
REPORTER_TAIL_RE = re.compile(rf"(?<=[。！？”])\s*((?:本报)?(?:实习)?记者\s*[{HAN}]{{2,4}})$")
ROLES_RE = re.compile(r"(?:本报|全媒体|太报全媒体|特约)?(?:实习记者|记者|通讯员|实习生|摄影师|摄影)|[\s　／/、，]+")


def _names(byline: str | None) -> str | None:
    """The names of a byline, as the keys give them: `记者 王洋` → `王洋`, `李莉通讯员刘清华` →
    `李莉 刘清华`, `山西新闻网特约摄影师:杜爱清` → `杜爱清`."""
    if not byline:
        return None
    byline = re.split(r"[:：]", byline)[-1]
    tokens = [p for p in ROLES_RE.split(byline) if p and HAN_RE.search(p) and p not in ("文", "图")
              and not p.endswith(("社", "报", "网"))]
    names: list[str] = []
    for tok in tokens:  # `王 雁`: a letter-spaced two-character name
        if len(tok) == 1 and names and len(names[-1]) == 1:
            names[-1] += tok
        else:
            names.append(tok)
    return " ".join(n for n in names if 2 <= len(n) <= 4) or None


def _corpus(path: Path) -> list[Piece]:
    pieces = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        get = lambda k: d.get(f"{k}_printed") or d.get(k)  # noqa: E731
        paragraphs = [p.strip() for p in (d.get("body_printed") or d["body"]).split("\n") if p.strip()]
        credit = None
        if d["kind"] == "photo" and paragraphs:
            # The credit is what follows the caption's last full stop (`记者 郭炳中 摄`,
            # `新华社记者 李晓果 摄`, `井娇摄影报道`): taken off, the layout prints its own.
            last = paragraphs[-1]
            k = max(last.rfind("。"), last.rfind("！"), last.rfind("”"))
            tail = last[k + 1:].strip()
            if 0 < len(tail) <= 40 and re.search("摄|供图|报道", tail):
                credit, paragraphs[-1] = tail, last[: k + 1]
            elif k < 0 and CREDIT_TAIL_RE.search(last):
                m = CREDIT_TAIL_RE.search(last)
                credit, paragraphs[-1] = last[m.start():].strip(), last[: m.start()].rstrip()
            paragraphs = [p for p in paragraphs if p]
            # A credit printed over two lines (`…平安。 本报记者古红军` / `通讯员葛崇收 谭建春摄`):
            # the reporter after the caption's last full stop is the credit's too, not its text.
            if credit and paragraphs and (m := REPORTER_TAIL_RE.search(paragraphs[-1])):
                credit, paragraphs[-1] = f"{m.group(1)} {credit}", paragraphs[-1][: m.start()].rstrip()
        pieces.append(Piece(
            id=f"corpus:{d['id']}", kind=d["kind"], paragraphs=paragraphs, title=get("title"),
            subtitle=get("subtitle"), kicker=get("kicker"), byline=_names(d.get("byline")),
            dateline=d.get("dateline_printed"), credit=credit, lvliang=bool(d.get("lvliang")),
        ))
    return pieces


MEDIA = rf"(?:本报|南都|[{HAN}]{{1,2}}(?:日报|晚报|时报|快报|商报|晨报|报|网)|\d{{4}}年\d{{1,2}}月\d{{1,2}}日[{HAN}]{{2}})"
SOGOU_LEAD_RE = re.compile(rf"^(.{{0,30}}?)【?({MEDIA}讯)】?")


def _sogou(path: Path) -> list[Piece]:
    """Sohu news with their headline (`summary`). A dateline `南都讯　记者X　Y` is split off the
    body; what stands before it (`就…发声明`) is the subtitle the page printed above."""
    pieces = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        text = _halfwidth(d["article"]).strip()
        subtitle = dateline = byline = None
        m = SOGOU_LEAD_RE.match(text)
        if m:
            subtitle = m.group(1).strip("　 【") or None
            rest = text[m.end():]
            tokens = re.split(r"([\s　]+)", rest)
            # tokens after the 讯: names (≤ 6 characters, no punctuation) belong to the dateline
            taken, names = 0, []
            paren = re.match(r"^\s*[（(]([^）)]{1,20})[）)]", rest)
            if paren:
                names, taken_text = [paren.group(1)], rest[: paren.end()]
            else:
                taken_text = ""
                for tok in tokens:
                    if not tok.strip("　 "):
                        taken_text += tok
                        continue
                    if len(tok) <= 6 and not re.search(r"[，。：、；！？“”]", tok) and taken < 4:
                        names.append(tok)
                        taken_text += tok
                        taken += 1
                    else:
                        break
            dateline = (m.group(2) + taken_text).strip("　 ")
            known = next((w for w in ("本报讯", "新快报讯") if w in dateline), None)
            if known:  # `发声明本报讯`: the media word is 本报, what precedes it the subtitle's end
                cut = dateline.index(known)
                subtitle = ((subtitle or "") + dateline[:cut]).strip() or None
                dateline = dateline[cut:]
            text = rest[len(taken_text):].strip("　 ")
            byline = _names(" ".join(names)) if names else None
        if subtitle and ("记者" in subtitle or len(subtitle) > 20 or len(subtitle) < 4):
            subtitle = None  # page debris before the dateline, not a subtitle: not printed
        # Sohu stores one paragraph; a paper prints paragraphs of a few sentences.
        merged = _paragraphs([p for p in re.split(r"(?<=[。！？”])(?=[^”])", text) if p.strip()], 90)
        title = _halfwidth(d["summary"]).replace("　", " ").strip()
        if merged and merged[0].startswith(title):  # Sohu repeats the headline before the text
            merged[0] = merged[0][len(title):].lstrip("　 ")
        pieces.append(Piece(id=f"sogou:{d['id']}", kind="news", paragraphs=merged, title=title,
                            subtitle=subtitle if subtitle and len(subtitle) <= 24 else None,
                            dateline=dateline, byline=byline))
    return pieces


def _paragraphs(sentences: list[str], size: int) -> list[str]:
    """Sentences grouped into paragraphs of a little over `size` characters."""
    paragraphs, cur = [], ""
    for sentence in sentences:
        cur += sentence
        if len(cur) > size:
            paragraphs.append(cur)
            cur = ""
    if cur:
        paragraphs.append(cur)
    return paragraphs


def _clts(path: Path, tag: str, kind_cycle: tuple[str, ...] = ("feature", "commentary")) -> list[Piece]:
    """Long pieces with no headline: laid out as features or commentaries whose headline is
    their first clause (title_generated), as a page editor would set a 题."""
    pieces = []
    for k, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        d = json.loads(line)
        text = d["article"].strip()
        paragraphs = _paragraphs([s for s in re.split(r"(?<=[。！？])", text) if s.strip()], 120)
        clause = re.split(r"[，。！？；：]", text)[0]
        title = clause[:18] if len(han_only(clause)) >= 6 else None
        pieces.append(Piece(id=f"{tag}:{d['id']}", kind=kind_cycle[k % len(kind_cycle)], paragraphs=paragraphs,
                            title=title, title_generated=True))
    return pieces


def _seeds() -> list[Piece]:
    """The sample issues' own articles, found by their answer keys (the parsing lives in
    benchmarks/unseen_layouts.py; it reads the repo's seeds/, the same pages as ../shared/seeds)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from unseen_layouts import HEAD, load_sources
    finally:
        sys.path.pop(0)
    pieces = []
    for s in load_sources()[0]:
        heads = {i for i, p in enumerate(s.paragraphs) if p.startswith(HEAD)}
        paragraphs = [p.lstrip(HEAD).replace("\n", " ") for p in s.paragraphs]
        pieces.append(Piece(
            id=f"seed:{s.seed}:{s.first}", kind=s.kind, paragraphs=paragraphs, title=s.title,
            subtitle=s.printed_subtitle if s.subtitle else None, kicker=s.kicker, byline=s.byline,
            dateline=s.lead, credit=s.credit, signature=list(s.signature), signoff=s.signoff,
            float_byline=s.float_byline, heads=heads, lvliang=s.lvliang,
        ))
    return pieces


def _lcsts(path: Path) -> list[Piece]:
    """Short Weibo news (LCSTS) with their headline-like summary as the headline: an extra pool
    (`--lcsts`) of many short pieces about other things than the other sources'. A text cut off
    mid-sentence (Weibo's length limit) is printed up to its last full stop. LCSTS holds some
    posts under several ids: only the first id of a text is kept, so that a text split by its id
    can never be on both sides of the split (texts compared as printed)."""
    pieces, seen = [], set()
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        # Weibo's hashtags are no paper's: one opening the post goes, one inside it is quoted.
        text = re.sub(r"#([^#]{1,30})#", r"“\1”", re.sub(r"^\s*#[^#]{1,30}#", "", _halfwidth(d["article"]))).replace("#", "").strip()
        end = max(text.rfind(ch) for ch in "。！？") + 1
        text = text[: end + (text[end:end + 1] == "”")]  # a closing quote stays with its full stop
        sentences = [s for s in re.split(r"(?<=[。！？])(?=[^”])", text) if s.strip()]
        if han_only(text) in seen:
            continue
        seen.add(han_only(text))
        pieces.append(Piece(id=f"lcsts:{d['id']}", kind="news", paragraphs=_paragraphs(sentences, 70),
                            title=_halfwidth(d["summary"]).replace("　", " ").strip()))
    return pieces


def available() -> bool:
    return (SHARED / "corpus" / "articles.jsonl").exists()


def load_all() -> list[Piece]:
    """Every source article, in a fixed order (the generator's randomness is seeded on top)."""
    pieces = _corpus(SHARED / "corpus" / "articles.jsonl")
    pieces += _sogou(SHARED / "eval" / "sogoucs_mini_titles.jsonl")
    pieces += _clts(SHARED / "eval" / "clts_samples.jsonl", "clts")
    pieces += _clts(SHARED / "eval" / "clts_plus_samples.jsonl", "clts_plus", ("commentary", "feature"))
    if (ROOT / "seeds").exists() and (ROOT / "tests" / "fixtures" / "segmentation").exists():
        pieces += _seeds()
    # Enough Han text for a first and last of 12 characters that do not overlap.
    return [p for p in pieces if len(han_only("".join(p.paragraphs))) >= 30]


def load_split(split: str, lcsts: int | None = None) -> list[Piece]:
    """The split's articles; with `lcsts` (a seed), half as many LCSTS short news of that split
    after them, drawn by that seed (all of them would outnumber the other sources five to one)."""
    pieces = [p for p in load_all() if p.split == split]
    if lcsts is not None:
        short = [p for p in _lcsts(SHARED / "eval" / "lcsts_part3.jsonl")
                 if p.split == split and len(han_only("".join(p.paragraphs))) >= 30]
        pieces += random.Random(f"lcsts:{lcsts}:{split}").sample(short, min(len(short), len(pieces) // 2))
    return pieces
