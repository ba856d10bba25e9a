with

members as (
    select * from {{ ref('stg_shop__members') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

final as (
    select
        members.member_id,
        {{ dbt.datediff('members.signup_date', 'analysis_dates.as_of_date', 'day') | trim }} as tenure_days,
        members.signup_date,
        analysis_dates.as_of_date
    from members
    cross join analysis_dates
    where members.signup_date <= analysis_dates.as_of_date
)

select * from final
