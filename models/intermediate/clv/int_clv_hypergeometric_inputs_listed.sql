with

purchase_summaries as (
    select * from {{ ref('int_members_purchases_summarised') }}
),

horizons as (
    select * from {{ ref('int_clv_horizons_resolved') }}
),

parameters as (
    select * from {{ ref('int_clv_parameters_pivoted') }}
),

member_ages as (
    select distinct
        calibration,
        repeat_purchase_count,
        first_purchase_to_calibration_days
    from purchase_summaries
),

horizon_lengths as (
    select distinct
        calibration,
        horizon_days
    from horizons
),

final as (
    select
        member_ages.calibration,
        cast(member_ages.repeat_purchase_count as bigint) as repeat_purchase_count,
        cast(member_ages.first_purchase_to_calibration_days as bigint) as first_purchase_to_calibration_days,
        cast(horizon_lengths.horizon_days as bigint) as horizon_days,
        parameters.time_unit_days,
        parameters.r,
        parameters.alpha,
        parameters.a,
        parameters.b
    from member_ages
    inner join horizon_lengths
        on member_ages.calibration = horizon_lengths.calibration
    inner join parameters
        on member_ages.calibration = parameters.calibration
    where parameters.is_bg_nbd_fitted
)

select * from final
