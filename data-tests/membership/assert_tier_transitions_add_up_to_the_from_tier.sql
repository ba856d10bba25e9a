-- For every month, tier basis and from-tier, the transition rows add up to
-- the members who held that tier at the previous month's end.
with

transitions as (
    select * from {{ ref('rpt_tier_transition_matrix') }}
),

monthly as (
    select * from {{ ref('fct_member_monthly_tiers') }}
),

held as (
    select
        {{ month_index('month_start_date') }} + 1 as next_month_index,
        'computed' as tier_basis,
        computed_tier as tier,
        count(*) as member_count
    from monthly
    group by {{ month_index('month_start_date') }}, computed_tier
    union all
    select
        {{ month_index('month_start_date') }} + 1 as next_month_index,
        'official' as tier_basis,
        official_tier as tier,
        count(*) as member_count
    from monthly
    group by {{ month_index('month_start_date') }}, official_tier
),

moved as (
    select
        {{ month_index('month_start_date') }} as month_index,
        tier_basis,
        from_tier,
        sum(member_count) as member_count
    from transitions
    group by {{ month_index('month_start_date') }}, tier_basis, from_tier
),

months as (
    select distinct {{ month_index('month_start_date') }} as month_index
    from transitions
),

compared as (
    select
        coalesce(moved.month_index, held.next_month_index) as month_index,
        coalesce(moved.tier_basis, held.tier_basis) as tier_basis,
        coalesce(moved.from_tier, held.tier) as from_tier,
        coalesce(moved.member_count, 0) as moved_member_count,
        coalesce(held.member_count, 0) as held_member_count
    from moved
    full outer join held
        on
            moved.month_index = held.next_month_index
            and moved.tier_basis = held.tier_basis
            and moved.from_tier = held.tier
)

-- Months without a transition row (the first month, the month after the
-- analysis date) are not compared.
select compared.*
from compared
inner join months
    on compared.month_index = months.month_index
where compared.moved_member_count <> compared.held_member_count
