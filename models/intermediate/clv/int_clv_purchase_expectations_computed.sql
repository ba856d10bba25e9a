{%- set horizon_months = positive_integer_var('clv_horizon_months', 'months') %}

with

hypergeometric_values as (
    select * from {{ ref('int_clv_hypergeometric_evaluated') }}
),

horizons as (
    select * from {{ ref('int_clv_horizons_resolved') }}
),

parameters as (
    select * from {{ ref('int_clv_parameters_pivoted') }}
),

expectations as (
    select
        hypergeometric_values.calibration,
        hypergeometric_values.repeat_purchase_count,
        hypergeometric_values.first_purchase_to_calibration_days,
        horizons.horizon_kind,
        horizons.month_number,
        horizons.clv_weight,
        {{ bg_nbd_expected_purchases_if_alive(
            x='hypergeometric_values.repeat_purchase_count',
            t_cal='cast(hypergeometric_values.first_purchase_to_calibration_days as double) / parameters.time_unit_days',
            horizon='cast(hypergeometric_values.horizon_days as double) / parameters.time_unit_days',
            alpha='parameters.alpha',
            a='parameters.a',
            b='parameters.b',
            hypergeometric_value='hypergeometric_values.hypergeometric_value',
        ) }} as purchases_if_alive
    from hypergeometric_values
    inner join horizons
        on
            hypergeometric_values.calibration = horizons.calibration
            and hypergeometric_values.horizon_days = horizons.horizon_days
    inner join parameters
        on hypergeometric_values.calibration = parameters.calibration
),

aggregated as (
    select
        calibration,
        repeat_purchase_count,
        first_purchase_to_calibration_days,
        max(case when horizon_kind = 'purchase_horizon' then purchases_if_alive end)
            as expected_purchases_if_alive,
        max(case when horizon_kind = 'clv_month' and month_number = {{ horizon_months }} then purchases_if_alive end)
            as horizon_purchases_if_alive,
        sum(clv_weight * purchases_if_alive) as discounted_purchases_if_alive
    from expectations
    group by calibration, repeat_purchase_count, first_purchase_to_calibration_days
),

-- Rounded to 9 decimals, the same on every engine (macro round_portably).
final as (
    select
        calibration,
        repeat_purchase_count,
        first_purchase_to_calibration_days,
        {{ round_portably('expected_purchases_if_alive', 9) }} as expected_purchases_if_alive,
        {{ round_portably('horizon_purchases_if_alive', 9) }} as horizon_purchases_if_alive,
        {{ round_portably('discounted_purchases_if_alive', 9) }} as discounted_purchases_if_alive
    from aggregated
)

select * from final
