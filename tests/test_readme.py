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


def _json_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme[readme.index("\n## JSON\n") : readme.index("\n## Measured\n")]


def test_readme_documents_every_field_briefing_json_writes_and_no_other():
    """JSON schema stability: README's `## JSON` names exactly the keys `digest build` writes
    (the golden briefing.json of seeds/): top level, `generated_from`, `figures` and each article.
    `last_week`, written only beside an archived week before, is documented as such."""
    import json
    import re

    section = _json_section()
    block = section[section.index("```text\n") + 8 : section.index("\n```", section.index("```text\n"))]
    top = {line.split()[0] for line in block.splitlines() if line and not line[0].isspace()}
    written = json.loads((ROOT / "tests" / "golden" / "briefing.json").read_text(encoding="utf-8"))
    assert top == set(written) | {"last_week"}
    issue = re.search(r"generated_from\s+\[\{([^}]*)\}\]", block).group(1)
    assert [k.strip() for k in issue.split(",")] == list(written["generated_from"][0])
    figure = re.search(r"figures\s+\[\{([^}]*)\}\]", block).group(1)
    assert [k.strip() for k in figure.split(",")] == list(written["figures"][0])
    table = section[section.index("| field | meaning |") :]
    fields = [name for row in table.splitlines()[2:] if row.startswith("| `") for name in re.findall(r"`([a-z_]+)`", row.split("|")[1])]
    assert sorted(fields) == sorted(written["articles"][0])  # each once, in the table's own order


def test_readme_documents_every_variable_the_templates_receive_and_no_other():
    """README's `## Templates` table of variables names exactly `render.Renderer.context`'s keys
    (a user's template is written against that table)."""
    import re

    from conftest import make_issue

    from digest.compose import compose
    from digest.enrich import load_themes
    from digest.render import Renderer, environment

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("\n## Templates\n") : readme.index("\n## JSON\n")]
    table = section[section.index("| variable | what it holds |") :].split("\n\n")[0]
    documented = [name for row in table.splitlines()[2:] for name in re.findall(r"`([a-z_]+)`", row.split("|")[1])]
    context = Renderer(environment()).context(compose([make_issue("")], "周报", load_themes(), []))
    assert sorted(documented) == sorted(context)
