-- Each tier asks for strictly more trailing-12-month spend, and at least as
-- many orders, as the tier below it; the entry tier asks for nothing.
with

tiers as (
    select * from {{ ref('tier_rules') }}
),

compared as (
    select
        tier,
        tier_rank,
        min_trailing_12m_spend,
        min_trailing_12m_orders,
        lag(min_trailing_12m_spend) over (order by tier_rank) as lower_tier_spend,
        lag(min_trailing_12m_orders) over (order by tier_rank) as lower_tier_orders
    from tiers
)

select *
from compared
where
    (lower_tier_spend is null and (min_trailing_12m_spend <> 0 or min_trailing_12m_orders <> 0))
    or min_trailing_12m_spend <= lower_tier_spend
    or min_trailing_12m_orders < lower_tier_orders
