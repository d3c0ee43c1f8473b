"""Properties over any text: cleaning, segmenting and summarizing never raise, and cleaning
loses no Chinese character except what it reports it removed.

The strategies mix random Unicode with the material of real issues: lines of the sample
issues, bold text printed doubled, letter-spaced text, continuation markers, blank lines.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

import pytest
from conftest import SEEDS
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from digest.clean import clean_line, clean_lines, dedupe_paragraphs, join_lines, map_radicals, undouble
from digest.errors import DigestError
from digest.ingest import decode
from digest.model import Issue
from digest.segment import segment
from digest.summarize import RANKERS, get_ranker, summarize_text

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Han as Unicode has it, wider than what digest.clean counts: 〇, the extension blocks
# and the compatibility ideographs too, so no character escapes the check.
_HAN_RE = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def han(text: str) -> str:
    """The Han characters of text, in order, as cleaning's Unicode normalization (NFC) spells them.

    NFC maps a compatibility ideograph (U+F900 豈) to its unified twin (U+8C48 豈): the same
    character, so it counts as kept. Likewise a radical code point (⺠ U+2EA0) and the ideograph
    cleaning maps it to (民).
    """
    return "".join(_HAN_RE.findall(map_radicals(unicodedata.normalize("NFC", text))))


def is_subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return all(ch in rest for ch in short)


SEED_PAGES = [path.read_text(encoding="utf-8").split("\n") for path in sorted(SEEDS.iterdir())]
SEED_LINES = [line.strip() for lines in SEED_PAGES for line in lines if line.strip()]
SEED_CHARS = sorted(set("".join(SEED_LINES)))

seed_line = st.sampled_from(SEED_LINES)
seed_text = st.text(alphabet=st.sampled_from(SEED_CHARS), max_size=60)
markers = st.sampled_from(["（上接1版）", "(下转4版)", "（ 上 接 一 版 ）", "(下转12版)", "（上接十版）", "（下转 2 版）"])
blank = st.sampled_from(["", " ", "\u3000", "\t", "  \u00a0"])
# Random Unicode, with the characters that trouble text handling made likely: controls,
# NUL, odd spaces and line separators, full-width forms, traditional characters.
awkward = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from("\x00\x01\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\u200b\ufeff\u3000\u00a0 ()（）,;:?!，。！？ＡＢ１２３﹃﹄\uf900\u8c48\uf9dc龜〇\U00020bb7體認為進說這國們"),
    ),
    max_size=30,
)


@st.composite
def doubled(draw) -> str:
    """A line of bold text as extraction prints it: every run twice (`55月月 11日日`), spaces anywhere."""
    text = draw(seed_line)
    out, i = [], 0
    while i < len(text):
        k = draw(st.integers(1, 4))
        run = text[i : i + k]
        out.append(run + run + draw(st.sampled_from(["", "", " "])))
        i += k
    return "".join(out)


spaced = seed_line.map(lambda text: " ".join(text))
# Lines segmentation reads as structure: leads, bylines, credits, sign-offs, signatures,
# headings, column labels, subtitles, characters of a vertical headline.
shaped = st.sampled_from(
    [
        "本报讯", "本报讯（记者 王涛）", "科学导报讯 记者范琛", "□ 本报记者 高茜", "记者 郭炳中 摄", "。记者 王益炜 摄",
        "（肖继旺）", "邓伟强", "科学导报记者杨凯飞撰", "中共吕梁市纪律检查委员会", "2023年5月8日", "# ", "## 平定县",
        "# 新能源电池小镇激发转型活力", "shijueshengtai", "——看山西迪诺斯新能源科技有限公司", "吕", "梁", "图为",
        "（一）为政之道 常思常想——", "政策铺路 校地共建", "。", "……", "”",
    ]
)
piece = st.one_of(seed_line, seed_text, doubled(), spaced, markers, blank, shaped, awkward)
line = st.lists(piece, max_size=4).map("".join)
# A stretch of a real issue: whole articles with their leads, headlines and credits.
seed_window = st.builds(lambda lines, start, size: "\n".join(lines[start : start + size]), st.sampled_from(SEED_PAGES), st.integers(0, 800), st.integers(1, 120))
page = st.lists(st.one_of(seed_window, line, seed_line, shaped, blank), max_size=25).map("\n".join)


def _undouble_reference(line: str) -> tuple[str, bool]:
    """undouble as first written (quadratic in the worst case); the fast one must agree."""
    compact = line.replace(" ", "")
    if len(compact) < 6:
        return line, False
    out: list[str] = []
    doubled = i = 0
    n = len(compact)
    while i < n:
        for k in range(1, min(40, (n - i) // 2) + 1):
            if compact[i : i + k] == compact[i + k : i + 2 * k]:
                out.append(compact[i : i + k])
                doubled += 2 * k
                i += 2 * k
                break
        else:
            out.append(compact[i])
            i += 1
    if doubled < 0.8 * n:
        return line, False
    return "".join(out), True


@FAST
@given(st.one_of(line, doubled()))
def test_undouble_agrees_with_the_reference(text):
    assert undouble(text) == _undouble_reference(text)


def _accounted(raw: str, kept: str, removed: list[str], markers: list[str]) -> None:
    """Every Han character of raw is in kept (in order) or in what cleaning reported removing."""
    assert is_subsequence(han(kept), han(raw))
    assert Counter(han(raw)) == Counter(han(kept)) + Counter(han("".join(removed))) + Counter(han("".join(markers)))


@FAST
@given(line)
@example("55月月 11日日，，吕梁市吕梁市 20242024年中小学生田径运动会在吕梁市第二中学体年中小学生田径运动会在吕梁市第二中学体")
@example("(下转4版)吕梁市豈")
@example("⺁人⺠")
def test_clean_line_loses_no_han_it_does_not_report(raw):
    cleaned = clean_line(raw, 1)
    _accounted(raw, cleaned.text, cleaned.removed, cleaned.markers)
    assert cleaned.undoubled == bool(cleaned.removed)


@FAST
@given(page)
def test_clean_lines_loses_no_han_it_does_not_report(raw):
    lines = clean_lines(raw)
    _accounted(raw, "".join(line.text for line in lines), [r for line in lines for r in line.removed], [m for line in lines for m in line.markers])
    assert all(line.text or line.markers for line in lines)
    assert [line.number for line in lines] == sorted({line.number for line in lines})


@FAST
@given(st.lists(st.one_of(seed_line, seed_text, awkward), max_size=12))
def test_join_lines_keeps_every_han_in_order(lines):
    paragraphs = join_lines(lines)
    assert han("".join(paragraphs)) == han("".join(lines))
    assert all(paragraphs)


@FAST
@given(st.lists(st.lists(st.one_of(seed_line, seed_text, awkward), max_size=6), max_size=4))
def test_dedupe_drops_only_what_it_reports(issues):
    seen: set[str] = set()
    removed: list[str] = []
    kept: list[str] = []
    for paragraphs in issues:
        before = len(removed)
        these = dedupe_paragraphs(paragraphs, seen, removed)
        assert Counter(paragraphs) == Counter(these) + Counter(removed[before:])
        assert is_subsequence(these, paragraphs)
        kept.extend(these)
    every = [p for paragraphs in issues for p in paragraphs]
    assert Counter(han("".join(every))) == Counter(han("".join(kept))) + Counter(han("".join(removed)))


@FAST
@given(page)
def test_segment_never_raises(raw):
    issue = Issue(source="p.txt", path="p.txt", raw=raw, encoding="utf-8")
    articles = segment(issue)
    assert all(article.text for article in articles)


@pytest.mark.parametrize("name", sorted(RANKERS))
def test_summarize_never_raises(name):
    ranker = get_ranker(name)
    sentences = st.lists(st.one_of(seed_line, line, st.sampled_from(["。", "！？", "……", "”", "\n"])), max_size=12).map("".join)

    @(SLOW if name == "textrank4zh" else FAST)
    @given(sentences, st.one_of(st.none(), seed_line, awkward), st.integers(1, 5), st.one_of(st.none(), st.integers(1, 300)))
    def check(text, title, count, budget):
        summary = summarize_text(text, ranker, count, title, budget)
        assert len(summary) <= count
        assert [s.position for s in summary] == sorted({s.position for s in summary})
        assert all(s.text in text or (s.text.endswith("…") and s.text[:-1] in text) for s in summary)
        assert budget is None or sum(len(s.text) for s in summary) <= budget

    check()


# --- ingest: every supported encoding reads back the text that was written ---

ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-sig": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "gb18030": lambda text: text.encode("gb18030"),
    "utf-16": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-le": lambda text: text.encode("utf-16-le"),
    "utf-16-be": lambda text: text.encode("utf-16-be"),
}
issue_text = st.lists(st.one_of(seed_line, seed_line, st.sampled_from(["\n", "\r\n", " ", "2025年4月", "ABC-123"])), min_size=1, max_size=8).map("".join).filter(lambda text: len(han(text)) >= 10)


@FAST
@given(issue_text, st.sampled_from(sorted(ENCODINGS)))
def test_each_encoding_reads_back(text, encoding):
    assert decode(ENCODINGS[encoding](text), "x.txt") == (text, encoding)


boms = st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
spliced = st.builds(lambda data, at, junk: data[:at] + junk + data[at:], st.builds(lambda text, encode: encode(text), issue_text, st.sampled_from(list(ENCODINGS.values()))), st.integers(0, 60), st.binary(max_size=20))


@FAST
@given(st.builds(bytes.__add__, boms, st.one_of(st.binary(max_size=300), spliced)))
def test_decode_raises_only_digest_errors(data):
    try:
        text, _ = decode(data, "x.txt")
    except DigestError as error:
        assert str(error).startswith("x.txt: ") and "\n" not in str(error)
    else:
        assert text.replace("\x00", "").strip()


# Labels may be printed in fake bold, every character doubled (`本本报报记记者者`): cleaning
# records one copy as removed, the label itself goes.
LABELS_RE = re.compile(r"(?:本报|科学导报)?(?:实习)?(?:记者|通讯员)|摄|撰|(?:本本报报|科科学学导导报报)?(?:实实习习)?(?:记记者者|通通讯讯员员)|摄摄|撰撰")


def _kept(issue: Issue) -> str:
    """Everything segmentation kept or reported: articles with all their printed parts, the lines
    it assigned to no article, what cleaning removed, and the page's masthead."""
    parts = [u.text for u in issue.unassigned] + issue.removed
    parts += [page.masthead.text for page in issue.pages if page.masthead]
    for a in issue.articles:
        parts += [a.text, a.title or "", a.subtitle or "", a.kicker or "", a.byline or "", a.dateline or "", a.signature or "", *a.continued]
    return "".join(parts)


@FAST
@given(page)
@example("吕梁日报 2025年5月13日 星期二 第2版 要闻\n本报讯（记者 王涛） 去年以来，我市深入贯彻。\n标题一行\nshijueshengtai\n")
@example("□□本本报报记记者者一七")
@example("一 报 记 者一一")  # another paper's label on a floating byline with no article: kept as printed
def test_segment_loses_no_han_it_does_not_report(raw):
    from digest.ingest import mark_pages

    text, pages = mark_pages(raw)
    issue = Issue(source="p.txt", path="p.txt", raw=text, encoding="utf-8", pages=pages)
    segment(issue)
    # Newsroom labels around names (`□ 本报记者`, `摄`, `撰`) may go; the names may not.
    lost = Counter(han(LABELS_RE.sub("", raw))) - Counter(han(_kept(issue)))
    assert not lost, (lost, issue.unassigned)


# --- the whole ingest path on sample text with noise: files as a careless user has them ---

# Noise of every kind: terminal escapes and other controls, stray carriage returns and form
# feeds, random Unicode, odd spaces, continuation markers, structural lines, runs of 〇.
controls = st.sampled_from(["\x1b[2J", "\x1b]0;title\x07", "\x1bc", "\x00", "\x07", "\x08", "\x7f", "\x85", "\x9b31m", "\x0b", "\r", "\r\n", "\f", "\u2028"])
noise = st.one_of(controls, awkward, blank, markers, shaped, st.sampled_from(["〇〇〇", "二〇二五年", "\n", "\n\n", "吕", "。"]))
FILE_ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "utf-16")


# A stretch of a sample issue with some Chinese in it (a file of a few characters of noise
# alone is no sample: its encoding cannot be told, and need not be).
sample_stretch = st.sampled_from(SEED_PAGES).flatmap(
    lambda lines: st.builds(lambda start, size: "\n".join(lines[start : start + size]), st.integers(0, len(lines) - 1), st.integers(1, 120))
).filter(lambda text: len(han(text)) >= 20)


@st.composite
def noisy_issue(draw) -> tuple[str, bytes]:
    """(text, the file's bytes): a stretch of a sample issue, noise inserted anywhere, in one
    of the encodings issues come in."""
    text = draw(sample_stretch)
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(noise) + text[at:]
    text = re.sub("[\ud800-\udfff]", "", text)  # lone surrogates: no encoding writes them (bad bytes are test_decode's)
    return text, text.encode(draw(st.sampled_from(FILE_ENCODINGS)))


def han_lost_on_the_way(text: str, data: bytes, folder) -> Counter:
    """Read `data` as an issue file and process it as `digest build` does; the Han characters
    of `text` that are in none of what the issue keeps or reports. A file refused with a
    DigestError must be refused on one line, naming it."""
    from digest.config import BuildConfig
    from digest.enrich import load_gazetteer, load_themes
    from digest.ingest import read_issue
    from digest.pipeline import process_issue

    path = folder / "2025-04-10.txt"
    path.write_bytes(data)
    issue = read_issue(path)
    process_issue(issue, BuildConfig(), load_themes(), load_gazetteer())
    return Counter(han(NEWSROOM_LABELS_RE.sub("", text))) - Counter(han(_kept(issue)))


# Also the roles credits name before a name with a separator (`图 肖继旺 摄`, `文/图 张三`): digest/credits.py.
NEWSROOM_LABELS_RE = re.compile(LABELS_RE.pattern + r"|(?:文|图)(?=[\s:：/])")


# A case the fuzzing found losing Han characters before 2dbfa41 (the property passed there on
# the suite's 150 draws): a continuation marker printed inside a notice's signature date went
# with neither the notice nor `unassigned` (下转版 lost). Pinned so the test fails on that code.
MARKER_IN_SIGNATURE_DATE = "受理。\n\n中共吕梁市纪律检查委员会\n吕梁市监察委员会\n2023年5月(下转4版)8日"
# Cases hypothesis found losing names: a credit naming its photographer twice (the repeat went
# unrecorded), and another paper's label on a floating byline (`山西日报记者`, kept only as names).
NAME_TWICE_IN_CREDIT = "吕梁市2024年中小学生田径运动会在吕梁市第二中学体育场拉开序幕。本次运动会以“运动青春 筑梦未来”为主题。 记者 侯利军\u3000侯利军 摄"
OTHER_PAPERS_BYLINE = "山西日报记者 王晓明\n7月28日上午，省总工会副主席一行到项目部慰问一线职工，送去防暑降温物品。\n"


@FAST
@given(noisy_issue())
@example(case=(MARKER_IN_SIGNATURE_DATE, MARKER_IN_SIGNATURE_DATE.encode("utf-8")))
@example(case=(MARKER_IN_SIGNATURE_DATE, MARKER_IN_SIGNATURE_DATE.encode("gb18030")))
@example(case=(NAME_TWICE_IN_CREDIT, NAME_TWICE_IN_CREDIT.encode("utf-8")))
@example(case=(OTHER_PAPERS_BYLINE, OTHER_PAPERS_BYLINE.encode("utf-8")))
def test_noisy_sample_files_lose_no_han(tmp_path_factory, case):
    text, data = case
    folder = tmp_path_factory.mktemp("noisy", numbered=True)
    try:
        lost = han_lost_on_the_way(text, data, folder)
    except DigestError as error:
        raise AssertionError(f"a sample with noise was refused: {error}") from None
    assert not lost, lost
