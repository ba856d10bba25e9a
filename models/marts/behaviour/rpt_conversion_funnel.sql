with

sessions as (
    select * from {{ ref('fct_sessions') }}
),

monthly_tiers as (
    select * from {{ ref('fct_member_monthly_tiers') }}
),

sessions_tiered as (
    select
        sessions.session_date,
        coalesce(sessions.platform, 'unknown') as platform,
        sessions.channel,
        coalesce(monthly_tiers.computed_tier, 'anonymous') as member_tier,
        sessions.furthest_funnel_step_number
    from sessions
    left join monthly_tiers
        on
            sessions.member_id = monthly_tiers.member_id
            and cast({{ dbt.date_trunc('month', 'sessions.session_date') }} as date) = monthly_tiers.month_start_date
),

step_counts as (
    select
        session_date,
        platform,
        channel,
        member_tier,
        count(case when furthest_funnel_step_number >= 1 then 1 end) as page_view_session_count,
        count(case when furthest_funnel_step_number >= 2 then 1 end) as product_view_session_count,
        count(case when furthest_funnel_step_number >= 3 then 1 end) as add_to_cart_session_count,
        count(case when furthest_funnel_step_number >= 4 then 1 end) as begin_checkout_session_count,
        count(case when furthest_funnel_step_number >= 5 then 1 end) as purchase_session_count
    from sessions_tiered
    group by session_date, platform, channel, member_tier
),

step_rates as (
    select
        step_counts.*,
        {{ safe_divide('product_view_session_count', 'page_view_session_count') }} as product_view_conversion_rate,
        {{ safe_divide('add_to_cart_session_count', 'product_view_session_count') }} as add_to_cart_conversion_rate,
        {{ safe_divide('begin_checkout_session_count', 'add_to_cart_session_count') }}
            as begin_checkout_conversion_rate,
        {{ safe_divide('purchase_session_count', 'begin_checkout_session_count') }} as purchase_conversion_rate,
        {{ safe_divide('purchase_session_count', 'page_view_session_count') }} as overall_conversion_rate
    from step_counts
),

final as (
    select
        cast(platform as {{ dbt.type_string() }}) as platform,
        cast(channel as {{ dbt.type_string() }}) as channel,
        cast(member_tier as {{ dbt.type_string() }}) as member_tier,
        cast(page_view_session_count as bigint) as page_view_session_count,
        cast(product_view_session_count as bigint) as product_view_session_count,
        cast(add_to_cart_session_count as bigint) as add_to_cart_session_count,
        cast(begin_checkout_session_count as bigint) as begin_checkout_session_count,
        cast(purchase_session_count as bigint) as purchase_session_count,
        cast(product_view_conversion_rate as double) as product_view_conversion_rate,
        cast(add_to_cart_conversion_rate as double) as add_to_cart_conversion_rate,
        cast(begin_checkout_conversion_rate as double) as begin_checkout_conversion_rate,
        cast(purchase_conversion_rate as double) as purchase_conversion_rate,
        cast(1 - product_view_conversion_rate as double) as page_view_drop_off_rate,
        cast(1 - add_to_cart_conversion_rate as double) as product_view_drop_off_rate,
        cast(1 - begin_checkout_conversion_rate as double) as add_to_cart_drop_off_rate,
        cast(1 - purchase_conversion_rate as double) as begin_checkout_drop_off_rate,
        cast(overall_conversion_rate as double) as overall_conversion_rate,
        cast(session_date as date) as session_date
    from step_rates
)

select * from final
