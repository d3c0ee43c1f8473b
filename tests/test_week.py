import datetime as dt
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS, make_article, make_issue, two_weeks

from digest.cli import main
from digest.compose import SAME_ARTICLE, _could_overlap, _overlap, merge_repeats, same_article
from digest.dates import date_from_name, date_issue, iso_week, week_range
from digest.figures import clause_cuts, figures_in
from digest.segment import segment

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(("name", "date"), [("吕梁日报2025-04-11.txt", dt.date(2025, 4, 11)), ("lldb_20250411_01.txt", dt.date(2025, 4, 11)), ("000_27f68ec5389186af.txt", None), ("20251399.txt", None), ("017_3a20231105bc9e1f.txt", None)])
def test_date_from_file_name(name, date):
    assert date_from_name(name) == date


def test_dateline_without_year_evidence_has_no_year():
    issue = make_issue(" 本报讯（记者 罗丽）4月10日，我市召开会议，部署工作。\n\n 本报讯（记者 王涛）4月9日，方山县举办活动。\n")
    segment(issue)
    date_issue(issue, None, TODAY)
    assert (issue.date, issue.month_day, issue.date_source, issue.date_evidence) == (None, "04-10", "dateline", "4月10日")
    assert all(a.date is None and a.month_day == "04-10" for a in issue.articles)


def test_dateline_with_its_own_year():
    issue = make_issue(" 本报讯（记者 罗丽）2024年12月28日，我市召开年终工作会议。\n")
    segment(issue)
    date_issue(issue, None, TODAY)
    assert (issue.date, issue.date_source) == (dt.date(2024, 12, 28), "dateline")


def test_date_option_beats_inference_but_not_file_name():
    issue = make_issue(" 本报讯 4月10日，我市召开会议。\n", source="2025-04-12.txt")
    segment(issue)
    date_issue(issue, dt.date(2025, 1, 1), TODAY)
    assert (issue.date, issue.date_source) == (dt.date(2025, 4, 12), "filename")
    issue.source = "x.txt"
    date_issue(issue, dt.date(2025, 1, 1), TODAY)
    assert (issue.date, issue.date_source) == (dt.date(2025, 1, 1), "option")


def test_iso_week():
    assert week_range("2025-W15") == (dt.date(2025, 4, 7), dt.date(2025, 4, 13))
    with pytest.raises(ValueError):
        week_range("April")


def test_iso_week_names_the_year_in_four_digits_so_weeks_sort_as_text():
    assert iso_week(dt.date(2025, 4, 10)) == "2025-W15"
    assert iso_week(dt.date(1, 1, 1)) == "0001-W01"  # was `1-W01`, which sorts after `2025-W15`
    assert iso_week(None) is None
    assert week_range(iso_week(dt.date(1, 1, 1)))[0] == dt.date(1, 1, 1)


def test_figures_with_unit_and_what_they_count():
    article = make_article("吕梁山西麓山水林田湖草沙一体化保护与修复工程39个项目已开工37个。获得太原市出租车退役动力电池回收约1.6亿元大单。", id="a-01")
    figures = {f.text: f for f in figures_in(article)}
    assert any("39个项目已开工37个" in text for text in figures)
    money = next(f for f in figures.values() if f.unit == "亿元")
    assert money.value == 1.6 and money.article == "a-01" and "1.6亿元大单" in money.text


def test_near_duplicate_printings_are_one_article():
    text = "为进一步优化营商环境，吕梁市纪委监委开设投诉举报监督专线，专门受理对公职人员不作为、慢作为的投诉举报。每天24小时全天候受理。"
    a, b = make_article(text, source="a.txt"), make_article(text.replace("每天", "每日"), source="b.txt")
    a.sources, b.sources = ["a.txt"], ["b.txt"]
    assert same_article(a, b)
    ia, ib = make_issue("", "a.txt"), make_issue("", "b.txt")
    ia.articles, ib.articles = [a], [b]
    assert merge_repeats([ia, ib]) == [a]
    assert a.sources == ["a.txt", "b.txt"]


def test_printings_in_one_issue_stay_apart_and_a_later_issue_finds_the_first():
    text = "为进一步优化营商环境，吕梁市纪委监委开设投诉举报监督专线，专门受理对公职人员不作为、慢作为的投诉举报。每天24小时全天候受理。"
    first, again, later = (make_article(text, source=s) for s in ("a.txt", "a.txt", "b.txt"))
    for article in (first, again, later):
        article.sources = [article.source]
    ia, ib = make_issue("", "a.txt"), make_issue("", "b.txt")
    ia.articles, ib.articles = [first, again], [later]
    assert merge_repeats([ia]) == [first, again]  # one issue: nothing earlier to repeat
    assert merge_repeats([ia, ib]) == [first, again]
    assert first.sources == ["a.txt", "b.txt"] and again.sources == ["a.txt"]


@pytest.fixture(scope="module")
def briefing_json(tmp_path_factory):
    out = tmp_path_factory.mktemp("week")
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out), "-f", "json", "-f", "md"])
    assert result.exit_code == 0, result.output
    return json.loads((out / "briefing.json").read_text(encoding="utf-8")), (out / "briefing.md").read_text(encoding="utf-8")


def test_week_sections_in_outputs(briefing_json):
    data, md = briefing_json
    ids = {a["id"]: a for a in data["articles"]}
    assert 3 <= len(data["top_stories"]) <= 5 and all(ids[i]["lvliang"] for i in data["top_stories"])
    assert set(data["counties"]) >= {"离石区", "孝义市", "汾阳市", "柳林县", "方山县", "兴县"}
    assert data["counties"]["方山县"] >= 2
    assert data["figures"] and all(f["article"] in ids and f["text"] in f["sentence"] for f in data["figures"])
    outside = next(t for t in data["themes"] if t["name"] == "省内动态")
    assert outside["articles"] and all(not ids[i]["lvliang"] for i in outside["articles"])
    assert all(ids[i]["lvliang"] for t in data["themes"] if t["name"] not in ("省内动态", "国内") for i in t["articles"])
    national = next(t for t in data["themes"] if t["name"] == "国内")
    assert [ids[i]["title"] for i in national["articles"]] == ["实干担当 为民造福"]  # 习近平总书记…: no place in Shanxi
    assert md.index("## 本周要闻") < md.index("## 省内动态") < md.index("## 各县（市、区）稿件") < md.index("## 数说本周")


def test_week_option_selects_dated_issues(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    text = next(SEEDS.glob("000_*")).read_text(encoding="utf-8")
    (src / "2025-04-10.txt").write_text(text, encoding="utf-8")
    (src / "2025-04-20.txt").write_text(text.replace("本报讯", "本报讯 ", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "out"), "-f", "json", "--week", "2025-W15"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out" / "briefing.json").read_text(encoding="utf-8"))
    assert [g["source"] for g in data["generated_from"]] == ["2025-04-10.txt"]
    assert data["period"] == "2025年第15周（4月7日—13日）"


def test_figures_are_whole_phrases_never_cut_inside_a_number():
    article = make_article(
        "从鹏湾氢港氢能产业园年产2万吨焦炉煤气制氢项目出氢到3套水电解制氢、四座加氢综合能源岛建成投用。"
        "吕梁山西麓39个项目已开工37个，其中年度44.6万亩生态保护修复、94.5万亩水土流失综合治理任务实现“双达标”。",
        id="a-01",
    )
    texts = [f.text for f in figures_in(article)]
    assert "年产2万吨焦炉煤气制氢项目" in texts[0] and not texts[0].endswith(("3", "到"))
    assert "其中年度44.6万亩生态保护修复" in texts and "94.5万亩水土流失综合治理任务实现“双达标" in texts
    assert not any(text[-1].isdigit() for text in texts)


def test_whole_numbers_are_integers_in_the_json(briefing_json):
    data, _ = briefing_json
    values = [f["value"] for f in data["figures"]]
    assert any(isinstance(v, int) for v in values) and any(isinstance(v, float) for v in values)
    assert all(isinstance(v, float) == ("." in str(v)) for v in values)
    article = make_article("来自全市20所市直学校的21名青少年选手参加比赛，概算总投资1.69亿元。", id="a-01")
    assert [(f.value, type(f.value)) for f in figures_in(article)][:2] == [(20, int), (1.69, float)]


def test_rates_and_model_names_are_not_figures():
    article = make_article("该系统采用2MW AEM电解槽，1个/亩大棚年产黄瓜1万斤，占全市电力总装机容量提升至48.6%。", id="a-01")
    assert [(f.value, f.unit) for f in figures_in(article)] == [(48.6, "%")]


def test_caption_repeating_a_report_is_not_a_repeat_of_it():
    report = make_article(
        "方山县在北京理工大学举办了吕梁山护工、方山装潢工劳务品牌推介暨农特产品展销活动。"
        "方山县人力资源和社会保障局局长王军说，本次活动是校地双方落实乡村振兴战略的重要实践。"
        "曹操到家政服务公司总经理介绍了涵盖医疗护理、育婴早教等六大领域的专业服务体系。"
        "当日的农特产品展销现场更是人头攒动，参展商热情地向北理工师生介绍了产品的特点和优势。",
        source="a.txt",
    )
    caption = make_article("图为方山县在北京理工大学举办了吕梁山护工、方山装潢工劳务品牌推介暨农特产品展销活动。", source="b.txt")
    assert not same_article(report, caption)


def test_unknown_paper_is_not_taken_for_the_lvliang_daily(tmp_path):
    from digest.ingest import read_issue

    path = tmp_path / "x.txt"
    path.write_text("太原市召开会议，我市各部门参加。", encoding="utf-8")
    assert read_issue(path).paper == "未知报刊"


def test_leaders_come_from_the_data_file():
    from digest.compose import leaders_pattern

    assert leaders_pattern().search("市长张广勇深入项目调研")
    assert leaders_pattern().search("孙大军讲话 熊义志主持")
    assert not leaders_pattern().search("推动城市长远发展")


def test_figures_are_trimmed_at_the_clause_cuts_kept_with_the_article():
    article = make_article("吕梁山西麓山水林田湖草沙一体化保护与修复工程39个项目已开工37个，全市累计完成造林面积达到了44.6万亩的历史最高水平。", id="a-01")
    fresh = figures_in(article)
    article.figure_cuts = clause_cuts(article)
    assert article.figure_cuts and all("".join(cut) in article.text for cut in article.figure_cuts)
    assert figures_in(article) == fresh  # the kept cuts are the cutter's own words
    article.figure_cuts = [["".join(cut)] for cut in article.figure_cuts]  # each clause kept as one word
    assert figures_in(article)[0].text == "吕梁山西麓山水林田湖草沙一体化保护与修复工程39个项目已开工37个" != fresh[0].text  # trimmed at the kept cut, not cut again


def test_week_built_again_from_the_cache_loads_no_word_cutter_and_gives_the_same_bytes(tmp_path):
    first, second = two_weeks(tmp_path)
    options = ["-f", "md", "-f", "html", "-f", "json", "--cache-dir", str(tmp_path / "cache"), "--archive", str(tmp_path / "a.sqlite")]
    for folder in (first, second):
        result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / f"out-{folder.name}"), *options])
        assert result.exit_code == 0, result.output
    again = tmp_path / "again"
    code = "import sys; from digest.cli import main; main(sys.argv[1:], standalone_mode=False); print('rjieba' in sys.modules, 'jieba' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code, "build", str(second), "-o", str(again), *options], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-2:] == ["False", "False"]
    data = json.loads((again / "briefing.json").read_text(encoding="utf-8"))
    assert data["figures"] and data["last_week"]  # figures shown, and the week before composed
    for fmt in ("md", "html", "json"):
        assert (again / f"briefing.{fmt}").read_bytes() == (tmp_path / f"out-{second.name}" / f"briefing.{fmt}").read_bytes()


def test_build_without_cache_archive_or_jobs_loads_no_process_pool_nor_package_metadata(tmp_path):
    """A one-process build that fingerprints no code (no cache, no archive) never needs
    multiprocessing or importlib.metadata: they are loaded only by --jobs and by fingerprinting."""
    code = "import sys; from digest.cli import main; main(sys.argv[1:], standalone_mode=False); print('multiprocessing' in sys.modules, 'importlib.metadata' in sys.modules)"
    options = ["--no-cache", "--no-archive", "-f", "md", "-o", str(tmp_path / "out")]
    done = subprocess.run([sys.executable, "-c", code, "build", str(SEEDS / "000_27f68ec5389186af.txt"), *options], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-2:] == ["False", "False"]
    pooled = subprocess.run([sys.executable, "-c", code, "build", str(SEEDS), "--jobs", "2", *options], capture_output=True, text=True, cwd=ROOT)
    assert pooled.returncode == 0, pooled.stderr
    assert pooled.stdout.split()[-2] == "True"


def test_sets_whose_sizes_rule_out_the_same_article_never_overlap_enough():
    # Nested sets share all of the smaller one: the most any two sets of these sizes can share.
    for small in range(60):
        for large in range(small, 60):
            a, b = frozenset(map(str, range(small))), frozenset(map(str, range(large)))
            assert _could_overlap(a, b) == _could_overlap(b, a) == (_overlap(a, b) >= SAME_ARTICLE or not b)  # two empty sets: checked, and found apart


def test_pdf_library_is_imported_while_workers_process_the_issues_and_only_for_a_pdf(tmp_path):
    """With worker processes the main process would only wait for them: a build that writes a
    PDF imports WeasyPrint then, not after composing (docs/speed.md); one that writes no PDF
    never loads it."""
    code = (
        "import sys\nfrom digest import pipeline\nrest = pipeline._process_rest\n"
        "def spy(*args):\n    try:\n        yield from rest(*args)\n    finally:\n        print('pooled, weasyprint loaded:', 'weasyprint' in sys.modules)\n"
        "pipeline._process_rest = spy\nfrom digest.cli import main\nmain(sys.argv[1:], standalone_mode=False)"
    )
    seen = {}
    for fmt in ("pdf", "md"):
        options = ["--no-cache", "--no-archive", "--jobs", "2", "-f", fmt, "-o", str(tmp_path / fmt)]
        done = subprocess.run([sys.executable, "-c", code, "build", str(SEEDS), *options], capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        seen[fmt] = [line.split(": ")[1] for line in done.stdout.splitlines() if line.startswith("pooled")]
        assert (tmp_path / fmt / f"briefing.{fmt}").exists()
    assert seen == {"pdf": ["True"], "md": ["False"]}



def _one_line_or_success(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 0 or (result.exit_code == 1 and result.output.startswith("digest: error: ") and result.output.count("\n") == 1), result.output


@pytest.mark.parametrize(("day", "more"), [("0001-01-01", []), ("0001-01-07", ["--week"]), ("9999-12-31", ["--week"]), ("9999-12-31", ["--week", "last"])])
def test_date_at_the_ends_of_the_calendar_builds_or_is_one_line(tmp_path, day, more):
    """Year 1 has no week before it to compare with; the week of 9999-12-31 ends in the year 10000."""
    issue = tmp_path / "undated.txt"
    issue.write_text(" 本报讯 我市召开会议，部署全年工作。会议要求各级各部门抓好落实。\n", encoding="utf-8")
    archive = tmp_path / "a.sqlite"
    args = ["build", str(issue), "-o", str(tmp_path / "out"), "-f", "md", "--no-cache", "--archive", str(archive), "--date", day, *more]
    for _ in range(2):  # the second build finds the first in the archive
        result = CliRunner().invoke(main, args)
        _one_line_or_success(result)
        if day.startswith("9999"):
            assert "9999-W52' is not a week the calendar can hold" in result.output
    _one_line_or_success(CliRunner().invoke(main, ["trends", "--archive", str(archive)]))
