"""Shared fixtures: generate raw data and build the dbt project in temporary folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DBT = Path(sys.executable).parent / "dbt"

# The demo dataset every end-to-end assertion runs on: the README's defaults.
DEMO_MEMBERS = 20_000
DEMO_SEED = 42


@dataclass(frozen=True)
class DbtRun:
    """Outcome of one dbt invocation."""

    returncode: int
    output: str


@dataclass(frozen=True)
class Build:
    """A project built from one raw folder into one DuckDB file."""

    raw_dir: Path
    truth_dir: Path
    database: Path
    target_dir: Path
    run: DbtRun
    results: list[dict]

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.database), read_only=True) as connection:
            return connection.execute(sql).fetchall()

    def frame(self, sql: str):
        with duckdb.connect(str(self.database), read_only=True) as connection:
            return connection.execute(sql).df()


def generate(out: Path, truth: Path, *extra: str, members: int, seed: int) -> None:
    """Run the demo-data generator as a user would."""
    command = [
        sys.executable, "-m", "member_value.generate",
        "--members", str(members), "--seed", str(seed),
        "--out", str(out), "--truth-out", str(truth), "--quiet", *extra,
    ]
    subprocess.run(command, cwd=PROJECT_ROOT, check=True)


def run_dbt(
    args: list[str], raw_dir: Path, database: Path, work_dir: Path, extra_env: dict[str, str] | None = None
) -> DbtRun:
    """Run dbt from the project folder against the given raw folder and warehouse file."""
    env = {
        **os.environ,
        "MEMBER_VALUE_RAW_DIR": str(raw_dir),
        "MEMBER_VALUE_DB": str(database),
        "MEMBER_VALUE_TARGET": "dev",
        "DBT_PROFILES_DIR": str(PROJECT_ROOT),
        "DBT_TARGET_PATH": str(work_dir / "target"),
        "DBT_LOG_PATH": str(work_dir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        **(extra_env or {}),
    }
    completed = subprocess.run(
        [str(DBT), *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
    )
    return DbtRun(completed.returncode, completed.stdout + completed.stderr)


def build_project(
    raw_dir: Path, truth_dir: Path, work_dir: Path, args: list[str] | None = None,
    extra_env: dict[str, str] | None = None,
) -> Build:
    """`dbt build` the whole project into a fresh DuckDB file under work_dir."""
    work_dir.mkdir(parents=True, exist_ok=True)
    database = work_dir / "member_value.duckdb"
    run = run_dbt(["build", *(args or [])], raw_dir, database, work_dir, extra_env)
    run_results = work_dir / "target" / "run_results.json"
    results = json.loads(run_results.read_text())["results"] if run_results.exists() else []
    return Build(raw_dir, truth_dir, database, work_dir / "target", run, results)


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The demo data (README defaults) generated and built from scratch, plus its docs."""
    root = tmp_path_factory.mktemp("demo")
    generate(root / "raw", root / "truth", members=DEMO_MEMBERS, seed=DEMO_SEED)
    build = build_project(root / "raw", root / "truth", root / "work")
    assert build.run.returncode == 0, build.run.output[-5000:]
    docs = run_dbt(["docs", "generate"], build.raw_dir, build.database, root / "work")
    assert docs.returncode == 0, docs.output[-5000:]
    return build
