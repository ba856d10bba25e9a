with

members as (
    select * from {{ ref('int_members_tiered') }}
),

tier_rules as (
    select * from {{ ref('int_tier_rules_validated') }}
),

final as (
    select
        members.member_id,
        tier_rules.next_tier,
        tier_rules.next_tier_rank,
        case
            when tier_rules.next_tier_rank is not null
                then greatest(tier_rules.next_min_value_score - members.value_score, 0)
        end as next_tier_score_points_missing,
        case
            when tier_rules.next_tier_rank is not null
                then greatest(tier_rules.next_min_trailing_12m_spend - members.net_revenue_t12m, 0)
        end as next_tier_spend_missing,
        case
            when tier_rules.next_tier_rank is not null
                then greatest(tier_rules.next_min_trailing_12m_orders - members.order_count_t12m, 0)
        end as next_tier_orders_missing
    from members
    inner join tier_rules
        on members.computed_tier_rank = tier_rules.tier_rank
)

select * from final
