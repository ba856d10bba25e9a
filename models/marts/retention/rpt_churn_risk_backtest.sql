with

scores as (
    select * from {{ ref('int_members_churn_risk_scored') }}
    where score_basis = 'backtest'
),

score_dates as (
    select * from {{ ref('int_churn_risk_dates_resolved') }}
    where score_basis = 'backtest'
),

revenue_entries as (
    select * from {{ ref('int_revenue_entries_unioned') }}
),

bands as (
    select * from {{ ref('int_churn_risk_bands_validated') }}
),

-- Members who bought again in the horizon: after the score date, up to and
-- including the analysis date.
buyers_in_horizon as (
    select distinct revenue_entries.member_id
    from revenue_entries
    cross join score_dates
    where
        revenue_entries.is_purchase
        and revenue_entries.entry_date > score_dates.score_date
        and revenue_entries.entry_date <= score_dates.as_of_date
),

outcomes as (
    select
        scores.member_id,
        scores.churn_band,
        scores.churn_risk_score,
        case when buyers_in_horizon.member_id is null then 1 else 0 end as is_lapsed
    from scores
    left join buyers_in_horizon
        on scores.member_id = buyers_in_horizon.member_id
),

-- ROC AUC of the score against "did not buy again" (lapsed), by the
-- Mann-Whitney count over the distinct scores: for each score, its lapsed
-- members outrank the returning members with a lower score, and tie with
-- (count half) those with the same score.
score_counts as (
    select
        churn_risk_score,
        sum(is_lapsed) as lapsed_count,
        sum(1 - is_lapsed) as returning_count
    from outcomes
    group by churn_risk_score
),

score_ranks as (
    select
        lapsed_count,
        returning_count,
        coalesce(sum(returning_count) over (
            order by churn_risk_score asc rows between unbounded preceding and 1 preceding
        ), 0) as lower_returning_count
    from score_counts
),

area as (
    select
        {{ safe_divide(
            'sum(lapsed_count * (lower_returning_count + 0.5 * returning_count))',
            'sum(lapsed_count) * sum(returning_count)'
        ) }} as roc_auc,
        sum(lapsed_count + returning_count) as scored_member_count
    from score_ranks
),

band_outcomes as (
    select
        churn_band,
        count(*) as member_count,
        sum(1 - is_lapsed) as bought_again_count,
        sum(is_lapsed) as lapsed_count,
        avg(churn_risk_score) as average_churn_risk_score,
        min(churn_risk_score) as lowest_churn_risk_score,
        max(churn_risk_score) as highest_churn_risk_score
    from outcomes
    group by churn_band
),

final as (
    select
        cast(bands.churn_band as {{ dbt.type_string() }}) as churn_band,
        cast(bands.band_rank as bigint) as churn_band_rank,
        cast(coalesce(band_outcomes.member_count, 0) as bigint) as member_count,
        cast(coalesce(band_outcomes.bought_again_count, 0) as bigint) as bought_again_count,
        cast(coalesce(band_outcomes.lapsed_count, 0) as bigint) as lapsed_count,
        cast({{ safe_divide('band_outcomes.bought_again_count', 'band_outcomes.member_count') }} as double)
            as bought_again_rate,
        cast({{ safe_divide('band_outcomes.lapsed_count', 'band_outcomes.member_count') }} as double) as lapse_rate,
        cast({{ safe_divide('coalesce(band_outcomes.member_count, 0)', 'area.scored_member_count') }} as double)
            as member_share,
        cast(bands.min_score as double) as band_min_score,
        cast(band_outcomes.average_churn_risk_score as double) as average_churn_risk_score,
        cast(band_outcomes.lowest_churn_risk_score as double) as lowest_churn_risk_score,
        cast(band_outcomes.highest_churn_risk_score as double) as highest_churn_risk_score,
        cast(area.roc_auc as double) as roc_auc,
        cast(score_dates.horizon_days as bigint) as horizon_days,
        score_dates.score_date,
        score_dates.as_of_date
    from bands
    left join band_outcomes
        on bands.churn_band = band_outcomes.churn_band
    cross join area
    cross join score_dates
)

select * from final
