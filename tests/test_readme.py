"""The README shows real output: its excerpt is what `scripts/update_readme.py` makes now."""

import importlib.util

from conftest import ROOT


def load_script():
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "scripts" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_excerpt_matches_the_output():
    script = load_script()
    readme = script.README.read_text(encoding="utf-8")
    assert script.updated(readme, script.excerpt()) == readme, "README.md is stale: run .venv/bin/python scripts/update_readme.py"


def test_excerpt_is_one_article_block_with_its_kicker():
    markdown = "## 生态环保（2 篇）\n\n### 用红色精神保护绿色生态\n\n*柳林县三交镇*\n\n消息 · 王卫斌\n\n- 一句。\n- 两句。\n\n### 下一篇\n"
    block = load_script().article_block(markdown, "用红色精神保护绿色生态")
    assert block == "### 用红色精神保护绿色生态\n\n*柳林县三交镇*\n\n消息 · 王卫斌\n\n- 一句。\n- 两句。"
