"""The PDF reader (digest/pdf): pages the tests make with WeasyPrint, read from their glyphs."""

from __future__ import annotations

import json
import re

import pytest

from digest.clean import normalize_punctuation
from digest.errors import DigestError
from digest.ingest import read_issue
from digest.pdf import read_pdf

CSS = """
@page { size: 240mm 320mm; margin: 10mm }
body { font-family: 'Noto Serif CJK SC'; font-size: 9pt; line-height: 1.5; margin: 0 }
section { position: relative; height: 300mm; page-break-after: always }
.mast { position: absolute; top: 0; left: 0; width: 220mm; font-size: 11pt; border-bottom: 1.5pt solid black; padding-bottom: 1mm }
.abs { position: absolute }
.col { position: absolute; width: 50mm; text-align: justify }
.col p { margin: 0; text-indent: 2em }
h1 { font-size: 24pt; font-weight: 700; margin: 0; line-height: 1.2 }
.kicker { font-size: 13pt }
.sub { font-size: 12pt }
.photo { position: absolute; width: 105mm; height: 30mm; background: #bbb; border: 0.75pt solid black }
.cap { position: absolute; width: 105mm; font-size: 8pt; font-family: 'Noto Sans CJK SC' }
.fb { position: absolute; font-size: 10pt; font-family: 'Noto Sans CJK SC' }
"""
COL1 = "本报讯（记者 王涛）第一栏开头，我市深入贯彻黄河流域生态保护和高质量发展战略，统筹推进山水林田湖草沙系统治理，在生态修复、污染防治、绿色转型等领域取得突破性进展。"
COL2 = "第二栏开头，国土绿化行动成效显著，人工造林、森林质量提升等试点示范任务完成13.6万亩，持续筑牢生态安全屏障，为人⺠群众提供更多优质生态产品。"
COL3 = "本报讯（记者 李明）第三栏开头，柳林县三交镇启动垃圾分类兑换积分活动，号召干部群众为保护黄河生态环境贡献力量，共享单⻋有序停放。"
COL4 = "第四栏开头，该镇镇长贾晋文说，垃圾分类看似小事，实则关乎生态大计，全镇将持续推进这项⼯作，让乡村环境更加整洁美丽。"


def _page1() -> str:
    return (
        '<section><div class="mast">吕梁日报　2025年5月13日　星期二　第1版　要闻</div>'
        '<div class="abs" style="top:12mm; left:0; width:105mm">'
        '<div class="kicker">坚持生态优先 推动绿色发展</div>'
        "<h1>我市黄河流域生态保护取得突破性进展</h1>"
        '<div class="sub">——全市生态环境综合治理工作综述</div></div>'
        f'<div class="col" style="top:52mm; left:0"><p>{COL1 * 2}</p></div>'
        f'<div class="col" style="top:52mm; left:55mm"><p>{COL2 * 2}</p></div>'
        '<div class="abs" style="top:12mm; left:115mm; width:105mm"><h1 style="font-size:18pt">柳林县三交镇启动垃圾分类兑换积分活动</h1></div>'
        f'<div class="col" style="top:32mm; left:115mm"><p>{COL3 * 2}</p></div>'
        f'<div class="col" style="top:32mm; left:170mm"><p>{COL4 * 2}</p></div>'
        '<div class="photo" style="top:110mm; left:115mm"></div>'
        '<div class="cap" style="top:142mm; left:115mm">图为三交镇干部群众在黄河岸边捡拾垃圾。 记者 李明 摄</div>'
        # A caption in fake bold: the same line drawn twice, 0.25 pt apart.
        '<div class="fb" style="top:160mm; left:0">近年来，我市紧紧围绕功能提升补短板</div>'
        '<div class="fb" style="top:160mm; left:0; margin-left:0.25pt">近年来，我市紧紧围绕功能提升补短板</div>'
        "</section>"
    )


def _page2() -> str:
    return (
        '<section><div class="mast">吕梁日报　2025年5月13日　星期二　第2版　综合</div>'
        '<div class="abs" style="top:12mm; left:0; width:105mm"><h1>交城县举办农民丰收节活动</h1></div>'
        '<div class="col" style="top:30mm; left:0"><p>本报讯（记者 刘洋）9月22日，交城县在夏家营镇举办农民丰收节，展示全县农业农村发展成果，吸引群众三千余人参加。</p></div>'
        '<div class="abs" style="top:12mm; left:115mm; width:105mm"><h1>文水县推进高标准农田建设</h1></div>'
        '<div class="col" style="top:30mm; left:115mm"><p>本报讯（记者 付永文）今年以来，文水县新建高标准农田五万亩，粮食产量稳步提升，农民收入持续增加。</p></div>'
        "</section>"
    )


def _pdf(*pages: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f'<html lang="zh-CN"><head><style>{CSS}</style></head><body>{"".join(pages)}</body></html>').write_pdf()


@pytest.fixture(scope="module")
def two_pages():
    return _pdf(_page1(), _page2())


@pytest.fixture(scope="module")
def read(two_pages):
    return read_pdf(two_pages, "issue.pdf")


def test_masthead_read_from_each_page_and_not_in_the_text(read):
    text, pages = read
    assert [p.masthead.page for p in pages] == [1, 2]
    first = pages[0].masthead
    assert (first.paper, first.date.isoformat(), first.weekday, first.section) == ("吕梁日报", "2025-05-13", 1, "要闻")
    assert "吕梁日报" not in text and "2025年5月13日" not in text and "第1版" not in text


def test_pages_are_separated_by_form_feeds_and_start_where_said(read):
    text, pages = read
    assert text.count("\f") == 1
    lines = text.split("\n")
    assert pages[0].line == 1 and lines[pages[1].line - 1].startswith("\f")


def test_headline_kicker_and_subtitle_as_markdown(read):
    text = read[0]
    lines = text.split("\n")
    # The headline is broken over two printed lines: one Markdown line.
    assert "# 我市黄河流域生态保护取得突破性进展" in lines
    k = lines.index("# 我市黄河流域生态保护取得突破性进展")
    assert lines[k - 1] == "### 坚持生态优先 推动绿色发展"
    assert lines[k + 1] == "## ——全市生态环境综合治理工作综述"
    assert "# 柳林县三交镇启动垃圾分类兑换积分活动" in lines
    assert sum(1 for line in lines if line.lstrip("\f").startswith("# ")) == 4
    # Body lines are kept as printed: none of them is a heading, none longer than its column.
    body = [line for line in lines if "栏" in line or "。" in line and not line.startswith(("#", "\f#", "图为"))]
    assert body and all(not line.lstrip("\f").startswith("#") for line in body)
    assert max(len(line) for line in body if "图为" not in line and "近年来" not in line) <= 18  # a 50 mm column


def test_reading_order_headline_then_its_columns_left_to_right(read):
    text = read[0].split("\f")[0]
    flat = text.replace("\n", "")
    order = [flat.index(s) for s in ("# 我市黄河流域", "第一栏开头", "第二栏开头", "# 柳林县三交镇", "第三栏开头", "第四栏开头", "图为三交镇")]
    assert order == sorted(order)
    # Each column's text is read through before the next one starts.
    assert flat.rindex("第一栏开头") < flat.index("第二栏开头") and flat.rindex("第三栏开头") < flat.index("第四栏开头")


def test_fake_bold_line_comes_out_once(read):
    text = read[0]
    assert text.count("近年来，我市紧紧围绕功能提升补短板") == 1
    assert "近近" not in text and "功能提升补短板近年来" not in text


def test_photo_caption_is_a_body_line_with_its_credit(read):
    caption = "".join(line for line in read[0].split("\n") if "图为" in line or "摄" in line)
    assert re.search(r"图为三交镇.*记者 ?李明 ?摄", caption)


def test_radicals_map_to_ideographs_in_pdf_and_text_inputs(read):
    text = read[0]
    assert "人民群众" in text and "共享单车" in text and "这项工作" in text
    assert not re.search("[\u2e80-\u2eff\u2f00-\u2fdf]", text)
    assert normalize_punctuation("人⺠ 单⻋ ⼯人 ⻓江") == "人民 单车 工人 长江"


def test_nothing_on_stderr_for_a_clean_pdf(two_pages, capfd):
    read_pdf(two_pages, "issue.pdf")
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_lost_characters_are_one_line_on_stderr(two_pages, capsys, monkeypatch):
    import digest.pdf as pdf
    from digest.pdf.pdfium import read_pages

    def lossy(data, name):
        pages = read_pages(data, name)
        pages[0].unreadable = 12
        return pages

    monkeypatch.setattr(pdf, "read_pages", lossy)
    pdf.read_pdf(two_pages, "x.pdf")
    assert capsys.readouterr().err.splitlines() == ["digest: note: x.pdf: 12 characters could not be read"]


def test_text_set_sideways_or_at_an_angle_is_counted_in_the_note(capsys):
    # A column label turned a quarter turn outside any vertical headline, and a line set at 30
    # degrees: neither is read (nor taken for headlines a character each); both are counted.
    side = '<div class="abs" style="top:100mm; left:150mm; transform:rotate(90deg); font-size:12pt; white-space:nowrap">侧排的栏目标签</div>'
    tilt = '<div class="abs" style="top:200mm; left:150mm; transform:rotate(30deg); font-size:12pt; white-space:nowrap">斜排的文字</div>'
    text, _ = read_pdf(_pdf(_page2().replace("</section>", side + tilt + "</section>")), "x.pdf")
    assert "标签" not in text and "# 斜" not in text and "交城县举办农民丰收节活动" in text
    assert capsys.readouterr().err.splitlines() == ["digest: note: x.pdf: 12 characters could not be read"]


def _sideways_label_pdf(page: int = 2) -> bytes:
    side = '<div class="abs" style="top:100mm; left:150mm; transform:rotate(90deg); font-size:12pt; white-space:nowrap">侧排的栏目标签</div>'
    return _pdf(_page2().replace("第2版", f"第{page}版").replace("</section>", side + "</section>"))


@pytest.mark.parametrize("files", [3, 4])
def test_a_build_notes_lost_characters_per_file_up_to_three_files_then_in_one_line(tmp_path, files):
    from click.testing import CliRunner

    from digest.cli import main

    for n in range(files):  # pages of their own (copies of one page are read once)
        (tmp_path / f"p{n}.pdf").write_bytes(_sideways_label_pdf(page=n + 2))
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "out"), "-f", "json", "--no-cache", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if "could not be read" in line]
    if files == 3:
        assert notes == [f"digest: note: {tmp_path / f'p{n}.pdf'}: 7 characters could not be read" for n in range(3)]
    else:
        named = ", ".join(f"{tmp_path / f'p{n}.pdf'} 7" for n in range(4))
        assert notes == [f"digest: note: 28 characters could not be read in 4 PDF files ({named})"]


def test_lost_characters_of_many_files_name_ten_and_count_the_rest():
    from conftest import make_issue

    from digest.pipeline import build_notes

    issues = [make_issue("", source=f"p{n:02}.pdf") for n in range(12)]
    for issue in issues:
        issue.lost = 1
    issues[0].warnings.append("date: pages' mastheads disagree")
    (lost, date) = build_notes(issues)
    assert lost.startswith("12 characters could not be read in 12 PDF files (p00.pdf 1, p01.pdf 1,")
    assert lost.endswith("p09.pdf 1 and 2 more)") and "p10.pdf" not in lost
    assert date == "p00.pdf: pages' mastheads disagree"


def test_text_skewed_a_few_degrees_as_a_scan_is_read(capsys):
    # An OCR'd scan fed in a little crooked: its whole text layer slants by a few degrees.
    upright, _ = read_pdf(_pdf(_page2()), "x.pdf")
    for degrees in (4, -6):
        skewed = _page2().replace("<section>", f'<section style="transform:rotate({degrees}deg)">')
        assert read_pdf(_pdf(skewed), "x.pdf")[0] == upright
    assert "# 交城县举办农民丰收节活动" in upright and capsys.readouterr().err == ""


def test_one_block_slanting_on_an_upright_page_is_left_out_not_moved(capsys):
    # Only the whole page's slant is turned back: a headline set at 8 degrees on an upright page
    # is text at an angle (counted in the note), and nothing else on the page moves.
    slanted = _page2().replace('<h1>交城县', '<h1 style="transform:rotate(8deg)">交城县')
    text, _ = read_pdf(_pdf(slanted), "x.pdf")
    upright, _ = read_pdf(_pdf(_page2()), "x.pdf")
    assert text == upright.replace("---\n# 交城县举办农民丰收节活动\n", "", 1)
    assert capsys.readouterr().err.splitlines() == ["digest: note: x.pdf: 12 characters could not be read"]


def test_a_pdf_name_on_something_else_is_a_one_line_error(tmp_path):
    fake = tmp_path / "2025-05-13.pdf"
    fake.write_text("吕梁日报 2025年5月13日 这不是PDF文件", encoding="utf-8")
    with pytest.raises(DigestError, match=r"2025-05-13\.pdf: not a PDF") as info:
        read_issue(fake)
    assert "\n" not in str(info.value)


def test_vertical_headline_is_read_top_to_bottom():
    page = (
        '<section><div class="mast">吕梁日报　2025年5月14日　星期三　第3版　文化</div>'
        '<div class="abs" style="top:15mm; left:0; width:1.2em; font-size:22pt; font-weight:700; line-height:1.1">黄河颂歌</div>'
        f'<div class="col" style="top:15mm; left:20mm"><p>{COL1}</p></div></section>'
    )
    text, pages = read_pdf(_pdf(page), "v.pdf")
    assert pages[0].masthead.page == 3
    assert "# 黄河颂歌" in text.split("\n")


def _over_a_rule_at_66mm(top: str) -> str:
    """A page: `top`, then a long rule at 66 mm and a story under it (文水县…, COL3)."""
    return ('<section>' + top + '<div class="abs" style="top:66mm; left:0; width:220mm; border-top:0.6pt solid black"></div>'
            '<div class="abs" style="top:68mm; left:0; width:105mm"><h1 style="font-size:18pt">文水县推进高标准农田建设</h1></div>'
            f'<div class="col" style="top:78mm; left:0"><p>{COL3}</p></div></section>')


def test_a_long_rule_over_a_story_near_the_top_is_no_masthead_rule_and_keeps_the_stories_above_it():
    # The masthead has no rule under it; a rule over the next row of stories, within the top
    # quarter of the page, spans most of its width: the stories between are the page's, not
    # the header band's.
    page = _over_a_rule_at_66mm(
        '<div class="abs" style="top:0; left:0; width:220mm; font-size:11pt">吕梁日报　2025年5月14日　星期三　第3版　文化</div>'
        '<div class="abs" style="top:8mm; left:0; width:105mm"><h1 style="font-size:18pt">交城县举办农民丰收节活动</h1></div>'
        f'<div class="col" style="top:18mm; left:0"><p>{COL1}</p></div>'
        f'<div class="col" style="top:18mm; left:55mm"><p>{COL2}</p></div>'
    )
    text, pages = read_pdf(_pdf(page), "r.pdf")
    assert pages[0].masthead.page == 3 and "2025年5月14日" not in text
    assert "# 交城县举办农民丰收节活动" in text.split("\n") and "第一栏开" in text and "第二栏开" in text


def test_a_long_rule_under_headless_stories_near_the_top_keeps_them_as_the_pages():
    # Between the running header and a rule over the next row: a photo's caption and a
    # headless report, columns of text with no headline over them. More rows than a header's,
    # and a story among them even without display type: no masthead's rule.
    page = _over_a_rule_at_66mm(
        '<div class="abs" style="top:0; left:0; width:220mm; font-size:9.5pt">吕梁日报　2025年5月14日　星期三　第3版　文化</div>'
        f'<div class="col" style="top:8mm; left:0; line-height:1.3"><p>{COL1}</p><p>{COL3}</p></div>'
        f'<div class="col" style="top:8mm; left:55mm; line-height:1.3"><p>{COL2}</p><p>{COL3}</p></div>'
    )
    text, pages = read_pdf(_pdf(page), "h.pdf")
    assert pages[0].masthead.page == 3 and "2025年5月14日" not in text
    assert "第一栏开" in text and "第二栏开" in text


def test_a_front_page_masthead_of_many_small_rows_over_its_rule_is_taken_out_whole():
    # A front page's logo with nine small lines beside it (numbers, dates, the lunar date, a
    # website, telephones): more rows than a running header, but no story among them.
    small = ["国内统一连续出版物号 CN14-0027", "邮发代号 21-40", "2025年5月13日　星期二", "农历乙巳年四月十六",
             "今日8版　第1版", "总第12345期", "www.lvliangnews.cn", "新闻热线 0358-8222222", "广告热线 0358-8223333"]
    rows = "".join(f'<div style="font-size:9pt; line-height:1.8">{line}</div>' for line in small)
    page = (
        '<section><div class="abs" style="top:0; left:0; font-size:44pt; font-weight:700">吕梁日报</div>'
        f'<div class="abs" style="top:0; left:120mm; width:100mm">{rows}</div>'
        '<div class="abs" style="top:56mm; left:0; width:220mm; border-top:1.5pt solid black"></div>'
        '<div class="abs" style="top:59mm; left:0; width:105mm"><h1 style="font-size:18pt">交城县举办农民丰收节活动</h1></div>'
        f'<div class="col" style="top:69mm; left:0"><p>{COL1}</p></div>'
        f'<div class="col" style="top:69mm; left:55mm"><p>{COL2}</p></div></section>'
    )
    text, pages = read_pdf(_pdf(page), "f.pdf")
    assert pages[0].masthead is not None and str(pages[0].masthead.date) == "2025-05-13"
    assert text.lstrip("-\n").startswith("# 交城县举办农民丰收节活动")  # nothing of the masthead before the story
    assert "邮发代号" not in text and "农历" not in text and "第一栏开" in text


def test_build_gives_articles_their_pages(tmp_path, two_pages):
    from click.testing import CliRunner

    from digest.cli import main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "2025-05-13.pdf").write_bytes(two_pages)
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-f", "json"])
    assert result.exit_code == 0, result.output
    articles = json.loads((tmp_path / "out" / "briefing.json").read_text(encoding="utf-8"))["articles"]
    pages = {a["title"]: a["page"] for a in articles}
    assert pages.get("交城县举办农民丰收节活动") == 2 and pages.get("文水县推进高标准农田建设") == 2
    assert pages.get("我市黄河流域生态保护取得突破性进展") == 1
    assert all(a["source"] == "2025-05-13.pdf" for a in articles)


def test_a_pdf_whose_page_tree_holds_no_pages_is_one_line_error_of_its_own(tmp_path):
    # PDFium refuses it without an error of its own ("success", or the file read before's).
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    xref = len(body)
    body += (b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \ntrailer<</Size 3/Root 1 0 R>>\n"
             b"startxref\n" + str(xref).encode() + b"\n%%EOF\n")
    for before in (None, b"%PDF-1.4\n" + b"garbage " * 100):  # also after a file PDFium refused with an error of its own
        if before:
            with pytest.raises(DigestError):
                read_pdf(before, "bad.pdf")
        with pytest.raises(DigestError) as caught:
            read_pdf(body, "zero.pdf")
        assert str(caught.value) == "zero.pdf: PDF has no pages (its page tree is empty)"


def _rootless() -> bytes:
    """A catalog with no page tree: PDFium refuses it without setting an error of its own."""
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n"
    xref = len(body)
    return body + b"xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer<</Size 2/Root 1 0 R>>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n"


def test_a_pdf_with_no_page_tree_pdfium_refuses_is_not_said_to_have_no_pages():
    # PDFium refuses it as it refuses a page tree of no pages, but nothing shows that it has none.
    with pytest.raises(DigestError) as caught:
        read_pdf(_rootless(), "rootless.pdf")
    assert str(caught.value) == "rootless.pdf: not a readable PDF (PDFium cannot load it)"


def test_a_pdf_pdfium_refuses_with_no_error_of_its_own_is_not_given_the_error_of_a_file_read_before():
    # PDFium's last error is one value for the process, and the child reading a PDF is forked from
    # this one: a damaged file read here first ("data format error") must not lend it its error.
    import pypdfium2 as pdfium

    with pytest.raises(pdfium.PdfiumError, match="Data format error"):
        pdfium.PdfDocument(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    with pytest.raises(DigestError) as caught:
        read_pdf(_rootless(), "rootless.pdf")
    assert str(caught.value) == "rootless.pdf: not a readable PDF (PDFium cannot load it)"


@pytest.mark.parametrize("key", [b"/Encrypt", b"/Encr#79pt", b"/#45ncrypt"])
def test_an_encrypted_pdf_is_said_to_be_encrypted_however_its_key_is_written(key):
    import io

    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=1))
    page.drawString(72, 700, "Hello")
    page.save()
    with pytest.raises(DigestError, match=r"^locked\.pdf: encrypted PDF; save it without a password first$"):
        read_pdf(out.getvalue().replace(b"/Encrypt", key), "locked.pdf")


def _one_page_pdf(content: bytes, filters: bytes, draws: int = 1) -> bytes:
    """A page whose content is one stream, drawn `draws` times (`/Contents [4 0 R 4 0 R …]`)."""
    contents = b"[" + b" ".join([b"4 0 R"] * draws) + b"]"
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents " + contents + b">>",
               b"<</Length %d/Filter%s>>stream\n" % (len(content), filters) + content + b"\nendstream"]
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj" % number + obj + b"endobj\n"
    xref = len(body)
    body += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return body + b"trailer<</Size 5/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % xref


@pytest.mark.parametrize("shape", ["flate", "flate twice", "one stream drawn eight times"])
def test_a_page_inflating_past_the_memory_budget_is_one_line_error(tmp_path, shape):
    # Compression bombs, as a hostile-input run made them: PDFium has no bound of its own and
    # aborts when memory runs out, so the file is read in a child held to a budget. Read from
    # a fresh process: the budget counts from what the process holds, and a long-running one
    # (this test session) holds freed memory a child may reuse uncounted.
    import subprocess
    import sys
    import zlib

    size = {"flate": 96, "flate twice": 96, "one stream drawn eight times": 16}[shape] * 1024 * 1024
    content = zlib.compress(b" " * size, 9)
    if shape == "flate twice":
        body = _one_page_pdf(zlib.compress(content, 9), b"[/FlateDecode/FlateDecode]")
    else:
        body = _one_page_pdf(content, b"/FlateDecode", draws=8 if "eight" in shape else 1)
    assert len(body) < 200_000
    (tmp_path / "bomb.pdf").write_bytes(body)
    code = ("import sys; from digest import limits; limits.MEMORY_BUDGET = 48 * 1024 * 1024\n"
            "from digest.errors import DigestError; from digest.pdf import read_pdf\n"
            "try: read_pdf(open('bomb.pdf', 'rb').read(), 'bomb.pdf')\nexcept DigestError as error: print(error)")
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert run.stdout.startswith("bomb.pdf: reading it needs more than 48 MB of memory"), (run.stdout, run.stderr)
    assert run.stderr == ""


def test_pages_read_under_a_small_memory_budget_as_with_the_default_one(two_pages, read, monkeypatch):
    # The budget is what reading may add to the process: two newspaper pages need far less.
    from digest import limits as bounded

    monkeypatch.setattr(bounded, "MEMORY_BUDGET", 48 * 1024 * 1024)
    assert read_pdf(two_pages, "two.pdf") == read


def test_glyph_twins_a_text_layer_names_read_as_the_characters_printed():
    # Qt WebKit's text layer names 戶 (U+6236) wherever a page prints 户, and the division slash
    # for `/`: one glyph in the font serves both code points. Read as the page prints them.
    page = ('<section><div class="mast">吕梁日报　2025年5月13日　星期二　第1版　要闻</div>'
            '<div class="col" style="top:20mm; left:0"><p>本报讯（文\u2215记者 王涛）全市新增农\u6236三千余\u6236，'
            '5\u301c14岁儿童全部入学，时间\u3b35囊埋入地下。</p></div></section>')
    text, _ = read_pdf(_pdf(page), "twins.pdf")
    flat = text.replace("\n", "")
    assert "农户三千余户" in flat and "文/记者" in flat and "5～14岁" in flat and "时间胶囊" in flat
    assert not re.search("[\u6236\u3b35\u2215\u301c]", text)


def test_a_traditional_chinese_page_keeps_its_own_戶():
    # 戶 is mapped to 户 on a page of simplified text only: a traditional page prints 戶 itself.
    page = ('<section><div class="mast">呂梁日報　2025年5月13日　星期二　第1版　要聞</div>'
            '<div class="col" style="top:20mm; left:0"><p>本報訊（記者 王濤）全市為三千餘住戶和客戶解決問題，'
            '我市深入貫徹黃河流域生態保護和高質量發展戰略，全市上下凝心聚力。</p></div></section>')
    text, _ = read_pdf(_pdf(page), "trad.pdf")
    assert "三千餘住戶和客戶" in text.replace("\n", "")
