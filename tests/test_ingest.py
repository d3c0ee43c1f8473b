import codecs

import pytest

from digest.errors import DigestError
from digest.ingest import decode, find_inputs, read_issue

TEXT = "本报讯（记者 王涛）去年以来，我市深入贯彻黄河流域生态保护和高质量发展战略。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    ],
)
def test_encodings_detected(data, encoding):
    text, found = decode(data, "x.txt")
    assert text == TEXT
    assert found == encoding


def test_empty_file_is_an_error():
    with pytest.raises(DigestError, match="x.txt: file is empty"):
        decode(b"  \n\n", "x.txt")


def test_binary_file_is_an_error():
    data = bytes(range(256)) * 20
    with pytest.raises(DigestError, match="x.bin"):
        decode(data, "x.bin")


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(DigestError, match="no such file or folder"):
        find_inputs([str(tmp_path / "nope")])


def test_folder_lists_issue_files_sorted(tmp_path):
    for name in ("b.txt", "a.md", "c.pdf"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    assert [p.name for p in find_inputs([str(tmp_path)])] == ["a.md", "b.txt"]


def test_paper_guessed_from_leads(tmp_path):
    path = tmp_path / "kx.md"
    path.write_text("科学导报讯 9月10日，会议召开。", encoding="utf-8")
    assert read_issue(path).paper == "科学导报"
