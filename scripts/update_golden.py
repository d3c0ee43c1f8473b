"""Regenerate the golden briefings: what `digest build seeds/` writes, kept in tests/golden/.

    .venv/bin/python scripts/update_golden.py           # rewrite tests/golden/briefing.{md,html,json}
    .venv/bin/python scripts/update_golden.py --check   # exit 1, naming what changed, when stale

The briefing is built in memory from the sample issues with the default options, without a
cache or an archive, and rendered as Markdown, HTML and JSON (the PDF is left out: its bytes
carry WeasyPrint's own choices). `tests/test_golden.py` fails when the output no longer matches
them byte for byte. After a change meant to alter the briefing, run this and read
`git diff tests/golden/` before committing: the diff is the change a user will see.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
FORMATS = ("md", "html", "json")


def rendered() -> dict[str, bytes]:
    """Each golden file's name and the bytes the code makes for it now."""
    from digest.config import BuildConfig
    from digest.pipeline import build_briefing
    from digest.render import Renderer, environment

    briefing, _ = build_briefing(BuildConfig(inputs=[str(ROOT / "seeds")]))
    renderer = Renderer(environment())
    return {f"briefing.{fmt}": renderer.render(fmt, briefing) for fmt in FORMATS}


def stale(outputs: dict[str, bytes]) -> list[str]:
    return [name for name, data in outputs.items() if not (GOLDEN / name).exists() or (GOLDEN / name).read_bytes() != data]


def main(argv: list[str]) -> int:
    outputs = rendered()
    changed = stale(outputs)
    if "--check" in argv:
        if changed:
            print(f"tests/golden: {', '.join(changed)} no longer match the output; run: .venv/bin/python scripts/update_golden.py", file=sys.stderr)
            return 1
        return 0
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name in changed:
        (GOLDEN / name).write_bytes(outputs[name])
        print(f"{GOLDEN / name}: updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
