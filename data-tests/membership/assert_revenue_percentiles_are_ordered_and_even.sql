-- The revenue curve ranks members from the top down and cuts them evenly:
-- no member of a percentile has less trailing-12-month net revenue than a
-- member of the next percentile, the percentiles' sizes differ by at most
-- one member, and together they hold every member of dim_members once.
with

curve as (
    select * from {{ ref('rpt_revenue_concentration') }}
),

members as (
    select count(*) as member_count
    from {{ ref('dim_members') }}
),

neighbours as (
    select
        member_percentile,
        member_count,
        lowest_member_revenue,
        lead(highest_member_revenue) over (order by member_percentile asc) as next_highest_member_revenue
    from curve
),

sizes as (
    select
        min(member_count) as smallest_percentile,
        max(member_count) as largest_percentile,
        sum(member_count) as member_count
    from curve
)

select
    'order' as problem,
    neighbours.member_percentile,
    neighbours.lowest_member_revenue,
    neighbours.next_highest_member_revenue
from neighbours
where neighbours.next_highest_member_revenue > neighbours.lowest_member_revenue
union all
select
    'size' as problem,
    sizes.largest_percentile as member_percentile,
    sizes.smallest_percentile as lowest_member_revenue,
    members.member_count as next_highest_member_revenue
from sizes
cross join members
where
    sizes.largest_percentile - sizes.smallest_percentile > 1
    or sizes.member_count <> members.member_count
