-- The monthly member tiers that the funnel and retention marts split by hold
-- a tier for every member who joined by the analysis date at every month end
-- from their signup month to the analysis date's month, so that a member's
-- session or cohort never misses its tier for want of a row.
with

members as (
    select * from {{ ref('int_members_tenure_computed') }}
),

member_month_tiers as (
    select
        member_id,
        {{ dbt.last_day('month_start_date', 'month') }} as month_end,
        computed_tier
    from {{ ref('fct_member_monthly_tiers') }}
),

member_rows as (
    select
        members.member_id,
        count(member_month_tiers.month_end) as month_count,
        min(member_month_tiers.month_end) as first_month_end,
        max(member_month_tiers.month_end) as last_month_end,
        max(members.signup_date) as signup_date,
        max(members.as_of_date) as as_of_date,
        {{ dbt.datediff('min(member_month_tiers.month_end)', 'max(member_month_tiers.month_end)', 'month') }}
            as month_span
    from members
    left join member_month_tiers
        on members.member_id = member_month_tiers.member_id
    group by members.member_id
)

select *
from member_rows
where
    month_count = 0
    or first_month_end <> {{ dbt.last_day('signup_date', 'month') }}
    or last_month_end <> {{ dbt.last_day('as_of_date', 'month') }}
    or month_count <> month_span + 1
