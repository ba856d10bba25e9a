{%- set horizon_months = positive_integer_var('clv_horizon_months', 'months') | int %}
{%- set purchase_horizon_periods = positive_integer_var('clv_purchase_horizon_periods', 'time units') %}
{%- set discount_rate = clv_discount_rate() %}

with

calibrations as (
    select * from {{ ref('int_clv_calibrations_resolved') }}
),

month_ends as (
    {% for month_number in range(1, horizon_months + 1) -%}
        select
            calibration,
            {{ month_number }} as month_number,
            calibration_date,
            cast({{ dbt.dateadd('month', month_number, 'calibration_date') }} as date) as horizon_end_date
        from calibrations
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

-- Spend in month k is discounted by D(k) = (1 + rate)^(-k / 12). Summed by
-- parts, sum over k of (E[k] - E[k - 1]) * D(k) = sum over k of E[k] * w(k)
-- with w(k) = D(k) - D(k + 1) and w(last month) = D(last month).
month_steps as (
    select
        calibration,
        'clv_month' as horizon_kind,
        month_number,
        {{ dbt.datediff('calibration_date', 'horizon_end_date', 'day') | trim }} as horizon_days,
        case
            when month_number = {{ horizon_months }}
                then power(1 + {{ discount_rate }}, -cast(month_number as double) / 12)
            else power(1 + {{ discount_rate }}, -cast(month_number as double) / 12)
                - power(1 + {{ discount_rate }}, -cast(month_number + 1 as double) / 12)
        end as clv_weight
    from month_ends
),

purchase_horizons as (
    select
        calibration,
        'purchase_horizon' as horizon_kind,
        cast(null as integer) as month_number,
        {{ purchase_horizon_periods }} * time_unit_days as horizon_days,
        cast(0 as double) as clv_weight
    from calibrations
),

final as (
    select
        calibration,
        horizon_kind,
        month_number,
        horizon_days,
        cast(clv_weight as double) as clv_weight
    from month_steps

    union all

    select
        calibration,
        horizon_kind,
        month_number,
        horizon_days,
        clv_weight
    from purchase_horizons
)

select * from final
