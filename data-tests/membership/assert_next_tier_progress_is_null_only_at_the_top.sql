-- Next-tier progress is NULL exactly for members of the top tier, and then in
-- every one of its columns.
with

members as (
    select * from {{ ref('dim_members') }}
),

top_tier as (
    select max(tier_rank) as tier_rank
    from {{ ref('dim_tiers') }}
)

select
    members.member_id,
    members.computed_tier_rank,
    members.next_tier,
    members.next_tier_score_points_missing,
    members.next_tier_spend_missing,
    members.next_tier_orders_missing
from members
cross join top_tier
where
    (members.next_tier is null) <> (members.computed_tier_rank = top_tier.tier_rank)
    or (members.next_tier is null) <> (members.next_tier_score_points_missing is null)
    or (members.next_tier is null) <> (members.next_tier_spend_missing is null)
    or (members.next_tier is null) <> (members.next_tier_orders_missing is null)
