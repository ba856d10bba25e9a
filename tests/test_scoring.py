"""Member value scoring on the demo data, checked against an independent pandas computation.

The pandas code below reads only the staging tables and re-derives the
analysis date, recency, frequency, monetary value and the 1-5 quintile scores
from the documented rules, without looking at the dbt models' SQL.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from conftest import Build, run_dbt

RFM_WINDOW_DAYS = 365
BUCKETS = 5
SCORE_COLUMNS = ["recency_score", "frequency_score", "monetary_score"]
COUNT_COLUMNS = ["recency_days", "purchase_day_count", "order_count_in_window"]
SCORING_MODELS = [
    "int_analysis_dates_resolved", "int_revenue_entries_unioned", "int_orders_cost_of_goods_summed",
    "int_members_rfm_scored",
    "int_members_rfm_segmented", "int_churn_rate_estimated", "int_members_clv_calculated",
    "int_sessions_stitched", "int_members_engagement_aggregated", "int_engagement_signals_normalised",
    "int_members_engagement_scored",
]


def quintile_scores(values: pd.Series, higher_is_better: bool) -> pd.Series:
    """1 + floor(5 * (members with a strictly worse value) / members), in whole numbers."""
    # rank(method="min") - 1 is the number of strictly smaller (or, descending, larger) values.
    worse = values.rank(method="min", ascending=higher_is_better).astype("int64") - 1
    return 1 + (BUCKETS * worse) // len(values)


def expected_rfm(build: Build, as_of: date) -> pd.DataFrame:
    """R, F, M and their scores for every member who had joined by `as_of`, from staging alone."""
    orders = build.frame(
        "select order_id, member_id, order_total, is_cancelled, ordered_date from staging.stg_shop__orders"
    )
    refunds = build.frame("select order_id, refund_amount, refunded_date from staging.stg_shop__refunds")
    members = build.frame("select member_id, signup_date from staging.stg_shop__members")
    for frame, column in [(orders, "ordered_date"), (refunds, "refunded_date"), (members, "signup_date")]:
        frame[column] = pd.to_datetime(frame[column]).dt.date
    window_start = as_of - timedelta(days=RFM_WINDOW_DAYS - 1)

    purchases = orders[~orders["is_cancelled"] & (orders["ordered_date"] <= as_of)]
    refunds = refunds.merge(purchases[["order_id", "member_id"]], on="order_id", how="inner")
    refunds = refunds[refunds["refunded_date"] <= as_of]
    in_window = purchases[purchases["ordered_date"] >= window_start]
    refunds_in_window = refunds[refunds["refunded_date"] >= window_start]

    result = members[members["signup_date"] <= as_of][["member_id"]].set_index("member_id")
    result["last_purchase_date"] = purchases.groupby("member_id")["ordered_date"].max()
    result["purchase_day_count"] = in_window.groupby("member_id")["ordered_date"].nunique()
    result["order_count_in_window"] = in_window.groupby("member_id")["order_id"].count()
    spent = in_window.groupby("member_id")["order_total"].sum().astype(float)
    refunded = refunds_in_window.groupby("member_id")["refund_amount"].sum().astype(float)
    result["net_revenue_in_window"] = spent.reindex(result.index, fill_value=0.0) - refunded.reindex(
        result.index, fill_value=0.0
    )
    result[["purchase_day_count", "order_count_in_window"]] = (
        result[["purchase_day_count", "order_count_in_window"]].fillna(0).astype("int64")
    )
    result["recency_days"] = result["last_purchase_date"].map(
        lambda day: (as_of - day).days if isinstance(day, date) else pd.NA
    )
    result["has_purchase_in_window"] = result["purchase_day_count"] > 0

    scored = result[result["has_purchase_in_window"]]
    result["recency_score"] = quintile_scores(scored["recency_days"].astype("int64"), higher_is_better=False)
    result["frequency_score"] = quintile_scores(scored["purchase_day_count"], higher_is_better=True)
    result["monetary_score"] = quintile_scores(scored["net_revenue_in_window"].round(2), higher_is_better=True)
    result[SCORE_COLUMNS] = result[SCORE_COLUMNS].fillna(1).astype("int64")
    return result.sort_index()


def actual_rfm(build: Build) -> pd.DataFrame:
    frame = build.frame("select * from intermediate.int_members_rfm_scored")
    return frame.set_index("member_id").sort_index()


def latest_clean_order_date(build: Build) -> date:
    orders = build.frame("select ordered_date from staging.stg_shop__orders")
    return pd.to_datetime(orders["ordered_date"]).dt.date.max()


def assert_rfm_matches(build: Build, as_of: date) -> pd.DataFrame:
    expected = expected_rfm(build, as_of)
    actual = actual_rfm(build)
    assert list(actual.index) == list(expected.index), "the models score a different set of members"
    assert (pd.to_datetime(actual["as_of_date"]).dt.date == as_of).all()
    for column in COUNT_COLUMNS + SCORE_COLUMNS + ["has_purchase_in_window"]:
        mismatched = expected[column].astype("Int64").ne(actual[column].astype("Int64")).fillna(
            expected[column].isna() != actual[column].isna()
        )
        assert not mismatched.any(), (
            f"{column} differs for {mismatched.sum()} members, e.g.\n"
            f"{pd.concat([expected[column], actual[column]], axis=1, keys=['pandas', 'dbt'])[mismatched].head()}"
        )
    difference = (expected["net_revenue_in_window"] - actual["net_revenue_in_window"].astype(float)).abs()
    assert difference.max() < 0.01, f"net_revenue_in_window differs by up to {difference.max()}"
    return expected


def test_analysis_date_defaults_to_the_latest_clean_order(demo_build: Build) -> None:
    [(as_of_date, latest_order_date)] = demo_build.query(
        "select as_of_date, latest_order_date from intermediate.int_analysis_dates_resolved"
    )
    assert as_of_date == latest_order_date == latest_clean_order_date(demo_build)


def test_rfm_values_and_scores_match_pandas(demo_build: Build) -> None:
    expected = assert_rfm_matches(demo_build, latest_clean_order_date(demo_build))
    scored = expected[expected["has_purchase_in_window"]]
    # The demo data must exercise what the rules are about, or the comparison proves little.
    assert 0 < len(scored) < len(expected), "some members, not all, bought in the window"
    assert (scored["purchase_day_count"] < scored["order_count_in_window"]).any(), "same-day orders occur"
    assert scored["purchase_day_count"].duplicated().any(), "frequency ties occur"
    for column in SCORE_COLUMNS:
        assert set(scored[column]) >= {1, 5}, f"{column} spans the scale"


def test_rfm_scores_as_of_an_earlier_date_use_nothing_after_it(demo_build: Build, tmp_path: Path) -> None:
    """Rebuild the scores as of an earlier day; pandas, cut at that day, must agree."""
    as_of = latest_clean_order_date(demo_build) - timedelta(days=200)
    database = tmp_path / "as_of.duckdb"
    shutil.copy(demo_build.database, database)
    run = run_dbt(
        ["run", "--select", "path:models/intermediate", "--vars", json.dumps({"as_of_date": as_of.isoformat()})],
        demo_build.raw_dir, database, tmp_path,
    )
    assert run.returncode == 0, run.output[-3000:]
    earlier = dataclasses.replace(demo_build, database=database)
    expected = assert_rfm_matches(earlier, as_of)
    assert expected["last_purchase_date"].dropna().max() <= as_of
    later_signups = demo_build.query(
        f"select count(*) from staging.stg_shop__members where signup_date > date '{as_of.isoformat()}'"
    )[0][0]
    assert later_signups > 0, "the earlier date leaves out members who joined after it"


@pytest.mark.parametrize(
    ("given_vars", "message"),
    [
        ({"as_of_date": "2025-02-30"}, "var('as_of_date') is '2025-02-30'; expected a calendar date in the form YYYY-MM-DD"),
        ({"as_of_date": "30/06/2025"}, "var('as_of_date') is '30/06/2025'; expected a calendar date in the form YYYY-MM-DD"),
        ({"rfm_window_days": 0}, "var('rfm_window_days') is '0'; expected a whole number of days of at least 1"),
    ],
    ids=["impossible_date", "wrong_form", "zero_window"],
)
def test_malformed_vars_fail_compilation_with_what_was_given(
    demo_build: Build, tmp_path: Path, given_vars: dict, message: str
) -> None:
    run = run_dbt(
        ["compile", "--select", "int_analysis_dates_resolved", "--vars", json.dumps(given_vars)],
        demo_build.raw_dir, tmp_path / "empty.duckdb", tmp_path,
    )
    assert run.returncode != 0
    assert message in " ".join(run.output.split()), run.output[-3000:]


def test_every_member_gets_exactly_one_named_segment(demo_build: Build) -> None:
    segments = demo_build.frame("select member_id, rfm_segment from intermediate.int_members_rfm_segmented")
    members = demo_build.query("select count(*) from intermediate.int_members_rfm_scored")[0][0]
    assert len(segments) == members == segments["member_id"].nunique()
    assert segments["rfm_segment"].notna().all()
    assert "Unclassified" not in set(segments["rfm_segment"]), "the named rules cover every score combination"
    assert len(set(segments["rfm_segment"])) >= 8


def test_clv_and_engagement_cover_every_member_without_nulls(demo_build: Build) -> None:
    [(members, clv_nulls, flagged, flagged_nonzero, engaged, top)] = demo_build.query(
        """
        select
            count(*),
            count(*) - count(clv.formula_clv),
            sum(case when not engagement.has_behaviour_data then 1 else 0 end),
            sum(case when not engagement.has_behaviour_data and engagement.engagement_score <> 0 then 1 else 0 end),
            sum(case when engagement.has_behaviour_data then 1 else 0 end),
            max(engagement.engagement_score)
        from intermediate.int_members_rfm_scored as rfm
        left join intermediate.int_members_clv_calculated as clv on rfm.member_id = clv.member_id
        left join intermediate.int_members_engagement_scored as engagement on rfm.member_id = engagement.member_id
        """
    )
    assert clv_nulls == 0
    assert flagged > 0 and engaged > 0 and flagged + engaged == members
    assert flagged_nonzero == 0
    assert 0 < top <= 100


def test_every_scoring_column_and_macro_is_documented(demo_build: Build) -> None:
    manifest = json.loads((demo_build.target_dir / "manifest.json").read_text())
    catalog = json.loads((demo_build.target_dir / "catalog.json").read_text())
    models = {node["name"]: node for node in manifest["nodes"].values()
              if node["resource_type"] == "model" and node["name"] in SCORING_MODELS}
    assert set(models) == set(SCORING_MODELS)
    for name, node in models.items():
        assert node["description"].strip(), f"{name} has no description"
        built_columns = {column.lower() for column in catalog["nodes"][node["unique_id"]]["columns"]}
        documented = {column.lower(): spec["description"].strip() for column, spec in node["columns"].items()}
        assert built_columns == set(documented), f"{name}: built and documented columns differ"
        assert all(documented.values()), f"{name} has undocumented columns"

    # Formulas are shown next to the columns they define, from their docs blocks.
    rfm_columns = models["int_members_rfm_scored"]["columns"]
    assert "5 = most recent" in rfm_columns["recency_score"]["description"]
    assert "several orders on one day count once" in rfm_columns["purchase_day_count"]["description"]
    clv_columns = models["int_members_clv_calculated"]["columns"]
    assert "average order value x purchase frequency per year x expected lifespan in years" in " ".join(
        clv_columns["formula_clv"]["description"].split()
    )
    assert "1 / churn_rate" in clv_columns["expected_lifespan_years"]["description"]
    engagement_columns = models["int_members_engagement_scored"]["columns"]
    assert "signal_percentile" in engagement_columns["engagement_score"]["description"]

    macros = {macro["name"]: macro for macro in manifest["macros"].values()
              if macro["original_file_path"].startswith("macros/scoring/")}
    assert len(macros) >= 10
    for name, macro in macros.items():
        assert macro["description"].strip(), f"macro {name} has no description"
        assert macro["arguments"], f"macro {name} documents no arguments"
        assert all(argument["description"].strip() for argument in macro["arguments"]), name
