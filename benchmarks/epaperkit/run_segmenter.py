"""Run a digest segmenter on files and print what it made of them, one JSON object a line.

    PYTHONPATH=SRC python run_segmenter.py LIST.json > OUT.jsonl

Imports nothing but `digest` (whichever PYTHONPATH points at: the work tree, or a git
revision unpacked for --baseline), and only its long-standing API: ingest.read_issue and
pipeline.process_issue. Key sentences are not scored, so TextRank is switched off to save time.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import traceback
from pathlib import Path

from digest import pipeline
from digest.config import BuildConfig
from digest.enrich import load_gazetteer, load_themes
from digest.ingest import read_issue


def main() -> None:
    paths = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    pipeline.summarize_article = lambda *args, **kwargs: None
    config = BuildConfig()
    if hasattr(config, "today"):
        config.today = dt.date(2025, 12, 31)  # datelines' 5月8日 resolve into the pages' year
    themes, gazetteer = load_themes(), load_gazetteer()
    out = sys.stdout
    for path in paths:
        record: dict = {"path": path, "digest": pipeline.__file__}
        try:
            issue = pipeline.process_issue(read_issue(Path(path)), config, themes, gazetteer)
            record["paper"] = issue.paper
            record["date"] = issue.date.isoformat() if issue.date else None
            record["articles"] = [
                {"text": a.text, "title": a.title, "title_generated": a.title_generated, "kind": a.kind,
                 "lvliang": a.lvliang, "page": getattr(a, "page", None), "byline": a.byline,
                 "dateline": getattr(a, "dateline", None)}
                for a in issue.articles
            ]
        except Exception as exc:  # one bad page must not stop the run: it scores as nothing found
            record["error"] = f"{type(exc).__name__}: {exc}"
            record["trace"] = traceback.format_exc(limit=3)
            record["articles"] = []
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
