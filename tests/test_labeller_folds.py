"""benchmarks/labeller_folds.py: the line labeller cross-validated by article."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from labeller_folds import without  # noqa: E402


def test_a_feature_left_out_of_training_goes_with_its_neighbours_copies_and_no_other():
    rows = [["bias", "echo=2", "echo2=1", "-1:echo=3", "1:tag=body", "2:echo=none", "pair=body|edge"]]
    assert without(rows, ("echo",)) == [["bias", "echo2=1", "1:tag=body", "pair=body|edge"]]
    assert without(rows, ()) is rows
