{{ config(materialized='table') }}

{#-
    Stands in for the monthly tier facts (fct_member_monthly_tiers) in the
    by-tier splits of the funnel and retention marts: the same key (member_id,
    month_end), with the official tier in place of the computed one.
-#}

with

members as (
    select * from {{ ref('int_members_tenure_computed') }}
),

tier_history as (
    select * from {{ ref('stg_shop__tier_history') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

tier_rules as (
    select * from {{ ref('tier_rules') }}
),

entry_tier as (
    select tier
    from tier_rules
    where tier_rank = 1
),

month_bounds as (
    select
        min(members.signup_date) as first_signup_date,
        max(members.as_of_date) as as_of_date
    from members
),

months as (
    {{ month_start_series('month_bounds.first_signup_date', 'month_bounds.as_of_date', 'month_bounds') }}
),

member_months as (
    select
        members.member_id,
        {{ dbt.last_day('months.month_start', 'month') }} as month_end
    from members
    inner join months
        on months.month_start >= cast({{ dbt.date_trunc('month', 'members.signup_date') }} as date)
),

-- Each change holds from its day until the day of the member's next change;
-- of several changes on one day the last (by time, then id) wins.
tier_spans as (
    select
        tier_history.member_id,
        tier_history.tier,
        tier_history.effective_date,
        lead(tier_history.effective_date) over (
            partition by tier_history.member_id
            order by tier_history.effective_at asc nulls last, tier_history.tier_change_id asc nulls last
        ) as next_effective_date
    from tier_history
    cross join analysis_dates
    where tier_history.effective_date <= analysis_dates.as_of_date
),

final as (
    select
        member_months.member_id,
        coalesce(tier_spans.tier, entry_tier.tier) as official_tier,
        member_months.month_end
    from member_months
    cross join entry_tier
    left join tier_spans
        on
            member_months.member_id = tier_spans.member_id
            and member_months.month_end >= tier_spans.effective_date
            and (tier_spans.next_effective_date is null or member_months.month_end < tier_spans.next_effective_date)
)

select * from final
