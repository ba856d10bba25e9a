"""End-to-end checks of the raw-data contract and the staging layer on generated data."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import PROJECT_ROOT, Build, build_project, generate

SOURCES_YML = PROJECT_ROOT / "models" / "staging" / "shop" / "_shop__sources.yml"
# The raw-data contract's tables, read from the contract itself.
CONTRACT = yaml.safe_load(SOURCES_YML.read_text())["sources"][0]["tables"]
CONTRACT_TABLES = [table["name"] for table in CONTRACT]
CONTRACT_KEYS = {table["name"]: table["config"]["meta"]["key"] for table in CONTRACT}
DEMO_PII_SALT = "member-value-demo-salt"


def quarantined_rows(build: Build) -> Counter:
    rows = build.query("select source_table, row_key, reason_code from staging.stg_shop__quarantine")
    return Counter(rows)


def test_demo_build_runs_every_model_and_test(demo_build: Build) -> None:
    statuses = Counter(result["status"] for result in demo_build.results)
    assert set(statuses) <= {"success", "pass"}, statuses
    assert statuses["pass"] > 100  # the data tests ran, not just the models


def test_every_planted_dirty_row_is_quarantined_with_its_reason(demo_build: Build) -> None:
    truth = pd.read_parquet(demo_build.truth_dir / "dirty_rows.parquet")
    planted = Counter(
        (row.table_name, None if pd.isna(row.row_key) else row.row_key, row.reason_code)
        for row in truth.itertuples()
    )
    found = quarantined_rows(demo_build)
    assert sum(planted.values()) > 0
    missing = planted - found
    unexpected = found - planted
    assert not missing, f"planted but not quarantined as planted: {list(missing.items())[:20]}"
    assert not unexpected, f"quarantined without being planted: {list(unexpected.items())[:20]}"


def test_every_reason_code_is_exercised_by_the_demo_data(demo_build: Build) -> None:
    reasons = {row[0] for row in demo_build.query("select distinct reason_code from staging.stg_shop__quarantine")}
    for expected in ["missing_key", "duplicate_key", "invalid_number", "invalid_timestamp",
                     "future_timestamp", "negative_amount", "unknown_currency", "invalid_category",
                     "orphan_member", "orphan_order", "out_of_range"]:
        assert expected in reasons


def normalised(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp) or hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


def test_repairable_formatting_is_normalised_not_quarantined(demo_build: Build) -> None:
    repaired = pd.read_parquet(demo_build.truth_dir / "repaired_values.parquet")
    assert len(repaired) > 0
    failures = []
    for (table_name, column_name), group in repaired.groupby(["table_name", "column_name"]):
        model_column = "email_hash" if column_name == "email" else column_name
        key = CONTRACT_KEYS[table_name]
        key_column = key[0] if len(key) == 1 else "row_key"
        clean = demo_build.frame(
            f"select {key_column} as row_key, {model_column} as value from staging.base_shop__{table_name} "
            "where check_reason is null and not has_duplicate_key"
        ).set_index("row_key")["value"]
        for row in group.itertuples():
            expected = row.expected_value
            if column_name == "email":
                expected = hashlib.sha256((DEMO_PII_SALT + expected).encode()).hexdigest()
            actual = normalised(clean.get(row.row_key))
            if actual != expected:
                failures.append((table_name, row.row_key, column_name, row.raw_value, expected, actual))
    assert not failures, failures[:20]


def test_raw_rows_equal_clean_plus_quarantined_rows(demo_build: Build) -> None:
    quarantined = Counter()
    for (source_table, _, _), count in quarantined_rows(demo_build).items():
        quarantined[source_table] += count
    for table in CONTRACT_TABLES:
        (raw_count,) = demo_build.query(f"select count(*) from raw.{table}")[0]
        (clean_count,) = demo_build.query(f"select count(*) from staging.stg_shop__{table}")[0]
        assert raw_count > 0, table
        assert raw_count == clean_count + quarantined[table], table


def test_personal_data_is_hashed_in_staging(demo_build: Build) -> None:
    columns = {row[0] for row in demo_build.query(
        "select column_name from information_schema.columns "
        "where table_schema = 'staging' and table_name = 'stg_shop__members'"
    )}
    assert not columns & {"email", "phone", "birth_date"}
    hashes = demo_build.query(
        "select count(*), count(email_hash), count(distinct email_hash), "
        "sum(case when regexp_full_match(email_hash, '[0-9a-f]{64}') then 1 else 0 end) "
        "from staging.stg_shop__members"
    )[0]
    members, with_hash, distinct_hashes, well_formed = hashes
    assert with_hash == well_formed > 0.9 * members
    assert distinct_hashes == with_hash


def test_every_node_and_column_is_documented(demo_build: Build) -> None:
    manifest = json.loads((demo_build.target_dir / "manifest.json").read_text())
    catalog = json.loads((demo_build.target_dir / "catalog.json").read_text())
    documented = {}
    for unique_id, node in {**manifest["nodes"], **manifest["sources"]}.items():
        if node["resource_type"] not in {"model", "seed", "source"} or node["package_name"] != "member_value":
            continue
        assert node["description"].strip(), f"{unique_id} has no description"
        for name, column in node["columns"].items():
            assert column["description"].strip(), f"{unique_id}.{name} has no description"
        documented[unique_id] = {name.lower() for name in node["columns"]}
    for unique_id, entry in {**catalog["nodes"], **catalog["sources"]}.items():
        if unique_id not in documented:
            continue
        undocumented = {name.lower() for name in entry["columns"]} - documented[unique_id]
        assert not undocumented, f"{unique_id}: columns without docs: {sorted(undocumented)}"
    assert any(uid.startswith("source.member_value.shop.") for uid in documented)


ADAPTER_VARIANT = re.compile(r"^(default|duckdb|spark)__")


def test_every_macro_and_its_arguments_are_documented(demo_build: Build) -> None:
    """Adapter variants (default__, duckdb__, spark__) share their dispatcher's docs."""
    manifest = json.loads((demo_build.target_dir / "manifest.json").read_text())
    checked = 0
    for macro in manifest["macros"].values():
        if (macro["package_name"] != "member_value" or ADAPTER_VARIANT.match(macro["name"])
                or not macro["original_file_path"].startswith("macros/")):
            continue
        checked += 1
        assert macro["description"].strip(), f"macro {macro['name']} has no description"
        if macro["name"].startswith("materialization_"):
            continue  # a materialization takes no arguments
        signature = re.search(r"macro\s+\w+\(([^)]*)\)", macro["macro_sql"]).group(1)
        parameters = {part.split("=")[0].strip() for part in signature.split(",") if part.strip()}
        documented = {argument["name"] for argument in macro["arguments"] if argument["description"].strip()}
        assert parameters <= documented, f"macro {macro['name']}: undocumented {sorted(parameters - documented)}"
    assert checked > 40


def test_every_staging_key_has_unique_and_not_null_tests(demo_build: Build) -> None:
    manifest = json.loads((demo_build.target_dir / "manifest.json").read_text())
    tested = set()
    for node in manifest["nodes"].values():
        if node["resource_type"] == "test" and node.get("test_metadata"):
            tested.add((node["attached_node"], node["column_name"], node["test_metadata"]["name"]))
    sources = manifest["sources"]
    for table in CONTRACT_TABLES:
        key = sources[f"source.member_value.shop.{table}"]["config"]["meta"]["key"]
        key_column = key[0] if len(key) == 1 else "tier_change_id"
        model = f"model.member_value.stg_shop__{table}"
        assert (model, key_column, "unique") in tested, model
        assert (model, key_column, "not_null") in tested, model


@pytest.fixture(scope="module")
def required_only_raw(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("required_only")
    generate(root / "raw", root / "truth", "--tables", "members,orders", "--format", "csv",
             members=800, seed=11)
    return root / "raw", root / "truth"


def test_a_folder_with_only_members_and_orders_builds(required_only_raw, tmp_path: Path) -> None:
    raw_dir, truth_dir = required_only_raw
    assert sorted(path.name for path in raw_dir.iterdir()) == ["members.csv", "orders.csv"]
    build = build_project(raw_dir, truth_dir, tmp_path / "work")
    assert build.run.returncode == 0, build.run.output[-5000:]
    assert "optional raw table 'events' skipped" in build.run.output
    assert build.query("select count(*) from staging.stg_shop__orders")[0][0] > 0
    for table in ["order_items", "refunds", "products", "events", "reviews", "service_tickets"]:
        assert build.query(f"select count(*) from staging.stg_shop__{table}")[0][0] == 0


def test_a_members_file_without_member_id_fails_naming_file_and_column(
    required_only_raw, tmp_path: Path
) -> None:
    raw_dir, truth_dir = required_only_raw
    broken_dir = tmp_path / "raw"
    broken_dir.mkdir()
    members = pd.read_csv(raw_dir / "members.csv", dtype=str, keep_default_na=False)
    members.drop(columns=["member_id"]).to_csv(broken_dir / "members.csv", index=False)
    (broken_dir / "orders.csv").write_bytes((raw_dir / "orders.csv").read_bytes())
    build = build_project(broken_dir, truth_dir, tmp_path / "work")
    assert build.run.returncode != 0
    assert f"{broken_dir}/members.csv has no column 'member_id'" in build.run.output


def test_the_warehouse_keeps_raw_records_only_for_quarantine_candidates(demo_build: Build) -> None:
    """Raw files are read in place, and a raw record is kept only where a row may end in the quarantine.

    The candidates are rows that fail a check (all quarantined) and rows whose key is shared (all but
    one of each shared key that passes every check are quarantined as duplicates).
    """
    raw_relations = dict(demo_build.query(
        "select table_name, table_type from information_schema.tables where table_schema = 'raw'"
    ))
    # Views over the files, and the (here empty) table of rejected CSV lines.
    assert raw_relations.pop("malformed_lines") == "BASE TABLE"
    assert sorted(raw_relations) == sorted(CONTRACT_TABLES), raw_relations
    assert set(raw_relations.values()) == {"VIEW"}, raw_relations
    quarantined = Counter()
    for (source_table, _, _), count in quarantined_rows(demo_build).items():
        quarantined[source_table] += count
    for table in CONTRACT_TABLES:
        key = CONTRACT_KEYS[table]
        key_column = key[0] if len(key) == 1 else "row_key"
        stored, rows, kept_duplicates = demo_build.query(
            f"select count(raw_record), count(*), "
            f"count(distinct case when has_duplicate_key and check_reason is null then {key_column} end) "
            f"from staging.base_shop__{table}"
        )[0]
        assert stored == quarantined[table] + kept_duplicates, table
        assert stored < rows / 10, f"{table}: {stored} raw records kept for {rows} rows"


def test_the_warehouse_file_is_in_the_storage_format_duckdb_1_0_reads(demo_build: Build) -> None:
    """The main header of a DuckDB file holds its storage version after the magic bytes `DUCK`:
    64 is the format of DuckDB 1.0 and 1.1, which every later release also reads."""
    header = demo_build.database.read_bytes()[:20]
    assert header[8:12] == b"DUCK"
    assert int.from_bytes(header[12:20], "little") == 64
