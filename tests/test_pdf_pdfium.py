"""PDFium extraction (digest/pdf/pdfium.py): glyphs as the page drew them, not as PDFium's text page edits them."""

from __future__ import annotations

import pytest

from digest.errors import DigestError
from digest.pdf.fakebold import merge_fake_bold
from digest.pdf.pdfium import read_pages

CSS = """
@page { size: 150mm 100mm; margin: 10mm }
body { font-family: 'Noto Serif CJK SC'; font-size: 10pt; margin: 0 }
div { position: absolute; white-space: nowrap }
"""


def _pdf(body: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f'<html lang="zh-CN"><head><style>{CSS}</style></head><body>{body}</body></html>').write_pdf()


def _text(glyphs) -> str:
    return "".join(g.text for g in glyphs)


def test_fake_bold_copy_that_the_text_page_drops_is_read_back():
    line = "近年来我市紧紧围绕功能提升补短板"
    data = _pdf(f'<div style="top:0; left:0">{line}</div><div style="top:0; left:0.25pt">{line}</div>')
    (page,) = read_pages(data, "fb.pdf")
    assert _text(page.glyphs) == line + line  # both copies, each in the order drawn
    kept, doubled = merge_fake_bold(page.glyphs)
    assert _text(kept) == line and doubled == len(line) and all(g.bold for g in kept)


def test_glyphs_keep_content_stream_order_on_one_line():
    # Drawn right part first: PDFium's text page would sort the line left to right.
    data = _pdf('<div style="top:0; left:60mm">右边后半句</div><div style="top:0; left:0">左边前半句</div>')
    (page,) = read_pages(data, "order.pdf")
    assert _text(page.glyphs) == "右边后半句左边前半句"


def test_drawn_spaces_kept_and_made_up_spaces_left_out():
    data = _pdf('<div style="top:0; left:0">本报讯（记者 王涛）</div><div style="top:10mm; left:0">第一<span style="margin-left:3em">第二</span></div>')
    (page,) = read_pages(data, "spaces.pdf")
    first = [g for g in page.glyphs if g.y1 < 50]
    second = [g for g in page.glyphs if g.y0 > 50]
    assert _text(first) == "本报讯（记者 王涛）"
    assert _text(second) == "第一第二"  # the gap is the reader's to judge, no space glyph in it
    space = first[6]
    assert first[5].x1 - 0.5 <= (space.x0 + space.x1) / 2 <= first[7].x0 + 0.5


def test_size_is_the_em_on_the_page_and_boxes_are_top_down():
    data = _pdf('<div style="top:20mm; left:0; font-size:10pt">正文</div><div style="top:40mm; left:30mm; transform: scale(2); transform-origin: 0 0">放大</div>')
    (page,) = read_pages(data, "size.pdf")
    plain, scaled = page.glyphs[:2], page.glyphs[2:]
    assert [round(g.size, 1) for g in page.glyphs] == [10.0, 10.0, 20.0, 20.0]
    assert all(round(g.y1 - g.y0, 1) == round(g.size, 1) and round(g.x1 - g.x0, 1) == round(g.size, 1) for g in page.glyphs)
    assert plain[0].y0 == pytest.approx((10 + 20) * 72 / 25.4, abs=6)  # margin + top (+ half-leading), from the top edge
    assert scaled[0].x0 == pytest.approx((10 + 30) * 72 / 25.4, abs=1) and scaled[1].x0 == pytest.approx(scaled[0].x1, abs=0.5)
    assert page.width == pytest.approx(150 * 72 / 25.4, abs=0.5) and page.height == pytest.approx(100 * 72 / 25.4, abs=0.5)


def test_rules_and_boxes_from_paths():
    data = _pdf('<div style="top:0; left:0; width:100mm; border-bottom:1pt solid black">标题</div><div style="top:20mm; left:0; width:40mm; height:20mm; background:#bbb"></div>')
    (page,) = read_pages(data, "shapes.pdf")
    assert any(r.horizontal and r.x1 - r.x0 > 250 for r in page.rules)
    assert any(b.picture and b.x1 - b.x0 == pytest.approx(40 * 72 / 25.4, abs=1) for b in page.boxes)


def test_damaged_pdf_is_a_one_line_error():
    with pytest.raises(DigestError, match=r"^broken\.pdf: not a readable PDF \(.+\)$") as info:
        read_pages(b"%PDF-1.7\n" + bytes(range(256)) * 4, "broken.pdf")
    assert "\n" not in str(info.value)


# --- limits: what one PDF may hold (lowered here so a small PDF passes them) ---


def _two_pages() -> bytes:
    line = "近年来我市紧紧围绕功能提升补短板"
    return _pdf(f'<p style="margin: 0">{line}</p><p style="margin: 0; break-before: page">{line}</p>')


@pytest.mark.parametrize(
    ("limit", "value", "problem"),
    [
        ("MAX_PAGES", 1, r"too many pages: 2 \(the limit for a PDF is 1\)"),
        ("MAX_PAGE_CHARACTERS", 5, r"page 1: too many characters: 16 \(the limit for a page is 5\)"),
        ("MAX_PAGE_OBJECTS", 0, r"page 1: too many drawn objects: over 0 \(the limit for a page\)"),
        ("MAX_CHARACTERS", 20, r"too much text: over 20 characters by page 2 \(the limit for a PDF\)"),
    ],
)
def test_pdf_past_a_limit_is_a_one_line_error_naming_it(monkeypatch, limit, value, problem):
    data = _two_pages()
    assert [len(page.glyphs) for page in read_pages(data, "big.pdf")] == [16, 16]
    monkeypatch.setattr(f"digest.pdf.pdfium.{limit}", value)
    with pytest.raises(DigestError, match=rf"^big\.pdf: {problem}$"):
        read_pages(data, "big.pdf")


def test_character_beyond_the_basic_plane_is_one_glyph_not_two_surrogate_halves():
    # PDFium's text page holds `𠮷` (U+20BB7) as the two halves of its UTF-16 pair.
    (page,) = read_pages(_pdf('<div style="top:0; left:0">𠮷野家的饭</div>'), "ext-b.pdf")
    assert _text(page.glyphs) == "𠮷野家的饭" and page.unreadable == 0
    assert page.glyphs[0].x1 <= page.glyphs[1].x0 + 0.5  # one box, where the character is printed


def test_lone_surrogate_half_is_a_character_lost():
    from digest.pdf.pdfium import _join_surrogates

    items = [("\ud842", False, 0.0, 0.0, 10.0, 10.0, ("Serif", False), (1, 0, 0, 1, 0, 0), None),
             ("野", False, 10.0, 0.0, 20.0, 10.0, ("Serif", False), (1, 0, 0, 1, 0, 0), None)]
    assert [(text, lost) for text, lost, *_ in _join_surrogates(items)] == [("", True), ("野", False)]


@pytest.mark.parametrize("glyph, stretch, dash", [("——", 1, True), ("——", 8, False), ("一", 1, False)])
def test_a_glyph_two_ems_wide_mapped_to_no_text_is_a_dash_only_when_its_ink_is_a_long_thin_bar(glyph, stretch, dash):
    # _two_em_dash reads a glyph the file maps to no text (Firefox's `——`) by its shape: two ems
    # advanced, its ink at most DASH_INK high (a line stretched eight times up: its dash is a bar
    # some 0.4 em high) and along at least DASH_INK_LENGTH of its advance (一 is a thin bar one em
    # long, made two ems wide here by the font's /W widths, where PDFium reads its advance).
    import re

    from weasyprint import HTML

    line = f'<div style="top:20mm; left:0; transform:scaleY({stretch})">{glyph}你认可在自动提款机上设置</div>'
    html = f'<html lang="zh-CN"><head><style>{CSS}</style></head><body>{line}</body></html>'
    data = HTML(string=html).write_pdf(uncompressed_pdf=True)
    unicode = glyph.encode("utf-16-be").hex().encode()
    (code,) = re.findall(rb"<([0-9a-f]{4})> <" + unicode + rb">", data)
    data = data.replace(b"<%s> <%s>" % (code, unicode), (b"<%s> <fffd>" % code).ljust(len(code) + len(unicode) + 5))
    width = rb"(?<=[ \[])%d \[(\d+)\]" % int(code, 16)
    assert re.findall(width, data) == [b"2000" if glyph == "——" else b"1000"]
    data = re.sub(width, b"%d [2000]" % int(code, 16), data)
    (page,) = read_pages(data, "dash.pdf")
    text = _text(page.glyphs)
    assert ("——" in text) == dash and text.endswith("你认可在自动提款机上设置")
    assert page.unreadable == (0 if dash else 1)


def _stroked_pdf(lines: list[tuple[str, float | None]]) -> bytes:
    """Lines of 10 pt text drawn by ReportLab, each filled, or filled and stroked this wide."""
    pytest.importorskip("reportlab")
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(300, 200), invariant=1)
    for k, (line, stroke) in enumerate(lines):
        c.saveState()
        text = c.beginText(10, 180 - 20 * k)
        text.setFont("STSong-Light", 10)
        if stroke is not None:
            text.setTextRenderMode(2)
            c.setLineWidth(stroke)
        text.textOut(line)
        c.drawText(text)
        c.restoreState()
    c.save()
    return out.getvalue()


def test_text_filled_and_stroked_a_few_hundredths_of_an_em_is_bold_and_a_hairline_is_not():
    # Typesetting systems draw bold of a face that has none by stroking the outlines too.
    data = _stroked_pdf([("加粗的标题", 0.35), ("正文一行", None), ("细线描边", 0.01)])
    (page,) = read_pages(data, "stroked.pdf")
    bold = {line: {g.bold for g in page.glyphs if g.text in line} for line in ("加粗的标题", "正文一行", "细线描边")}
    assert bold == {"加粗的标题": {True}, "正文一行": {False}, "细线描边": {False}}


def test_landscape_page_turned_by_rotate_reads_its_text_upright():
    # /Rotate 90 with the text drawn turned in the file, so that it reads upright once the
    # page is turned: upright on the page as shown, not a sideways digit of vertical type.
    pytest.importorskip("reportlab")
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from digest.pdf import read_pdf

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(400, 600), invariant=1)
    c.setPageRotation(90)
    c.rotate(90)
    c.setFont("STSong-Light", 10)
    lines = [f"本报讯 市委书记主持召开第{n}次会议，研究部署重点工作。" for n in "一二三"]
    for k, line in enumerate(lines):
        c.drawString(40, -40 - 16 * k, line)
    c.save()
    text, _ = read_pdf(out.getvalue(), "landscape.pdf")
    assert all(line.replace(" ", "") in text.replace(" ", "").replace("\n", "") for line in lines)
