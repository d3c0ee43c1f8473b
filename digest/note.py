"""The editor's note (编者按): Markdown to HTML with the `markdown` package, safely.

The note goes into a page that is mailed and laid out by WeasyPrint, so it may carry text and
formatting but nothing that runs or fetches: raw HTML in the note is shown as text, a link
keeps its text but loses any target that is not http(s), mailto or a place in the page, and
an image is replaced by its alt text (WeasyPrint would fetch its address).
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

SAFE_SCHEMES = ("http://", "https://", "mailto:", "#")


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


def note_html(text: str) -> Markup:
    """The note rendered as HTML (paragraphs, emphasis, lists, links), safe to insert unescaped."""
    if not text.strip():
        return Markup("")
    import markdown

    md = markdown.Markdown(output_format="html")
    md.preprocessors.deregister("html_block")  # raw HTML blocks stay text
    md.inlinePatterns.deregister("html")  # and so do inline tags
    md.treeprocessors.register(_defang()(md), "defang", 5)  # after "inline" (20) has made the links and images
    return Markup(md.convert(text))
