{#- Months are numbered from a generated series; the data may span at most this many. -#}
{%- set max_months = 1200 %}

with

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

members as (
    select * from {{ ref('int_members_tenure_computed') }}
),

member_months as (
    select * from {{ ref('int_member_months_aggregated') }}
),

-- The first month with data: the earliest signup or dated activity.
first_months as (
    select min({{ month_index('signup_date') }}) as first_month_index
    from members
    union all
    select min(month_index) as first_month_index
    from member_months
),

month_bounds as (
    select
        min(first_months.first_month_index) as first_month_index,
        {{ month_index('analysis_dates.as_of_date') }} as as_of_month_index,
        analysis_dates.as_of_date
    from first_months
    cross join analysis_dates
    group by analysis_dates.as_of_date
),

checked_month_bounds as (
    select *
    from month_bounds
    where {{ raise_error_if(
        "case when as_of_month_index - first_month_index >= " ~ max_months ~ " then "
        ~ dbt.concat([
            "'int_tier_months_enumerated: the data spans '",
            "cast(as_of_month_index - first_month_index + 1 as " ~ dbt.type_string() ~ ")",
            "' months up to the analysis date; at most " ~ max_months ~ " months are supported.'",
        ]) ~ " end"
    ) }}
),

calendar as (
    select
        cast(checked_month_bounds.first_month_index + month_series.generated_number - 1 as bigint) as month_index,
        checked_month_bounds.as_of_date
    from ({{ dbt.generate_series(max_months) }}) as month_series
    cross join checked_month_bounds
    where
        checked_month_bounds.first_month_index + month_series.generated_number - 1
        <= checked_month_bounds.as_of_month_index
),

calendar_dates as (
    select
        month_index,
        {{ month_start_date('month_index') }} as month_start_date,
        as_of_date
    from calendar
),

final as (
    select
        month_index,
        {{ dbt.last_day('month_start_date', 'month') }} <= as_of_date as is_month_complete,
        month_start_date,
        least({{ dbt.last_day('month_start_date', 'month') }}, as_of_date) as evaluation_date
    from calendar_dates
)

select * from final
