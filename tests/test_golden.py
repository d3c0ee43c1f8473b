"""The sample issues' briefing, byte for byte: tests/golden/ is what `digest build seeds/` writes
as Markdown, HTML and JSON. A change meant to alter it regenerates them with
`.venv/bin/python scripts/update_golden.py`, and the diff of tests/golden/ shows what a user will see."""

import difflib
import importlib.util

import pytest
from conftest import ROOT


def load_script():
    spec = importlib.util.spec_from_file_location("update_golden", ROOT / "scripts" / "update_golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = load_script()


@pytest.fixture(scope="module")
def outputs():
    return SCRIPT.rendered()


@pytest.mark.parametrize("name", [f"briefing.{fmt}" for fmt in SCRIPT.FORMATS])
def test_sample_briefing_matches_its_golden_file(outputs, name):
    golden = (SCRIPT.GOLDEN / name).read_text(encoding="utf-8")
    now = outputs[name].decode("utf-8")
    if now != golden:
        diff = difflib.unified_diff(golden.splitlines(), now.splitlines(), f"tests/golden/{name}", "now", lineterm="", n=1)
        shown = "\n".join(list(diff)[:40])
        pytest.fail(f"{name} differs from tests/golden (if meant: .venv/bin/python scripts/update_golden.py):\n{shown}")
