"""Regenerate the README's excerpt of the briefing from real output.

    .venv/bin/python scripts/update_readme.py           # rewrite the excerpt in README.md
    .venv/bin/python scripts/update_readme.py --check   # exit 1, saying so, when it is stale

The excerpt is the first article of 本周要闻 as `output/briefing.md` shows it when built from
the sample issues with the default options (`digest build seeds/`): the briefing is built here
in memory, without a cache, and the block between the README's two excerpt markers is
replaced. `tests/test_readme.py` fails when the README no longer matches the output.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- excerpt: scripts/update_readme.py -->", "<!-- /excerpt -->"


def article_block(markdown: str, title: str) -> str:
    """The lines of one article in the Markdown briefing: its heading, kicker, subtitle, meta
    line and key sentences."""
    lines = markdown.split("\n")
    start = lines.index(f"### {title}")
    block, seen_sentences = [], False
    for line in lines[start:]:
        if seen_sentences and not line.startswith("- "):
            break
        seen_sentences = seen_sentences or line.startswith("- ")
        block.append(line)
    return "\n".join(block)


def excerpt() -> str:
    from digest.config import BuildConfig
    from digest.pipeline import build_briefing
    from digest.render import Renderer, environment

    briefing, _ = build_briefing(BuildConfig(inputs=[str(ROOT / "seeds")]))
    markdown = Renderer(environment()).render_template("md", briefing)
    first = briefing.top_stories[0]
    return article_block(markdown, first.title)


def updated(readme: str, block: str) -> str:
    if START not in readme or END not in readme:
        raise SystemExit(f"{README}: no excerpt markers ({START} … {END})")
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n```markdown\n{block}\n```\n{END}{tail}"


def main(argv: list[str]) -> int:
    readme = README.read_text(encoding="utf-8")
    new = updated(readme, excerpt())
    if "--check" in argv:
        if new != readme:
            print("README.md: the excerpt no longer matches the output; run: .venv/bin/python scripts/update_readme.py", file=sys.stderr)
            return 1
        return 0
    if new != readme:
        README.write_text(new, encoding="utf-8")
        print(f"{README}: excerpt updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
