with

purchase_summaries as (
    select * from {{ ref('int_members_purchases_summarised') }}
),

parameters as (
    select * from {{ ref('int_clv_parameters_pivoted') }}
),

expectations as (
    select * from {{ ref('int_clv_purchase_expectations_computed') }}
),

members_with_parameters as (
    select
        purchase_summaries.calibration,
        purchase_summaries.member_id,
        purchase_summaries.repeat_purchase_count,
        cast(purchase_summaries.first_to_last_purchase_days as double) / parameters.time_unit_days as t_x,
        cast(purchase_summaries.first_purchase_to_calibration_days as double) / parameters.time_unit_days as t_cal,
        {{ safe_divide('purchase_summaries.repeat_purchase_amount', 'purchase_summaries.repeat_purchase_count') }}
            as mean_repeat_purchase_amount,
        parameters.r,
        parameters.alpha,
        parameters.a,
        parameters.b,
        parameters.p,
        parameters.q,
        parameters.v,
        parameters.is_bg_nbd_fitted,
        parameters.is_gamma_gamma_fitted,
        expectations.expected_purchases_if_alive,
        expectations.horizon_purchases_if_alive,
        expectations.discounted_purchases_if_alive,
        purchase_summaries.calibration_date
    from purchase_summaries
    inner join parameters
        on purchase_summaries.calibration = parameters.calibration
    left join expectations
        on
            purchase_summaries.calibration = expectations.calibration
            and purchase_summaries.repeat_purchase_count = expectations.repeat_purchase_count
            and purchase_summaries.first_purchase_to_calibration_days = expectations.first_purchase_to_calibration_days
),

probabilities as (
    select
        members_with_parameters.*,
        {%- set member = 'members_with_parameters.' %}
        case
            when {{ member }}is_bg_nbd_fitted
                then {{ bg_nbd_p_alive(
                    member ~ 'repeat_purchase_count', member ~ 't_x', member ~ 't_cal',
                    member ~ 'r', member ~ 'alpha', member ~ 'a', member ~ 'b',
                ) }}
        end as p_alive,
        case
            when {{ member }}is_gamma_gamma_fitted
                then {{ gamma_gamma_expected_spend(
                    member ~ 'repeat_purchase_count', member ~ 'mean_repeat_purchase_amount',
                    member ~ 'p', member ~ 'q', member ~ 'v',
                ) }}
        end as expected_spend
    from members_with_parameters
),

-- Predictions rounded to 9 decimals, the same on every engine (macro round_portably).
final as (
    select
        calibration,
        member_id,
        case
            when not is_bg_nbd_fitted then 'bg_nbd_not_fitted'
            when not is_gamma_gamma_fitted then 'gamma_gamma_not_fitted'
            else 'predicted'
        end as prediction_status,
        repeat_purchase_count,
        t_x,
        t_cal,
        mean_repeat_purchase_amount,
        {{ round_portably('p_alive', 9) }} as p_alive,
        {{ round_portably('p_alive * expected_purchases_if_alive', 9) }} as expected_purchases,
        {{ round_portably('p_alive * horizon_purchases_if_alive', 9) }} as expected_horizon_purchases,
        {{ round_portably('expected_spend', 9) }} as expected_spend,
        {{ round_portably('expected_spend * p_alive * discounted_purchases_if_alive', 9) }} as predicted_clv,
        calibration_date
    from probabilities
)

select * from final
