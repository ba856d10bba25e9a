"""Tier marts, checked against independent pandas computations and end-to-end rebuilds.

- The composite value score and the computed tier of every member of the demo
  data are recomputed in pandas from the staging tables and the seeds' CSV
  files, from the documented rules, without the models' SQL.
- The Pareto headline is recomputed the same way.
- No later data leaks into the monthly tiers: a small generated dataset is
  built, cut after a month end, rebuilt as of that month end, and the monthly
  rows up to it must be identical.
- Bad tier rules or weights fail the build with a message naming the seed and
  the row.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from conftest import DBT, PROJECT_ROOT, Build, DbtRun, generate, run_dbt

SEEDS = PROJECT_ROOT / "seeds"
SIGNALS = [
    "net_revenue_t12m", "purchase_day_count_t12m", "average_order_value_t12m", "review_count_t12m",
    "campaign_response_count_t12m", "tenure_days", "referral_count",
]
CAMPAIGN_RESPONSE_DAYS = 14
TOP_PERCENT = 20

# The no-leakage rebuild: a small dataset, cut after this month end.
LEAKAGE_MEMBERS = 3_000
LEAKAGE_SEED = 11
CUT_MONTH_END = date(2025, 3, 31)
# Each raw table's own date; rows after the cut are removed. Products have
# no date and order lines belong to their orders (lines of removed orders are
# quarantined as orphans in the second build, which the tiers never read).
RAW_DATES = {
    "members": "signup_at", "orders": "ordered_at", "refunds": "refunded_at", "events": "event_at",
    "reviews": "reviewed_at", "referrals": "referred_at", "campaigns": "started_at",
    "campaign_exposures": "exposed_at", "tier_history": "effective_at", "points_ledger": "entry_at",
    "service_tickets": "opened_at",
}


# --------------------------------------------------------------------------- pandas


def read_seed(name: str) -> pd.DataFrame:
    return pd.read_csv(SEEDS / f"{name}.csv")


def month_start(day: date, months_back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def percentile(values: pd.Series) -> pd.Series:
    """Share of members with a value at or below the member's; 0 for 0 or less."""
    shares = values.rank(method="max") / len(values)
    return shares.where(values > 0, 0.0)


def expected_member_values(build: Build) -> tuple[pd.DataFrame, date]:
    """Signals, value score, computed and official tier of every member as of the analysis date."""
    frame = build.frame
    orders = frame("select order_id, member_id, order_total, is_cancelled, ordered_date from staging.stg_shop__orders")
    refunds = frame("select order_id, refund_amount, refunded_date from staging.stg_shop__refunds")
    members = frame("select member_id, signup_date from staging.stg_shop__members")
    reviews = frame("select member_id, reviewed_date from staging.stg_shop__reviews")
    referrals = frame("select referrer_member_id, referred_date from staging.stg_shop__referrals")
    exposures = frame(
        "select exposure_id, member_id, is_treatment, exposed_date from staging.stg_shop__campaign_exposures"
    )
    tier_history = frame("select tier_change_id, member_id, tier, effective_at from staging.stg_shop__tier_history")
    for table, column in [(orders, "ordered_date"), (refunds, "refunded_date"), (members, "signup_date"),
                          (reviews, "reviewed_date"), (referrals, "referred_date"), (exposures, "exposed_date")]:
        table[column] = pd.to_datetime(table[column]).dt.date

    as_of = orders["ordered_date"].max()
    start = month_start(as_of, 11)

    purchases = orders[~orders["is_cancelled"] & (orders["ordered_date"] <= as_of)]
    refunds = refunds.merge(purchases[["order_id", "member_id"]], on="order_id")
    refunds = refunds[refunds["refunded_date"] <= as_of]
    window_purchases = purchases[purchases["ordered_date"] >= start]
    window_refunds = refunds[refunds["refunded_date"] >= start]

    result = members[members["signup_date"] <= as_of].set_index("member_id").sort_index()
    index = result.index
    spent = window_purchases.groupby("member_id")["order_total"].sum().astype(float)
    refunded = window_refunds.groupby("member_id")["refund_amount"].sum().astype(float)
    result["net_revenue_t12m"] = (
        spent.reindex(index, fill_value=0.0) - refunded.reindex(index, fill_value=0.0)
    ).round(2)
    result["order_count_t12m"] = window_purchases.groupby("member_id")["order_id"].count().reindex(index, fill_value=0)
    result["purchase_day_count_t12m"] = (
        window_purchases.groupby("member_id")["ordered_date"].nunique().reindex(index, fill_value=0)
    )
    average = result["net_revenue_t12m"] / result["order_count_t12m"].replace(0, np.nan)
    result["average_order_value_t12m"] = np.floor(average.fillna(0.0) * 100 + 0.5) / 100
    result["review_count_t12m"] = (
        reviews[(reviews["reviewed_date"] >= start) & (reviews["reviewed_date"] <= as_of)]
        .groupby("member_id").size().reindex(index, fill_value=0)
    )
    # A treatment exposure is answered by the member's first purchase within
    # the response window, and counts on the day of that purchase.
    answered = exposures[exposures["is_treatment"]].merge(
        purchases[["member_id", "ordered_date"]], on="member_id"
    )
    answered = answered[
        (answered["ordered_date"] >= answered["exposed_date"])
        & ((pd.to_datetime(answered["ordered_date"]) - pd.to_datetime(answered["exposed_date"])).dt.days
           <= CAMPAIGN_RESPONSE_DAYS)
    ]
    response_dates = answered.groupby(["exposure_id", "member_id"])["ordered_date"].min().reset_index()
    result["campaign_response_count_t12m"] = (
        response_dates[response_dates["ordered_date"] >= start].groupby("member_id").size()
        .reindex(index, fill_value=0)
    )
    result["referral_count"] = (
        referrals[referrals["referred_date"] <= as_of].groupby("referrer_member_id").size()
        .reindex(index, fill_value=0)
    )
    result["tenure_days"] = result["signup_date"].map(lambda day: (as_of - day).days)

    weights = read_seed("value_score_weights").set_index("signal")["weight"]
    total = pd.Series(0.0, index=index)
    for signal in SIGNALS:  # added in the same order as the model, so the doubles agree
        total = total + float(weights[signal]) * percentile(result[signal].astype(float))
    result["value_score"] = np.floor(100 * total * 100 + 0.5) / 100

    rules = read_seed("tier_rules").sort_values("tier_rank")
    result["computed_tier"] = rules.iloc[0]["tier"]
    for rule in rules.itertuples():
        qualifies = (
            (result["value_score"] >= rule.min_value_score)
            & (result["net_revenue_t12m"] >= rule.min_trailing_12m_spend)
            & (result["order_count_t12m"] >= rule.min_trailing_12m_orders)
        )
        result.loc[qualifies, "computed_tier"] = rule.tier

    history = tier_history[pd.to_datetime(tier_history["effective_at"]).dt.date <= as_of]
    latest = history.sort_values(["member_id", "effective_at", "tier_change_id"]).groupby("member_id").last()
    result["official_tier"] = latest["tier"].reindex(index).fillna(rules.iloc[0]["tier"])
    return result, as_of


@pytest.fixture(scope="module")
def expected(demo_build: Build) -> tuple[pd.DataFrame, date]:
    return expected_member_values(demo_build)


def test_computed_tier_of_every_member_matches_pandas(demo_build: Build, expected) -> None:
    members, as_of = expected
    actual = demo_build.frame("select * from marts.dim_members").set_index("member_id").sort_index()
    assert list(actual.index) == list(members.index), "dim_members holds a different set of members"
    assert (pd.to_datetime(actual["as_of_date"]).dt.date == as_of).all()
    for column in ["order_count_t12m", "purchase_day_count_t12m", "review_count_t12m",
                   "campaign_response_count_t12m", "referral_count", "tenure_days"]:
        differs = members[column].astype("int64") != actual[column].astype("int64")
        assert not differs.any(), f"{column} differs for {differs.sum()} members"
    for column in ["net_revenue_t12m", "average_order_value_t12m"]:
        gap = (members[column] - actual[column].astype(float)).abs().max()
        assert gap < 0.005, f"{column} differs by up to {gap}"
    gap = (members["value_score"] - actual["value_score"]).abs()
    assert gap.max() < 0.005, f"value_score differs by up to {gap.max()} ({(gap > 0.005).sum()} members)"
    for column in ["computed_tier", "official_tier"]:
        differs = members[column] != actual[column]
        assert not differs.any(), (
            f"{column} differs for {differs.sum()} members, e.g.\n"
            f"{pd.concat([members[column], actual[column]], axis=1, keys=['pandas', 'dbt'])[differs].head()}"
        )

    # The demo data must exercise what the rules are about.
    tiers = set(members["computed_tier"])
    assert tiers == {"bronze", "silver", "gold", "diamond"}, tiers
    rules = read_seed("tier_rules").set_index("tier")
    held_back = (members["value_score"] >= rules.loc["diamond", "min_value_score"]) & (
        members["computed_tier"] != "diamond"
    )
    assert held_back.any(), "some members pass diamond's score threshold but miss a spend or order minimum"
    assert (members["computed_tier"] != members["official_tier"]).any()


def test_value_segments_and_next_tier_progress_on_the_demo(demo_build: Build) -> None:
    segments = dict(demo_build.query("select value_segment, count(*) from marts.dim_members group by value_segment"))
    assert set(segments) == {"high_value", "potential_high_value", "regular", "churned"}, segments
    [(diamonds, missing_rows, negative)] = demo_build.query(
        """
        select
            count(case when computed_tier = 'diamond' then 1 end),
            count(case when computed_tier <> 'diamond' and next_tier is null then 1 end),
            count(case when next_tier_spend_missing < 0 or next_tier_orders_missing < 0
                or next_tier_score_points_missing < 0 then 1 end)
        from marts.dim_members
        """
    )
    assert diamonds > 0 and missing_rows == 0 and negative == 0


def test_pareto_headline_matches_pandas(demo_build: Build, expected) -> None:
    members, _ = expected
    revenue = members["net_revenue_t12m"].sort_values(ascending=False).to_numpy()
    count = len(revenue)
    top = math.ceil((TOP_PERCENT * count + 1) / 100) - 1  # percentile = ceil(100 x rank / members)
    share = revenue[:top].sum() / revenue.sum()
    [(headline, top_count, dbt_share)] = demo_build.query(
        "select headline, top_member_count, top_net_revenue_share from marts.rpt_revenue_concentration_summary"
    )
    print(f"\nPareto on the demo data: {headline} (pandas: {share:.4f})")
    assert top_count == top
    assert abs(dbt_share - share) < 1e-9
    assert share > 0.6, "the generator's heavy tail shows: the top 20% bring well over half of net revenue"
    assert f"{100 * share:.1f}%" in headline


def test_tier_benefits_in_the_docs_match_the_seed(demo_build: Build) -> None:
    docs = " ".join((PROJECT_ROOT / "models/marts/membership/_membership__docs.md").read_text().split())
    with (SEEDS / "tier_rules.csv").open(newline="") as handle:
        rules = list(csv.DictReader(handle))
    for rule in rules:
        assert f"| {rule['tier']} | {rule['points_multiplier']} | {rule['benefits']} |" in docs, rule["tier"]
    shown = dict(demo_build.query("select tier, benefits from marts.dim_tiers"))
    assert shown == {rule["tier"]: rule["benefits"] for rule in rules}


def test_marts_schema_holds_only_contracted_and_described_marts(demo_build: Build) -> None:
    manifest = json.loads((demo_build.target_dir / "manifest.json").read_text())
    catalog = json.loads((demo_build.target_dir / "catalog.json").read_text())
    marts = {node["unique_id"]: node for node in manifest["nodes"].values()
             if node["resource_type"] == "model" and node["original_file_path"].startswith("models/marts/")}
    assert {"dim_members", "fct_member_monthly_tiers", "rpt_tier_transition_matrix", "rpt_revenue_concentration",
            "rpt_tier_rule_simulation"} <= {node["name"] for node in marts.values()}
    for unique_id, node in marts.items():
        assert node["schema"] == "marts" and node["config"]["materialized"] == "table", node["name"]
        assert node["config"]["contract"]["enforced"], f"{node['name']} has no enforced contract"
        assert node["description"].strip(), node["name"]
        built = {column.lower() for column in catalog["nodes"][unique_id]["columns"]}
        assert built == set(node["columns"]), f"{node['name']}: built and documented columns differ"
        for name, column in node["columns"].items():
            assert column["description"].strip() and column["data_type"], f"{node['name']}.{name}"
    in_marts_schema = {name for (name,) in demo_build.query(
        "select table_name from information_schema.tables where table_schema = 'marts'"
    )}
    assert in_marts_schema == {node["name"] for node in marts.values()}


def test_what_a_build_stores_is_what_the_readme_says(demo_build: Build) -> None:
    readme = (PROJECT_ROOT / "README.md").read_text()
    row = next(line for line in readme.splitlines() if line.startswith("| `warehouse/member_value.duckdb` |"))
    named = set(re.findall(r"`((?:stg|int)_[a-z0-9_]+)`", row))
    manifest = json.loads((demo_build.target_dir / "manifest.json").read_text())
    models = {node["name"]: node for node in manifest["nodes"].values() if node["resource_type"] == "model"}
    kinds = dict(((schema, name), kind) for schema, name, kind in demo_build.query(
        "select table_schema, table_name, table_type from information_schema.tables"
        " where table_schema in ('staging', 'intermediate')"
    ))
    # The staging and intermediate tables in the file, and the intermediate
    # views that are not over a Parquet file, are the ones the README names.
    in_file = {name for (_, name), kind in kinds.items() if kind == "BASE TABLE"}
    plain_views = {name for name, node in models.items()
                   if node["schema"] == "intermediate" and node["config"]["materialized"] == "view"}
    assert in_file | plain_views == named, "README's list of tables and views in the DuckDB file differs from the build"
    assert all(kinds[("intermediate", name)] == "VIEW" for name in plain_views)
    # Every base model and every other intermediate model is a Parquet file
    # next to the warehouse, and a view over it.
    files = {path.name for path in demo_build.database.parent.glob(demo_build.database.stem + ".*.parquet")}
    parquet_models = {name for name, node in models.items() if node["config"]["materialized"] == "parquet_file"}
    expected = {name for name, node in models.items()
                if name.startswith("base_shop__") or (node["schema"] == "intermediate" and name not in named)}
    assert parquet_models == expected
    assert files == {f"{demo_build.database.stem}.{models[name]['schema']}.{name}.parquet" for name in expected}
    assert all(kinds[(models[name]["schema"], name)] == "VIEW" for name in expected)
    for name in plain_views:
        unique_id = f"model.member_value.{name}"
        readers = [child for child in manifest["child_map"][unique_id] if child.startswith("model.")]
        assert len(readers) == 1, f"{name} is a view but {len(readers)} models read it: {readers}"


# --------------------------------------------------------------------------- rebuilds


@pytest.fixture(scope="module")
def small_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tiers_small")
    generate(root / "raw", root / "truth", members=LEAKAGE_MEMBERS, seed=LEAKAGE_SEED)
    return root / "raw"


def build_monthly_tiers(raw_dir: Path, work_dir: Path, *extra: str) -> Path:
    """Seeds and every model up to the monthly tiers, into a fresh DuckDB file."""
    work_dir.mkdir(parents=True)
    database = work_dir / "member_value.duckdb"
    for args in (["seed", *extra], ["run", "--select", "+fct_member_monthly_tiers", *extra]):
        run = run_dbt(args, raw_dir, database, work_dir)
        assert run.returncode == 0, run.output[-4000:]
    return database


def cut_raw_files(source: Path, target: Path, month_end: date) -> None:
    """Copy the raw files, without the rows dated after month_end (UTC)."""
    target.mkdir(parents=True)
    with duckdb.connect() as connection:
        connection.execute("set TimeZone = 'UTC'")
        for path in sorted(source.glob("*.parquet")):
            column = RAW_DATES.get(path.stem)
            keep = "true" if column is None else (
                f"try_cast({column} as timestamptz) is null "
                f"or try_cast({column} as timestamptz) < timestamptz '{month_end.isoformat()} 00:00:00+00' + interval 1 day"
            )
            connection.execute(
                f"copy (select * from read_parquet('{path}') where {keep}) to '{target / path.name}' (format parquet)"
            )


def monthly_rows(database: Path, up_to: date) -> pd.DataFrame:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(
            f"""
            select * from marts.fct_member_monthly_tiers
            where month_start_date <= date '{up_to.isoformat()}'
            order by member_id, month_start_date
            """
        ).df()


def test_monthly_tiers_use_nothing_after_their_month_end(small_raw: Path, tmp_path: Path) -> None:
    full = build_monthly_tiers(small_raw, tmp_path / "full")
    cut_raw = tmp_path / "cut_raw"
    cut_raw_files(small_raw, cut_raw, CUT_MONTH_END)
    cut = build_monthly_tiers(cut_raw, tmp_path / "cut", "--vars", json.dumps({"as_of_date": CUT_MONTH_END.isoformat()}))

    with duckdb.connect(str(full), read_only=True) as connection:
        [(later_rows, later_orders)] = connection.execute(
            f"""select (select count(*) from marts.fct_member_monthly_tiers where month_start_date > date '{CUT_MONTH_END}'),
                       (select count(*) from staging.stg_shop__orders where ordered_date > date '{CUT_MONTH_END}')"""
        ).fetchall()
    assert later_rows > 0 and later_orders > 0, "the full build has data after the cut"

    expected = monthly_rows(full, CUT_MONTH_END)
    actual = monthly_rows(cut, CUT_MONTH_END)
    assert len(actual) == len(monthly_rows(cut, date(2100, 1, 1))), "the cut build has no month after the cut"
    assert len(expected) > 0 and expected["member_id"].nunique() > 1000
    pd.testing.assert_frame_equal(actual, expected, check_exact=True)
    # The rows exercise what could leak: scores and tiers change from month to month.
    assert expected.groupby("member_id")["computed_tier"].nunique().max() > 1


def copy_project(target: Path) -> Path:
    """The project's files (not its environment, data or build output) in a folder of their own."""
    ignore = shutil.ignore_patterns(".venv", ".git", "data", "warehouse", "target", "logs", "__pycache__", ".pytest_cache")
    shutil.copytree(PROJECT_ROOT, target, ignore=ignore)
    return target


def run_dbt_in(project: Path, args: list[str], raw_dir: Path, work_dir: Path) -> DbtRun:
    env = {
        **os.environ,
        "MEMBER_VALUE_RAW_DIR": str(raw_dir),
        "MEMBER_VALUE_DB": str(work_dir / "member_value.duckdb"),
        "MEMBER_VALUE_TARGET": "dev",
        "DBT_PROFILES_DIR": str(project),
        "DBT_TARGET_PATH": str(work_dir / "target"),
        "DBT_LOG_PATH": str(work_dir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    completed = subprocess.run([str(DBT), *args], cwd=project, env=env, capture_output=True, text=True)
    return DbtRun(completed.returncode, completed.stdout + completed.stderr)


def test_bad_tier_rules_and_weights_fail_the_build_naming_the_seed_and_row(small_raw: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    seeds = project / "seeds"
    rules = (seeds / "tier_rules.csv").read_text()
    # Gold asks for a lower score than silver.
    (seeds / "tier_rules.csv").write_text(rules.replace("gold,3,55,", "gold,3,30,"))
    weights = (seeds / "value_score_weights.csv").read_text()
    (seeds / "value_score_weights.csv").write_text(weights.replace("referral_count,0.05,", "referral_count,0.10,"))
    # A proposal of one's own, named by the var, whose diamond asks for less spend than gold.
    proposal = (seeds / "tier_rules_proposed.csv").read_text().replace("diamond,4,80,3500,", "diamond,4,80,900,")
    (seeds / "my_tier_rules.csv").write_text(proposal)
    (seeds / "_my_tier_rules.yml").write_text(
        "version: 2\nseeds:\n  - name: my_tier_rules\n    config:\n      column_types: {tier: varchar, "
        "tier_rank: integer, min_value_score: 'decimal(5, 2)', min_trailing_12m_spend: 'decimal(18, 2)', "
        "min_trailing_12m_orders: integer, points_multiplier: 'decimal(6, 2)', benefits: varchar}\n"
    )

    run = run_dbt_in(project, [
        "build", "--select", "tier_rules", "value_score_weights", "my_tier_rules", "int_tier_rules_validated",
        "int_value_score_weights_pivoted", "int_tier_rules_proposed_validated",
        "--vars", json.dumps({"tier_rules_proposal": "my_tier_rules"}),
    ], small_raw, tmp_path / "work")
    output = " ".join(run.output.split())
    assert run.returncode != 0
    for message in [
        "seed tier_rules, row with tier_rank 3 (gold): asks for min_value_score 30.00, not more than the tier"
        " below (silver: 35.00); each tier must ask for a higher score than the one below it.",
        "seed value_score_weights: the weights add up to 1.0500, not 1; change them so that they sum to 1.",
        "seed my_tier_rules, row with tier_rank 4 (diamond): asks for min_trailing_12m_spend 900.00, not more than"
        " the tier below (gold: 1000.00); each tier must ask for more spend than the one below it.",
    ]:
        assert message in output, output[-6000:]
    assert "Runtime Error in model int_tier_rules_validated" in output
    assert "Runtime Error in model int_value_score_weights_pivoted" in output
