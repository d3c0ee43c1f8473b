"""Summarize plain article files: the quick path behind `digest summarize`."""

from __future__ import annotations


from ..clean import clean_lines, join_lines
from ..errors import read_bytes
from ..ingest import decode
from . import get_ranker, summarize_text
from .keywords import extract_keywords
from .tokens import forget


def read_article(path: str) -> str:
    text, _ = decode(read_bytes(path), path)
    return "\n".join(join_lines([line.text for line in clean_lines(text) if line.text]))


def summarize_files(paths: list[str], ranker_name: str, count: int, budget: int | None = None) -> list[dict]:
    ranker = get_ranker(ranker_name)
    results = []
    for path in paths:
        text = read_article(path)
        summary = [s.text for s in summarize_text(text, ranker, count, budget=budget)]
        results.append({"source": path, "summary": summary, "keywords": extract_keywords(text)})
        forget()  # the ranker and the keywords shared this article's cuts; the next starts afresh
    return results
