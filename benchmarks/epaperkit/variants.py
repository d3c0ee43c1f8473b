"""How a paper prints some of the real pieces, besides as they came: a photo story headed by
a column label and a place (`图话|柳林县：…`), and a wire story that carries its original
headline in its text (`原标题：…`, `新闻原标题：…`), as reprints from news sites do.

Each printing decides with a random stream of its own (seeded by the piece and the page), so
the generator's main stream draws what it drew before; a page that prints a variant lays out
differently from there on (the piece's height changed).
"""

from __future__ import annotations

import dataclasses
import re

from .sources import HAN, Piece, _paragraphs, han_only

PHOTO_LABEL = 0.35  # share of untitled photo stories printed under `图话|地名：…`
ORIGINAL_TITLE = 0.3  # share of wire stories printed with their original headline in the text
PLACES = ("离石区", "文水县", "交城县", "兴县", "临县", "柳林县", "石楼县", "岚县", "方山县", "中阳县", "交口县", "孝义市",
          "汾阳市", "吕梁", "太原", "运城", "临汾", "晋中", "大同", "忻州", "长治", "晋城", "阳泉", "朔州")
CLAUSE_RE = re.compile(rf"[{HAN}“”]{{4,12}}")


def printed_as(piece: Piece, rng) -> tuple[Piece, str | None]:
    """The piece as this printing sets it, and the layout feature that says how (None: as it came)."""
    if piece.kind == "photo" and not piece.title and rng.random() < PHOTO_LABEL:
        text = "".join(piece.paragraphs)
        place = next((p for p in PLACES if p in text), "吕梁")
        # What the picture shows, in a phrase of the caption: its first clause short enough.
        clauses = [c for c in re.split(r"[，。；：！？、]", text) if CLAUSE_RE.fullmatch(c) and place not in c]
        if clauses:
            label = rng.choice(["图话|", "图话｜"])
            title = f"{label}{place}：{rng.choice(['', ' '])}{clauses[0]}"
            return dataclasses.replace(piece, title=title), "photo_column_label"
    if piece.id.startswith("sogou:") and piece.title and len(piece.paragraphs) >= 2 and rng.random() < ORIGINAL_TITLE:
        line = rng.choice(["原标题：", "新闻原标题："]) + piece.title
        paragraphs = list(piece.paragraphs)
        # Before the text when nothing opens it (a dateline lead runs into the first paragraph), else after.
        if piece.dateline or rng.random() < 0.5:
            paragraphs.append(line)
        else:
            paragraphs.insert(0, line)
        return dataclasses.replace(piece, paragraphs=paragraphs), "original_title"
    return piece, None


# Article-content forms (`--forms`): how real papers open or build a report, made from a piece's
# own sentences, so the text is still the development article's. Opt-in: a set made without it
# is the same byte for byte.
FORM_SHARE = 0.5  # share of eligible printings given a form
SENTENCE_RE = re.compile(r".+?[。！？](?:[”’])?")
SUMMARY_LABELS = ("", "", "核心提示：", "【核心提示】", "导读：")
NOTE_LABELS = ("编者按：", "【编者按】", "编者按　")
QUESTIONS = ("这是为什么？", "效果怎么样？", "问题出在哪里？", "如何破解？", "变化从何而来？", "怎么办？")
ITEM_MARKS = (("1.", "2.", "3.", "4.", "5.", "6.", "7.", "8."), ("一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、"),
              ("（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）"), tuple("①②③④⑤⑥⑦⑧"))
SOURCES = ("（据新华社电）", "（来源：人民网）", "（综合新华社、央视新闻报道）", "（据《山西日报》）", "（本报综合）")
AUTHORS = ("（作者单位：吕梁市委党校）", "（作者系山西省社会科学院研究员）", "（作者单位：吕梁学院）")
LINK_HEADS = ("相关链接", "■链接", "延伸阅读", "【背景】")
FORMS = ("lead_summary", "editor_note", "quote_open", "question_open", "short_first", "numbered", "interview",
         "source_end", "author_end", "link_box")


def _sentences(paragraph: str) -> list[str]:
    found = SENTENCE_RE.findall(paragraph)
    return found if "".join(found) == paragraph else [paragraph]


def _take_tail(paragraphs: list[str], most: int) -> tuple[list[str], str] | None:
    """The last paragraph's first sentence or two (at most `most` characters) taken out of it."""
    sentences = _sentences(paragraphs[-1])
    taken = ""
    while sentences and len(taken) + len(sentences[0]) <= most and taken.count("。") < 2:
        taken += sentences.pop(0)
    if len(taken) < 20:
        return None
    rest = paragraphs[:-1] + (["".join(sentences)] if sentences else [])
    return rest, taken


def printed_in_form(piece: Piece, rng) -> tuple[Piece, str | None]:
    """The piece in one of the content forms (the feature naming it), or as it came (None)."""
    if piece.kind not in ("news", "feature", "commentary") or len(piece.paragraphs) < 3 or piece.heads \
            or piece.signature or rng.random() >= FORM_SHARE:
        return piece, None
    forms = rng.sample(FORMS, len(FORMS))
    if piece.dateline and rng.random() < 0.4:  # the form most reports with a dateline may take
        forms.insert(0, "lead_summary")
    for form in forms:  # the first that suits the piece
        printed = _in_form(piece, form, rng)
        if printed:
            return printed, form
    return piece, None


def _in_form(piece: Piece, form: str, rng) -> Piece | None:
    paras = list(piece.paragraphs)
    if form == "lead_summary" and piece.dateline:
        # A summary set before the dateline (`核心提示：…` / `本报讯（记者 X）…`).
        taken = _take_tail(paras, 120)
        if taken:
            rest, summary = taken
            return dataclasses.replace(piece, paragraphs=[rng.choice(SUMMARY_LABELS) + summary] + rest, lead_at=1)
    if form == "editor_note":
        # A note of one to three paragraphs over the report, sometimes signed `——编者`.
        note: list[str] = []
        for _ in range(rng.randint(1, 3)):
            taken = _take_tail(paras, 80) if len(paras) >= 3 else None
            if not taken:
                break
            paras, sentence = taken
            note.append(sentence)
        if note:
            note[0] = rng.choice(NOTE_LABELS) + note[0]
            if rng.random() < 0.4:
                note.append("——编者")
            return dataclasses.replace(piece, paragraphs=note + paras, lead_at=len(note))
    if form == "quote_open":
        # The report opens with a quotation: its first sentence quoted, a paragraph of its own,
        # set before the dateline or after it.
        first = _sentences(paras[0])
        if len(first) >= 2 and 8 <= len(first[0]) <= 80 and "“" not in first[0]:
            quote = "“" + first[0] + "”"
            paras = [quote, "".join(first[1:])] + paras[1:]
            # (the key's first 12 characters are the quotation's: it is long enough for them)
            lead_at = rng.choice([0, 1]) if len(han_only(quote)) >= 12 else 0
            return dataclasses.replace(piece, paragraphs=paras, lead_at=lead_at)
    if form == "question_open" and not piece.dateline:
        return dataclasses.replace(piece, paragraphs=[rng.choice(QUESTIONS)] + paras)
    if form == "short_first" and piece.title and 6 <= len(piece.title) <= 24:
        # A first sentence as short as a headline, a paragraph of its own.
        sentence = re.sub(r"[\s　!！?？。，,]+$", "", piece.title).replace(" ", "，") + "。"
        return dataclasses.replace(piece, paragraphs=[sentence] + paras)
    if form == "numbered":
        # After the opening paragraph, the sentences as numbered items, one a paragraph.
        items = [s for p in paras[1:] for s in _sentences(p)][:8]
        if len(items) >= 3:
            marks = rng.choice(ITEM_MARKS)
            rest = [s for p in paras[1:] for s in _sentences(p)][8:]
            numbered = [marks[k] + s for k, s in enumerate(items)]
            return dataclasses.replace(piece, paragraphs=[paras[0]] + numbered + (["".join(rest)] if rest else []))
    if form == "source_end":
        # Where the report came from, on a line of its own after it.
        return dataclasses.replace(piece, paragraphs=paras + [rng.choice(SOURCES)])
    if form == "author_end" and piece.kind in ("feature", "commentary"):
        return dataclasses.replace(piece, paragraphs=paras + [rng.choice(AUTHORS)])
    if form == "link_box" and len(paras) >= 4:
        # The last paragraph set apart under a small head of its own (a background box).
        return dataclasses.replace(piece, paragraphs=paras[:-1] + [rng.choice(LINK_HEADS), paras[-1]], heads={len(paras) - 1})
    if form == "interview":
        # Questions and answers: each paragraph after the first answers a question made of its
        # first clause.
        q, a = rng.choice([("问：", "答："), ("记者：", "答："), ("问：", "")])
        out = [paras[0]]
        for p in paras[1:]:
            clause = re.split(r"[，。；：！？、]", p)[0]
            if not CLAUSE_RE.fullmatch(clause):
                out.append(p)
                continue
            out += [f"{q}{clause}，具体是怎样的？", a + p]
        if len(out) > len(paras):
            return dataclasses.replace(piece, paragraphs=out)
    return None


# Paragraphs broken afresh (`--rebreak`): the development article's own sentences regrouped into
# paragraphs of another length, so its columns end, and its paragraphs open, at other places
# than in every set tuned on (the text, first and last words are the same).
REBREAK_SHARE = 0.6  # share of eligible printings broken afresh
PARAGRAPH_SIZES = (30, 60, 100, 150, 220)  # characters a paragraph runs to, a little over


def rebroken(piece: Piece, rng) -> tuple[Piece, str | None]:
    """The piece with its paragraphs broken afresh (the feature `rebroken`), or as it came."""
    if piece.kind not in ("news", "feature", "commentary") or piece.heads or piece.signature or piece.lead_at \
            or rng.random() >= REBREAK_SHARE:
        return piece, None
    sentences = [s for p in piece.paragraphs for s in _sentences(p)]
    # (a sentence after a wide space, `。　”…`, opens its paragraph at the indent, not an em further in)
    paragraphs = [p.lstrip("　 ") for p in _paragraphs(sentences, rng.choice(PARAGRAPH_SIZES))]
    if len(sentences) < 3 or paragraphs == piece.paragraphs:
        return piece, None
    return dataclasses.replace(piece, paragraphs=paragraphs), "rebroken"


# Text cues taken away (`--uncued`): the development article printed so that its text no longer
# says what the page's geometry still does, to test the PDF path's rules that decide on a line's
# text (a mark ending a sentence, a credit, a headline's length or marks) where size, weight,
# place and white space would say the same: paragraphs ending with no mark, the body as one
# paragraph, a headline ending in a mark or run on with the body's first clause, a photo's
# caption with no credit. The key's Han text is the article's (marks are not scored).
UNCUED_SHARE = 0.6  # share of printings given one or more of the changes
END_MARK_RE = re.compile(r"[。！？!?；;…]+$")
HEAD_MARKS = ("！", "？", "：", "……", "——", "。")


def uncued(piece: Piece, rng) -> tuple[Piece, list[str]]:
    """The piece with some of its text's cues taken away, and the layout features naming how."""
    if piece.kind == "notice" or rng.random() >= UNCUED_SHARE:
        return piece, []
    changes: dict = {}
    feats: list[str] = []
    paras = list(piece.paragraphs)
    plain = not (piece.heads or piece.signature or piece.lead_at)
    if piece.kind == "photo" and rng.random() < 0.6:
        changes.update(byline=None, credit=None)  # a caption with no credit
        feats.append("uncued_no_credit")
    if plain and rng.random() < 0.5:
        # Paragraphs (every one, or all but some) ending with no mark: a list, a wire's lead, a
        # quotation's end, as pages print them; the story's last too.
        keep_last = rng.random() < 0.3
        paras = [p if (keep_last and k == len(paras) - 1) else (END_MARK_RE.sub("", p) or p) for k, p in enumerate(paras)]
        feats.append("uncued_no_end_marks")
    if plain and len(paras) > 1 and rng.random() < 0.35:
        paras = ["".join(paras)]  # the body as one paragraph
        feats.append("uncued_one_paragraph")
    if piece.title and not piece.title_generated and rng.random() < 0.5:
        if rng.random() < 0.5:
            changes["title"] = piece.title.rstrip("。！？") + rng.choice(HEAD_MARKS)
            feats.append("uncued_title_mark")
        else:
            clause = re.split(r"[，。；：！？、]", paras[0])[0][:rng.randint(12, 30)]
            if len(clause) >= 6 and clause not in piece.title:
                changes["title"] = piece.title + rng.choice(["，", "：", " ", "　"]) + clause
                feats.append("uncued_title_long")
    if paras != piece.paragraphs:
        changes["paragraphs"] = paras
    return (dataclasses.replace(piece, **changes), feats) if changes else (piece, [])
