"""The editor's note (编者按): Markdown to HTML with the `markdown` package, safely.

The note goes into a page that is mailed and laid out by WeasyPrint, so it may carry text and
formatting but nothing that runs or fetches: raw HTML in the note is shown as text, a link
keeps its text but loses any target that is not http(s), mailto or a place in the page, and
an image is replaced by its alt text (WeasyPrint would fetch its address). It is rendered in a
child held to NOTE_CPU seconds (digest/limits.py): `markdown` reads links in time quadratic in
unmatched brackets, and a note of 100,000 `[` ran for hours.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from .limits import run_bounded

SAFE_SCHEMES = ("http://", "https://", "mailto:", "#")
NOTE_CPU = 30  # seconds of CPU to render the note: a megabyte (the most an edits file's note may be) of real Markdown takes 1.5 s


@lru_cache(maxsize=1)
def _defang():
    """The tree processor that defangs images and links; `markdown` is loaded only for a note."""
    import xml.etree.ElementTree as etree

    from markdown.treeprocessors import Treeprocessor

    class Defang(Treeprocessor):
        def run(self, root: etree.Element) -> None:
            for parent in root.iter():
                for index, child in enumerate(list(parent)):
                    if child.tag == "img":
                        span = etree.Element("span")
                        span.text = child.get("alt", "")
                        span.tail = child.tail
                        parent.remove(child)
                        parent.insert(index, span)
                    elif child.tag == "a" and not child.get("href", "").strip().lower().startswith(SAFE_SCHEMES):
                        child.attrib.pop("href", None)

    return Defang


_rendered: dict[str, Markup] = {}  # the build's note, rendered once for all its formats


def note_html(text: str, source: str = "the editor's note") -> Markup:
    """The note rendered as HTML (paragraphs, emphasis, lists, links), safe to insert unescaped;
    a one-line DigestError naming `source` when that takes more than NOTE_CPU seconds."""
    if not text.strip():
        return Markup("")
    if text not in _rendered:
        html = run_bounded(lambda: _to_html(text), source, "rendering it as Markdown", cpu=NOTE_CPU)
        _rendered.clear()
        _rendered[text] = Markup(html)
    return _rendered[text]


def _to_html(text: str) -> str:
    import markdown

    md = markdown.Markdown(output_format="html")
    md.preprocessors.deregister("html_block")  # raw HTML blocks stay text
    md.inlinePatterns.deregister("html")  # and so do inline tags
    md.treeprocessors.register(_defang()(md), "defang", 5)  # after "inline" (20) has made the links and images
    return md.convert(text)
