"""The project gives the same results on Apache Spark as on DuckDB.

Runs only with `-m spark` (`make test-spark`): pyproject's addopts deselect the
`spark` marker by default. Needs the Spark extras (`make install-spark`).

One small generated dataset is built three times: on DuckDB (target `dev`), on
Spark in-process (target `spark`) and through the Thrift server of a local
standalone cluster (target `spark_cluster`). The Spark builds must pass the
same data tests and agree with DuckDB on:

- the row count of every staging model,
- the quarantine, row by row (source table, reason code, row key, raw record),
- the row count and column sums of every relation in NUMERIC_SUMS,
- how many rows hold each value of every column in DISTRIBUTIONS.

To compare a new model or mart, add it to NUMERIC_SUMS with the numeric
columns to sum (and to DISTRIBUTIONS for its categorical outcomes).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from conftest import generate

pytestmark = pytest.mark.spark

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DBT = Path(sys.executable).parent / "dbt"
SCRIPTS = PROJECT_ROOT / "scripts" / "spark"

PARITY_MEMBERS = 2_000
PARITY_SEED = 7

# (relation, numeric columns): row count and the sum of each column must agree.
# Sums are compared as doubles, to a relative tolerance of 1e-9 (the order in
# which an engine adds doubles may change the last digits).
NUMERIC_SUMS: list[tuple[str, list[str]]] = [
    ("staging.stg_shop__orders", ["order_total_local", "order_total", "discount_amount", "shipping_amount"]),
    ("staging.stg_shop__order_items", ["quantity", "unit_price_local", "line_amount"]),
    ("staging.stg_shop__refunds", ["refund_amount_local", "refund_amount"]),
    ("staging.stg_shop__points_ledger", ["points"]),
    ("staging.stg_shop__reviews", ["rating"]),
    ("staging.stg_shop__products", ["list_price", "unit_cost"]),
    ("staging.stg_shop__members", ["birth_year"]),
    ("intermediate.int_analysis_dates_resolved", ["rfm_window_days", "churn_window_days", "engagement_window_days"]),
    ("intermediate.int_revenue_entries_unioned", ["revenue_amount"]),
    ("intermediate.int_orders_cost_of_goods_summed", ["cost_of_goods_amount"]),
    ("intermediate.int_members_tenure_computed", ["tenure_days"]),
    ("intermediate.int_members_rfm_scored", [
        "recency_days", "purchase_day_count", "order_count_in_window", "net_revenue_in_window",
        "recency_score", "frequency_score", "monetary_score",
    ]),
    ("intermediate.int_members_rfm_segmented", [
        "segment_priority", "recency_score", "frequency_score", "monetary_score", "frequency_monetary_score",
    ]),
    ("intermediate.int_churn_rate_estimated", [
        "base_member_count", "churned_member_count", "churn_rate", "expected_lifespan_years",
    ]),
    ("intermediate.int_members_clv_calculated", [
        "order_count", "gross_revenue", "refund_amount", "net_revenue", "cost_of_goods", "gross_margin",
        "average_order_value", "average_order_margin", "tenure_days", "purchase_frequency_per_year",
        "formula_clv", "formula_clv_margin",
    ]),
    ("intermediate.int_event_channels_enumerated", ["channel_code"]),
    ("intermediate.int_sessions_stitched", [
        "event_count", "page_view_count", "product_view_count", "add_to_cart_count", "purchase_order_count",
        "furthest_funnel_step_number",
    ]),
    ("intermediate.int_members_engagement_aggregated", [
        "session_count", "product_view_count", "add_to_cart_count", "review_count", "referral_count",
        "converted_referral_count", "campaign_response_count", "points_redemption_count",
        "rated_ticket_count", "average_csat_score", "tenure_days",
    ]),
    ("intermediate.int_engagement_signals_normalised", ["signal_value", "normalised_value"]),
    ("intermediate.int_members_engagement_scored", ["engagement_score"]),
    # Predictive CLV (models/intermediate/clv, models/marts/clv).
    ("intermediate.int_clv_horizons_resolved", ["month_number", "horizon_days", "clv_weight"]),
    ("intermediate.int_members_purchases_summarised", [
        "purchase_day_count", "repeat_purchase_count", "first_to_last_purchase_days",
        "first_purchase_to_calibration_days", "purchase_amount", "repeat_purchase_amount",
    ]),
    ("intermediate.int_clv_fit_inputs_grouped", [
        "repeat_purchase_count", "first_to_last_purchase_days", "first_purchase_to_calibration_days",
        "repeat_purchase_amount", "member_count",
    ]),
    ("intermediate.int_clv_parameters_fitted", ["parameter_value", "log_likelihood", "fitted_member_count"]),
    ("intermediate.int_clv_hypergeometric_evaluated", ["horizon_days", "hypergeometric_value"]),
    ("intermediate.int_clv_purchase_expectations_computed", [
        "expected_purchases_if_alive", "horizon_purchases_if_alive", "discounted_purchases_if_alive",
    ]),
    ("intermediate.int_members_clv_scored", [
        "t_x", "t_cal", "mean_repeat_purchase_amount", "p_alive", "expected_purchases",
        "expected_horizon_purchases", "expected_spend", "predicted_clv",
    ]),
    ("intermediate.int_members_clv_predicted", ["p_alive", "expected_purchases", "expected_spend", "predicted_clv"]),
    ("intermediate.int_members_clv_holdout_compared", [
        "predicted_clv", "formula_clv", "historical_revenue", "actual_spend", "expected_horizon_purchases",
        "actual_purchase_day_count",
    ]),
    ("marts.rpt_clv_model_parameters", ["parameter_value", "log_likelihood", "fitted_member_count"]),
    ("marts.rpt_clv_holdout_evaluation", [
        "members_evaluated", "rank_correlation", "mean_absolute_error", "total_predicted", "total_actual",
        "predicted_to_actual_ratio",
    ]),
    # Tier marts (models/intermediate/membership, models/marts/membership).
    ("intermediate.int_tier_rules_validated", [
        "tier_rank", "next_tier_rank", "min_value_score", "min_trailing_12m_spend", "min_trailing_12m_orders",
        "points_multiplier", "next_min_value_score", "next_min_trailing_12m_spend", "next_min_trailing_12m_orders",
    ]),
    ("intermediate.int_tier_rules_proposed_validated", [
        "tier_rank", "min_value_score", "min_trailing_12m_spend", "min_trailing_12m_orders", "points_multiplier",
    ]),
    ("intermediate.int_value_score_weights_pivoted", [
        "net_revenue_t12m_weight", "purchase_day_count_t12m_weight", "average_order_value_t12m_weight",
        "review_count_t12m_weight", "campaign_response_count_t12m_weight", "tenure_days_weight", "referral_count_weight",
    ]),
    ("intermediate.int_member_months_aggregated", [
        "month_index", "purchase_day_count", "order_count", "net_revenue", "review_count", "campaign_response_count",
        "referral_count", "official_tier_rank",
    ]),
    ("intermediate.int_member_months_scored", [
        "month_index", "net_revenue_t12m", "order_count_t12m", "purchase_day_count_t12m", "average_order_value_t12m",
        "review_count_t12m", "campaign_response_count_t12m", "referral_count", "tenure_days",
        "net_revenue_t12m_percentile", "purchase_day_count_t12m_percentile", "average_order_value_t12m_percentile",
        "review_count_t12m_percentile", "campaign_response_count_t12m_percentile", "tenure_days_percentile",
        "referral_count_percentile", "value_score", "official_tier_rank",
    ]),
    ("intermediate.int_member_months_tiered", ["value_score", "computed_tier_rank", "official_tier_rank"]),
    ("intermediate.int_members_tiered", ["value_score", "net_revenue_t12m", "computed_tier_rank", "official_tier_rank"]),
    ("intermediate.int_members_next_tier_computed", [
        "next_tier_rank", "next_tier_score_points_missing", "next_tier_spend_missing", "next_tier_orders_missing",
    ]),
    ("intermediate.int_members_value_segmented", ["segment_priority", "days_inactive", "value_score"]),
    ("marts.dim_members", [
        "birth_year", "tenure_days", "recency_days", "purchase_day_count", "order_count_in_window",
        "net_revenue_in_window", "recency_score", "frequency_score", "monetary_score", "order_count", "net_revenue",
        "gross_margin", "average_order_value", "purchase_frequency_per_year", "formula_clv", "formula_clv_margin",
        "engagement_score", "net_revenue_t12m", "order_count_t12m", "purchase_day_count_t12m",
        "average_order_value_t12m", "review_count_t12m", "campaign_response_count_t12m", "referral_count",
        "value_score", "computed_tier_rank", "official_tier_rank", "tier_rank_gap", "next_tier_score_points_missing",
        "next_tier_spend_missing", "next_tier_orders_missing", "days_inactive", "churn_risk_score",
    ]),
    ("marts.dim_tiers", [
        "tier_rank", "min_value_score", "min_trailing_12m_spend", "min_trailing_12m_orders", "points_multiplier",
        "computed_member_count", "official_member_count",
    ]),
    ("marts.fct_member_monthly_tiers", [
        "value_score", "net_revenue_t12m", "order_count_t12m", "purchase_day_count_t12m", "average_order_value_t12m",
        "review_count_t12m", "campaign_response_count_t12m", "referral_count", "tenure_days", "computed_tier_rank",
        "official_tier_rank", "tier_rank_gap",
    ]),
    ("marts.rpt_tier_transition_matrix", ["from_tier_rank", "to_tier_rank", "member_count"]),
    ("marts.rpt_revenue_concentration", [
        "member_percentile", "member_count", "cumulative_member_count", "net_revenue", "cumulative_net_revenue",
        "highest_member_revenue", "lowest_member_revenue", "cumulative_member_share", "net_revenue_share",
        "cumulative_net_revenue_share",
    ]),
    ("marts.rpt_revenue_concentration_summary", [
        "top_member_percent", "top_member_count", "member_count", "top_net_revenue", "net_revenue",
        "top_net_revenue_share",
    ]),
    ("marts.rpt_tier_rule_simulation", [
        "current_tier_rank", "proposed_tier_rank", "tier_rank_change", "member_count", "net_revenue_t12m",
        "points_at_current_rules", "points_at_proposed_rules", "member_share", "proposed_tier_member_share",
        "proposed_tier_net_revenue_share",
    ]),
    # Upgrades, experiments and churn (models/marts/upgrades, campaigns, retention).
    ("intermediate.int_tier_upgrade_episodes_identified", ["official_tier_rank", "target_tier_rank"]),
    ("marts.fct_tier_upgrades", [
        "official_tier_rank", "target_tier_rank", "upgraded_tier_rank", "days_to_exposure", "days_to_upgrade",
        "purchase_days_before", "purchase_days_after", "order_count_before", "order_count_after", "net_revenue_before",
        "net_revenue_after", "rated_ticket_count_before", "rated_ticket_count_after", "average_csat_before",
        "average_csat_after",
    ]),
    ("marts.rpt_upgrade_funnel", [
        "target_tier_rank", "eligible_count", "exposed_count", "exposed_upgraded_count", "exposed_retained_count",
        "exposure_open_count", "exposed_upgrade_open_count", "exposed_retention_open_count", "exposure_rate",
        "exposed_upgrade_rate", "exposed_retention_rate", "overall_conversion_rate", "upgraded_count",
        "upgrade_open_count", "upgrade_conversion_rate", "average_days_to_upgrade", "activity_compared_count",
        "purchase_days_per_member_before", "purchase_days_per_member_after", "average_order_value_before",
        "average_order_value_after", "upgraded_retention_base_count", "upgraded_retained_count",
        "upgraded_retention_rate", "not_upgraded_retention_base_count", "not_upgraded_retained_count",
        "not_upgraded_retention_rate", "retention_rate_difference", "upgraded_lift_base_count",
        "not_upgraded_lift_base_count", "upgraded_revenue_per_member_before", "upgraded_revenue_per_member_after",
        "not_upgraded_revenue_per_member_before", "not_upgraded_revenue_per_member_after", "value_lift",
        "rated_ticket_count_before", "rated_ticket_count_after", "csat_before", "csat_after",
    ]),
    ("intermediate.int_campaign_exposures_evaluated", ["response_order_count", "response_net_revenue"]),
    ("marts.rpt_campaign_experiments", [
        "members_exposed", "converters", "conversion_rate", "net_revenue", "revenue_per_member",
        "revenue_per_member_std_dev", "response_window_days", "confidence_level", "intended_treatment_share",
        "treatment_share", "srm_chi_square", "srm_p_value", "conversion_lift", "conversion_lift_lower",
        "conversion_lift_upper", "conversion_relative_lift", "conversion_relative_lift_lower",
        "conversion_relative_lift_upper", "conversion_z", "conversion_p_value", "revenue_lift", "revenue_lift_lower",
        "revenue_lift_upper", "revenue_relative_lift", "revenue_relative_lift_lower", "revenue_relative_lift_upper",
        "revenue_t", "revenue_degrees_of_freedom", "revenue_p_value",
    ]),
    ("intermediate.int_churn_risk_dates_resolved", ["horizon_days"]),
    ("intermediate.int_members_churn_signals_computed", [
        "purchase_day_count", "days_since_last_purchase", "typical_gap_days", "recent_purchase_days",
        "previous_purchase_days", "recent_browsing_days", "previous_browsing_days", "recency_ratio",
        "purchase_decline", "browsing_decline",
    ]),
    ("intermediate.int_churn_risk_weights_validated", [
        "recency_ratio_weight", "recency_ratio_full_risk_at", "purchase_decline_weight",
        "purchase_decline_full_risk_at", "browsing_decline_weight", "browsing_decline_full_risk_at",
    ]),
    ("intermediate.int_churn_risk_bands_validated", ["band_rank", "min_score", "next_min_score"]),
    ("intermediate.int_members_churn_risk_scored", [
        "recency_ratio_component", "purchase_decline_component", "browsing_decline_component", "churn_risk_score",
        "churn_band_rank",
    ]),
    ("marts.rpt_churn_risk_backtest", [
        "churn_band_rank", "member_count", "bought_again_count", "lapsed_count", "bought_again_rate", "lapse_rate",
        "member_share", "band_min_score", "average_churn_risk_score", "lowest_churn_risk_score",
        "highest_churn_risk_score", "roc_auc", "horizon_days",
    ]),
    ("intermediate.int_member_playbook_validated", ["rule_priority"]),
    ("intermediate.int_members_next_best_action_chosen", ["rule_priority", "churn_risk_score"]),
    ("marts.fct_member_next_best_action", ["playbook_rule_priority", "churn_risk_score"]),
    # Funnel and cohorts (models/marts/behaviour, models/marts/cohorts).
    ("intermediate.int_members_cohorts_assigned", ["days_to_first_purchase"]),
    ("marts.fct_sessions", [
        "event_count", "page_view_count", "product_view_count", "add_to_cart_count", "purchase_order_count",
        "furthest_funnel_step_number", "duration_seconds",
    ]),
    ("marts.rpt_conversion_funnel", [
        "page_view_session_count", "product_view_session_count", "add_to_cart_session_count",
        "begin_checkout_session_count", "purchase_session_count", "product_view_conversion_rate",
        "add_to_cart_conversion_rate", "begin_checkout_conversion_rate", "purchase_conversion_rate",
        "page_view_drop_off_rate", "product_view_drop_off_rate", "add_to_cart_drop_off_rate",
        "begin_checkout_drop_off_rate", "overall_conversion_rate",
    ]),
    ("marts.rpt_retention_cohorts", [
        "months_since_acquisition", "cohort_size", "active_member_count", "order_count", "retention_rate",
        "revenue", "cumulative_revenue", "cumulative_revenue_per_member",
    ]),
    ("marts.rpt_activation_cohorts", [
        "member_count", "activated_member_count", "activation_rate", "median_days_to_first_purchase",
    ]),
]
# (relation, column): how many rows hold each value must agree.
DISTRIBUTIONS: list[tuple[str, str]] = [
    ("intermediate.int_members_rfm_segmented", "rfm_segment"),
    ("intermediate.int_revenue_entries_unioned", "returns_goods"),
    ("intermediate.int_members_clv_predicted", "prediction_status"),
    ("marts.rpt_clv_model_parameters", "fit_status"),
    ("intermediate.int_member_months_tiered", "computed_tier"),
    ("intermediate.int_member_months_tiered", "official_tier"),
    ("intermediate.int_members_value_segmented", "value_segment"),
    ("marts.dim_members", "computed_tier"),
    ("marts.dim_members", "official_tier"),
    ("marts.dim_members", "next_tier"),
    ("marts.dim_members", "value_segment"),
    ("marts.dim_members", "rfm_segment"),
    ("marts.dim_tiers", "benefits"),
    ("marts.fct_member_monthly_tiers", "computed_tier"),
    ("marts.fct_member_monthly_tiers", "official_tier"),
    ("marts.fct_member_monthly_tiers", "evaluation_date"),
    ("marts.rpt_tier_transition_matrix", "tier_basis"),
    ("marts.rpt_revenue_concentration_summary", "headline"),
    ("marts.rpt_tier_rule_simulation", "proposed_tier"),
    ("marts.dim_members", "churn_band"),
    ("marts.dim_members", "next_best_action"),
    ("marts.fct_tier_upgrades", "target_tier"),
    ("marts.fct_tier_upgrades", "upgraded_tier"),
    ("marts.fct_tier_upgrades", "is_upgraded"),
    ("marts.fct_tier_upgrades", "is_retention_censored"),
    ("marts.fct_tier_upgrades", "eligibility_month"),
    ("intermediate.int_campaign_exposures_evaluated", "has_converted"),
    ("marts.rpt_campaign_experiments", "variant"),
    ("marts.rpt_campaign_experiments", "has_sample_ratio_mismatch"),
    ("marts.rpt_campaign_experiments", "is_conversion_lift_significant"),
    ("marts.rpt_campaign_experiments", "is_revenue_lift_significant"),
    ("intermediate.int_members_churn_risk_scored", "churn_band"),
    ("marts.fct_member_next_best_action", "next_best_action"),
    ("marts.fct_member_next_best_action", "churn_band"),
    ("intermediate.int_members_cohorts_assigned", "signup_channel"),
    ("marts.fct_sessions", "channel"),
    ("marts.fct_sessions", "platform"),
    ("marts.fct_sessions", "utm_campaign"),
    ("marts.fct_sessions", "furthest_funnel_step"),
    ("marts.fct_sessions", "member_id is null"),
    ("marts.rpt_conversion_funnel", "member_tier"),
    ("marts.rpt_retention_cohorts", "split_value"),
    ("marts.rpt_activation_cohorts", "split_value"),
]
QUARANTINE = "staging.stg_shop__quarantine"
SUM_TOLERANCE = 1e-9


# --------------------------------------------------------------------------- builds


@dataclass(frozen=True)
class DbtBuild:
    target: str
    work_dir: Path
    returncode: int
    output: str

    def manifest(self) -> dict:
        return json.loads((self.work_dir / "target" / "manifest.json").read_text())

    def results(self) -> Counter:
        run_results = json.loads((self.work_dir / "target" / "run_results.json").read_text())
        return Counter(result["status"] for result in run_results["results"])


def dbt_build(target: str, raw_dir: Path, work_dir: Path, cutoff: str, env: dict[str, str]) -> DbtBuild:
    """`dbt build` from the project folder into work_dir, with artefacts and logs kept there."""
    work_dir.mkdir(parents=True, exist_ok=True)
    full_env = {
        **os.environ,
        "MEMBER_VALUE_TARGET": target,
        "MEMBER_VALUE_RAW_DIR": str(raw_dir),
        "DBT_PROFILES_DIR": str(PROJECT_ROOT),
        "DBT_TARGET_PATH": str(work_dir / "target"),
        "DBT_LOG_PATH": str(work_dir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "SPARK_LOCAL_IP": "127.0.0.1",
        # The Python that runs the CLV models' script transforms (numpy, scipy).
        "PYSPARK_PYTHON": sys.executable,
        **env,
    }
    # The same cutoff for every engine, so that "in the future" means the same.
    command = [str(DBT), "build", "--vars", json.dumps({"future_timestamp_cutoff": cutoff})]
    completed = subprocess.run(command, cwd=PROJECT_ROOT, env=full_env, capture_output=True, text=True)
    (work_dir / "dbt-build.out").write_text(completed.stdout + completed.stderr)
    return DbtBuild(target, work_dir, completed.returncode, completed.stdout + completed.stderr)


def assert_build_passed(build: DbtBuild) -> None:
    assert build.returncode == 0, f"dbt build --target {build.target} failed:\n{build.output[-6000:]}"
    statuses = build.results()
    assert set(statuses) <= {"success", "pass"}, statuses


@pytest.fixture(scope="module")
def raw_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("spark_parity_data")
    generate(root / "raw", root / "truth", members=PARITY_MEMBERS, seed=PARITY_SEED)
    return root / "raw"


@pytest.fixture(scope="module")
def cutoff() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


@pytest.fixture(scope="module")
def duckdb_build(raw_dir: Path, cutoff: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[DbtBuild, Path]:
    work_dir = tmp_path_factory.mktemp("duckdb")
    database = work_dir / "member_value.duckdb"
    build = dbt_build("dev", raw_dir, work_dir, cutoff, {"MEMBER_VALUE_DB": str(database)})
    assert_build_passed(build)
    return build, database


# --------------------------------------------------------------------------- queries


def staging_relations(build: DbtBuild) -> list[str]:
    nodes = build.manifest()["nodes"].values()
    relations = sorted(
        f"{node['schema']}.{node['alias']}"
        for node in nodes
        if node["resource_type"] == "model" and node["schema"] == "staging"
    )
    assert QUARANTINE in relations
    return relations


def parity_queries(relations: list[str]) -> dict[str, str]:
    """Name -> SQL that runs unchanged on DuckDB and Spark."""
    queries = {f"count {relation}": f"select count(*) from {relation}" for relation in relations}
    queries["quarantine"] = f"select source_table, reason_code, row_key, raw_record from {QUARANTINE}"
    for relation, columns in NUMERIC_SUMS:
        sums = ", ".join(f"sum(cast({column} as double))" for column in columns)
        queries[f"sums {relation}"] = f"select count(*), {sums} from {relation}"
    for relation, column in DISTRIBUTIONS:
        queries[f"distribution {relation}.{column}"] = (
            f"select {column}, count(*) from {relation} group by {column} order by {column}"
        )
    return queries


def run_on_duckdb(database: Path, queries: dict[str, str]) -> dict[str, list[list]]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return {name: [list(row) for row in connection.execute(sql).fetchall()] for name, sql in queries.items()}


# Reads the warehouse the `spark` target wrote, in a Python process of its own
# (so that its JVM ends with it), with the profile's metastore settings.
SPARK_QUERY_SCRIPT = r"""
import json, sys
from pyspark.sql import SparkSession
request = json.loads(open(sys.argv[1]).read())
warehouse = request["warehouse"]
spark = (
    SparkSession.builder.master("local[2]").appName("member_value parity check")
    .config("spark.sql.warehouse.dir", warehouse)
    .config("spark.driver.extraJavaOptions", "-Dderby.system.home=" + warehouse)
    .config("spark.hadoop.javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=metastore_db;create=false")
    .config("spark.hadoop.hive.downloaded.resources.dir", warehouse + "/hive-resources")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.ui.enabled", "false")
    .config("spark.log.level", "ERROR")
    .enableHiveSupport()
    .getOrCreate()
)
answers = {name: [list(row) for row in spark.sql(sql).collect()] for name, sql in request["queries"].items()}
spark.stop()
open(sys.argv[2], "w").write(json.dumps(answers, default=str))
"""


def run_on_spark_warehouse(warehouse: Path, queries: dict[str, str], work_dir: Path) -> dict[str, list[list]]:
    request, answer = work_dir / "queries.json", work_dir / "answers.json"
    request.write_text(json.dumps({"warehouse": str(warehouse), "queries": queries}))
    completed = subprocess.run(
        [sys.executable, "-c", SPARK_QUERY_SCRIPT, str(request), str(answer)],
        cwd=work_dir, capture_output=True, text=True, env={**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"},
    )
    assert completed.returncode == 0, completed.stderr[-6000:]
    return json.loads(answer.read_text())


def run_on_thrift(port: int, queries: dict[str, str]) -> dict[str, list[list]]:
    from pyhive import hive

    connection = hive.connect(host="127.0.0.1", port=port, username="member_value")
    try:
        cursor = connection.cursor()
        answers = {}
        for name, sql in queries.items():
            cursor.execute(sql)
            answers[name] = [list(row) for row in cursor.fetchall()]
        return answers
    finally:
        connection.close()


# --------------------------------------------------------------------------- comparison


def as_number(value: object) -> float | None:
    return None if value is None else float(value)


def assert_same_results(expected: dict[str, list[list]], actual: dict[str, list[list]], engine: str) -> None:
    problems = []
    for name, rows in expected.items():
        other = actual[name]
        if name.startswith("count "):
            if rows != other:
                problems.append(f"{name}: DuckDB {rows[0][0]} rows, {engine} {other[0][0]}")
        elif name == "quarantine":
            duck = Counter(tuple(row) for row in rows)
            spark = Counter(tuple(row) for row in other)
            if duck != spark:
                duck_reasons, spark_reasons = quarantine_counts(rows), quarantine_counts(other)
                differing = sorted(
                    (key, duck_reasons[key], spark_reasons[key])
                    for key in duck_reasons | spark_reasons
                    if duck_reasons[key] != spark_reasons[key]
                )
                problems.append(
                    f"quarantine differs; (source_table, reason_code, DuckDB rows, {engine} rows): {differing}; "
                    f"only on DuckDB: {list((duck - spark).items())[:10]}; "
                    f"only on {engine}: {list((spark - duck).items())[:10]}"
                )
        elif name.startswith("distribution "):
            duck = {str(value): int(count) for value, count in rows}
            spark = {str(value): int(count) for value, count in other}
            if duck != spark:
                problems.append(f"{name}: DuckDB {duck}, {engine} {spark}")
        else:
            (duck_count, *duck_sums), (spark_count, *spark_sums) = rows[0], other[0]
            if int(duck_count) != int(spark_count):
                problems.append(f"{name}: DuckDB {duck_count} rows, {engine} {spark_count}")
            for position, (a, b) in enumerate(zip(duck_sums, spark_sums)):
                a, b = as_number(a), as_number(b)
                if (a is None) != (b is None) or (
                    a is not None and not math.isclose(a, b, rel_tol=SUM_TOLERANCE, abs_tol=1e-6)
                ):
                    problems.append(f"{name} column {position + 1}: DuckDB sum {a}, {engine} sum {b}")
    assert not problems, "\n".join(problems)


def quarantine_counts(rows: list[list]) -> Counter:
    """Quarantined rows per (source_table, reason_code)."""
    return Counter((row[0], row[1]) for row in rows)


# --------------------------------------------------------------------------- tests


def test_spark_session_target_matches_duckdb(
    raw_dir: Path, cutoff: str, duckdb_build: tuple[DbtBuild, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    build, database = duckdb_build
    work_dir = tmp_path_factory.mktemp("spark_session")
    warehouse = work_dir / "warehouse"
    spark = dbt_build("spark", raw_dir, work_dir, cutoff, {"MEMBER_VALUE_SPARK_WAREHOUSE": str(warehouse)})
    assert_build_passed(spark)
    # The warehouse holds the metastore and derby.log too, nothing lands in the project folder.
    assert (warehouse / "metastore_db").is_dir() and (warehouse / "derby.log").is_file()
    assert spark.results() == build.results()

    queries = parity_queries(staging_relations(build))
    expected = run_on_duckdb(database, queries)
    assert sum(quarantine_counts(expected["quarantine"]).values()) > 0
    assert_same_results(expected, run_on_spark_warehouse(warehouse, queries, work_dir), "Spark")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cluster_pids(cluster_dir: Path) -> list[int]:
    marker = f"-Dmember_value.spark.cluster={cluster_dir}"
    found = subprocess.run(["pgrep", "-f", "--", f"{marker}( |$)"], capture_output=True, text=True)
    return [int(pid) for pid in found.stdout.split()]


def master_state(ui_port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{ui_port}/json/", timeout=10) as response:
        return json.load(response)


def test_spark_cluster_target_builds_through_thrift_and_stops_cleanly(
    raw_dir: Path, cutoff: str, duckdb_build: tuple[DbtBuild, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    build, database = duckdb_build
    work_dir = tmp_path_factory.mktemp("spark_cluster")
    cluster_dir = work_dir / "cluster"
    ports = {
        "MEMBER_VALUE_SPARK_MASTER_PORT": free_port(),
        "MEMBER_VALUE_SPARK_MASTER_UI_PORT": free_port(),
        "MEMBER_VALUE_SPARK_WORKER_UI_PORT": free_port(),
        "MEMBER_VALUE_SPARK_THRIFT_PORT": free_port(),
    }
    env = {
        **os.environ,
        **{name: str(port) for name, port in ports.items()},
        "MEMBER_VALUE_PYTHON": sys.executable,
        "MEMBER_VALUE_SPARK_WAREHOUSE": str(work_dir / "warehouse"),
        "MEMBER_VALUE_SPARK_CLUSTER_DIR": str(cluster_dir),
    }
    started = time.monotonic()
    start = subprocess.run([str(SCRIPTS / "start-cluster.sh")], env=env, capture_output=True, text=True)
    try:
        assert start.returncode == 0, start.stdout + start.stderr
        assert cluster_pids(cluster_dir), "start-cluster.sh reported success but no process runs"

        cluster = dbt_build("spark_cluster", raw_dir, work_dir, cutoff, {k: env[k] for k in (
            "MEMBER_VALUE_SPARK_THRIFT_PORT", "MEMBER_VALUE_SPARK_WAREHOUSE")})
        assert_build_passed(cluster)
        assert cluster.results() == build.results()

        # The Thrift server is an application of the standalone master, and its
        # tasks ran in an executor of the worker.
        state = master_state(ports["MEMBER_VALUE_SPARK_MASTER_UI_PORT"])
        assert state["aliveworkers"] == 1
        apps = [app for app in state["activeapps"] if app["name"] == "member_value Thrift server"]
        assert apps and apps[0]["cores"] > 0, state
        executor_logs = list((cluster_dir / "work" / apps[0]["id"]).glob("*/stderr"))
        assert executor_logs, f"no executor of {apps[0]['id']} ran on the worker"
        assert any("Finished task" in log.read_text(errors="replace") for log in executor_logs)

        queries = parity_queries(staging_relations(build))
        expected = run_on_duckdb(database, queries)
        assert_same_results(expected, run_on_thrift(ports["MEMBER_VALUE_SPARK_THRIFT_PORT"], queries), "Spark Thrift")
    finally:
        stop = subprocess.run([str(SCRIPTS / "stop-cluster.sh")], env=env, capture_output=True, text=True)
        print(f"cluster up and built in {time.monotonic() - started:.0f}s")

    assert stop.returncode == 0, stop.stdout + stop.stderr
    assert cluster_pids(cluster_dir) == [], "processes of the cluster are still running"
    for port in ports.values():
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still answers"
