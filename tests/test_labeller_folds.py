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


def test_every_fold_set_added_has_a_seed_and_a_name_of_its_own():
    # --add / --test-add put sets of other engines beside the base ones; a set sharing a seed or a
    # name with another would repeat its pages or overwrite its folder (build/folds/train-xK-NAME).
    from labeller_folds import EXTRA_TEST, EXTRA_TRAIN, TEST_SETS, TRAIN_SETS

    training = [*TRAIN_SETS, *EXTRA_TRAIN.values()]
    testing = [*TEST_SETS, *EXTRA_TEST.values()]
    seeds = [spec[2] for spec in (*training, *testing)]
    assert len(seeds) == len(set(seeds))
    assert len({spec[0] for spec in training}) == len(training)
    assert len({spec[0] for spec in testing}) == len(testing)
    assert all(name == spec[0] for table in (EXTRA_TRAIN, EXTRA_TEST) for name, spec in table.items())


def test_train_extractors_name_the_layout_models_texts_only_when_it_is_trained_alone():
    # --layout-only trains the layout-mode model alone, so --train-extractors is its texts; beside the
    # raw-text model (--layout-model) it keeps the command's raw and layout-mode texts.
    from labeller_folds import texts_learnt

    from digest.segment import train

    assert texts_learnt(layout=True, layout_only=True, extractors=("layout",)) == ("layout",)
    assert texts_learnt(layout=True, layout_only=False, extractors=("raw",)) == train.EXTRACTORS
    assert texts_learnt(layout=False, layout_only=False, extractors=("raw",)) == ("raw",)
