"""Sessions, the conversion funnel and the retention cohorts on the demo data.

The pandas code below reads only staging tables and re-derives sessions,
funnel steps, each member's tier in a month (from the monthly tier facts) and the retention
triangle from the documented rules, without looking at the models' SQL.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import Build, run_dbt

SESSION_TIMEOUT_SECONDS = 30 * 60
FUNNEL_STEPS = ["page_view", "product_view", "add_to_cart", "begin_checkout", "purchase"]
STEP_OF_EVENT = {
    "page_view": 1, "search": 1, "login": 1, "remove_from_cart": 1,
    "product_view": 2, "add_to_cart": 3, "begin_checkout": 4, "purchase": 5,
}
TRIANGLE_KEY = ["cohort_month", "split_by", "split_value", "months_since_acquisition"]


def analysis_date(build: Build) -> date:
    return build.query("select as_of_date from intermediate.int_analysis_dates_resolved")[0][0]


# --------------------------------------------------------------------------- retention


def computed_tiers_at(build: Build, rows: pd.DataFrame, day_column: str) -> np.ndarray:
    """The tier computed for each row's member in the month of rows[day_column], from the monthly tier facts
    (fct_member_monthly_tiers, checked against pandas and for leakage by tests/test_tiers.py)."""
    tiers = build.frame("select member_id, month_start_date, computed_tier from marts.fct_member_monthly_tiers")
    tiers["month"] = pd.to_datetime(tiers["month_start_date"]).dt.to_period("M")
    lookup = rows[["member_id", day_column]].assign(month=pd.to_datetime(rows[day_column]).dt.to_period("M"))
    matched = lookup.merge(tiers[["member_id", "month", "computed_tier"]], on=["member_id", "month"], how="left")
    assert len(matched) == len(rows)
    return matched["computed_tier"].fillna("unknown").to_numpy()


def expected_triangle(build: Build, as_of: date) -> pd.DataFrame:
    """The retention triangle, every view, from staging alone."""
    as_of_ts = pd.Timestamp(as_of)
    members = build.frame("select member_id, signup_channel, signup_date from staging.stg_shop__members")
    orders = build.frame(
        "select member_id, order_total, is_cancelled, ordered_date from staging.stg_shop__orders"
    )
    members["signup_date"] = pd.to_datetime(members["signup_date"])
    orders["ordered_date"] = pd.to_datetime(orders["ordered_date"])
    members = members[members["signup_date"] <= as_of_ts]
    purchases = orders[
        ~orders["is_cancelled"] & (orders["ordered_date"] <= as_of_ts) & orders["member_id"].isin(members["member_id"])
    ].copy()
    purchases["activity_month"] = purchases["ordered_date"].dt.to_period("M")
    purchases["order_total"] = purchases["order_total"].astype(float)

    buyers = purchases.groupby("member_id")["activity_month"].min().rename("cohort_month").reset_index()
    buyers = buyers.merge(members[["member_id", "signup_channel"]], on="member_id")
    buyers["signup_channel"] = buyers["signup_channel"].fillna("unknown")
    # Tier at acquisition: at the end of the cohort month, using nothing after the analysis date.
    buyers["tier_day"] = buyers["cohort_month"].dt.to_timestamp(how="end").dt.normalize().clip(upper=as_of_ts)
    buyers["acquisition_tier"] = computed_tiers_at(build, buyers, "tier_day")
    buyers["all"] = "all"

    monthly = purchases.groupby(["member_id", "activity_month"]).agg(
        order_count=("order_total", "size"), revenue=("order_total", "sum")
    ).reset_index().merge(buyers, on="member_id")

    last_month = as_of_ts.to_period("M")
    frames = []
    for split_by, column in [("all", "all"), ("signup_channel", "signup_channel"), ("acquisition_tier", "acquisition_tier")]:
        sizes = buyers.groupby(["cohort_month", column]).size().rename("cohort_size").reset_index()
        activity = monthly.groupby(["cohort_month", column, "activity_month"]).agg(
            active_member_count=("member_id", "nunique"), order_count=("order_count", "sum"), revenue=("revenue", "sum")
        ).reset_index()
        cells = []
        for row in sizes.itertuples(index=False):
            cohort = row.cohort_month
            for offset in range((last_month - cohort).n + 1):
                cells.append((cohort, getattr(row, column), offset, cohort + offset, row.cohort_size))
        grid = pd.DataFrame(cells, columns=["cohort_month", column, "months_since_acquisition", "activity_month", "cohort_size"])
        grid = grid.merge(activity, on=["cohort_month", column, "activity_month"], how="left")
        grid[["active_member_count", "order_count", "revenue"]] = grid[
            ["active_member_count", "order_count", "revenue"]
        ].fillna(0)
        grid = grid.rename(columns={column: "split_value"}).assign(split_by=split_by)
        frames.append(grid)

    triangle = pd.concat(frames, ignore_index=True).sort_values(TRIANGLE_KEY)
    triangle["cumulative_revenue"] = triangle.groupby(["cohort_month", "split_by", "split_value"])["revenue"].cumsum()
    triangle["retention_rate"] = triangle["active_member_count"] / triangle["cohort_size"]
    triangle["cumulative_revenue_per_member"] = np.floor(
        triangle["cumulative_revenue"] / triangle["cohort_size"] * 100 + 0.5
    ) / 100
    triangle["is_complete_month"] = triangle["activity_month"].dt.to_timestamp(how="end").dt.normalize() <= as_of_ts
    triangle["cohort_month"] = triangle["cohort_month"].dt.to_timestamp().dt.date
    triangle["activity_month"] = triangle["activity_month"].dt.to_timestamp().dt.date
    return triangle.set_index(TRIANGLE_KEY).sort_index()


def assert_triangle_matches(build: Build, as_of: date) -> pd.DataFrame:
    expected = expected_triangle(build, as_of)
    actual = build.frame("select * from marts.rpt_retention_cohorts")
    actual["cohort_month"] = pd.to_datetime(actual["cohort_month"]).dt.date
    actual["activity_month"] = pd.to_datetime(actual["activity_month"]).dt.date
    actual = actual.set_index(TRIANGLE_KEY).sort_index()

    assert expected.index.equals(actual.index), (
        f"cells only in pandas: {list(expected.index.difference(actual.index))[:5]}, "
        f"only in dbt: {list(actual.index.difference(expected.index))[:5]}"
    )
    for column in ["cohort_size", "active_member_count", "order_count"]:
        assert (expected[column].astype("int64") == actual[column].astype("int64")).all(), column
    assert (expected["activity_month"] == actual["activity_month"]).all()
    assert (expected["is_complete_month"] == actual["is_complete_month"]).all()
    assert np.allclose(expected["retention_rate"], actual["retention_rate"].astype(float), rtol=0, atol=1e-12)
    for column in ["revenue", "cumulative_revenue", "cumulative_revenue_per_member"]:
        difference = (expected[column] - actual[column].astype(float)).abs().max()
        assert difference < 0.005, f"{column} differs by up to {difference}"
    assert (pd.to_datetime(actual["as_of_date"]).dt.date == as_of).all()
    return expected


def test_retention_triangle_matches_pandas_cell_for_cell(demo_build: Build) -> None:
    expected = assert_triangle_matches(demo_build, analysis_date(demo_build))
    # The demo data must exercise the triangle, or the comparison proves little.
    views = expected.reset_index()
    assert set(views["split_by"]) == {"all", "signup_channel", "acquisition_tier"}
    assert views.groupby("split_by")["cohort_month"].nunique().min() >= 24


def test_retention_as_of_mid_month_stops_there_and_uses_nothing_after_it(demo_build: Build, tmp_path: Path) -> None:
    """Rebuild as of a day inside a month: the last cells are that month's, cut short, and pandas agrees."""
    as_of = date(2025, 6, 18)
    database = tmp_path / "as_of.duckdb"
    shutil.copy(demo_build.database, database)
    run = run_dbt(
        ["run", "--select", "+rpt_retention_cohorts", "--exclude", "path:models/staging",
         "--vars", json.dumps({"as_of_date": as_of.isoformat()})],
        demo_build.raw_dir, database, tmp_path,
    )
    assert run.returncode == 0, run.output[-3000:]
    earlier = dataclasses.replace(demo_build, database=database)
    expected = assert_triangle_matches(earlier, as_of)
    last = expected.reset_index()
    assert last["activity_month"].max() == date(2025, 6, 1)
    assert not last.loc[last["activity_month"] == date(2025, 6, 1), "is_complete_month"].any()


# --------------------------------------------------------------------------- sessions and funnel


def expected_sessions(build: Build, as_of: date) -> pd.DataFrame:
    """Sessionise and stitch the events up to `as_of` in pandas."""
    events = build.frame(
        """
        select event_id, anonymous_id, member_id, order_id, event_type, platform, utm_source, utm_medium,
               utm_campaign, event_date, event_at
        from staging.stg_shop__events
        where anonymous_id is not null or member_id is not null
        """
    )
    events = events[pd.to_datetime(events["event_date"]) <= pd.Timestamp(as_of)].copy()
    events["device_id"] = events["anonymous_id"].fillna("member:" + events["member_id"].astype(str))
    events = events.sort_values(["device_id", "event_at", "event_id"]).reset_index(drop=True)
    gap = events.groupby("device_id")["event_at"].diff().dt.total_seconds()
    events["session_number"] = (gap.isna() | (gap > SESSION_TIMEOUT_SECONDS)).astype(int).groupby(
        events["device_id"]
    ).cumsum()
    events["step"] = events["event_type"].map(STEP_OF_EVENT)

    signed_in = events.dropna(subset=["member_id"]).groupby("device_id")["member_id"].agg(["nunique", "first"])
    owners = signed_in.loc[signed_in["nunique"] == 1, "first"]
    keys = ["device_id", "session_number"]
    # The three utm fields of the session's first event with a utm_source (one row, nulls included).
    tagged = events.dropna(subset=["utm_source"]).groupby(keys).head(1).set_index(keys)[
        ["utm_source", "utm_medium", "utm_campaign"]
    ]
    sessions = events.groupby(keys).agg(
        first_member=("member_id", "first"),  # first non-null: the first member signed in during the session
        event_count=("event_id", "size"),
        furthest_step=("step", "max"),
        started_at=("event_at", "min"),
        platform=("platform", "first"),  # first non-null
    ).join(tagged)
    sessions["order_id"] = events[events["event_type"].eq("purchase")].dropna(subset=["order_id"]).groupby(keys)[
        "order_id"
    ].first()
    sessions = sessions.reset_index()
    sessions["member_id"] = sessions["device_id"].map(owners).fillna(sessions["first_member"])
    sessions["channel"] = np.where(
        sessions["utm_source"].isna(), "direct",
        np.where(sessions["utm_medium"].isna(), sessions["utm_source"],
                 sessions["utm_source"] + " / " + sessions["utm_medium"]),
    )
    return sessions


def test_sessions_and_funnel_match_pandas(demo_build: Build) -> None:
    as_of = analysis_date(demo_build)
    expected = expected_sessions(demo_build, as_of)
    actual = demo_build.frame(
        "select device_id, started_at, member_id, order_id, platform, channel, utm_campaign, event_count, "
        "furthest_funnel_step_number from marts.fct_sessions"
    )
    merged = expected.merge(actual, on=["device_id", "started_at"], how="outer", suffixes=("_pandas", "_dbt"),
                            indicator=True)
    assert (merged["_merge"] == "both").all(), merged["_merge"].value_counts()
    for pandas_column, dbt_column in [
        ("member_id_pandas", "member_id_dbt"), ("order_id_pandas", "order_id_dbt"), ("platform_pandas", "platform_dbt"),
        ("channel_pandas", "channel_dbt"), ("utm_campaign_pandas", "utm_campaign_dbt"),
        ("event_count_pandas", "event_count_dbt"), ("furthest_step", "furthest_funnel_step_number"),
    ]:
        left, right = merged[pandas_column], merged[dbt_column]
        same = (left == right) | (left.isna() & right.isna())
        assert same.all(), f"{pandas_column}: {(~same).sum()} sessions differ, e.g.\n{merged.loc[~same].head()}"
    # The demo data exercises stitching: anonymous sessions that count for a member.
    assert (expected["member_id"].notna() & expected["first_member"].isna()).sum() > 1000

    # Funnel: sessions at each step (a later step counts at every earlier one), by tier at the time.
    members = demo_build.frame("select member_id, signup_date from staging.stg_shop__members")
    expected = expected.merge(members, on="member_id", how="left")
    month_end = expected["started_at"].dt.to_period("M").dt.to_timestamp(how="end").dt.normalize()
    expected["tier_day"] = month_end.clip(upper=pd.Timestamp(as_of))
    joined = expected["member_id"].notna() & (
        pd.to_datetime(expected["signup_date"]).dt.to_period("M") <= expected["started_at"].dt.to_period("M")
    )
    expected["member_tier"] = "anonymous"
    expected.loc[joined, "member_tier"] = computed_tiers_at(
        demo_build, expected.loc[joined].reset_index(drop=True), "tier_day"
    )
    steps = pd.DataFrame({
        f"{step}_session_count": expected.groupby("member_tier")["furthest_step"].apply(
            lambda furthest, number=number: int((furthest >= number).sum())
        )
        for number, step in enumerate(FUNNEL_STEPS, start=1)
    })
    funnel = demo_build.frame(
        "select member_tier, " + ", ".join(f"sum({column}) as {column}" for column in steps.columns)
        + " from marts.rpt_conversion_funnel group by member_tier"
    ).set_index("member_tier").astype("int64")
    pd.testing.assert_frame_equal(steps.sort_index(), funnel.sort_index(), check_names=False)
    assert set(funnel.index) == {"anonymous", "bronze", "silver", "gold", "diamond"}
