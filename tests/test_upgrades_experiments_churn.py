"""Upgrade funnel, campaign experiments and churn risk, against independent recomputations and the ground truth.

- Experiments: the generator plants its effect on members' purchase intensity
  (treatment multiplies it by 1 + uplift for window_days after the exposure,
  data/truth/treatment_effect.json). The conversion and revenue lift that this
  implies for each campaign are derived from the campaign's control arm (see
  implied_effects), and the report's 95% intervals must cover them at a rate
  consistent with 95%; campaigns without a planted effect must not look
  significant at the 0.1% level; the pooled lift of each campaign type with a
  planted effect must be positive. The report's statistics must equal scipy's
  on an independent pandas recomputation of the arms.
- Churn risk: the backtest's AUC must equal a recomputation, and the bands
  must separate the members who truly dropped out (data/truth/dropouts.parquet).
- Upgrades: eligibility episodes and upgrades recomputed in pandas from the
  monthly tier facts and the tier history must equal fct_tier_upgrades.
- Bad churn-risk seeds and playbooks fail the build naming the seed and row.

Run with `pytest -s` to see the figures.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from conftest import Build
from test_tiers import copy_project, run_dbt_in

CONFIDENCE = 0.95
RESPONSE_DAYS = 14
# Campaigns without a planted effect must not reach this significance.
NULL_EFFECT_ALPHA = 0.001
# Intervals missing their implied effect this rarely or less are consistent
# with 95% coverage: the binomial probability of at least that many misses.
COVERAGE_P_VALUE_FLOOR = 0.01
UPGRADE_WINDOW_DAYS = 90


def auc(scores: np.ndarray, positive: np.ndarray) -> float:
    """Probability that a positive scores above a negative (ties count half)."""
    ranks = stats.rankdata(scores)
    positives = positive.sum()
    negatives = positive.size - positives
    return float((ranks[positive].sum() - positives * (positives + 1) / 2) / (positives * negatives))


# --------------------------------------------------------------------------- experiments


@pytest.fixture(scope="module")
def truth(demo_build: Build) -> pd.DataFrame:
    document = json.loads((demo_build.truth_dir / "treatment_effect.json").read_text())
    return pd.DataFrame(document["campaigns"]).set_index("campaign_id")


@pytest.fixture(scope="module")
def responses(demo_build: Build) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each campaign's exposed members (first exposure, closed window) with their response orders, in pandas."""
    as_of = pd.Timestamp(demo_build.query("select as_of_date from intermediate.int_analysis_dates_resolved")[0][0])
    exposures = demo_build.frame(
        "select exposure_id, campaign_id, member_id, is_treatment, exposed_at from staging.stg_shop__campaign_exposures"
    )
    exposures = exposures[exposures["exposed_at"] < as_of + pd.Timedelta(days=1)]
    exposures = exposures.sort_values(["exposed_at", "exposure_id"]).drop_duplicates(["campaign_id", "member_id"])
    exposures = exposures[exposures["exposed_at"].dt.normalize() + pd.Timedelta(days=RESPONSE_DAYS) <= as_of]
    orders = demo_build.frame(
        "select order_id, member_id, order_total, ordered_at from staging.stg_shop__orders where not is_cancelled"
    )
    refunds = demo_build.frame("select order_id, refund_amount, refunded_date from staging.stg_shop__refunds")
    refunds = refunds[pd.to_datetime(refunds["refunded_date"]) <= as_of].groupby("order_id")["refund_amount"].sum()
    orders["net_amount"] = orders["order_total"].astype(float) - orders["order_id"].map(refunds).fillna(0).astype(float)
    orders = orders[orders["ordered_at"] < as_of + pd.Timedelta(days=1)]
    joined = exposures.merge(orders, on="member_id")
    joined = joined[
        (joined["ordered_at"] >= joined["exposed_at"])
        & (joined["ordered_at"] < joined["exposed_at"] + pd.Timedelta(days=RESPONSE_DAYS))
    ]
    per_exposure = joined.groupby("exposure_id").agg(
        response_order_count=("order_id", "count"), response_net_revenue=("net_amount", "sum")
    )
    frame = exposures.join(per_exposure, on="exposure_id")
    frame["response_order_count"] = frame["response_order_count"].fillna(0).astype(int)
    frame["response_net_revenue"] = frame["response_net_revenue"].fillna(0.0).round(2)
    return frame, joined


@pytest.fixture(scope="module")
def report(demo_build: Build) -> pd.DataFrame:
    return demo_build.frame("select * from marts.rpt_campaign_experiments order by campaign_id, variant")


def implied_effects(responses: tuple[pd.DataFrame, pd.DataFrame], truth: pd.DataFrame) -> pd.DataFrame:
    """The conversion and revenue lift each campaign's planted uplift implies, from its control arm.

    Given a member's purchase intensity, the orders in two disjoint stretches
    of time are independent Poisson counts. Treatment multiplies the intensity
    by 1 + u in the effect window (from the exposure for window_days), so the
    share of treated members without a response order is
    E[exp(-(1 + u) L_in - L_out)] where L_in and L_out are the intensities
    integrated over the parts of the response window inside and outside the
    effect window. For Poisson counts N, E[exp(-L (1 - z))] = E[z^N], so this
    is E[(-u)^N_in x 0^N_out] over the control arm, whose members share the
    treated members' intensities by randomisation: no model of the
    intensities is needed. Revenue scales with the orders: the implied lift
    is u x the control arm's mean revenue from orders inside the effect window.
    """
    exposures, orders = responses
    rows = []
    for campaign_id, control in exposures[~exposures["is_treatment"]].groupby("campaign_id"):
        uplift = float(truth.loc[campaign_id, "true_relative_uplift"])
        window = pd.Timedelta(days=int(truth.loc[campaign_id, "window_days"]))
        campaign_orders = orders[(orders["campaign_id"] == campaign_id) & ~orders["is_treatment"]]
        inside = campaign_orders["ordered_at"] < campaign_orders["exposed_at"] + window
        counts_inside = campaign_orders[inside].groupby("member_id").size()
        counts_outside = campaign_orders[~inside].groupby("member_id").size()
        revenue_inside = campaign_orders[inside].groupby("member_id")["net_amount"].sum()
        n_inside = control["member_id"].map(counts_inside).fillna(0).to_numpy()
        n_outside = control["member_id"].map(counts_outside).fillna(0).to_numpy()
        converted = (n_inside + n_outside) > 0
        treated_without_order = np.where(n_outside == 0, (-uplift) ** n_inside, 0.0)
        rows.append({
            "campaign_id": campaign_id,
            "implied_conversion_lift": float((1 - treated_without_order).mean() - converted.mean()),
            "implied_revenue_lift": uplift * float(control["member_id"].map(revenue_inside).fillna(0).mean()),
        })
    return pd.DataFrame(rows).set_index("campaign_id")


def test_campaign_report_equals_scipy_on_a_recomputation(
    responses: tuple[pd.DataFrame, pd.DataFrame], report: pd.DataFrame
) -> None:
    exposures, _ = responses
    arms = exposures.assign(converted=exposures["response_order_count"] > 0).groupby(["campaign_id", "is_treatment"])
    arms = arms.agg(
        members=("member_id", "count"), converters=("converted", "sum"),
        mean=("response_net_revenue", "mean"), variance=("response_net_revenue", "var"),
    )
    treatment_rows = report[report["variant"] == "treatment"].set_index("campaign_id")
    control_rows = report[report["variant"] == "control"].set_index("campaign_id")
    z_975 = stats.norm.ppf(0.5 + CONFIDENCE / 2)
    checked = 0
    for campaign_id, row in treatment_rows.iterrows():
        t, c = arms.loc[(campaign_id, True)], arms.loc[(campaign_id, False)]
        assert (row["members_exposed"], row["converters"]) == (t["members"], t["converters"]), campaign_id
        control = control_rows.loc[campaign_id]
        assert (control["members_exposed"], control["converters"]) == (c["members"], c["converters"]), campaign_id
        assert float(row["revenue_per_member"]) == pytest.approx(t["mean"], abs=0.005)
        # Two-proportion z (pooled) and the Wald interval.
        p_t, p_c = t["converters"] / t["members"], c["converters"] / c["members"]
        pooled = (t["converters"] + c["converters"]) / (t["members"] + c["members"])
        z = (p_t - p_c) / np.sqrt(pooled * (1 - pooled) * (1 / t["members"] + 1 / c["members"]))
        half_width = z_975 * np.sqrt(p_t * (1 - p_t) / t["members"] + p_c * (1 - p_c) / c["members"])
        assert row["conversion_z"] == pytest.approx(z, rel=1e-9, abs=1e-12)
        assert row["conversion_p_value"] == pytest.approx(2 * stats.norm.sf(abs(z)), abs=1.5e-7)
        assert row["conversion_lift_lower"] == pytest.approx(p_t - p_c - half_width, abs=1e-8)
        assert row["conversion_lift_upper"] == pytest.approx(p_t - p_c + half_width, abs=1e-8)
        # Welch: scipy's exact t distribution against the documented approximation.
        welch = stats.ttest_ind_from_stats(
            t["mean"], np.sqrt(t["variance"]), t["members"], c["mean"], np.sqrt(c["variance"]), c["members"],
            equal_var=False,
        )
        se = np.sqrt(t["variance"] / t["members"] + c["variance"] / c["members"])
        df = se**4 / ((t["variance"] / t["members"]) ** 2 / (t["members"] - 1)
                      + (c["variance"] / c["members"]) ** 2 / (c["members"] - 1))
        assert row["revenue_degrees_of_freedom"] == pytest.approx(df, rel=1e-9)
        assert row["revenue_p_value"] == pytest.approx(welch.pvalue, abs=2e-5)
        t_quantile = stats.t.ppf(0.5 + CONFIDENCE / 2, df)
        assert float(row["revenue_lift_lower"]) == pytest.approx(t["mean"] - c["mean"] - t_quantile * se, abs=0.02)
        assert float(row["revenue_lift_upper"]) == pytest.approx(t["mean"] - c["mean"] + t_quantile * se, abs=0.02)
        # Sample-ratio mismatch: Pearson's chi-square against 50/50.
        srm = stats.chisquare([t["members"], c["members"]])
        assert row["srm_chi_square"] == pytest.approx(srm.statistic, rel=1e-9, abs=1e-12)
        assert row["srm_p_value"] == pytest.approx(srm.pvalue, abs=1.5e-7)
        checked += 1
    assert checked == len(arms) // 2 > 20


def test_intervals_cover_the_planted_effects(
    responses: tuple[pd.DataFrame, pd.DataFrame], report: pd.DataFrame, truth: pd.DataFrame
) -> None:
    implied = implied_effects(responses, truth)
    campaigns = report[report["variant"] == "treatment"].set_index("campaign_id").join(implied)
    campaigns["uplift"] = truth["true_relative_uplift"]
    campaigns["covers_conversion"] = campaigns["implied_conversion_lift"].between(
        campaigns["conversion_lift_lower"], campaigns["conversion_lift_upper"]
    )
    campaigns["covers_revenue"] = campaigns["implied_revenue_lift"].between(
        campaigns["revenue_lift_lower"].astype(float), campaigns["revenue_lift_upper"].astype(float)
    )
    print("\ncampaign  type          uplift  conversion lift [95% interval]      implied  | "
          "revenue lift [95% interval]   implied")
    for campaign_id, row in campaigns.iterrows():
        print(f"{campaign_id}     {row['campaign_type']:<12}  {row['uplift']:.2f}    "
              f"{row['conversion_lift']:+.4f} [{row['conversion_lift_lower']:+.4f}, {row['conversion_lift_upper']:+.4f}]"
              f"  {row['implied_conversion_lift']:+.4f}{'' if row['covers_conversion'] else ' MISS'}  | "
              f"{float(row['revenue_lift']):+6.2f} [{float(row['revenue_lift_lower']):+6.2f}, "
              f"{float(row['revenue_lift_upper']):+6.2f}]  {row['implied_revenue_lift']:+6.2f}"
              f"{'' if row['covers_revenue'] else ' MISS'}")
    intervals = 2 * len(campaigns)
    misses = int((~campaigns["covers_conversion"]).sum() + (~campaigns["covers_revenue"]).sum())
    p_value = stats.binom.sf(misses - 1, intervals, 1 - CONFIDENCE)
    print(f"{intervals - misses} of {intervals} intervals cover the implied effect "
          f"({(intervals - misses) / intervals:.1%}; P(at least {misses} misses | 95% coverage) = {p_value:.2f})")
    assert len(campaigns) >= 20 and campaigns["implied_conversion_lift"].notna().all()
    assert p_value > COVERAGE_P_VALUE_FLOOR, "the intervals miss the planted effects more often than 95% allows"

    # Campaigns without a planted effect are not significant at 0.1%.
    placebo = campaigns[campaigns["uplift"] == 0]
    smallest = min(placebo["conversion_p_value"].min(), placebo["revenue_p_value"].min())
    print(f"{len(placebo)} campaigns without a planted effect (newsletters): smallest p-value {smallest:.3f}")
    assert len(placebo) > 5 and smallest >= NULL_EFFECT_ALPHA

    # The pooled lift of each campaign type with a planted effect is positive.
    arms = report.groupby(["campaign_type", "variant"])[["members_exposed", "converters", "net_revenue"]].sum()
    arms = arms.astype(float)
    for campaign_type in sorted(campaigns.loc[campaigns["uplift"] > 0, "campaign_type"].unique()):
        treatment, control = arms.loc[(campaign_type, "treatment")], arms.loc[(campaign_type, "control")]
        conversion_lift = (treatment["converters"] / treatment["members_exposed"]
                           - control["converters"] / control["members_exposed"])
        revenue_lift = (treatment["net_revenue"] / treatment["members_exposed"]
                        - control["net_revenue"] / control["members_exposed"])
        print(f"pooled {campaign_type}: conversion lift {conversion_lift:+.4f}, revenue per member {revenue_lift:+.2f}")
        assert conversion_lift > 0 and revenue_lift > 0, campaign_type


# --------------------------------------------------------------------------- churn risk


@pytest.fixture(scope="module")
def churn_scores(demo_build: Build) -> pd.DataFrame:
    scores = demo_build.frame(
        """select scored.member_id, scored.score_basis, scored.churn_band, scored.churn_risk_score,
                  scored.score_date, dates.as_of_date
           from intermediate.int_members_churn_risk_scored as scored
           inner join intermediate.int_churn_risk_dates_resolved as dates
               on scored.score_basis = dates.score_basis"""
    )
    truth = pd.read_parquet(demo_build.truth_dir / "dropouts.parquet")
    dropout_at = pd.to_datetime(truth["dropout_at"], utc=True).dt.tz_localize(None)
    scores["dropout_at"] = scores["member_id"].map(dict(zip(truth["member_id"], dropout_at)))
    return scores


def test_churn_backtest_equals_a_recomputation(demo_build: Build, churn_scores: pd.DataFrame) -> None:
    backtest = churn_scores[churn_scores["score_basis"] == "backtest"]
    score_date, as_of = backtest["score_date"].iloc[0], backtest["as_of_date"].iloc[0]
    orders = demo_build.frame("select member_id, ordered_date from staging.stg_shop__orders where not is_cancelled")
    returning = set(orders.loc[(orders["ordered_date"] > score_date) & (orders["ordered_date"] <= as_of), "member_id"])
    lapsed = ~backtest["member_id"].isin(returning)
    report = demo_build.frame("select * from marts.rpt_churn_risk_backtest").set_index("churn_band")
    expected_auc = auc(backtest["churn_risk_score"].to_numpy(), lapsed.to_numpy())
    assert report["roc_auc"].iloc[0] == pytest.approx(expected_auc, abs=1e-12)
    by_band = backtest.assign(lapsed=lapsed).groupby("churn_band")["lapsed"].agg(["count", "sum"])
    for band, row in by_band.iterrows():
        assert (report.loc[band, "member_count"], report.loc[band, "lapsed_count"]) == (row["count"], row["sum"])


def test_churn_bands_separate_the_members_who_truly_dropped_out(
    demo_build: Build, churn_scores: pd.DataFrame
) -> None:
    """Scores as of the backtest date against the generator's dropouts up to the end of the horizon."""
    report = demo_build.frame("select * from marts.rpt_churn_risk_backtest order by churn_band_rank")
    print(f"\nbacktest: scored on {report['score_date'].iloc[0]}, outcome up to {report['as_of_date'].iloc[0]}; "
          f"ROC AUC of the score against not buying again (SQL): {report['roc_auc'].iloc[0]:.3f}")
    for _, row in report.iterrows():
        print(f"  {row['churn_band']:<7} {row['member_count']:>6} members, {row['lapse_rate']:.1%} did not buy again")
    assert report["roc_auc"].iloc[0] > 0.75
    assert report["lapse_rate"].is_monotonic_increasing

    shares = {}
    for basis in ["backtest", "current"]:
        scored = churn_scores[churn_scores["score_basis"] == basis]
        horizon_end = pd.Timestamp(scored["as_of_date"].iloc[0]) + pd.Timedelta(days=1)
        dropped = (scored["dropout_at"] < horizon_end).to_numpy()
        share = scored.assign(dropped=dropped).groupby("churn_band")["dropped"].mean()
        truth_auc = auc(scored["churn_risk_score"].to_numpy(), dropped)
        print(f"{basis} scores against the true dropouts by {horizon_end.date()}: AUC {truth_auc:.3f}; dropped out: "
              + ", ".join(f"{band} {share[band]:.1%}" for band in ["low", "medium", "high"]))
        assert truth_auc > 0.75, basis
        shares[basis] = share
    backtest = shares["backtest"]
    assert backtest["high"] > 2 * backtest["low"] and backtest["high"] - backtest["low"] > 0.3


# --------------------------------------------------------------------------- upgrades


def test_upgrade_episodes_and_upgrades_equal_a_recomputation(demo_build: Build) -> None:
    monthly = demo_build.frame(
        """select member_id, month_start_date, evaluation_date, official_tier_rank, tier_rank_gap
           from marts.fct_member_monthly_tiers where is_month_complete"""
    ).sort_values(["member_id", "month_start_date"])
    previous_gap = monthly.groupby("member_id")["tier_rank_gap"].shift()
    episodes = monthly[(monthly["tier_rank_gap"] > 0) & ~(previous_gap > 0)]
    history = demo_build.frame(
        """select history.member_id, history.effective_date, history.effective_at, history.tier_change_id,
                  rules.tier_rank
           from staging.stg_shop__tier_history as history
           inner join intermediate.int_tier_rules_validated as rules on history.tier = rules.tier"""
    )
    as_of = demo_build.query("select as_of_date from intermediate.int_analysis_dates_resolved")[0][0]
    rises = episodes.merge(history, on="member_id")
    rises = rises[
        (rises["effective_date"] > rises["evaluation_date"])
        & (rises["effective_date"] <= rises["evaluation_date"] + pd.Timedelta(days=UPGRADE_WINDOW_DAYS))
        & (rises["effective_date"] <= pd.Timestamp(as_of))
        & (rises["tier_rank"] > rises["official_tier_rank"])
    ].sort_values(["effective_at", "tier_change_id"]).drop_duplicates(["member_id", "evaluation_date"])
    expected = episodes.merge(
        rises[["member_id", "evaluation_date", "effective_date"]], on=["member_id", "evaluation_date"], how="left"
    ).rename(columns={"evaluation_date": "eligibility_date", "effective_date": "upgrade_date"})

    actual = demo_build.frame("select * from marts.fct_tier_upgrades")
    merged = expected.merge(actual, on=["member_id", "eligibility_date"], how="outer", indicator=True)
    assert (merged["_merge"] == "both").all(), merged["_merge"].value_counts()
    never = pd.Timestamp(0)
    assert (pd.to_datetime(merged["upgrade_date_x"]).fillna(never) == pd.to_datetime(merged["upgrade_date_y"]).fillna(never)).all()

    funnel = demo_build.frame("select * from marts.rpt_upgrade_funnel")
    totals = funnel[["eligible_count", "exposed_count", "exposed_upgraded_count", "exposed_retained_count",
                     "upgraded_count", "upgrade_open_count"]].sum()
    assert totals["eligible_count"] == len(actual)
    decided = actual[actual["is_upgraded"] | ~actual["is_upgrade_censored"]]
    print(f"\nupgrade eligibility episodes: {totals['eligible_count']}; invited {totals['exposed_count']}, "
          f"invited and upgraded {totals['exposed_upgraded_count']}, and retained "
          f"{totals['exposed_retained_count']}; upgraded (invited or not) {totals['upgraded_count']}, "
          f"upgrade conversion {decided['is_upgraded'].mean():.1%} of {len(decided)} decided; "
          f"median days to upgrade {actual['days_to_upgrade'].median():.0f}")


# --------------------------------------------------------------------------- seeds


def test_bad_churn_seeds_and_playbooks_fail_the_build_naming_the_seed_and_row(
    demo_build: Build, tmp_path: Path
) -> None:
    project = copy_project(tmp_path / "project")
    seeds = project / "seeds"
    weights = (seeds / "churn_risk_weights.csv").read_text()
    (seeds / "churn_risk_weights.csv").write_text(weights + "browsing_drop,0,1.0,A signal the score does not know.\n")
    playbook = (seeds / "member_playbook.csv").read_text()
    (seeds / "member_playbook.csv").write_text(playbook.replace("99,*,*,*,", "99,*,gold,*,"))
    first = run_dbt_in(project, [
        "build", "--select", "churn_risk_weights", "int_churn_risk_weights_validated", "+int_member_playbook_validated",
    ], demo_build.raw_dir, tmp_path / "work")

    bands = (seeds / "churn_risk_bands.csv").read_text()
    (seeds / "churn_risk_bands.csv").write_text(bands.replace("high,3,60,", "high,3,25,"))
    second = run_dbt_in(project, ["build", "--select", "churn_risk_bands", "int_churn_risk_bands_validated"],
                        demo_build.raw_dir, tmp_path / "work2")
    shutil.rmtree(project)

    output = " ".join(first.output.split()) + " ".join(second.output.split())
    assert first.returncode != 0 and second.returncode != 0
    for message in [
        "seed churn_risk_weights, row with signal browsing_drop: is not a signal of the churn-risk score;"
        " the signals are recency_ratio, purchase_decline, browsing_decline.",
        "seed member_playbook, rule with rule_priority 99: is the last rule: as the fallback it must match"
        " everyone (* in all three columns).",
        "seed churn_risk_bands, row with churn_band high (band_rank 3): asks for a min_score no higher than the"
        " band below; minimum scores must rise with rank.",
    ]:
        assert message in output, output[-6000:]
