"""Read issue files: find them, decode them, make one `Issue` per file."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import DigestError
from .model import Issue

SUFFIXES = (".txt", ".md")
# Encodings our users' papers come in; charset-normalizer only decides among these, so a
# short GB18030 file is never mistaken for Big5 or a Cyrillic code page.
CANDIDATE_ENCODINGS = ("utf_8", "gb18030", "utf_16")


def find_inputs(inputs: list[str]) -> list[Path]:
    """Expand folders into their issue files, sorted by name; keep files as given."""
    found: list[Path] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES))
        elif path.is_file():
            found.append(path)
        else:
            raise DigestError(given, "no such file or folder")
    if not found:
        raise DigestError(", ".join(inputs), "no .txt or .md issue files found")
    return found


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding name) or raise DigestError for binary or undecodable data."""
    if not data.strip():
        raise DigestError(name, "file is empty")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding), encoding
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(data, cp_isolation=list(CANDIDATE_ENCODINGS)).best()
        if best is None:
            raise DigestError(name, "not text in UTF-8, GB18030 or UTF-16 (binary or undecodable file)") from None
        text, encoding = str(best), best.encoding
    if _looks_binary(text):
        raise DigestError(name, "binary file, not a text issue")
    return text, encoding


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > max(8, len(text[:4096]) // 50)


_PAPER_BY_LEAD = (("科学导报讯", "科学导报"), ("本报讯", "吕梁日报"))


def read_issue(path: Path) -> Issue:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DigestError(str(path), f"cannot read: {exc.strerror or exc}") from None
    text, encoding = decode(data, str(path))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return Issue(source=path.name, path=str(path), raw=text, encoding=encoding, paper=guess_paper(text))


def guess_paper(text: str) -> str:
    compact = re.sub(r"\s+", "", text)
    counts = {paper: compact.count(lead) for lead, paper in _PAPER_BY_LEAD}
    # 科学导报讯 contains 导报讯, not 本报讯, so the two counts do not overlap.
    return max(counts, key=lambda paper: (counts[paper], paper == "吕梁日报"))
