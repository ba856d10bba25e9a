{%- set horizon_months = positive_integer_var('clv_horizon_months', 'months') %}
{%- set time_unit_days = positive_integer_var('clv_time_unit_days') %}

with

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

calibrations as (
    select
        'scoring' as calibration,
        as_of_date as calibration_date,
        as_of_date
    from analysis_dates

    union all

    select
        'holdout' as calibration,
        cast({{ dbt.dateadd('month', -(horizon_months | int), 'as_of_date') }} as date) as calibration_date,
        as_of_date
    from analysis_dates
),

final as (
    select
        calibration,
        {{ time_unit_days }} as time_unit_days,
        {{ horizon_months }} as horizon_months,
        calibration_date,
        cast({{ dbt.dateadd('month', horizon_months, 'calibration_date') }} as date) as horizon_end_date,
        as_of_date
    from calibrations
)

select * from final
