"""Rendering: the theme chart (inline SVG), the PDF as a printed briefing, the HTML page, and
templates overridden by name."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from conftest import SEEDS, seed
from markupsafe import Markup

from digest.chart import bar_chart, theme_chart
from digest.cli import main
from digest.model import ThemeSection
from digest.render import Renderer, cn_number, environment

SVG = "{http://www.w3.org/2000/svg}"


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The sample issues built once in every format."""
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, json.loads((out / "briefing.json").read_text(encoding="utf-8"))


# --- the chart -------------------------------------------------------------------------


def test_bar_chart_is_svg_with_a_bar_label_and_count_per_row():
    svg = bar_chart([("生态环保", 5), ("产业经济", 2), ("其他", 0)], label="各主题稿件数")
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg" and root.get("role") == "img" and root.get("aria-label") == "各主题稿件数"
    texts = [t.text for t in root.iter(SVG + "text")]
    assert texts == ["生态环保", "5", "产业经济", "2", "其他", "0"]
    widths = [float(r.get("width")) for r in root.iter(SVG + "rect")]
    assert len(widths) == 2 and widths[0] == pytest.approx(widths[1] * 5 / 2, abs=0.3)  # no bar for 0
    assert float(root.get("width")) >= max(float(r.get("x")) + float(r.get("width")) for r in root.iter(SVG + "rect"))
    assert "<image" not in svg


def test_bar_chart_is_deterministic_and_escapes_labels():
    rows = [("A&B <x>", 3), ("乡村振兴", 7)]
    assert bar_chart(rows) == bar_chart(list(rows))
    assert "A&amp;B &lt;x&gt;" in bar_chart(rows)
    ET.fromstring(bar_chart(rows, label='"quoted"'))  # still well-formed
    assert bar_chart([]) == ""


def test_theme_chart_leaves_empty_sections_out():
    sections = [ThemeSection("生态环保", [object()] * 2), ThemeSection("其他", []), ThemeSection("省内动态", [object()])]
    texts = [t.text for t in ET.fromstring(theme_chart(sections)).iter(SVG + "text")]
    assert texts == ["生态环保", "2", "省内动态", "1"]


@pytest.mark.parametrize("n, text", [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三")])
def test_cn_number(n, text):
    assert cn_number(n) == text


# --- the PDF ---------------------------------------------------------------------------


def test_pdf_holds_every_title_the_chart_and_embedded_cjk_fonts_and_no_image(built):
    out, data = built
    pdf = str(out / "briefing.pdf")
    text = run("pdftotext", pdf, "-")
    flat = re.sub(r"\s+", "", text)
    missing = [a["title"] for a in data["articles"] if re.sub(r"\s+", "", a["title"]) not in flat]
    assert missing == []
    assert "各主题稿件数" in text
    for theme in data["themes"]:
        if theme["articles"]:
            assert theme["name"] in text
    fonts = run("pdffonts", pdf).splitlines()[2:]
    assert any("CJK" in line for line in fonts)
    assert all(line.split()[-5] == "yes" for line in fonts)  # every font embedded
    assert run("pdfimages", "-list", pdf).splitlines()[2:] == []  # vector only: no raster image


def test_pdf_cover_contents_and_page_footers(built):
    out, data = built
    pdf = str(out / "briefing.pdf")
    pages = run("pdftotext", "-layout", pdf, "-").split("\f")
    assert data["title"] in pages[0] and "第 1 页" not in pages[0]  # the cover has no footer
    assert all(source["source"] in pages[0] for source in data["generated_from"])
    assert "目" in pages[1] and "一、" in pages[1]
    total = len([p for p in pages if p.strip()])
    assert f"第 2 页 / 共 {total} 页" in pages[1]
    assert data["period"] in pages[1]  # the running header



def test_a_cover_of_many_sources_stays_one_page(tmp_path):
    # The page budget counts the cover as one page: 500 small files made it 17 (38 pages of 24).
    folder = tmp_path / "week"
    folder.mkdir()
    for n, path in enumerate(sorted(SEEDS.glob("*.txt")) * 4):
        (folder / f"{n:02d}-{path.name}").write_bytes(path.read_bytes() + f"\n{n}\n".encode())  # not copies: those are read once
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out"), "-f", "pdf", "--no-archive"])
    assert result.exit_code == 0, result.output
    pages = run("pdftotext", "-layout", str(tmp_path / "out" / "briefing.pdf"), "-").split("\f")
    assert pages[0].count(".txt") == 15 and "另有 5 个文件" in pages[0]
    dates = re.findall(r"\d{4}-\d{2}-\d{2}", pages[0])
    assert len(dates) == 15 and dates == sorted(dates)  # the earliest fifteen, by date
    assert "目" in pages[1] and "一、" in pages[1]

# --- the HTML page ---------------------------------------------------------------------


def test_html_has_the_chart_theme_anchors_and_articles_with_sources_and_full_text(built):
    out, data = built
    html = (out / "briefing.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 1 and "各主题稿件数" in html
    assert "<img" not in html and "<script" not in html and "<link" not in html
    names = [t["name"] for t in data["themes"] if t["articles"]]
    for index, name in enumerate(names, 1):
        assert f'<section id="theme-{index}">' in html and f'href="#theme-{index}"' in html
        assert f"<h2>{name} " in html
    for article in data["articles"]:
        start = html.index(f'<article id="{article["id"]}">')
        block = html[start : html.index("</article>", start)]
        assert f'第 {article["position"] + 1} 篇' in block and article["source"] in block
        assert "<details>" in block and "<summary>全文</summary>" in block
        assert all(s.replace('"', "&#34;") in block for s in article["summary"])


def test_context_passes_the_chart_as_markup():
    from digest.config import BuildConfig
    from digest.pipeline import build_briefing

    briefing, _ = build_briefing(BuildConfig(inputs=[str(seed("000"))]))
    context = Renderer(environment()).context(briefing)
    assert isinstance(context["theme_chart"], Markup) and context["theme_chart"].startswith("<svg")


# --- templates overridden by name ------------------------------------------------------


def test_a_folder_with_only_the_pdf_template_changes_only_the_pdf(tmp_path):
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "briefing.pdf.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block body %}<h1>定制简报：{{ title }}</h1><p>共 {{ articles | length }} 篇</p>{% endblock %}\n',
        encoding="utf-8",
    )
    issue = str(seed("000"))
    shipped, custom = tmp_path / "shipped", tmp_path / "custom"
    for out, extra in ((shipped, []), (custom, ["--templates", str(templates)])):
        result = CliRunner().invoke(main, ["build", issue, "-o", str(out), *extra])
        assert result.exit_code == 0, result.output
    for name in ("briefing.md", "briefing.html", "briefing.json"):
        assert (custom / name).read_bytes() == (shipped / name).read_bytes(), name
    text = run("pdftotext", str(custom / "briefing.pdf"), "-")
    assert "定制简报：吕梁要闻周报" in text and "目录" not in text
    assert "目" in run("pdftotext", str(shipped / "briefing.pdf"), "-")


# --- templates from a folder someone else wrote run in the sandbox ------------------------


def _folder_with_template(tmp_path, monkeypatch, template: str):
    """A folder as an attacker would leave it: digest.toml naming a templates folder, one template."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "briefing.md.j2").write_text(template, encoding="utf-8")
    (tmp_path / "digest.toml").write_text('templates = "templates"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, ["build", str(seed("000")), "-o", "out", "-f", "md", "--no-cache"])


@pytest.mark.parametrize("template", ["briefing.md.j2", "passwd.j2"])
def test_a_template_that_links_out_of_its_folder_is_refused_unread(tmp_path, monkeypatch, template):
    # A template is printed, and may be mailed: a link to /etc/passwd, named as a template or
    # included by one, put this machine's accounts in the briefing.
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "briefing.md.j2").write_text('{% include "passwd.j2" %}\n', encoding="utf-8")
    (tmp_path / "templates" / template).unlink(missing_ok=True)
    (tmp_path / "templates" / template).symlink_to("/etc/passwd")
    (tmp_path / "digest.toml").write_text('templates = "templates"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", str(seed("000")), "-o", "out", "-f", "md", "--no-cache"])
    assert result.exit_code == 1 and result.output == f"digest: error: templates/{template}: template links out of its folder (to /etc/passwd): not read\n"
    assert not (tmp_path / "out").exists()

@pytest.mark.parametrize(
    "reach",
    [
        "cycler.__init__.__globals__.os.system('touch pwned')",
        "joiner.__init__.__globals__.os.system('touch pwned')",
        "briefing.__class__.__init__.__globals__['__builtins__']['open']('pwned', 'w')",
        "lipsum.__globals__['os'].system('touch pwned')",
    ],
)
def test_template_reaching_for_code_is_one_line_error_and_runs_nothing(tmp_path, monkeypatch, reach):
    result = _folder_with_template(tmp_path, monkeypatch, "{{ " + reach + " }}\n")
    assert not (tmp_path / "pwned").exists()
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("digest: error: templates/briefing.md.j2:1: template error: ") and "unsafe" in lines[0]
    assert not (tmp_path / "out").exists()


def test_template_that_changes_the_data_is_refused(tmp_path, monkeypatch):
    result = _folder_with_template(tmp_path, monkeypatch, "{{ articles.clear() }}{{ articles | length }}\n")
    assert result.exit_code == 1 and "template error" in result.output and "unsafe" in result.output


def test_template_that_includes_itself_is_one_line_error(tmp_path, monkeypatch):
    result = _folder_with_template(tmp_path, monkeypatch, '{% include "briefing.md.j2" %}\n')
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "templates/briefing.md.j2:1: template error: templates include or call each other without end" in lines[0]


def test_control_characters_in_a_title_option_reach_no_output(tmp_path):
    # Content loses its controls at ingest; --title is not content and must not drive a terminal either.
    result = CliRunner().invoke(main, ["build", str(seed("000")), "--title", "简报\x1b[31m\x07周报", "-o", str(tmp_path), "-f", "md", "-f", "html", "--no-cache"])
    assert result.exit_code == 0, result.output
    for name in ("briefing.md", "briefing.html"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert "简报[31m周报" in text.replace("\\[", "[").replace("\\]", "]") and not any(ch in text for ch in "\x1b\x07"), name


def test_a_bidi_override_in_a_title_option_reaches_no_document_and_json_escapes_it(tmp_path):
    # --title is not content (ingest never saw it): U+202E would print the rest of the title reversed.
    title = "简报\u202e报周\u200b"
    result = CliRunner().invoke(main, ["build", str(seed("000")), "--title", title, "-o", str(tmp_path), "-f", "md", "-f", "html", "-f", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    for name in ("briefing.md", "briefing.html", "briefing.json"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert not any(ch in text for ch in "\u202e\u200b"), name
    assert "简报报周" in (tmp_path / "briefing.md").read_text(encoding="utf-8")
    assert '"title": "简报\\u202e报周\\u200b"' in (tmp_path / "briefing.json").read_text(encoding="utf-8")

def test_title_controls_reach_neither_json_raw_nor_the_mail_subject(tmp_path):
    # DEL and C1 (U+009B is a terminal's CSI) escaped in JSON as C0 ones are; none in a header.
    import email

    title = "简报\x1b[31m\x9b31m\x7f周报"
    result = CliRunner().invoke(main, ["build", str(seed("000")), "--title", title, "-o", str(tmp_path), "-f", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "briefing.json").read_text(encoding="utf-8")
    assert not any(ch in text for ch in "\x1b\x9b\x7f") and json.loads(text)["title"] == title
    result = CliRunner().invoke(main, ["mail", str(seed("000")), "--title", title, "--eml", str(tmp_path / "m.eml")])
    assert result.exit_code == 0, result.output
    subject = str(email.message_from_bytes((tmp_path / "m.eml").read_bytes(), policy=email.policy.default)["Subject"])
    assert subject.startswith("简报[31m31m周报") and not any(ch in subject for ch in "\x1b\x9b\x7f")


def test_a_title_that_is_not_utf8_on_the_command_line_is_written_with_a_replacement_character(tmp_path):
    import os
    import sys

    run = subprocess.run([sys.executable, "-m", "digest", "build", str(seed("000")), "--title", os.fsdecode(b"T\x9bX"), "-o", str(tmp_path), "-f", "md", "--no-cache", "--no-archive"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "briefing.md").read_text(encoding="utf-8").startswith("# T\ufffdX")


def test_making_the_pdf_past_its_memory_budget_is_one_line_error(tmp_path, monkeypatch):
    import digest.render

    digest.render.preload_pdf()  # as a build with workers has it; then laying out is what runs out
    monkeypatch.setattr(digest.render, "PDF_MEMORY", 1024 * 1024)
    monkeypatch.setattr(digest.render, "PDF_CPU", 60)  # a child that spins (see the next tests) fails in a minute, not ten
    result = CliRunner().invoke(main, ["build", str(seed("000")), "-o", str(tmp_path / "out"), "-f", "pdf", "--no-cache"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("digest: error: PDF: making the PDF needs more than 1 MB of memory"), lines
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("budget", "said"), [(1024 * 1024, "1 MB"), (16 * 1024, "0 MB"), (64 * 1024, "0 MB")])
def test_making_the_pdf_past_its_memory_budget_prints_one_line_in_a_whole_process(tmp_path, budget, said):
    # CliRunner sees Python's stderr only; GLib, failing in the bounded child, writes to fd 2 itself.
    # 16 and 64 KB: Pango sets fontconfig up in a thread of its own; under the budget fontconfig
    # could not make its configuration and tried again for ever (FcConfigEnsure), so the child
    # spun until its CPU budget ended it (600 s of CPU) and said that instead: a fresh process spun
    # at 16-100 KB, and where a process's mappings moved that window (the suite's), at 1 MB too.
    code = ("import sys, digest.render as r; r.preload_pdf(); r.PDF_MEMORY = %d; r.PDF_CPU = 30; "
            "from digest.cli import main; main(sys.argv[1:], prog_name='digest')") % budget
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-c", code, "build", str(seed("000")), "-o", str(out), "-f", "pdf", "--no-cache"],
                            capture_output=True, text=True, timeout=600)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, lines
    assert lines[0].startswith(f"digest: error: PDF: making the PDF needs more than {said} of memory"), lines
    assert not out.exists()


@pytest.mark.parametrize("name", ["/etc/passwd", "../briefing.md.j2", "nothere.j2"])
def test_template_including_a_name_outside_the_template_folders_is_not_found(tmp_path, monkeypatch, name):
    # Names are looked up inside the template folders only: an absolute path or `..` reads nothing.
    result = _folder_with_template(tmp_path, monkeypatch, "{% include '" + name + "' %}\n")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and f"templates/briefing.md.j2:1: template error: no template named '{name}'" in lines[0], lines
    assert "root:" not in result.output


@pytest.mark.parametrize("template", ["{{ 'x' * 100000000 }}", "{{ [1] * 99999999 }}", "{% for i in range(100000000) %}{% endfor %}",
                                      "{% set n = 100000000 %}{{ 2 ** n }}", "{{ (((2 ** 1000) ** 1000) ** 100).bit_length() }}",
                                      # No count bounds these; the memory budget does (a review's findings).
                                      "{{ 'x'.ljust(3000000000) | length }}", "{{ (['x' * 1000000] * 3000) | join | length }}"])
def test_template_asking_for_gigabytes_is_one_line_error(tmp_path, monkeypatch, template):
    # Repetition and powers are bounded before they are made; Jinja's range is bounded by Jinja.
    result = _folder_with_template(tmp_path, monkeypatch, template + "\n")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("digest: error: templates/briefing.md.j2:1: template error: ")


@pytest.mark.parametrize(("template", "said"), [("{{ 1 / 0 }}", "division by zero"), ("{{ (10 ** 1000) ** 5 }}", "integer string conversion"),
                                               ("{{ 'a' - 1 }}", "unsupported operand")])
def test_template_arithmetic_error_is_one_line(tmp_path, monkeypatch, template, said):
    result = _folder_with_template(tmp_path, monkeypatch, template + "\n")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("digest: error: templates/briefing.md.j2:1: template error: ") and said in lines[0]


def test_template_that_loops_for_ever_is_one_line_error_past_its_cpu_budget(tmp_path, monkeypatch):
    # Each range is bounded, their product is not: 10^10 turns of a loop ran for hours.
    import digest.render

    monkeypatch.setattr(digest.render, "TEMPLATE_CPU", 1)
    result = _folder_with_template(tmp_path, monkeypatch, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert result.output == "digest: error: templates/briefing.md.j2: template error: rendering it takes more than 1 s of CPU\n"
    assert not (tmp_path / "out").exists()


def test_template_whose_constant_filter_folds_to_gigabytes_when_compiled_is_one_line_error(tmp_path, monkeypatch):
    # Jinja folds a filter of constants while compiling (before rendering): `'ab'|center(3e9)` was
    # made, then written into the compiled source, outside the memory budget (14 GB, minutes).
    result = _folder_with_template(tmp_path, monkeypatch, "{{ 'ab' | center(3000000000) }}\n")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("digest: error: templates/briefing.md.j2:1: template error: it asks for too much"), lines


def test_a_pdf_template_fetches_no_file_and_no_url_into_the_pdf(tmp_path, monkeypatch):
    # WeasyPrint fetched what a template's HTML names: `<link rel=attachment href=file:///etc/passwd>`
    # embedded the file in the PDF that `digest mail` attaches; an image from any host was fetched.
    served = tmp_path / "secret.css"
    served.write_text("h1 { color: red }", encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "briefing.pdf.html.j2").write_text(
        '<html><head><link rel="attachment" href="file:///etc/passwd"><link rel="stylesheet" href="' + served.as_uri() + '"></head>'
        '<body><h1>{{ title }}</h1><a rel="attachment" href="file:///etc/hostname">x</a><img src="http://127.0.0.1:9/x.png">'
        '<img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIxIiBoZWlnaHQ9IjEiLz4="></body></html>\n',
        encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(seed("000")), "-o", str(tmp_path / "out"), "-f", "pdf", "--no-cache", "--templates", str(tmp_path / "templates")])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(tmp_path / "out" / "briefing.pdf")  # nothing from WeasyPrint on the terminal
    pdf = (tmp_path / "out" / "briefing.pdf").read_bytes()
    assert b"EmbeddedFile" not in pdf
    assert "吕梁要闻周报" in run("pdftotext", str(tmp_path / "out" / "briefing.pdf"), "-")


def test_template_writing_more_than_the_output_bound_is_one_line_error(tmp_path, monkeypatch):
    import digest.render

    monkeypatch.setattr(digest.render, "MAX_OUTPUT", 1000)
    result = _folder_with_template(tmp_path, monkeypatch, "{% for i in range(20) %}{{ 'x' * 100 }}{% endfor %}\n")
    assert result.exit_code == 1 and "digest: error: templates/briefing.md.j2: template output too large: 2,000 characters (the limit is 1,000)" in result.output
    assert not (tmp_path / "out").exists()


# --- Markdown (and so the mail's text part): content is text, never HTML or a link ---------


def test_markdown_escapes_raw_html_and_link_syntax_in_content(tmp_path):
    import markdown

    path = tmp_path / "2025-04-10.txt"
    path.write_text(
        "全市会议召开<script>alert(1)</script>\n"
        "本报讯（记者 王涛）4月10日，我市召开会议，详见[点此查看](javascript:alert(1))和<a href=\"javascript:alert(2)\">链接</a>，"
        "安排部署重点工作。会议强调，要持续巩固拓展脱贫攻坚成果，坚决守住不发生规模性返贫底线，推动乡村全面振兴取得新进展。\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out"), "-f", "md", "--no-cache", "--sentences", "5"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "briefing.md").read_text(encoding="utf-8")
    assert "<script>" not in text and "<a href" not in text and not re.search(r"(?<!\\)\]\(", text)
    assert "\\[点此查看\\](javascript:alert(1))" in text and "&lt;script>" in text
    html = markdown.markdown(text)
    assert not re.search(r"<script|<a\b", html)  # shown as text (&lt;a href=…), never as elements


# --- titles the paper did not print ----------------------------------------------------


def test_a_title_made_from_the_lead_is_said_to_be_so_and_a_printed_one_is_not(built):
    out, data = built
    made = [a for a in data["articles"] if a["title_generated"]]
    printed = [a for a in data["articles"] if not a["title_generated"]]
    assert made and printed
    markdown = (out / "briefing.md").read_text(encoding="utf-8")
    html = (out / "briefing.html").read_text(encoding="utf-8")
    for article in made:
        note = {"photo": "标题取自图片说明", "fragment": "标题取自正文"}.get(article["kind"], "标题取自导语")
        # the meta line under the heading, or the one-line entry of a listed article
        assert re.search(re.escape(article["title"]) + r"\n\n(?:\*.*\*\n\n)*.*· " + note + r"\n|" + re.escape(article["title"]) + r" · .* · " + note + r"\n", markdown), article["title"]
        assert note in html
    for article in printed:
        for line in markdown.splitlines():
            if line.startswith(("### " + article["title"], "- " + article["title"] + " · ")):
                assert "标题取自" not in line


def test_a_pinned_top_story_with_a_made_title_says_so_in_the_top_stories(tmp_path):
    edits = tmp_path / "edits.toml"
    edits.write_text('pin = ["003_cb4e2b7efa63d897-07"]\n', encoding="utf-8")  # a feature headed by a quotation: no headline printed
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(tmp_path / "out"), "-f", "md", "-f", "html", "--edits", str(edits), "--no-archive"])
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "out" / "briefing.md").read_text(encoding="utf-8")
    assert re.search(r"^1\. 要以科技创新引领产业创新（标题取自导语）：", markdown, re.M)
    assert "要以科技创新引领产业创新</a><small class=\"meta\">（标题取自导语）</small>" in (tmp_path / "out" / "briefing.html").read_text(encoding="utf-8")


def test_a_file_name_with_a_newline_starts_no_markdown_line_of_its_own(tmp_path):
    # `a\n## 伪造的标题\nb.txt` put a heading of its own into the Markdown briefing's 来源 line
    # (and into the mail's text part); every value a Markdown template prints is one line.
    from digest.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\n## 伪造的标题\nb.txt").write_bytes(seed("003").read_bytes())
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out"), "-f", "md", "--no-archive", "--no-cache"])
    assert result.exit_code == 0, result.output
    md = (tmp_path / "out" / "briefing.md").read_text(encoding="utf-8")
    assert "## 伪造的标题" not in md.splitlines()
    assert "（a ## 伪造的标题 b.txt）" in md


def test_a_week_with_no_luliang_top_story_says_so_under_the_heading_not_an_empty_list(tmp_path):
    # A week of 省内动态 alone (an article on 太原) printed `## 本周要闻` over nothing, and the HTML
    # and PDF an empty <ol>.
    path = tmp_path / "2025-04-10.txt"
    path.write_text("太原市召开春耕生产工作会议\n本报讯（记者 王涛）4月10日，太原市召开春耕生产工作会议，安排部署重点工作。"
                    "会议强调，要持续巩固拓展脱贫攻坚成果，坚决守住不发生规模性返贫底线，推动乡村全面振兴取得新进展。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out"), "-f", "md", "-f", "html", "--no-archive", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "## 本周要闻\n\n本周没有吕梁要闻。\n" in (tmp_path / "out" / "briefing.md").read_text(encoding="utf-8")
    html = (tmp_path / "out" / "briefing.html").read_text(encoding="utf-8")
    assert "<h2>本周要闻</h2>\n  <p>本周没有吕梁要闻。</p>" in html and "<ol>\n  </ol>" not in html


def test_the_sources_are_listed_by_date_whatever_the_files_are_named():
    # Files named by a hash (or a scan's number) come in an order that says nothing of their date:
    # the briefing lists its issues by date, undated last, then by paper and file; the JSON keeps
    # the input's order (each issue with its date).
    import datetime as dt

    from conftest import make_issue

    from digest.render import in_date_order

    issues = [make_issue("", source=name) for name in ("a.txt", "b.txt", "c.txt", "d.txt")]
    for issue, date, paper in zip(issues, (dt.date(2025, 5, 13), None, dt.date(2025, 5, 12), dt.date(2025, 5, 13)), ("吕梁日报", "吕梁日报", "吕梁日报", "山西日报")):
        issue.date, issue.paper = date, paper
    assert [issue.source for issue in in_date_order(issues)] == ["c.txt", "a.txt", "d.txt", "b.txt"]
