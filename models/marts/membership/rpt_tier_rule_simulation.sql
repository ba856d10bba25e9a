with

members as (
    select * from {{ ref('int_members_tiered') }}
),

current_rules as (
    select * from {{ ref('int_tier_rules_validated') }}
),

proposed_rules as (
    select * from {{ ref('int_tier_rules_proposed_validated') }}
),

proposed_pivot as (
    {{ tier_rules_pivoted('proposed_rules') }}
),

members_retiered as (
    select
        members.member_id,
        members.computed_tier_rank as current_tier_rank,
        {{ qualifying_tier_rank(
            'proposed_pivot', 'members.value_score', 'members.net_revenue_t12m', 'members.order_count_t12m'
        ) }} as proposed_tier_rank,
        members.net_revenue_t12m,
        members.evaluation_date as as_of_date
    from members
    cross join proposed_pivot
),

member_points as (
    select
        members_retiered.current_tier_rank,
        members_retiered.proposed_tier_rank,
        members_retiered.net_revenue_t12m,
        floor(greatest(members_retiered.net_revenue_t12m, 0) * current_rules.points_multiplier)
            as points_at_current_rules,
        floor(greatest(members_retiered.net_revenue_t12m, 0) * proposed_rules.points_multiplier)
            as points_at_proposed_rules,
        members_retiered.as_of_date
    from members_retiered
    inner join current_rules
        on members_retiered.current_tier_rank = current_rules.tier_rank
    inner join proposed_rules
        on members_retiered.proposed_tier_rank = proposed_rules.tier_rank
),

cells as (
    select
        current_tier_rank,
        proposed_tier_rank,
        count(*) as member_count,
        sum(net_revenue_t12m) as net_revenue_t12m,
        sum(points_at_current_rules) as points_at_current_rules,
        sum(points_at_proposed_rules) as points_at_proposed_rules
    from member_points
    group by current_tier_rank, proposed_tier_rank
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

grid as (
    select
        current_rules.tier as current_tier,
        proposed_rules.tier as proposed_tier,
        current_rules.tier_rank as current_tier_rank,
        proposed_rules.tier_rank as proposed_tier_rank,
        coalesce(cells.member_count, 0) as member_count,
        coalesce(cells.net_revenue_t12m, 0) as net_revenue_t12m,
        coalesce(cells.points_at_current_rules, 0) as points_at_current_rules,
        coalesce(cells.points_at_proposed_rules, 0) as points_at_proposed_rules
    from current_rules
    cross join proposed_rules
    left join cells
        on
            current_rules.tier_rank = cells.current_tier_rank
            and proposed_rules.tier_rank = cells.proposed_tier_rank
),

shares as (
    select
        grid.*,
        sum(grid.member_count) over (partition by grid.proposed_tier_rank) as proposed_tier_member_count,
        sum(grid.net_revenue_t12m) over (partition by grid.proposed_tier_rank) as proposed_tier_net_revenue,
        sum(grid.member_count) over () as member_total,
        sum(grid.net_revenue_t12m) over () as net_revenue_total
    from grid
),

final as (
    select
        cast(shares.current_tier as {{ dbt.type_string() }}) as current_tier,
        cast(shares.proposed_tier as {{ dbt.type_string() }}) as proposed_tier,
        cast(shares.current_tier_rank as bigint) as current_tier_rank,
        cast(shares.proposed_tier_rank as bigint) as proposed_tier_rank,
        cast(shares.proposed_tier_rank - shares.current_tier_rank as bigint) as tier_rank_change,
        cast(shares.member_count as bigint) as member_count,
        cast(shares.net_revenue_t12m as decimal(18, 2)) as net_revenue_t12m,
        cast(shares.points_at_current_rules as bigint) as points_at_current_rules,
        cast(shares.points_at_proposed_rules as bigint) as points_at_proposed_rules,
        cast({{ safe_divide('shares.member_count', 'shares.member_total') }} as double) as member_share,
        cast({{ safe_divide('shares.proposed_tier_member_count', 'shares.member_total') }} as double)
            as proposed_tier_member_share,
        cast({{ safe_divide('shares.proposed_tier_net_revenue', 'shares.net_revenue_total') }} as double)
            as proposed_tier_net_revenue_share,
        analysis_dates.as_of_date
    from shares
    cross join analysis_dates
)

select * from final
