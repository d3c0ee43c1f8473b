import codecs
import json

import pytest
from click.testing import CliRunner
from conftest import ROOT, seed

from digest.clean import clean_lines
from digest.cli import main
from digest.errors import DigestError
from digest.ingest import MAX_HAN, MAX_LINES, decode, find_inputs, is_common, read_issue

TEXT = "本报讯（记者 王涛）去年以来，我市深入贯彻黄河流域生态保护和高质量发展战略。"


@pytest.mark.parametrize(
    ("text", "data", "encoding"),
    [
        (TEXT, TEXT.encode("utf-8"), "utf-8"),
        (TEXT, codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT, TEXT.encode("gb18030"), "gb18030"),
        (TEXT, TEXT.encode("gbk"), "gb18030"),
        (TEXT, codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (TEXT, codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        # UTF-16 without a byte-order mark: told by its NUL bytes, or by which reading is Chinese.
        (TEXT, TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT, TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT + "\n2025 ABC\n", (TEXT + "\n2025 ABC\n").encode("utf-16-le"), "utf-16-le"),
        ("hello\n", "hello\n".encode("utf-16-be"), "utf-16-be"),
        # ASCII read as UTF-16 looks like Han (`he` is U+6568): a stray NUL does not make it UTF-16.
        ("hello\x00world, 2025\x00\n", b"hello\x00world, 2025\x00\n", "utf-8"),
        ("吕梁", "吕梁".encode("utf-16-le"), "utf-16-le"),
        ("吕梁", "吕梁".encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_encodings_detected(text, data, encoding):
    assert decode(data, "x.txt") == (text, encoding)


def test_utf16_without_mark_reads_a_whole_issue():
    text = seed("000").read_text(encoding="utf-8")
    for encoding in ("utf-16-le", "utf-16-be"):
        assert decode(text.encode(encoding), "x.txt") == (text, encoding)


def test_empty_file_is_an_error():
    with pytest.raises(DigestError, match="x.txt: file is empty"):
        decode(b"  \n\n", "x.txt")


def test_an_empty_pdf_file_is_said_to_be_empty_not_a_pdf_without_header(tmp_path):
    # A download that failed leaves a 0-byte `p3.pdf`: "not a PDF (no %PDF header)" sent the
    # user looking at its format; an empty `.txt` was already "file is empty".
    path = tmp_path / "p3.pdf"
    path.write_bytes(b"")
    with pytest.raises(DigestError, match="p3.pdf: file is empty$"):
        read_issue(path)


def test_binary_file_is_an_error():
    data = bytes(range(256)) * 20
    with pytest.raises(DigestError, match="x.bin"):
        decode(data, "x.bin")


def test_short_chinese_file_with_many_control_characters_is_text_not_binary():
    # Found by hypothesis (test_noisy_sample_files_lose_no_han): 9 controls in 40 characters.
    text = "\x1f\x1f\x1f\x08\x1f\x1f\x1f\x08\x1b[2J 为进一步优化营商环境，\n吕梁市纪委监委开设投诉举"
    assert decode(text.encode("utf-8"), "x.txt") == (text, "utf-8")


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8,
        codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"),
        "\n \n".encode("utf-16-le"),
    ],
)
def test_only_a_mark_or_whitespace_is_empty(data):
    with pytest.raises(DigestError, match="^x.txt: file is empty$"):
        decode(data, "x.txt")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        b"PK\x03\x04" + bytes(200) + b"\xff\xfe\xfd" * 50,
        codecs.BOM_UTF8 + TEXT.encode("gb18030"),  # a mark that lies
        codecs.BOM_UTF16_LE + b"\x00\xd8\x00\xd8",  # lone surrogates
        bytes(64),
    ],
)
def test_undecodable_or_binary_is_one_line_naming_the_file(data):
    with pytest.raises(DigestError) as error:
        decode(data, "x.bin")
    assert str(error.value).startswith("x.bin: ") and "\n" not in str(error.value)


def test_nul_bytes_inside_text_are_dropped(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(TEXT[:10].encode("utf-8") + b"\x00\x00" + TEXT[10:].encode("utf-8"))
    issue = read_issue(path)
    assert issue.raw == TEXT and issue.encoding == "utf-8"


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(DigestError, match="no such file or folder"):
        find_inputs([str(tmp_path / "nope")])


def test_folder_lists_issue_files_sorted(tmp_path):
    for name in ("b.txt", "a.md", "c.docx"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    assert [p.name for p in find_inputs([str(tmp_path)])] == ["a.md", "b.txt"]


def test_paper_guessed_from_leads(tmp_path):
    path = tmp_path / "kx.md"
    path.write_text("科学导报讯 9月10日，会议召开。", encoding="utf-8")
    assert read_issue(path).paper == "科学导报"


def test_masthead_printed_with_radical_code_points_gives_paper_and_date(tmp_path):
    # A PDF's text layer names Kangxi radicals for 日, 月, 山, 文 (wkhtmltopdf's, many e-papers'):
    # the masthead is read after they are mapped, so the issue keeps its paper, date and page.
    path = tmp_path / "p6.txt"
    path.write_text("\u2f42化 \u2f2d西经济\u2f47报 2025年3\u2f491\u2f47 星期六 第6版\n"
                    "本报讯 3\u2f4928\u2f47，会议召开。会议强调要坚持绿色发展。\n", encoding="utf-8")
    issue = read_issue(path)
    assert (issue.paper, issue.masthead.date.isoformat(), issue.masthead.page) == ("山西经济日报", "2025-03-01", 6)
    assert "\u2f47" not in issue.raw and "3月28日" in issue.raw


# --- awkward but readable issues go through the whole build ---

ISSUE = seed("000").read_text(encoding="utf-8")
AWKWARD = {
    "nul.txt": ISSUE[:600].encode("utf-8") + b"\x00\x00abc\x00" + ISSUE[600:].encode("utf-8"),
    "controls.txt": (ISSUE[:400] + "\x01\x02\x1b[31m\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\u200b" + ISSUE[400:]).encode("utf-8"),
    "widths.txt": (ISSUE[:900] + "\nＡＢＣ１２３，abc,１２３。(上接１版)（下转２版）全角　空格\n" + ISSUE[900:]).encode("utf-8"),
    "traditional.txt": "本報訊（記者 王濤）去年以來，我市深入貫徹黃河流域生態保護和高質量發展戰略。\n為進一步推動經濟發展，會議強調要堅持綠色發展。\n".encode("gb18030"),
    "long-line.txt": (ISSUE.replace("\n", "") * 20)[:100_000].encode("utf-8"),
    "utf16.txt": ISSUE.encode("utf-16-le"),
    "gbk.txt": ISSUE.encode("gbk"),
}


@pytest.mark.parametrize("name", sorted(AWKWARD))
def test_awkward_issue_builds(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(AWKWARD[name])
    assert clean_lines(read_issue(path).raw)
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out"), "-f", "json", "-f", "md"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out" / "briefing.json").read_text(encoding="utf-8"))
    assert data["articles"] and all(article["text"] for article in data["articles"])


def test_megabyte_on_one_line_is_cleaned_whole():
    line = (ISSUE.replace("\n", "") * 200)[:1_000_000]
    [cleaned] = clean_lines(line)
    assert len(cleaned.text) > 0.95 * len(line) and not cleaned.removed


@pytest.mark.parametrize("content", ["hello world\n1234\n", "。。。，，，\n——\n", "（上接1版）\n(下转4版)\n"])
def test_issue_without_articles_gives_an_empty_briefing(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out"), "-f", "json", "-f", "md"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out" / "briefing.json").read_text(encoding="utf-8"))
    assert data["articles"] == [] and [g["source"] for g in data["generated_from"]] == ["blank.txt"]
    assert f"digest: note: {path}: no article found" in result.stderr
    assert "本期未找到文章" in (tmp_path / "out" / "briefing.md").read_text(encoding="utf-8")


def test_a_bad_file_stops_the_build_with_one_line(tmp_path):
    (tmp_path / "good.txt").write_text(ISSUE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(codecs.BOM_UTF8 + b"\xff\xfe\x00garbage")
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "out"), "-f", "json"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"digest: error: {tmp_path / 'bad.txt'}: starts with a UTF-8 byte-order mark but is not UTF-8 text"]
    assert not (tmp_path / "out").exists()


def _epaper_pdf(path, body_html: str) -> None:
    from weasyprint import HTML

    page = f'<html lang="zh-CN"><body style="font-family: Noto Sans CJK SC; width: 12em">{body_html}</body></html>'
    path.write_bytes(HTML(string=page).write_pdf())


def test_epaper_pdf_is_read_from_its_text_layer(tmp_path):
    from click.testing import CliRunner

    from digest.cli import main

    pdf = tmp_path / "2025-04-11.pdf"
    _epaper_pdf(
        pdf,
        "<p>本报讯（记者 王涛）4月10日，柳林县三交镇启动垃圾分类兑换积分活动，号召干部群众为保护黄河生态环境贡献力量。</p>"
        "<p>该镇镇长贾晋文说，垃圾分类看似小事，实则关乎生态大计。</p>"
        "<h1>柳林县三交镇启动垃圾分类兑换积分活动</h1>",
    )
    issue = read_issue(pdf)
    assert issue.encoding == "pdf" and "本报讯" in issue.raw
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(out), "-f", "json"])
    assert result.exit_code == 0, result.output
    import json

    (article,) = json.loads((out / "briefing.json").read_text(encoding="utf-8"))["articles"]
    assert article["title"] == "柳林县三交镇启动垃圾分类兑换积分活动"
    assert article["byline"] == "王涛" and article["date"] == "2025-04-11"
    assert "柳林县" in article["counties"]


def test_pdf_without_text_layer_is_a_clear_error(tmp_path):
    pdf = tmp_path / "scan.pdf"
    _epaper_pdf(pdf, '<div style="height: 5em; background: black"></div>')
    with pytest.raises(DigestError, match="scan.pdf: PDF has no text layer"):
        read_issue(pdf)


def test_broken_pdf_is_a_clear_error(tmp_path):
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    with pytest.raises(DigestError, match="broken.pdf: "):
        read_issue(pdf)


def test_digest_error_survives_pickling():
    import pickle

    error = pickle.loads(pickle.dumps(DigestError("x.txt", "file is empty")))
    assert (error.path, error.problem, str(error)) == ("x.txt", "file is empty", "x.txt: file is empty")


def test_pure_han_utf16_without_a_mark_is_not_read_as_gb18030():
    from digest.ingest import decode

    text = "黄河流域生态保护和高质量发展取得突破性进展"
    assert decode(text.encode("utf-16-le"), "x.txt") == (text, "utf-16-le")
    assert decode(text.encode("gb18030"), "x.txt") == (text, "gb18030")


# --- inputs by content and by name; what cleaning must not let through -----------------------


def _build(*args: str):
    return CliRunner().invoke(main, ["build", *args, "--no-cache"])


def test_named_file_of_a_kind_digest_does_not_read_is_one_line_error(tmp_path):
    notes = tmp_path / "notes.docx"
    notes.write_text(TEXT, encoding="utf-8")
    result = _build(str(notes), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines() == [f"digest: error: {notes}: not an issue file: digest reads .txt, .md and .pdf files, not .docx"]


def test_text_named_pdf_and_foreign_kind_are_skipped_with_skip_bad(tmp_path):
    fake, notes = tmp_path / "fake.pdf", tmp_path / "notes.docx"
    fake.write_text(TEXT, encoding="utf-8")
    notes.write_text(TEXT, encoding="utf-8")
    result = _build(str(fake), str(notes), str(seed("000")), "--skip-bad", "-f", "json", "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    skipped = sorted(line for line in result.stderr.splitlines() if line.startswith("digest: skipped: "))
    assert skipped == [f"digest: skipped: {fake}: not a PDF (no %PDF header)", f"digest: skipped: {notes}: not an issue file: digest reads .txt, .md and .pdf files, not .docx"]
    sources = [issue["source"] for issue in json.loads((tmp_path / "out" / "briefing.json").read_text(encoding="utf-8"))["generated_from"]]
    assert sources == [seed("000").name]


def test_every_input_bad_with_skip_bad_lists_each_reason(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 40)
    result = _build(str(tmp_path / "empty.txt"), str(tmp_path / "photo.txt"), str(tmp_path / "gone.txt"), "--skip-bad", "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert lines[:3] == [
        f"digest: skipped: {tmp_path / 'gone.txt'}: no such file or folder",
        f"digest: skipped: {tmp_path / 'empty.txt'}: file is empty",
        f"digest: skipped: {tmp_path / 'photo.txt'}: not text in UTF-8, GB18030, Big5 or UTF-16 (binary or undecodable file)",
    ]
    assert len(lines) == 4 and lines[3].startswith("digest: error: ") and "no readable issue files" in lines[3]


def test_symlink_loop_is_named_as_such(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    result = _build(str(loop), "-o", str(tmp_path / "out"))
    assert result.stderr.splitlines() == [f"digest: error: {loop}: cannot read: Too many levels of symbolic links"]


def test_symlink_loop_inside_a_folder_is_skipped_by_name_and_the_rest_is_built(tmp_path):
    folder = tmp_path / "week"
    folder.mkdir()
    (folder / "000.txt").write_bytes(seed("000").read_bytes())
    (folder / "l1.txt").symlink_to("l2.txt")
    (folder / "l2.txt").symlink_to("l1.txt")
    result = _build(str(folder), "--skip-bad", "-o", str(tmp_path / "out"))
    assert f"digest: skipped: {folder / 'l1.txt'}: cannot read: Too many levels of symbolic links" in result.stderr.splitlines()
    assert (tmp_path / "out" / "briefing.md").exists()


def test_a_file_name_that_is_not_utf8_is_printed_with_a_replacement_character(tmp_path):
    import os

    folder = tmp_path / "week"
    folder.mkdir()
    (folder / os.fsdecode(b"bad\xff.txt")).write_bytes(seed("000").read_bytes())
    result = _build(str(folder), "-o", str(tmp_path / "out"), "-f", "json", "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert "bad\ufffd.txt" in (tmp_path / "out" / "briefing.json").read_text(encoding="utf-8")


def test_newline_in_a_file_name_keeps_the_error_on_one_line(tmp_path):
    odd = tmp_path / "new\nline\x1b[2J.txt"
    odd.write_text("")
    result = _build(str(odd), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"digest: error: {tmp_path}/new\\nline\\x1b[2J.txt: file is empty"]


def test_control_characters_are_removed_at_ingest_and_recorded(tmp_path):
    path = tmp_path / "2025-04-10.txt"
    path.write_text("全市会议召开\n本报讯 4月10日，\x1b]0;pwned\x07我市召开\x1b[2J会议。\x85\x00安排部署重点工作。\v\n", encoding="utf-8")
    issue = read_issue(path)
    assert not any(ch in issue.raw for ch in "\x1b\x07\x85\x00\v")
    assert "我市召开[2J会议。安排部署重点工作。" in issue.raw
    assert issue.removed == ["removed 6 control characters (U+0000, U+0007, U+000B, U+001B ×2, U+0085)"] == issue.warnings[-1:]



def test_bidi_overrides_and_zero_width_characters_are_removed_at_ingest_and_the_chinese_kept(tmp_path):
    # U+202E prints what follows it right to left (会议\u202egpj.exe reads 会议exe.jpg); the
    # others hide or join text. None is Chinese; each reached the Markdown and HTML as it was.
    path = tmp_path / "2025-04-10.txt"
    path.write_text("全市会议\u202e召开\n本报讯 4月10日，我市\u200b召开\u2066会议\u2069。\u200f安排\ufeff部署\u2060重点工作。\n", encoding="utf-8")
    issue = read_issue(path)
    assert "全市会议召开\n本报讯 4月10日，我市召开会议。安排部署重点工作。" in issue.raw
    assert issue.removed == ["removed 7 control characters (U+200B, U+200F, U+202E, U+2060, U+2066, U+2069, U+FEFF)"]
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out), "-f", "md", "-f", "html", "--no-cache", "--no-archive"])
    assert result.exit_code == 0, result.output
    for name in ("briefing.md", "briefing.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert "重点工作" in text and not any(ch in text for ch in "\u202e\u200b\u2066\u2069\u200f\ufeff\u2060"), name


def test_an_issue_of_more_lines_than_the_limit_is_one_line_error_before_it_is_processed(tmp_path):
    # 2.7 million short lines took 2.2 GB on their way through the segmenter (64 MB of them, 9 GB).
    path = tmp_path / "numbers.txt"
    path.write_text("1\n" * (MAX_LINES + 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out"), "--no-archive", "--no-cache"])
    assert result.exit_code == 1 and result.output == f"digest: error: {path}: too many lines: 1,000,001 (the limit for an issue is 1,000,000)\n"
    path.write_text("1\n" * MAX_LINES, encoding="utf-8")
    assert read_issue(path).raw.count("\n") == MAX_LINES
    path.write_bytes(b"1\r" * (MAX_LINES + 1))  # old Mac line ends are lines too
    with pytest.raises(DigestError, match="too many lines: 1,000,001 "):
        read_issue(path)

def test_an_issue_of_one_huge_line_is_refused_by_its_chinese_characters_not_processed_for_minutes(tmp_path):
    # One line is under the line cap however long: 9.4 MB of prose on one line took 22 s of CPU
    # and 1.0 GB, and the 64 MB a text issue may be would have taken 6 GB or more.
    path = tmp_path / "oneline.txt"
    path.write_text("会议召开。" * (MAX_HAN // 4) + "好", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out"), "--no-archive", "--no-cache"])
    assert result.exit_code == 1 and result.output == f"digest: error: {path}: too long: 2,000,001 Chinese characters (the limit for an issue is 2,000,000)\n"
    path.write_text("会议召开。" * (MAX_HAN // 4), encoding="utf-8")
    assert len(read_issue(path).raw) == MAX_HAN // 4 * 5
    path.write_text("12345 " * MAX_HAN, encoding="utf-8")  # other characters cost far less: not counted
    assert len(read_issue(path).raw) == 6 * MAX_HAN


TRADITIONAL = "本報訊（記者 王濤）去年以來，我市深入貫徹黃河流域生態保護和高質量發展戰略，全市上下凝心聚力。"


@pytest.mark.parametrize("text", [TRADITIONAL, TRADITIONAL.replace("，", "").replace("（", "").replace("）", "").replace(" ", "")])
def test_big5_is_read_as_big5_not_gb18030_mojibake(text):
    assert decode(text.encode("cp950"), "x.txt") == (text, "big5")


def test_gb18030_is_not_taken_for_big5():
    assert decode(TEXT.encode("gb18030"), "x.txt") == (TEXT, "gb18030")


@pytest.mark.parametrize("encoding", ["shift_jis", "cp932"])
def test_legacy_encoding_that_is_not_chinese_is_refused(encoding):
    japanese = "東京都は本日、新しい交通政策を発表しました。市民の皆様のご協力をお願いいたします。来年から実施される予定です。"
    with pytest.raises(DigestError, match=r"x\.txt: (does not read as Chinese|not text) in UTF-8, GB18030, Big5 or UTF-16"):
        decode(japanese.encode(encoding), "x.txt")


KOREAN = "서울시는 오늘 새로운 교통 정책을 발표했습니다. 시민 여러분의 협조를 부탁드립니다. 내년부터 버스 노선이 바뀌고 지하철 운행 시간도 늘어날 예정입니다."
JAPANESE = "東京都は本日、新しい交通政策を発表しました。市民の皆様のご協力をお願いいたします。来年からバスの路線が変わり、地下鉄の運行時間も延びる予定です。"


@pytest.mark.parametrize(("text", "encoding", "named"), [(KOREAN, "euc_kr", "Korean in EUC-KR"), (KOREAN, "cp949", "Korean in EUC-KR"), (JAPANESE, "euc_jp", "Japanese in EUC-JP")], ids=["euc_kr", "cp949", "euc_jp"])
def test_euc_kr_and_euc_jp_that_gb18030_decodes_into_common_han_are_refused_by_name(text, encoding, named):
    # Every Hangul syllable of EUC-KR is a GB2312 level-1 character, and EUC-JP's kana are
    # GB2312's: read as GB18030 these files are "common" Han and kana, mojibake with exit 0.
    assert all(is_common(ch) for ch in text.encode(encoding).decode("gb18030") if "\u4e00" <= ch <= "\u9fff")
    with pytest.raises(DigestError, match=rf"^x\.txt: does not read as Chinese in UTF-8, GB18030, Big5 or UTF-16: it is {named} \(as gb18030 it would be mojibake\); save it as UTF-8$"):
        decode(text.encode(encoding), "x.txt")


def test_euc_kr_input_is_one_line_naming_the_file_and_the_encoding(tmp_path):
    path = tmp_path / "2025-04-10.txt"
    path.write_bytes(KOREAN.encode("euc_kr"))
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out"), "--no-archive"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"digest: error: {path}: does not read as Chinese in UTF-8, GB18030, Big5 or UTF-16: it is Korean in EUC-KR (as gb18030 it would be mojibake); save it as UTF-8"]


def _chinese_texts():
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    shared = ROOT.parent / "shared"
    texts += [json.loads(line)["body"] for line in (shared / "corpus" / "articles.jsonl").read_text(encoding="utf-8").splitlines()] if (shared / "corpus").is_dir() else []
    texts += [path.read_text(encoding="utf-8") for path in sorted((shared / "seeds").glob("*.txt"))]
    return texts


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16-le", "utf-16-be"])
def test_real_chinese_in_a_legacy_encoding_is_never_taken_for_korean_or_japanese(encoding):
    # Each sample whole (read back exactly) and cut into 60-character files (a piece of a list
    # repeats few characters, the hardest case; a piece of one or two characters may be read
    # otherwise, as before); ../shared's articles and seeds too when it is there.
    read = 0
    for text in _chinese_texts():
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        assert decode(data, "x.txt")[0] == text
        for piece in (text[i : i + 60] for i in range(0, len(text), 60)):
            try:
                decode(piece.encode(encoding), "x.txt")
            except UnicodeEncodeError:
                continue
            except DigestError as error:
                assert "Korean" not in error.problem and "Japanese" not in error.problem
            read += 1
    assert read > 50


def test_two_bytes_without_a_mark_are_not_taken_for_utf16():
    from digest.errors import DigestError
    from digest.ingest import decode

    # 87 F2 is 囼 in GB18030 and 蟲 in UTF-16-BE: with no NUL byte to show UTF-16, never 蟲.
    try:
        text, encoding = decode(b"\x87\xf2", "short.txt")
    except DigestError:
        return
    assert encoding != "utf-16-be" and text != "蟲"


def test_utf8_cut_short_inside_its_last_character_is_read_with_a_note(tmp_path):
    text = seed("000").read_text(encoding="utf-8")
    path = tmp_path / "cut.txt"
    path.write_bytes((text.rstrip() + "结束").encode("utf-8")[:-2])  # 束 is three bytes: one is left
    issue = read_issue(path)
    assert issue.raw.rstrip().endswith("结") and issue.encoding == "utf-8"
    assert issue.warnings == ["ends inside a character: its last 1 byte left out (a file cut short?)"]


def test_file_that_turns_from_utf8_to_another_encoding_is_refused_with_the_line(tmp_path):
    data = "吕梁日报\n本报讯 我市召开会议。\n".encode("utf-8") + "会议要求抓好落实。\n".encode("gb18030")
    with pytest.raises(DigestError, match=r"^x.txt: not text in UTF-8, GB18030, Big5 or UTF-16 \(UTF-8 up to line 3, where byte 45 is not: part of it in another encoding, or damaged\?\)$"):
        decode(data, "x.txt")


def test_a_traditional_chinese_issue_keeps_its_own_戶_in_big5_and_in_utf8(tmp_path):
    # 戶 (U+6236) is a GLYPH_TWIN only in simplified text (a Simplified font's text layer names it
    # for 户); a traditional paper prints it (客戶, 住戶): Big5 or UTF-8, it stays as written.
    text = "本報訊（記者 王濤）全市為三千餘住戶和客戶解決問題。\n" + TRADITIONAL + "\n"
    for encoding in ("cp950", "utf-8"):
        path = tmp_path / f"trad-{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        issue = read_issue(path)
        assert "三千餘住戶和客戶" in issue.raw, encoding
        assert "住戶和客戶" in "".join(line.text for line in clean_lines(issue.raw))
    path = tmp_path / "simplified.txt"
    path.write_text("本报讯（记者 王涛）全市为三千余住\u6236和客\u6236解决问题。\n", encoding="gb18030")
    assert "三千余住户和客户" in read_issue(path).raw


def test_a_bad_file_among_pdfs_is_said_before_the_pdfs_are_read(tmp_path):
    """Every input was read before any was said bad: an empty file beside a week's 40 PDFs was
    named after the PDFs' 50 s of reading. What is cheap is looked at first (every file but the
    PDFs read, each PDF's first bytes and size): a bad file there is said at once, with a note on
    the PDFs not yet read (here one that would fail too, said on the next run). --skip-bad reads
    every file as before."""
    folder = tmp_path / "week"
    folder.mkdir()
    (folder / "a.txt").write_bytes(seed("000").read_bytes())
    (folder / "b.pdf").write_bytes(b"%PDF-1.7\n%broken: no objects\n")
    (folder / "c.txt").write_text("")
    result = _build(str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines() == [
        f"digest: error: {folder / 'c.txt'}: file is empty",
        "digest: note: 1 PDF not read yet: the files above are said before the PDFs are read (a page takes a second or more)",
    ]
    assert not (tmp_path / "out").exists()
    skipped = _build(str(folder), "-o", str(tmp_path / "out"), "--skip-bad", "-f", "md")
    assert skipped.exit_code == 1 and (tmp_path / "out" / "briefing.md").exists(), skipped.output  # built, the bad listed
    assert [line.split(":")[2].strip() for line in skipped.stderr.splitlines() if "skipped" in line] == [str(folder / "b.pdf"), str(folder / "c.txt")]


def test_a_folder_of_several_bad_files_names_each_in_a_line_of_its_own_and_writes_nothing(tmp_path):
    """Without --skip-bad the run stopped at the first bad file: the editor fixed it, ran again,
    and met the next. Every file is read first; each bad one is one line, nothing is written."""
    folder = tmp_path / "week"
    folder.mkdir()
    (folder / "a.txt").write_bytes(seed("000").read_bytes())
    (folder / "b.txt").write_text("")
    (folder / "c.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "d.pdf").write_text(TEXT, encoding="utf-8")
    result = _build(str(folder), str(tmp_path / "gone.txt"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines() == [
        f"digest: error: {tmp_path / 'gone.txt'}: no such file or folder",
        f"digest: error: {folder / 'b.txt'}: file is empty",
        f"digest: error: {folder / 'c.txt'}: not text in UTF-8, GB18030, Big5 or UTF-16 (binary or undecodable file)",
        f"digest: error: {folder / 'd.pdf'}: not a PDF (no %PDF header)",
    ]
    assert not (tmp_path / "out").exists()


def test_a_text_issue_is_opened_once_and_a_file_named_pdf_that_is_none_is_still_refused(tmp_path, monkeypatch):
    """read_issues looks at every input's head before reading any PDF; a text issue is read
    whole in that one look (not opened again to be read), and a `.pdf` that is not one is read
    as a PDF name says, never decoded from its first kilobyte as text."""
    import os

    import digest.reading
    from digest.ingest import read_issues

    text = tmp_path / "issue.txt"
    text.write_bytes(seed("000").read_bytes())
    opened: list[str] = []
    real_open = os.open
    monkeypatch.setattr(digest.reading.os, "open", lambda path, *a, **k: (opened.append(str(path)), real_open(path, *a, **k))[1])
    issues, skipped = read_issues([str(text)])
    assert [i.source for i in issues] == ["issue.txt"] and not skipped
    assert opened.count(str(text)) == 1
    fake = tmp_path / "page.pdf"
    fake.write_bytes("本报讯 这不是PDF。".encode() * 400)
    issues, skipped = read_issues([str(text), str(fake)], skip_bad=True)
    assert [i.source for i in issues] == ["issue.txt"]
    assert [e.path for e in skipped] == [str(fake)] and "not a PDF" in str(skipped[0])
