"""Seconds per page reading e-paper PDFs: PDFium (the reader) and pdfminer.six (before) on the same pages.

    python benchmarks/pdf_read.py [--pages 6] [--runs 3] [--keep FILE.pdf] [--pdf FILE.pdf ...] [--baseline REV]

Makes a six-page 吕梁日报-like issue with WeasyPrint (A3 pages: a masthead with a rule, four
columns, stories with kickers, headlines over two columns and subtitles, a photo box with its
caption, a fake-bold line drawn twice 0.25 pt apart; about 5,000 characters a page, from the
sample issues' text), then times, each the median of --runs runs, all in one run:

- `pypdfium2 glyphs`: our extraction (`digest.pdf.pdfium.read_pages`);
- `pypdfium2 whole reader`: `digest.pdf.read_pdf` (glyphs, fake bold, lines, stories, roles, masthead);
- with pdfminer.six installed (`pip install pdfminer.six`; digest no longer needs it): its old
  `extract_text` path (layout analysis, text only), our former extraction from its interpreter
  (benchmarks/pdfminer_glyphs.py) and the whole reader on those glyphs;

and says whether both extractions give the reader the same text. Times are CPU seconds of the
process and of the children it waited for (os.times: the reader reads each PDF in a child held
to a memory budget): on a shared machine the others' load then counts little. `--pdf` times given files (one
page each, e.g. Chromium's from benchmarks/epaper.py --engine chromium) instead of the issue.
`--baseline REV` also times git revision REV's glyphs and whole reader on the same files, in a
process of its own (`git archive REV` unpacked, as benchmarks/segmentation.py does), taking
turns with the work tree's in every round, and says whether both give the same text.
"""

from __future__ import annotations

import argparse
import gc
from importlib import metadata
import io
import os
import random
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CSS = """
@page { size: 297mm 420mm; margin: 12mm }
body { font-family: 'Noto Serif CJK SC'; font-size: 9pt; line-height: 1.45; margin: 0 }
.mast { position: absolute; left: 0; top: 0; width: 273mm; font-size: 11pt; border-bottom: 1.5pt solid black; padding-bottom: 1mm }
.story { position: absolute; }
.story.ruled { border-bottom: 0.75pt solid black; padding-bottom: 2mm }
.kicker { font-size: 13pt; margin: 0 0 1mm }
h1 { font-size: 24pt; font-weight: 700; margin: 0; line-height: 1.25 }
h1.small { font-size: 16pt }
.sub { font-size: 12pt; margin: 1mm 0 2mm }
.body { text-align: justify; column-gap: 5mm; margin-top: 2mm }
.body p { text-indent: 2em; margin: 0 }
.photo { height: 38mm; background: #bbb; border: 0.75pt solid black; margin-top: 2mm }
.cap { font-size: 8pt; font-family: 'Noto Sans CJK SC'; margin-bottom: 2mm }
.fb { position: absolute; font-size: 10pt; font-family: 'Noto Sans CJK SC'; font-weight: 400 }
"""
COL, GAP = 64.5, 5.0  # mm: four columns and their gutters across 273 mm


def _sentences() -> list[str]:
    text = "".join((ROOT / "seeds" / name).read_text(encoding="utf-8") for name in ("000_27f68ec5389186af.txt", "002_cee18c0c3957013d.txt", "003_cb4e2b7efa63d897.txt", "004_3620d4e266fd140a.txt"))
    text = re.sub(r"\s+", "", text)
    return [s + "。" for s in text.split("。") if 20 <= len(s) <= 160 and "#" not in s]


def page_html(number: int, rng: random.Random, sentences: list[str]) -> str:
    def para(n: int, lead: str = "") -> str:
        """About n * 150 characters in paragraphs of 2 to 4 sentences, `lead` opening the first."""
        out, budget = [], n * 150
        while budget > 0:
            text = "".join(rng.choice(sentences) for _ in range(rng.randint(2, 4)))[:budget]
            text = text if text.endswith("。") else text.rstrip("，、；：") + "。"
            out.append(f"<p>{lead}{text}</p>")
            budget -= len(text) + 2
            lead = ""
        return "".join(out)

    x = lambda col: col * (COL + GAP)  # noqa: E731
    w = lambda span: span * COL + (span - 1) * GAP  # noqa: E731
    parts = [f'<div class="mast">吕梁日报　2025年5月{12 + number}日　星期{"一二三四五六日"[number % 7]}　第{number}版　{"要闻综合经济文化社会视点"[2 * (number - 1) % 12: 2 * (number - 1) % 12 + 2]}</div>']
    parts.append(
        f'<div class="story ruled" style="left:{x(0)}mm; top:12mm; width:{w(2)}mm; height:170mm">'
        '<div class="kicker">坚持生态优先 推动绿色发展</div><h1>我市黄河流域生态保护和高质量发展取得突破性进展</h1>'
        f'<div class="sub">——全市生态环境综合治理工作综述</div><div class="body" style="column-count:2">{para(6, "本报讯（记者 王涛）")}</div></div>'
    )
    parts.append(
        f'<div class="story ruled" style="left:{x(2)}mm; top:12mm; width:{w(2)}mm; height:120mm">'
        f'<h1 class="small">柳林县三交镇启动垃圾分类兑换积分活动</h1><div class="body" style="column-count:2">{para(4, "本报讯（记者 李明）")}</div></div>'
    )
    parts.append(
        f'<div class="story" style="left:{x(2)}mm; top:138mm; width:{w(1)}mm; height:120mm">'
        f'<div class="photo"></div><div class="cap">图为工人在施工现场检查设备运行情况。 记者 张伟 摄</div>'
        f'<h1 class="small">交城县举办农民丰收节</h1><div class="body">{para(1, "本报讯（记者 刘洋）")}</div></div>'
    )
    parts.append(
        f'<div class="story" style="left:{x(3)}mm; top:138mm; width:{w(1)}mm; height:120mm">'
        f'<h1 class="small">文水县推进高标准农田建设</h1><div class="body">{para(2)}</div></div>'
    )
    parts.append(
        f'<div class="story" style="left:{x(0)}mm; top:190mm; width:{w(2)}mm; height:200mm">'
        f'<h1>汾阳市投资1.69亿元对老旧小区提升改造</h1><div class="body" style="column-count:2">{para(8)}</div></div>'
    )
    parts.append(
        f'<div class="story" style="left:{x(2)}mm; top:266mm; width:{w(2)}mm; height:124mm">'
        f'<h1 class="small">孝义市打造文旅融合新名片</h1><div class="body" style="column-count:2">{para(5)}</div></div>'
    )
    for dx in (0, 0.25):  # a caption in fake bold: drawn twice, 0.25 pt apart
        parts.append(f'<div class="fb" style="left:{x(0)}mm; top:392mm; margin-left:{dx}pt">近年来，我市紧紧围绕功能提升补短板强弱项</div>')
    return "".join(parts)


def make_issue(pages: int, seed: int = 7) -> bytes:
    from weasyprint import HTML

    rng = random.Random(seed)
    sentences = _sentences()
    body = "".join(f'<section style="page-break-after: always; position: relative; height: 396mm">{page_html(n, rng, sentences)}</section>' for n in range(1, pages + 1))
    return HTML(string=f'<html lang="zh-CN"><head><style>{CSS}</style></head><body>{body}</body></html>').write_pdf()


def cpu_seconds() -> float:
    """CPU time of this process and of the children it has waited for (each PDF's reader)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def median_times(jobs: list, runs: int) -> list[float]:
    """Each job's median time over `runs` rounds, the jobs taking turns in every round (a
    shared machine's load then weighs on all of them alike)."""
    times: list[list[float]] = [[] for _ in jobs]
    for _ in range(runs):
        for k, job in enumerate(jobs):
            start = cpu_seconds()
            job()
            times[k].append(cpu_seconds() - start)
    return [statistics.median(t) for t in times]


BASELINE_RUNNER = """
import os, sys
from pathlib import Path
import digest.pdf as reader
from digest.pdf import pdfium
files = [Path(p).read_bytes() for p in sys.argv[1:]]
texts = [reader.read_pdf(data, "issue.pdf")[0] for data in files]  # warm-up, and the text to compare
Path(sys.argv[1] + ".text").write_text("\\f".join(texts), encoding="utf-8", errors="surrogatepass")
def cpu_seconds():
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system
for line in sys.stdin:  # one round a line: glyphs, then the whole reader
    start = cpu_seconds(); [pdfium.read_pages(data, "issue.pdf") for data in files]; glyphs = cpu_seconds() - start
    start = cpu_seconds(); [reader.read_pdf(data, "issue.pdf") for data in files]; whole = cpu_seconds() - start
    print(glyphs, whole, flush=True)
"""


class Baseline:
    """Revision `rev`'s reader in a process of its own, timing a round of the files when asked."""

    def __init__(self, rev: str, paths: list[Path]):
        import subprocess

        sys.path.insert(0, str(ROOT / "benchmarks"))
        from epaperkit.score import unpack

        self.tree = unpack(rev)
        env = {"PYTHONPATH": self.tree.name, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
        self.first = paths[0]
        self.proc = subprocess.Popen([sys.executable, "-P", "-c", BASELINE_RUNNER, *map(str, paths)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, env=env, cwd=self.tree.name)
        self.times: tuple[list[float], list[float]] = ([], [])

    def round(self) -> None:
        try:
            self.proc.stdin.write("go\n")
            self.proc.stdin.flush()
            answer = self.proc.stdout.readline().split()
        except BrokenPipeError:
            answer = []
        if len(answer) != 2:  # the baseline's reader raised on a file (its error is on stderr above)
            raise SystemExit(f"pdf_read.py: the baseline revision's reader stopped (exit {self.proc.poll()}); no figures")
        glyphs, whole = map(float, answer)
        self.times[0].append(glyphs)
        self.times[1].append(whole)

    def text(self) -> str:
        return Path(str(self.first) + ".text").read_text(encoding="utf-8", errors="surrogatepass")

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()
        Path(str(self.first) + ".text").unlink(missing_ok=True)
        self.tree.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", help="also write the issue to this file")
    parser.add_argument("--pdf", nargs="+", help="time these PDFs (their pages together) instead of a made issue")
    parser.add_argument("--baseline", help="also time this git revision's reader on the same files")
    args = parser.parse_args()
    import digest.pdf as reader
    from digest.pdf import pdfium

    files = [Path(p).read_bytes() for p in args.pdf] if args.pdf else [make_issue(args.pages)]
    if args.keep and not args.pdf:
        Path(args.keep).write_bytes(files[0])
    pages = [p for data in files for p in pdfium.read_pages(data, "issue.pdf")]
    args.pages = len(pages)
    chars = sum(len([g for g in p.glyphs if g.text != " "]) for p in pages)
    del pages  # kept, its glyphs would make every garbage collection in the timed runs slower
    gc.collect()
    version = metadata.version("pypdfium2")
    jobs = [
        (f"pypdfium2 {version} glyphs (digest.pdf.pdfium)", lambda: [pdfium.read_pages(data, "issue.pdf") for data in files]),
        (f"pypdfium2 {version} whole reader (digest.pdf.read_pdf)", lambda: [reader.read_pdf(data, "issue.pdf") for data in files]),
    ]
    same = None
    try:
        from pdfminer.high_level import extract_text

        sys.path.insert(0, str(ROOT / "benchmarks"))
        import pdfminer_glyphs
    except ImportError:
        pdfminer_glyphs = None
    if pdfminer_glyphs is not None:
        def old() -> None:
            with pdfminer_glyphs.quiet_pdfminer():
                for data in files:
                    extract_text(io.BytesIO(data))

        def whole_on_pdfminer() -> list[str]:
            reader.read_pages = pdfminer_glyphs.read_pages
            try:
                return [reader.read_pdf(data, "issue.pdf")[0] for data in files]
            finally:
                reader.read_pages = pdfium.read_pages

        tag = f"pdfminer.six {metadata.version('pdfminer.six')}"
        jobs += [
            (f"{tag} extract_text (old path: layout analysis)", old),
            (f"{tag} glyphs (benchmarks/pdfminer_glyphs.py)", lambda: [pdfminer_glyphs.read_pages(data, "issue.pdf") for data in files]),
            (f"{tag} whole reader", whole_on_pdfminer),
        ]
        same = whole_on_pdfminer() == [reader.read_pdf(data, "issue.pdf")[0] for data in files]
    baseline = None
    if args.baseline:
        import tempfile

        keep = tempfile.TemporaryDirectory(prefix="pdf-read-")
        paths = [Path(keep.name) / f"f{k}.pdf" for k in range(len(files))]
        for path, data in zip(paths, files):
            path.write_bytes(data)
        baseline = Baseline(args.baseline, paths)
        jobs.append(("baseline round", baseline.round))
    rows = list(zip([label for label, _ in jobs], median_times([job for _, job in jobs], args.runs)))
    if baseline is not None:
        rows = [row for row in rows if row[0] != "baseline round"]
        rows += [(f"{args.baseline} glyphs", statistics.median(baseline.times[0])), (f"{args.baseline} whole reader", statistics.median(baseline.times[1]))]
        same_as_baseline = baseline.text() == "\f".join(reader.read_pdf(data, "issue.pdf")[0] for data in files)
        baseline.close()
        keep.cleanup()
    if pdfminer_glyphs is None:
        rows.append(("pdfminer.six (not installed)", float("nan")))
    print(f"{args.pages} pages, {chars} characters ({chars // args.pages} a page), {sum(map(len, files)) // 1024} KB; median of {args.runs} rounds, the readers taking turns\n")
    print("| reader | s per page | s for the issue |\n|---|---|---|")
    for label, seconds in rows:
        print(f"| {label} | {seconds / args.pages:.3f} | {seconds:.2f} |")
    if same is not None:
        print(f"\nthe reader's text from both extractions: {'the same' if same else 'different'}")
    if baseline is not None:
        print(f"\nthe reader's text, {args.baseline} and the work tree: {'the same' if same_as_baseline else 'different'}")


if __name__ == "__main__":
    main()
