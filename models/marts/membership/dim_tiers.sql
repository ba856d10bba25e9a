with

tier_rules as (
    select * from {{ ref('int_tier_rules_validated') }}
),

members as (
    select * from {{ ref('int_members_tiered') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

computed_counts as (
    select
        computed_tier_rank as tier_rank,
        count(*) as member_count
    from members
    group by computed_tier_rank
),

official_counts as (
    select
        official_tier_rank as tier_rank,
        count(*) as member_count
    from members
    group by official_tier_rank
),

final as (
    select
        cast(tier_rules.tier as {{ dbt.type_string() }}) as tier,
        cast(tier_rules.benefits as {{ dbt.type_string() }}) as benefits,
        cast(tier_rules.next_tier as {{ dbt.type_string() }}) as next_tier,
        cast(tier_rules.tier_rank as bigint) as tier_rank,
        cast(tier_rules.min_value_score as double) as min_value_score,
        cast(tier_rules.min_trailing_12m_spend as decimal(18, 2)) as min_trailing_12m_spend,
        cast(tier_rules.min_trailing_12m_orders as bigint) as min_trailing_12m_orders,
        cast(tier_rules.points_multiplier as double) as points_multiplier,
        cast(coalesce(computed_counts.member_count, 0) as bigint) as computed_member_count,
        cast(coalesce(official_counts.member_count, 0) as bigint) as official_member_count,
        tier_rules.is_entry_tier,
        analysis_dates.as_of_date
    from tier_rules
    cross join analysis_dates
    left join computed_counts
        on tier_rules.tier_rank = computed_counts.tier_rank
    left join official_counts
        on tier_rules.tier_rank = official_counts.tier_rank
)

select * from final
