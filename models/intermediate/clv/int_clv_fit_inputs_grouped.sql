with

purchase_summaries as (
    select * from {{ ref('int_members_purchases_summarised') }}
),

calibrations as (
    select * from {{ ref('int_clv_calibrations_resolved') }}
),

-- The BG/NBD likelihood depends on a member only through (x, t_x, T).
bg_nbd_inputs as (
    select
        calibration,
        'bg_nbd' as likelihood,
        repeat_purchase_count,
        first_to_last_purchase_days,
        first_purchase_to_calibration_days,
        cast(null as {{ amount_type() }}) as repeat_purchase_amount,
        count(*) as member_count
    from purchase_summaries
    group by calibration, repeat_purchase_count, first_to_last_purchase_days, first_purchase_to_calibration_days
),

-- The Gamma-Gamma likelihood depends on a repeat buyer through (x, spend of the repeat purchases).
gamma_gamma_inputs as (
    select
        calibration,
        'gamma_gamma' as likelihood,
        repeat_purchase_count,
        cast(null as integer) as first_to_last_purchase_days,
        cast(null as integer) as first_purchase_to_calibration_days,
        repeat_purchase_amount,
        count(*) as member_count
    from purchase_summaries
    where repeat_purchase_count > 0
    group by calibration, repeat_purchase_count, repeat_purchase_amount
),

grouped as (
    select * from bg_nbd_inputs
    union all
    select * from gamma_gamma_inputs
),

final as (
    select
        grouped.calibration,
        grouped.likelihood,
        cast(grouped.repeat_purchase_count as bigint) as repeat_purchase_count,
        cast(grouped.first_to_last_purchase_days as bigint) as first_to_last_purchase_days,
        cast(grouped.first_purchase_to_calibration_days as bigint) as first_purchase_to_calibration_days,
        grouped.repeat_purchase_amount,
        cast(grouped.member_count as bigint) as member_count,
        calibrations.time_unit_days
    from grouped
    inner join calibrations
        on grouped.calibration = calibrations.calibration
)

select * from final
