with

member_tenures as (
    select * from {{ ref('int_members_tenure_computed') }}
),

scored as (
    select * from {{ ref('int_members_clv_scored') }}
    where calibration = 'scoring'
),

final as (
    select
        member_tenures.member_id,
        coalesce(scored.prediction_status, 'no_purchase') as prediction_status,
        scored.repeat_purchase_count,
        scored.t_x,
        scored.t_cal,
        cast({{ round_portably('scored.mean_repeat_purchase_amount', 2) }} as {{ amount_type() }})
            as mean_repeat_purchase_amount,
        scored.p_alive,
        scored.expected_purchases,
        cast({{ round_portably('scored.expected_spend', 2) }} as {{ amount_type() }}) as expected_spend,
        cast({{ round_portably('scored.predicted_clv', 2) }} as {{ amount_type() }}) as predicted_clv,
        member_tenures.as_of_date
    from member_tenures
    left join scored
        on member_tenures.member_id = scored.member_id
)

select * from final
