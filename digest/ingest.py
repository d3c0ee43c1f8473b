"""Read issue files: find them, decode them, make one `Issue` per file."""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections import Counter
from functools import lru_cache
from pathlib import Path

from .clean import map_radicals, map_twins
from .errors import INVISIBLE, DigestError, printable_name
from .layout_text import is_physical_layout, to_reading_order
from .masthead import find_masthead
from .model import Issue, PageStart
from .reading import input_kind, read_bounded, what_it_is

SUFFIXES = (".txt", ".md", ".pdf")
# Encodings our users' papers come in; detection only decides among these, so a short
# GB18030 file is never mistaken for Big5 or a Cyrillic code page.
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# What an issue is made of: ASCII, Han and CJK punctuation, full-width forms, and the
# Latin, Greek, Cyrillic, kana and symbols a GB18030 paper prints. Read in the wrong
# encoding, the same bytes come out as controls, NULs, Hangul or private-use characters.
_UNLIKELY_RE = re.compile(
    "[^\t\n\r\x20-\x7e\u00a0-\u024f\u0370-\u04ff\u2000-\u27bf\u2e80-\u2fdf\u3000-\u30ff"
    "\u3200-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe10-\ufe6f\uff00-\uffef\U00020000-\U0003134f]+"
)
_HAN_CHAR_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Below this share of plausibly decoded bytes a decoding other than UTF-8 is not believed.
MIN_PLAUSIBLE = 0.6
# Chinese in its right encoding is over 90% common characters (`is_common`); a legacy
# encoding's bytes read as GB18030 or Big5 are mostly rare ones. Judged only on enough text.
MIN_COMMON = 0.5
MIN_HAN_TO_JUDGE = 20
# Other CJK encodings whose bytes GB18030 or Big5 also decode, into plausible-looking Han: EUC-KR's
# Hangul fills GB2312's level 1, EUC-JP's kanji do too and its kana are GB2312's own kana. Read in
# its own encoding such a file shows its language's script; Chinese read in them does not (its
# GB2312 rows beyond Hangul's are Hanja or undecodable in EUC-KR; it has next to no kana).
# (language, codec, label, that language's own script, the least share of it among its letters)
OTHER_CJK = (
    ("Japanese", "euc_jp", "EUC-JP", re.compile("[\u3041-\u3096\u30a1-\u30fa\u30fc]"), 0.2),
    ("Japanese", "shift_jis", "Shift-JIS", re.compile("[\u3041-\u3096\u30a1-\u30fa\u30fc]"), 0.2),
    ("Korean", "euc_kr", "EUC-KR", re.compile("[\uac00-\ud7a3]"), 0.9),
)
JUDGED_BYTES = 1 << 18  # the other encodings are tried on the file's first 256 KB (cut at a newline)


class NoIssues(DigestError):
    """No issue could be read: the error, and every input skipped on the way (`--skip-bad`)."""

    def __init__(self, path: str, problem: str, skipped: list[DigestError]):
        super().__init__(path, problem)
        self.skipped = skipped

    def __reduce__(self):
        return (NoIssues, (self.path, self.problem, self.skipped))


class Unreadable(DigestError):
    """Inputs that could not be read, without --skip-bad: the first, and the others in `also`
    (the CLI prints each on a line of its own, then `note`). Every file is read first: an editor
    whose folder holds three bad files learns of all three in one run, not one a run; but a bad
    file found before the PDFs are read is said then, and `note` counts the PDFs not read."""

    def __init__(self, errors: list[DigestError], note: str = ""):
        super().__init__(errors[0].path, errors[0].problem)
        self.also = list(errors[1:])
        self.note = note

    def __reduce__(self):
        return (Unreadable, ([DigestError(self.path, self.problem), *self.also], self.note))


def find_inputs(inputs: list[str], skipped: list[DigestError] | None = None) -> list[Path]:
    """Expand folders into their issue files, sorted by name; keep files as given; each file once.

    A file named on the command line must be an issue file by its name (.txt, .md, .pdf, or
    no suffix: read by its content); a folder contributes what it holds with those suffixes
    (a FIFO or device among them is listed too, to be refused when read). A missing,
    unreadable or foreign path is an error, or, when `skipped` is given, recorded there."""
    found: list[Path] = []
    seen: set[Path] = set()
    for given in inputs:
        path = Path(given)
        try:
            mode = os.stat(path).st_mode
            if stat.S_ISDIR(mode):
                paths = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and not p.is_dir())
            elif path.suffix and path.suffix.lower() not in SUFFIXES:
                raise DigestError(given, f"not an issue file: digest reads .txt, .md and .pdf files, not {path.suffix}")
            elif stat.S_ISREG(mode):
                paths = [path]
            else:
                raise DigestError(given, f"not a regular file ({what_it_is(mode)})")
        except OSError as exc:
            error = DigestError(given, "no such file or folder" if isinstance(exc, FileNotFoundError) else f"cannot read: {exc.strerror or exc}")
        except DigestError as exc:
            error = exc
        else:
            for p in paths:
                try:
                    real = p.resolve()
                except (RuntimeError, OSError):  # a symbolic link loop in a folder (a loop named alone fails at stat)
                    problem = DigestError(str(p), "cannot read: Too many levels of symbolic links")  # as the OS says of a loop named alone
                    if skipped is None:
                        raise problem
                    skipped.append(problem)
                    continue
                if real not in seen:
                    seen.add(real)
                    found.append(p)
            continue
        if skipped is None:
            raise error
        skipped.append(error)
    if not found:
        raise NoIssues(", ".join(inputs), "no .txt, .md or .pdf issue files found", list(skipped or []))
    return found


def decode(data: bytes, name: str, notes: list[str] | None = None) -> tuple[str, str]:
    """Return (text, encoding name) or raise DigestError for empty, binary or undecodable data.

    A byte-order mark decides; otherwise valid UTF-8 that reads as text (a stray NUL byte
    aside) is UTF-8, and anything else is read as each of UTF-8, GB18030, Big5 (cp950) and
    UTF-16 LE/BE that decodes it, keeping the reading with the largest share of bytes that
    come out as text (UTF-16 without a mark shows as NUL bytes on every other byte, which no
    other reading makes sense of), then the one that reads most like Chinese (`_common_share`:
    Big5 also decodes as GB18030, into rare characters and kana). A reading that is text but
    not Chinese (too few common characters: another legacy encoding, Shift-JIS …) is refused
    rather than passed on as mojibake. UTF-8 cut off inside its last character (a copy or a
    download interrupted) is read without that character's bytes, said in `notes`.
    """
    if not data.strip():
        raise DigestError(name, "file is empty")
    for bom, encoding, label in BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), encoding, name)
            except UnicodeDecodeError:
                raise DigestError(name, f"starts with a {label} byte-order mark but is not {label} text") from None
    utf8, cut = _utf8(data)
    if cut and notes is not None:
        notes.append(f"ends inside a character: its last {cut} byte{'s' if cut > 1 else ''} left out (a file cut short?)")
    if utf8 is not None and (b"\x00" not in data or _plausible_share(utf8, "utf-8", len(data)) >= MIN_PLAUSIBLE):
        return _checked(utf8, "utf-8", name)
    readings = [("utf-8", utf8)] if utf8 is not None else [("gb18030", _strict(data, "gb18030")), ("big5", _strict(data, "cp950"))]
    # A few bytes may decode cleanly both ways (`87 F2` is 囼 in GB18030, 蟲 in UTF-16-BE): a
    # short file with a clean legacy reading is taken for UTF-16 without a byte-order mark
    # only on the evidence of the NUL bytes its ASCII characters (a newline) bring.
    clean_legacy = any(text is not None and not _CONTROLS_RE.search(text) for _, text in readings)
    if len(data) % 2 == 0 and (b"\x00" in data or len(data) >= 2 * MIN_HAN_TO_JUDGE or not clean_legacy):
        readings += [(encoding, _strict(data, encoding)) for encoding in ("utf-16-le", "utf-16-be")]
    scored = [(_plausible_share(text, encoding, len(data)), _common_share(text), -order, encoding, text)
              for order, (encoding, text) in enumerate(readings) if text is not None]
    believed = [item for item in scored if item[3] == "utf-8" or item[0] >= MIN_PLAUSIBLE]
    if not believed:
        raise DigestError(name, "not text in UTF-8, GB18030, Big5 or UTF-16 " + _where_utf8_breaks(data))
    _, common, _, encoding, text = max(believed)
    if encoding != "utf-8":
        other = _other_cjk(data)
        if other is not None:
            raise DigestError(name, f"does not read as Chinese in UTF-8, GB18030, Big5 or UTF-16: it is {other} (as {encoding} it would be mojibake); save it as UTF-8")
        if common < MIN_COMMON and _han_count(text) >= MIN_HAN_TO_JUDGE:
            raise DigestError(name, f"does not read as Chinese in UTF-8, GB18030, Big5 or UTF-16 (as {encoding}, {common:.0%} of its Han characters are common ones): another encoding?")
    return _checked(text, encoding, name)


def _utf8(data: bytes) -> tuple[str | None, int]:
    """(the UTF-8 reading of `data` or None, how many bytes of a last character cut short were left out)."""
    try:
        return data.decode("utf-8"), 0
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data":  # what precedes is valid: only the end is cut
            return data[: error.start].decode("utf-8"), len(data) - error.start
        return None, 0


def _where_utf8_breaks(data: bytes) -> str:
    """Why no reading is text: a file that is UTF-8 for its first lines and then not is mixed or
    damaged, said with the line; anything else is binary or undecodable."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        if line > 1 and not _looks_binary(data[: error.start].decode("utf-8")):
            return f"(UTF-8 up to line {line:,}, where byte {error.start:,} is not: part of it in another encoding, or damaged?)"
    return "(binary or undecodable file)"


def _other_cjk(data: bytes) -> str | None:
    """'Korean in EUC-KR' when the bytes read strictly as another CJK encoding (`OTHER_CJK`)
    and that reading's letters (its distinct Han characters and those of its own script) are
    mostly of its language's own script; else None."""
    if len(data) > JUDGED_BYTES:  # a newline is never inside a character in any of these encodings
        data = data[: data.rfind(b"\n", 0, JUDGED_BYTES) + 1 or JUDGED_BYTES]
    for language, codec, label, script, least in OTHER_CJK:
        text = _strict(data, codec)
        if text is None:
            continue
        own, han = len(set(script.findall(text))), len(set(_HAN_CHAR_RE.findall(text)))  # distinct: a list repeating
        if own + han >= MIN_HAN_TO_JUDGE and own >= least * (own + han):  # a few characters decides nothing
            return f"{language} in {label}"
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _han_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def _common_share(text: str) -> float:
    """Share of the Han characters that are common ones, simplified or traditional (`is_common`):
    Chinese read with the right encoding is nearly all common characters, mojibake is not
    (pure-Han UTF-16 without a mark also decodes as GB18030, Big5 as GB18030 too, into rare
    characters)."""
    hans = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not hans:
        return 0.0
    return round(sum(map(is_common, hans)) / len(hans), 1)  # coarse: only a clear difference decides


@lru_cache(maxsize=None)
def is_common(ch: str) -> bool:
    """In GB2312 level 1 (the 3,755 most used simplified characters) or Big5 level 1 (the 5,401
    most used traditional ones)."""
    for encoding, low, high in (("gb2312", 0xB0A1, 0xD7FE), ("big5", 0xA440, 0xC67E)):
        try:
            code = int.from_bytes(ch.encode(encoding), "big")
        except UnicodeEncodeError:
            continue
        if low <= code <= high:
            return True
    return False


def _plausible_share(text: str, encoding: str, size: int) -> float:
    """Share of the file's bytes that decode to characters a Chinese paper prints: Han
    characters only when common ones (`is_common`), since any wrong reading of Chinese bytes
    (UTF-16 of GB18030, GB18030 of Big5) is Han too, but mostly rare Han."""
    unlikely = "".join(_UNLIKELY_RE.findall(text)) + "".join(ch for ch in _HAN_CHAR_RE.findall(text) if not is_common(ch))
    return 1.0 - len(unlikely.encode(encoding, errors="surrogatepass")) / size


def _checked(text: str, encoding: str, name: str) -> tuple[str, str]:
    if _looks_binary(text):
        raise DigestError(name, "binary file, not a text issue")
    if not text.replace("\x00", "").strip():
        raise DigestError(name, "file is empty")
    return text, encoding


def _looks_binary(text: str) -> bool:
    """Many control characters, and more of them than Han characters (a short Chinese file with
    a few terminal escapes in it is text: ingest removes the controls and says so)."""
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > max(8, len(sample) // 50) and controls > _han_count(sample)


# Lines of one text issue: every line costs about 800 bytes on its way through the segmenter,
# so a file of 64 MB (the cap) in short lines took 9 GB (16 MB of numbers, a line each: 2.7
# million lines, 2.2 GB and 75 s). A million lines (a newspaper page prints about 300) keeps
# one issue under about a gigabyte, as a PDF's reading is.
MAX_LINES = 1_000_000
# ...and its Han characters, however they are set in lines: each costs about 300 bytes (one line
# of 1,000,000: 440 MB at its peak, 3,000,000: 1.0 GB; the same in lines of 30: 570 MB for
# 1,000,000), so one 64 MB line of Chinese would have taken 6 GB or more. Two million keep an
# issue under about a gigabyte; a newspaper issue prints about 100,000. Other characters cost
# far less (4 MB of English on one line: 105 MB), and numbers a line are held by MAX_LINES.
MAX_HAN = 2_000_000

UNKNOWN_PAPER = "未知报刊"
_PAPER_BY_LEAD = (("科学导报讯", "科学导报"), ("本报讯", "吕梁日报"))


def read_issue(path: Path, data: bytes | None = None) -> Issue:
    """The issue in `path` (its bytes `data` when the caller has read them whole already)."""
    data = read_bounded(path, input_kind(path)) if data is None else data
    lost: list[int] = []  # characters a PDF's fonts could not name: a note, not text removed
    if is_pdf(data):
        from .pdf import read_pdf

        text, pages = read_pdf(data, str(path), lost)  # held to pdfium.MAX_CHARACTERS, under MAX_HAN
        text, controls = remove_controls(text)
        encoding = "pdf"
    elif path.suffix.lower() == ".pdf":
        raise DigestError(str(path), "file is empty" if not data.strip() else "not a PDF (no %PDF header)")
    else:
        text, encoding = decode(data, str(path), cut := [])
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # counted after: a file of `\r` lines is as many lines
        if (lines := text.count("\n") + (not text.endswith("\n"))) > MAX_LINES:
            raise DigestError(str(path), f"too many lines: {lines:,} (the limit for an issue is {MAX_LINES:,})")
        if len(text) > MAX_HAN and (han := _han_count(text)) > MAX_HAN:
            raise DigestError(str(path), f"too long: {han:,} Chinese characters (the limit for an issue is {MAX_HAN:,})")
        text, controls = remove_controls(text)
        controls = "; ".join(filter(None, [*cut, controls]))
        text, pages = text_pages(text)
    issue = Issue(source=printable_name(path.name), path=printable_name(str(path)), raw=text, encoding=encoding, paper=guess_paper(text), pages=pages, lost=sum(lost))
    if controls:
        issue.removed.append(controls)
        issue.warnings.append(controls)
    if issue.masthead and issue.masthead.paper:
        issue.paper = issue.masthead.paper
    return issue


def read_issues(inputs: list[str], skip_bad: bool = False) -> tuple[list[Issue], list[DigestError]]:
    """Every issue of `inputs` (files and folders, as find_inputs lists them) read; the files that
    cannot be read raised together (Unreadable: each is named, so one run names them all), or
    with `skip_bad` left out and returned in the second list."""
    skipped: list[DigestError] = []
    try:
        paths = find_inputs(inputs, skipped)
    except NoIssues as none:  # nothing to read: without --skip-bad, each bad input is the error
        if none.skipped and not skip_bad:
            raise Unreadable(none.skipped) from None
        raise
    # What is cheap first: every input but the PDFs read, each PDF's first bytes and size looked
    # at; a bad file there is said before the PDFs are read (a page takes a second or more).
    read: dict[Path, Issue] = {}
    failed: dict[Path, DigestError] = {}
    pdfs: list[Path] = []
    for path in paths:
        try:
            kind = input_kind(path)
            # (A text file is read whole once; a PDF by name only its head until the PDFs' turn.)
            data = read_bounded(path, kind, head=1024 if kind == "pdf" else None)
            if is_pdf(data):
                pdfs.append(path)
            else:
                read[path] = read_issue(path, None if kind == "pdf" else data)  # (a .pdf's head is not its whole)
        except DigestError as error:
            failed[path] = error
    if (skipped or failed) and pdfs and not skip_bad:
        many = len(pdfs) != 1
        raise Unreadable([*skipped, *(failed[p] for p in paths if p in failed)],
                         f"{len(pdfs)} PDF{'s' if many else ''} not read yet: the files above are said before the PDFs are read (a page takes a second or more)")
    for path in pdfs:
        try:
            read[path] = read_issue(path)
        except DigestError as error:
            failed[path] = error
    skipped.extend(failed[p] for p in paths if p in failed)
    if skipped and not skip_bad:
        raise Unreadable(skipped)
    return [read[p] for p in paths if p in read], skipped


# C0 and C1 controls (and DEL) but newline, tab and the form feed that parts pages: they are
# never content, and an ESC or BEL sequence would drive the terminal `digest show` prints to.
_CONTROL_CHARS = "\x00-\x08\x0b\x0e-\x1f\x7f-\x9f"
_CONTROLS_RE = re.compile(f"[{_CONTROL_CHARS}]")
# Removed with them: the invisible characters (errors.INVISIBLE; U+202E reverses what follows
# it in every output), which decoding does not count against a reading.
_REMOVED_RE = re.compile(f"[{_CONTROL_CHARS}" + "".join(map(chr, INVISIBLE)) + "]")


def remove_controls(text: str) -> tuple[str, str]:
    """(text without control characters, a record of what went, '' when nothing did):
    `removed 3 control characters (U+001B ×2, U+0007)`."""
    found = Counter(_REMOVED_RE.findall(text))
    if not found:
        return text, ""
    total = sum(found.values())
    kinds = ", ".join(f"U+{ord(ch):04X}" + (f" ×{n}" if n > 1 else "") for ch, n in sorted(found.items()))
    return _REMOVED_RE.sub("", text), f"removed {total} control character{'s' if total > 1 else ''} ({kinds})"


def text_pages(text: str) -> tuple[str, list[PageStart]]:
    """A text file's text as it is read: radical code points and glyph twins mapped (a PDF's
    text layer gives `⼭西⽇报 3⽉1⽇`, 住戶: mapped before anything reads it, the masthead and
    the dates first; 戶 judged on the whole file, kept in traditional text), text
    laid out in columns put in reading order, and its pages marked (`PageStart.layout`: read
    from columns side by side)."""
    pages = map_twins(map_radicals(text)).split("\f")
    laid = [is_physical_layout(page) for page in pages]
    return mark_pages("\f".join(to_reading_order(page) if columns else page for page, columns in zip(pages, laid)), laid)


def is_pdf(data: bytes) -> bool:
    """A PDF starts with `%PDF-`, after at most a little junk (the format allows 1,024 bytes)."""
    return b"%PDF-" in data[:1024]


def mark_pages(text: str, laid: list[bool] | None = None) -> tuple[str, list[PageStart]]:
    """Split the text at form feeds (one per page, as extractors print them) and take each
    page's masthead out of it: its lines become blank, so line numbers still point into the
    file, and the masthead is kept on the page instead. `laid`: which pages (by form feed) were
    read from `pdftotext -layout`'s columns. Returns (text, pages)."""
    lines: list[str] = []
    pages: list[PageStart] = []
    for k, page_text in enumerate(text.split("\f")):
        page_lines = page_text.split("\n")
        found = find_masthead(page_lines)
        if found:
            masthead, first, end = found
            page_lines[first:end] = [""] * (end - first)
        if page_text.strip() or found:
            pages.append(PageStart(line=len(lines) + 1, masthead=found[0] if found else None, layout=bool(laid and k < len(laid) and laid[k])))
        lines.extend(page_lines)
    return "\n".join(lines), pages


def guess_paper(text: str) -> str:
    compact = re.sub(r"\s+", "", text)
    counts = {paper: compact.count(lead) for lead, paper in _PAPER_BY_LEAD}
    # 科学导报讯 contains 导报讯, not 本报讯, so the two counts do not overlap.
    if not any(counts.values()):
        return UNKNOWN_PAPER  # no dateline to go by: not taken for 吕梁日报, whose 我市 is Lüliang
    return max(counts, key=lambda paper: (counts[paper], paper == "吕梁日报"))
