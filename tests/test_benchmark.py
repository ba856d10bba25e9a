"""The benchmark's own measuring steps (scripts/bench/benchmark.py), on the demo build.

The benchmark itself runs at scale (`make bench`); these tests check, on the
demo warehouse, that what it measures is not disturbed by how it measures.
"""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import PROJECT_ROOT, Build

sys.path.insert(0, str(PROJECT_ROOT / "scripts" / "bench"))

import benchmark  # noqa: E402
from report import floors_against_build_target  # noqa: E402


def test_the_floor_leaves_the_measured_warehouse_as_it_was(demo_build: Build, tmp_path: Path) -> None:
    """The floor reruns models' SQL; it must not write to the warehouse whose size the report gives."""
    _, models = benchmark.build_parts(demo_build.target_dir)
    sql_models = [model for model in models if model["language"] == "sql"]
    chosen = [next(model for model in sql_models if model["materialized"] == kind)
              for kind in ("table", "parquet_file")]
    before = benchmark.warehouse_size(demo_build.database)
    modified_before = demo_build.database.stat().st_mtime_ns
    scratch = tmp_path / "floor"
    for model in chosen:
        seconds = benchmark.floor_seconds(model, demo_build.database, demo_build.target_dir, scratch)
        assert seconds > 0, model["name"]
    assert benchmark.warehouse_size(demo_build.database) == before
    assert demo_build.database.stat().st_mtime_ns == modified_before
    assert not scratch.exists(), "the floor's scratch files were left behind"


def test_the_report_sets_the_floors_against_the_build_target() -> None:
    floors = [
        {"model": "a", "in_dbt_seconds": 150.0, "alone_seconds": 180.0},
        {"model": "b", "in_dbt_seconds": 90.0, "alone_seconds": 150.0},
    ]
    sentence = floors_against_build_target(floors, build_seconds=600.0)
    assert "these 2 models take 330 s between them: 1.10x the 300 s target" in sentence
    assert "Inside dbt they take 240 s, 40% of this build's 600 s." in sentence

    within = floors_against_build_target(floors[1:], build_seconds=100.0)
    assert "take 150 s between them: 50% of the 300 s target" in within
