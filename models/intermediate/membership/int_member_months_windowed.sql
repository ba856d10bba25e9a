{#-
    Stored (not a view) although one model reads it (through the view
    int_member_months_scored): as a view, its windows and the tiering's would
    run in one query, which ran out of memory at 1,000,000 members under the
    profile's default 3GB limit.
-#}

with

members as (
    select * from {{ ref('int_members_tenure_computed') }}
),

member_months as (
    select * from {{ ref('int_member_months_aggregated') }}
),

months as (
    select * from {{ ref('int_tier_months_enumerated') }}
),

first_activity_months as (
    select
        member_id,
        min(month_index) as first_activity_month_index
    from member_months
    group by member_id
),

-- Activity dated before a member's signup (it should not happen) still counts
-- in the windows that cover it, so a member's months start at the earlier of
-- the two; rows are kept from the signup month on.
member_spans as (
    select
        members.member_id,
        members.signup_date,
        {{ month_index('members.signup_date') }} as signup_month_index,
        least(
            {{ month_index('members.signup_date') }},
            coalesce(first_activity_months.first_activity_month_index, {{ month_index('members.signup_date') }})
        ) as first_month_index
    from members
    left join first_activity_months
        on members.member_id = first_activity_months.member_id
),

member_month_grid as (
    select
        member_spans.member_id,
        member_spans.signup_month_index,
        months.month_index,
        {{ dbt.datediff('member_spans.signup_date', 'months.evaluation_date', 'day') | trim }} as tenure_days
    from member_spans
    inner join months
        on member_spans.first_month_index <= months.month_index
),

-- Trailing 12 months: the evaluation month and the 11 before it. The grid
-- has a row for every month from the member's first on, so 11 rows back is
-- 11 months back.
windowed as (
    select
        member_month_grid.member_id,
        member_month_grid.signup_month_index,
        member_month_grid.month_index,
        member_month_grid.tenure_days,
        sum(coalesce(member_months.net_revenue, 0)) over (
            partition by member_month_grid.member_id order by member_month_grid.month_index asc
            rows between 11 preceding and current row
        ) as net_revenue_t12m,
        sum(coalesce(member_months.order_count, 0)) over (
            partition by member_month_grid.member_id order by member_month_grid.month_index asc
            rows between 11 preceding and current row
        ) as order_count_t12m,
        sum(coalesce(member_months.purchase_day_count, 0)) over (
            partition by member_month_grid.member_id order by member_month_grid.month_index asc
            rows between 11 preceding and current row
        ) as purchase_day_count_t12m,
        sum(coalesce(member_months.review_count, 0)) over (
            partition by member_month_grid.member_id order by member_month_grid.month_index asc
            rows between 11 preceding and current row
        ) as review_count_t12m,
        sum(coalesce(member_months.campaign_response_count, 0)) over (
            partition by member_month_grid.member_id order by member_month_grid.month_index asc
            rows between 11 preceding and current row
        ) as campaign_response_count_t12m,
        sum(coalesce(member_months.referral_count, 0)) over (
            partition by member_month_grid.member_id order by member_month_grid.month_index asc
            rows between unbounded preceding and current row
        ) as referral_count,
        -- The latest official tier change so far: month x 100 + rank, so that
        -- the running maximum is the latest month's change (ranks are 1-9).
        max(member_months.official_tier_rank + 100 * member_month_grid.month_index) over (
            partition by member_month_grid.member_id order by member_month_grid.month_index asc
            rows between unbounded preceding and current row
        ) as latest_official_tier_key
    from member_month_grid
    left join member_months
        on
            member_month_grid.member_id = member_months.member_id
            and member_month_grid.month_index = member_months.month_index
),

final as (
    select
        member_id,
        month_index,
        cast(net_revenue_t12m as {{ amount_type() }}) as net_revenue_t12m,
        cast(order_count_t12m as bigint) as order_count_t12m,
        cast(purchase_day_count_t12m as bigint) as purchase_day_count_t12m,
        cast(
            coalesce({{ round_portably(safe_divide('net_revenue_t12m', 'order_count_t12m'), 2) }}, 0)
            as {{ amount_type() }}
        ) as average_order_value_t12m,
        cast(review_count_t12m as bigint) as review_count_t12m,
        cast(campaign_response_count_t12m as bigint) as campaign_response_count_t12m,
        cast(referral_count as bigint) as referral_count,
        cast(tenure_days as bigint) as tenure_days,
        cast(latest_official_tier_key % 100 as bigint) as official_tier_rank
    from windowed
    where month_index >= signup_month_index
)

select * from final
