"""The quality floor: a fixed sample of MUC-4 dev and wiki lines must stay above the recorded
floors (tests/quality_floor.toml; re-record with `python -m eventwire.evaluate.floor --record`),
and the independent MUC-4 role metric must agree with ours on the pipeline's real output."""

from __future__ import annotations

import json

import pytest

import independent_muc4
from eventwire.evaluate import floor
from eventwire.evaluate.corpus import benchmark_file
from eventwire.records import to_dict


@pytest.fixture(scope="session")
def measured():
    return floor.run_sample()


@pytest.mark.slow
def test_figures_stay_above_the_floors(measured):
    floors = floor.read_floors()
    figures = floor.figures(measured)
    assert set(floors) <= set(figures), "a floor names a figure the sample no longer measures"
    below = {k: (figures[k], v) for k, v in floors.items() if figures[k] < v}
    assert not below, f"below the floor (measured, floor): {below}"


@pytest.mark.slow
def test_independent_role_metric_agrees_on_pipeline_output(measured):
    grit = {}
    with benchmark_file("muc4", "grit_dev.json").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            grit[record["docid"]] = record["extracts"]
    ours = measured.muc4.scores["roles"]
    theirs = independent_muc4.score(
        [to_dict(r) for r in measured.muc4_results],
        [grit[g.docid] for g in measured.muc4_gold],
    )
    assert len(measured.muc4_results) == floor.MUC4_DOCS
    for key in ("precision", "recall", "f1"):
        assert theirs[key] == pytest.approx(ours[key], abs=2.0), key


def test_floor_file_round_trip(tmp_path):
    path = tmp_path / "floor.toml"
    floor.write_floors({"muc4_roles_f1": 40.0, "wiki_killed_accuracy": 2.0}, path, margin=3.0)
    assert floor.read_floors(path) == {"muc4_roles_f1": 37.0, "wiki_killed_accuracy": 0.0}
