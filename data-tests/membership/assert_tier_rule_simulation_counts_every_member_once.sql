-- The simulation tiers every member once: per current tier, its rows add up
-- to the members whose computed tier it is in dim_members.
with

simulation as (
    select
        current_tier,
        sum(member_count) as member_count
    from {{ ref('rpt_tier_rule_simulation') }}
    group by current_tier
),

members as (
    select
        computed_tier,
        count(*) as member_count
    from {{ ref('dim_members') }}
    group by computed_tier
)

select
    coalesce(simulation.current_tier, members.computed_tier) as tier,
    coalesce(simulation.member_count, 0) as simulated_member_count,
    coalesce(members.member_count, 0) as member_count
from simulation
full outer join members
    on simulation.current_tier = members.computed_tier
where coalesce(simulation.member_count, 0) <> coalesce(members.member_count, 0)
