with

member_months as (
    select * from {{ ref('int_member_months_tiered') }}
),

final as (
    select
        cast(member_months.member_id as {{ dbt.type_string() }}) as member_id,
        cast(member_months.computed_tier as {{ dbt.type_string() }}) as computed_tier,
        cast(member_months.official_tier as {{ dbt.type_string() }}) as official_tier,
        cast(member_months.value_score as double) as value_score,
        cast(member_months.net_revenue_t12m as decimal(18, 2)) as net_revenue_t12m,
        cast(member_months.order_count_t12m as bigint) as order_count_t12m,
        cast(member_months.purchase_day_count_t12m as bigint) as purchase_day_count_t12m,
        cast(member_months.average_order_value_t12m as decimal(18, 2)) as average_order_value_t12m,
        cast(member_months.review_count_t12m as bigint) as review_count_t12m,
        cast(member_months.campaign_response_count_t12m as bigint) as campaign_response_count_t12m,
        cast(member_months.referral_count as bigint) as referral_count,
        cast(member_months.tenure_days as bigint) as tenure_days,
        cast(member_months.computed_tier_rank as bigint) as computed_tier_rank,
        cast(member_months.official_tier_rank as bigint) as official_tier_rank,
        cast(member_months.computed_tier_rank - member_months.official_tier_rank as bigint) as tier_rank_gap,
        member_months.is_month_complete,
        member_months.month_start_date,
        member_months.evaluation_date
    from member_months
)

select * from final
