"""Korean and Japanese files are refused by name, Chinese ones never: the check in ingest.decode.

    python benchmarks/other_cjk.py [--pieces 1000] [--seed 7]

Chinese: the samples (seeds/), ../shared's articles and seeds, its eval sets and the generated
pages' texts under /work/wt/pages when there, each whole, in GB18030 and in UTF-16 (no mark);
and pieces (60 and 600 characters, a run of lines from a random place, and the whole) of the
Chinese message catalogues installed on this machine (/usr/share/locale/zh_CN and zh_TW:
software messages, lists of place names, which repeat few characters), in GB18030 and Big5.
Korean and Japanese: pieces of the ko and ja catalogues, in EUC-KR and CP949, EUC-JP and
Shift-JIS. Counts how each is read (or refused, and as what), Korean and Japanese by the
number of distinct letters (Han, kana, Hangul) in the piece: fewer than 20 are not judged.
Not run in CI.
"""

from __future__ import annotations

import argparse
import collections
import gettext
import glob
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from digest.errors import DigestError  # noqa: E402
from digest.ingest import decode  # noqa: E402

SHARED = ROOT.parent / "shared"
LETTER_RE = re.compile("[\u3041-\u30ff\uac00-\ud7a3\u4e00-\u9fff]")


def catalogue(language: str) -> str:
    texts = []
    for path in glob.glob(f"/usr/share/locale/{language}/LC_MESSAGES/*.mo") + glob.glob(f"/usr/share/vim/*/lang/{language}/LC_MESSAGES/*.mo"):
        try:
            with open(path, "rb") as file:
                texts += [text for text in gettext.GNUTranslations(file)._catalog.values() if isinstance(text, str)]
        except (OSError, UnicodeDecodeError):
            continue
    return "\n".join(texts)


def pieces(text: str, count: int, rng: random.Random) -> list[str]:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    out = [text]
    for size in (60, 600):
        for _ in range(count):
            start, taken = rng.randrange(len(lines)), []
            for line in lines[start:]:
                if len("\n".join(taken)) >= size:
                    break
                taken.append(line)
            out.append("\n".join(taken))
    return out


def chinese_files() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    if SHARED.is_dir():
        texts += [json.loads(line)["body"] for line in (SHARED / "corpus/articles.jsonl").read_text(encoding="utf-8").splitlines()]
        texts += [path.read_text(encoding="utf-8") for path in sorted((SHARED / "seeds").glob("*.txt"))]
        for path in sorted((SHARED / "eval").glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                texts.append(" ".join(value for value in json.loads(line).values() if isinstance(value, str)))
    texts += [path.read_text(encoding="utf-8") for path in sorted(Path("/work/wt/pages").glob("*/p*.raw.txt"))]
    return [text for text in texts if text.strip()]


def outcome(text: str, encoding: str) -> str | None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return None
    try:
        return "read as " + decode(data, "x")[1]
    except DigestError as error:
        named = re.search(r"it is (\w+ in [\w-]+)", error.problem)
        return "refused: " + (named.group(1) if named else error.problem.split(" (")[0].split(":")[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pieces", type=int, default=1000, help="pieces of each size per catalogue (default 1000)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print("| texts | encoding | how they are read |\n|---|---|---|")
    files = chinese_files()
    for encoding in ("gb18030", "utf-16-le"):
        counts = collections.Counter(filter(None, (outcome(text, encoding) for text in files)))
        print(f"| {len(files)} Chinese files (samples, ../shared, pages) | {encoding} | {dict(counts)} |")
    for language, encodings in (("zh_CN", ("gb18030",)), ("zh_TW", ("big5", "gb18030")), ("ko", ("euc_kr", "cp949")), ("ja", ("euc_jp", "shift_jis"))):
        texts = pieces(catalogue(language), args.pieces, rng)
        if not texts:
            print(f"| {language}: no message catalogue on this machine | | |")
            continue
        for encoding in encodings:
            by_size: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
            for text in texts:
                result = outcome(text, encoding)
                if result is not None:
                    by_size["under 20 distinct letters" if len(set(LETTER_RE.findall(text))) < 20 else "20 or more"][result] += 1
            print(f"| {len(texts)} pieces of the {language} catalogues | {encoding} | " + "; ".join(f"{size}: {dict(counts)}" for size, counts in sorted(by_size.items())) + " |")


if __name__ == "__main__":
    main()
