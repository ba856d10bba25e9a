with

members as (
    select * from {{ ref('int_members_tiered') }}
),

ranked as (
    select
        member_id,
        net_revenue_t12m,
        row_number() over (order by net_revenue_t12m desc, member_id asc) as revenue_rank,
        count(*) over () as member_total,
        evaluation_date as as_of_date
    from members
),

-- percentile = ceil(100 x rank / members), in whole numbers: floor((100 x
-- rank - 1) / members) + 1.
percentiled as (
    select
        member_id,
        net_revenue_t12m,
        member_total,
        cast(floor(cast(100 * revenue_rank - 1 as double) / cast(member_total as double)) as bigint) + 1
            as member_percentile,
        as_of_date
    from ranked
),

percentiles as (
    select
        member_percentile,
        count(*) as member_count,
        sum(net_revenue_t12m) as net_revenue,
        max(net_revenue_t12m) as highest_member_revenue,
        min(net_revenue_t12m) as lowest_member_revenue,
        max(member_total) as member_total,
        max(as_of_date) as as_of_date
    from percentiled
    group by member_percentile
),

cumulated as (
    select
        member_percentile,
        member_count,
        net_revenue,
        highest_member_revenue,
        lowest_member_revenue,
        sum(member_count) over (
            order by member_percentile asc rows between unbounded preceding and current row
        ) as cumulative_member_count,
        sum(net_revenue) over (
            order by member_percentile asc rows between unbounded preceding and current row
        ) as cumulative_net_revenue,
        member_total,
        sum(net_revenue) over () as net_revenue_total,
        as_of_date
    from percentiles
),

final as (
    select
        cast(member_percentile as bigint) as member_percentile,
        cast(member_count as bigint) as member_count,
        cast(cumulative_member_count as bigint) as cumulative_member_count,
        cast(net_revenue as decimal(18, 2)) as net_revenue,
        cast(cumulative_net_revenue as decimal(18, 2)) as cumulative_net_revenue,
        cast(highest_member_revenue as decimal(18, 2)) as highest_member_revenue,
        cast(lowest_member_revenue as decimal(18, 2)) as lowest_member_revenue,
        cast({{ safe_divide('cumulative_member_count', 'member_total') }} as double) as cumulative_member_share,
        cast({{ safe_divide('net_revenue', 'net_revenue_total') }} as double) as net_revenue_share,
        cast({{ safe_divide('cumulative_net_revenue', 'net_revenue_total') }} as double)
            as cumulative_net_revenue_share,
        as_of_date
    from cumulated
)

select * from final
