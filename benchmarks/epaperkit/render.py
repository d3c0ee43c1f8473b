"""HTML to PDF with a real engine, and PDF to text with real extractors.

WeasyPrint is the default engine (a project dependency). Chromium (`--engine chromium`) is a
second engine with its own text layout and content-stream order; it is used only when the
`chromium` binary is installed. wkhtmltopdf (`--engine wkhtmltopdf`, Debian's package: Qt
WebKit) is a third, for pages whose every line the generator placed: its PDFs name glyphs by
their Kangxi radical code points where a radical and an ideograph share a glyph, as many
e-paper PDFs do. Firefox (`--engine firefox`, Debian's firefox-esr: Gecko, its PDF written by
cairo) is a sixth, driven over Marionette by epaperkit/firefox.py, one Firefox for the whole set.
PDFs are made reproducible where the engine allows it:
WeasyPrint gets fixed metadata; SOURCE_DATE_EPOCH is set for both.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import firefox

EXTRACTORS = {"raw": ["-raw"], "plain": [], "layout": ["-layout"]}
EPOCH = "1735689600"  # 2025-01-01, for engines that read SOURCE_DATE_EPOCH


def chromium_binary() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def render_pdf(html: str, out: Path, engine: str = "weasyprint", page_outs: list[Path] | None = None) -> None:
    """`html` printed to `out`; with `page_outs`, each page also to a PDF of its own (WeasyPrint:
    the same laid-out pages written one by one; the browsers: split by poppler's pdfseparate)."""
    if engine == "weasyprint":
        import logging

        import weasyprint

        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        os.environ.setdefault("SOURCE_DATE_EPOCH", EPOCH)
        doc = weasyprint.HTML(string=html).render()
        doc.metadata.created = doc.metadata.modified = "2025-01-01T00:00:00Z"
        doc.metadata.generator = "digest epaper generator"
        doc.write_pdf(out, pdf_identifier=b"digest-epaper")
        for k, target in enumerate(page_outs or []):
            doc.copy([doc.pages[k]]).write_pdf(target, pdf_identifier=b"digest-epaper")
        return
    if engine == "chromium":
        binary = chromium_binary()
        if not binary:
            raise RuntimeError("chromium is not installed (apt-get install -y chromium)")
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "page.html"
            src.write_text(html, encoding="utf-8")
            subprocess.run([binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run",
                            f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer", "--print-to-pdf-no-header",
                            f"--print-to-pdf={out.resolve()}", src.as_uri()],
                           check=True, capture_output=True, timeout=120, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    elif engine == "wkhtmltopdf":
        binary = shutil.which("wkhtmltopdf")
        if not binary:
            raise RuntimeError("wkhtmltopdf is not installed (apt-get install -y wkhtmltopdf)")
        # Qt WebKit ignores @page: the page's size is given on the command line, from the CSS.
        width, height = (v * 25.4 / 72 for v in firefox.page_size(html))
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "page.html"
            src.write_text(html, encoding="utf-8")
            subprocess.run([binary, "--quiet", "--page-width", f"{width:.2f}mm", "--page-height", f"{height:.2f}mm",
                            "-T", "0", "-B", "0", "-L", "0", "-R", "0", str(src), str(out.resolve())],
                           check=True, capture_output=True, timeout=120,
                           env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "XDG_RUNTIME_DIR": tmp})
    elif engine == "firefox":
        firefox.render(html, out)
    else:
        raise ValueError(f"unknown engine {engine!r}")
    if page_outs:  # a browser prints an issue as one PDF: its pages are split off by poppler
        with tempfile.TemporaryDirectory() as tmp:
            for single, target in zip(split_pages(out, f"{tmp}/page-%d.pdf"), page_outs):
                shutil.move(single, target)


def extract(pdf: Path, stem: Path) -> dict[str, Path]:
    """`pdftotext -raw`, plain and `-layout` (UTF-8) of `pdf`, written to STEM.raw.txt etc."""
    out = {}
    for name, flags in EXTRACTORS.items():
        target = stem.with_name(f"{stem.name}.{name}.txt")
        subprocess.run(["pdftotext", *flags, "-enc", "UTF-8", str(pdf), str(target)], check=True, capture_output=True)
        out[name] = target
    return out


def split_pages(pdf: Path, pattern: str) -> list[Path]:
    """One PDF per page of a multi-page issue (poppler's pdfseparate: the same page objects,
    so the per-page text is what the issue's own page gives)."""
    subprocess.run(["pdfseparate", str(pdf), pattern], check=True, capture_output=True)
    parent = Path(pattern).parent
    prefix = Path(pattern).name.split("%d")[0]
    return sorted(parent.glob(prefix + "*.pdf"), key=lambda p: int(p.stem[len(prefix):]) if p.stem[len(prefix):].isdigit() else 0)


def page_text(pdf: Path, page: int) -> str:
    """`pdftotext -raw` of one page (poppler drops characters that lie off the page)."""
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout


def page_count(pdf: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()
