"""Read an e-paper PDF as pages of positioned, sized glyphs (issue 11).

`read_pdf` returns the text the segmenter cuts: the page story by story (stories.py: each
story's headline as `# …`, kicker `### …`, subtitle `## …`, then its columns' lines as printed),
`---` before every story, pages separated by form feeds; and one `PageStart` per page with the
masthead read off its header band (which, like footers and page numbers, is not in the text).
Each file is read in a child held to a memory and CPU budget (digest/limits.py). Modules:
pdfium (extraction with PDFium), glyphs (what it gives: glyphs, rules, boxes), fakebold, lines,
units (display type, frames, pictures), rows (lines split and joined at column edges), stories
(reading order; blocks: column blocks and heads, columns: what columns say of each other, flow:
pages set as one flow of columns), roles, page (one page put together).
"""

from __future__ import annotations

import sys

from ..errors import DigestError, lost_note, printable
from ..model import PageStart
from ..limits import run_bounded
from .pdfium import read_pages
from .page import page_lines


def read_pdf(data: bytes, name: str, lost: list[int] | None = None) -> tuple[str, list[PageStart]]:
    """(text, pages) of the PDF `data`; `name` is for messages. Read in a child process held to a
    memory and CPU budget (digest/limits.py). When characters were lost (no Unicode mapping in
    the file's fonts, or drawn at an angle or sideways where no vertical line takes them), one
    note, `lost_note(n)`: its count appended to `lost` when given (a build gathers them: see
    pipeline.build_notes), else a line on stderr. Nothing otherwise."""
    import pypdfium2  # noqa: F401  (loaded here once, not again in every child)

    text, starts, unread = run_bounded(lambda: _read(data, name), name, "reading it", hint=" (a compression bomb?)")
    if unread and lost is not None:
        lost.append(unread)
    elif unread:
        print(f"digest: note: {printable(name)}: {lost_note(unread)}", file=sys.stderr)
    return text, starts


def _read(data: bytes, name: str) -> tuple[str, list[PageStart], int]:
    """(text, pages, characters lost) of the PDF `data`."""
    pages = read_pages(data, name)
    lost = sum(p.unreadable for p in pages)
    if not any(p.glyphs for p in pages):
        if lost:
            raise DigestError(name, f"PDF text cannot be read ({lost} characters without a Unicode mapping or set at an angle)")
        raise DigestError(name, "PDF has no text layer (a scanned image?); run OCR on it first")
    chunks: list[str] = []
    starts: list[PageStart] = []
    line = 1
    for page in pages:
        lines, masthead, _ = page_lines(page)
        if not lines and masthead is None:
            continue
        lines = lines or [""]
        if chunks:
            lines[0] = "\f" + lines[0]
        starts.append(PageStart(line=line, masthead=masthead))
        chunks.append("\n".join(lines))
        line += len(lines)
    return "\n".join(chunks), starts, sum(p.unreadable for p in pages)  # with what reading the pages could not place
