{%- set window_days = positive_integer_var('churn_risk_window_days') | int %}

{#-
    The churn-risk signals of every member on each score date
    (int_churn_risk_dates_resolved), from data dated on or before that date
    only.
-#}

with

members as (
    select * from {{ ref('stg_shop__members') }}
),

score_dates as (
    select * from {{ ref('int_churn_risk_dates_resolved') }}
),

revenue_entries as (
    select * from {{ ref('int_revenue_entries_unioned') }}
),

events as (
    select * from {{ ref('stg_shop__events') }}
),

purchase_days as (
    select distinct
        member_id,
        entry_date as purchase_date
    from revenue_entries
    where is_purchase
),

-- Browsing: days with at least one event of the signed-in member, in the
-- two windows before the earliest score date and up to the latest.
score_date_bounds as (
    select
        {{ window_start_date('min(score_date)', 2 * window_days) }} as first_browsing_date,
        max(score_date) as last_browsing_date
    from score_dates
),

browsing_days as (
    select distinct
        events.member_id,
        events.event_date as browsing_date
    from events
    cross join score_date_bounds
    where
        events.member_id is not null
        and events.event_date between score_date_bounds.first_browsing_date and score_date_bounds.last_browsing_date
),

members_scored as (
    select
        members.member_id,
        members.signup_date,
        score_dates.score_basis,
        score_dates.score_date
    from members
    inner join score_dates
        on members.signup_date <= score_dates.score_date
),

-- Window positions as days before the score date: the recent window is
-- days 0 to W - 1 before it, the window before days W to 2W - 1.
dated_purchases as (
    select
        purchase_days.member_id,
        score_dates.score_basis,
        purchase_days.purchase_date,
        {{ dbt.datediff('purchase_days.purchase_date', 'score_dates.score_date', 'day') | trim }} as days_before
    from purchase_days
    inner join score_dates
        on purchase_days.purchase_date <= score_dates.score_date
),

purchase_summaries as (
    select
        member_id,
        score_basis,
        count(*) as purchase_day_count,
        min(purchase_date) as first_purchase_date,
        max(purchase_date) as last_purchase_date,
        sum(case when days_before < {{ window_days }} then 1 else 0 end) as recent_purchase_days,
        sum(case when days_before >= {{ window_days }} and days_before < {{ 2 * window_days }} then 1 else 0 end)
            as previous_purchase_days
    from dated_purchases
    group by member_id, score_basis
),

dated_browsing as (
    select
        browsing_days.member_id,
        score_dates.score_basis,
        {{ dbt.datediff('browsing_days.browsing_date', 'score_dates.score_date', 'day') | trim }} as days_before
    from browsing_days
    inner join score_dates
        on browsing_days.browsing_date <= score_dates.score_date
),

browsing_summaries as (
    select
        member_id,
        score_basis,
        sum(case when days_before < {{ window_days }} then 1 else 0 end) as recent_browsing_days,
        sum(case when days_before >= {{ window_days }} then 1 else 0 end) as previous_browsing_days
    from dated_browsing
    where days_before < {{ 2 * window_days }}
    group by member_id, score_basis
),

-- A member's typical gap: the mean number of days between their purchase
-- days. Members with fewer than two purchase days have none of their own
-- and take the mean of the members who have one, on the same score date.
member_gaps as (
    select
        member_id,
        score_basis,
        cast({{ dbt.datediff('first_purchase_date', 'last_purchase_date', 'day') | trim }} as double)
        / cast(purchase_day_count - 1 as double) as typical_gap_days
    from purchase_summaries
    where purchase_day_count >= 2
),

population_gaps as (
    select
        score_basis,
        avg(typical_gap_days) as mean_typical_gap_days
    from member_gaps
    group by score_basis
),

combined as (
    select
        members_scored.member_id,
        members_scored.score_basis,
        coalesce(purchase_summaries.purchase_day_count, 0) as purchase_day_count,
        {{ dbt.datediff(
            'coalesce(purchase_summaries.last_purchase_date, members_scored.signup_date)',
            'members_scored.score_date', 'day'
        ) | trim }} as days_since_last_purchase,
        coalesce(member_gaps.typical_gap_days, population_gaps.mean_typical_gap_days) as typical_gap_days,
        member_gaps.typical_gap_days is not null as has_own_purchase_rhythm,
        coalesce(purchase_summaries.recent_purchase_days, 0) as recent_purchase_days,
        coalesce(purchase_summaries.previous_purchase_days, 0) as previous_purchase_days,
        coalesce(browsing_summaries.recent_browsing_days, 0) as recent_browsing_days,
        coalesce(browsing_summaries.previous_browsing_days, 0) as previous_browsing_days,
        coalesce(purchase_summaries.purchase_day_count, 0)
        > coalesce(purchase_summaries.recent_purchase_days, 0) + coalesce(purchase_summaries.previous_purchase_days, 0)
            as has_purchase_before_windows,
        purchase_summaries.last_purchase_date,
        members_scored.score_date
    from members_scored
    left join purchase_summaries
        on
            members_scored.member_id = purchase_summaries.member_id
            and members_scored.score_basis = purchase_summaries.score_basis
    left join member_gaps
        on
            members_scored.member_id = member_gaps.member_id
            and members_scored.score_basis = member_gaps.score_basis
    left join population_gaps
        on members_scored.score_basis = population_gaps.score_basis
    left join browsing_summaries
        on
            members_scored.member_id = browsing_summaries.member_id
            and members_scored.score_basis = browsing_summaries.score_basis
),

final as (
    select
        member_id,
        score_basis,
        cast(purchase_day_count as bigint) as purchase_day_count,
        cast(days_since_last_purchase as bigint) as days_since_last_purchase,
        cast(typical_gap_days as double) as typical_gap_days,
        cast(recent_purchase_days as bigint) as recent_purchase_days,
        cast(previous_purchase_days as bigint) as previous_purchase_days,
        cast(recent_browsing_days as bigint) as recent_browsing_days,
        cast(previous_browsing_days as bigint) as previous_browsing_days,
        -- A gap of less than a day (two purchase days are at least a day
        -- apart) only occurs without data; 1 keeps the ratio finite.
        cast(days_since_last_purchase as double) / greatest(coalesce(typical_gap_days, 1.0), 1.0) as recency_ratio,
        -- The share of the window before that the recent window lost. A
        -- member active in neither window who bought before them has already
        -- fallen all the way: 1. Without activity before: 0 (nothing fell).
        case
            when previous_purchase_days > 0
                then
                    cast(previous_purchase_days - recent_purchase_days as double)
                    / cast(previous_purchase_days as double)
            when recent_purchase_days = 0 and has_purchase_before_windows then 1.0
            else 0.0
        end as purchase_decline,
        case
            when previous_browsing_days > 0
                then
                    cast(previous_browsing_days - recent_browsing_days as double)
                    / cast(previous_browsing_days as double)
            when recent_browsing_days = 0 and has_purchase_before_windows then 1.0
            else 0.0
        end as browsing_decline,
        has_own_purchase_rhythm,
        has_purchase_before_windows,
        last_purchase_date,
        score_date
    from combined
)

select * from final
