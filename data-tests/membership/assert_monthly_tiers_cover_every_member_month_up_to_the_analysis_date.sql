-- fct_member_monthly_tiers has one row for every month from the month a
-- member joined to the month of the analysis date, and nothing after the
-- analysis date: per member, the row count, the first and the last month
-- match the member's signup date and the analysis date.
with

members as (
    select * from {{ ref('stg_shop__members') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

monthly as (
    select * from {{ ref('fct_member_monthly_tiers') }}
),

expected as (
    select
        members.member_id,
        {{ month_index('members.signup_date') }} as first_month_index,
        {{ month_index('analysis_dates.as_of_date') }} as last_month_index,
        analysis_dates.as_of_date
    from members
    cross join analysis_dates
    where members.signup_date <= analysis_dates.as_of_date
),

actual as (
    select
        member_id,
        count(*) as row_count,
        min({{ month_index('month_start_date') }}) as first_month_index,
        max({{ month_index('month_start_date') }}) as last_month_index,
        max(evaluation_date) as last_evaluation_date
    from monthly
    group by member_id
)

select
    coalesce(expected.member_id, actual.member_id) as member_id,
    expected.first_month_index as expected_first_month_index,
    actual.first_month_index,
    expected.last_month_index as expected_last_month_index,
    actual.last_month_index,
    actual.row_count,
    actual.last_evaluation_date
from expected
full outer join actual
    on expected.member_id = actual.member_id
where
    expected.member_id is null
    or actual.member_id is null
    or actual.first_month_index <> expected.first_month_index
    or actual.last_month_index <> expected.last_month_index
    or actual.row_count <> expected.last_month_index - expected.first_month_index + 1
    or actual.last_evaluation_date <> expected.as_of_date
