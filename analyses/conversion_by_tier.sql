-- How does conversion differ by tier? Overall and step conversion per
-- member tier at the time of the session (anonymous visitors included),
-- over every session up to the analysis date, and each tier's overall
-- conversion against the entry tier's (bronze). Compile with `dbt compile`
-- and run the SQL in target/compiled/.
with

funnel as (
    select * from {{ ref('rpt_conversion_funnel') }}
),

tier_rules as (
    select * from {{ ref('tier_rules') }}
),

tier_totals as (
    select
        member_tier,
        sum(page_view_session_count) as session_count,
        sum(product_view_session_count) as product_view_session_count,
        sum(add_to_cart_session_count) as add_to_cart_session_count,
        sum(begin_checkout_session_count) as begin_checkout_session_count,
        sum(purchase_session_count) as purchase_session_count
    from funnel
    group by member_tier
),

tier_rates as (
    select
        tier_totals.member_tier,
        tier_rules.tier_rank,
        tier_totals.session_count,
        tier_totals.purchase_session_count,
        {{ safe_divide('tier_totals.product_view_session_count', 'tier_totals.session_count') }}
            as product_view_conversion_rate,
        {{ safe_divide('tier_totals.add_to_cart_session_count', 'tier_totals.product_view_session_count') }}
            as add_to_cart_conversion_rate,
        {{ safe_divide('tier_totals.begin_checkout_session_count', 'tier_totals.add_to_cart_session_count') }}
            as begin_checkout_conversion_rate,
        {{ safe_divide('tier_totals.purchase_session_count', 'tier_totals.begin_checkout_session_count') }}
            as purchase_conversion_rate,
        {{ safe_divide('tier_totals.purchase_session_count', 'tier_totals.session_count') }}
            as overall_conversion_rate
    from tier_totals
    left join tier_rules
        on tier_totals.member_tier = tier_rules.tier
),

final as (
    select
        tier_rates.*,
        {{ safe_divide('tier_rates.overall_conversion_rate', 'entry_tier.overall_conversion_rate') }}
            as conversion_index_vs_entry_tier
    from tier_rates
    left join tier_rates as entry_tier
        on entry_tier.tier_rank = 1
)

select * from final
order by tier_rank asc nulls first
