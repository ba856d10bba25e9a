with

sessions as (
    select * from {{ ref('int_sessions_stitched') }}
),

funnel_steps as (
    select * from {{ ref('funnel_steps') }}
),

step_names as (
    select distinct
        funnel_step_number,
        funnel_step
    from funnel_steps
),

sessions_described as (
    select
        sessions.session_id,
        sessions.device_id,
        sessions.member_id,
        sessions.order_id,
        sessions.platform,
        case
            when sessions.utm_source is null then 'direct'
            when sessions.utm_medium is null then sessions.utm_source
            else {{ dbt.concat(['sessions.utm_source', "' / '", 'sessions.utm_medium']) }}
        end as channel,
        sessions.utm_source,
        sessions.utm_medium,
        sessions.utm_campaign,
        step_names.funnel_step as furthest_funnel_step,
        sessions.furthest_funnel_step_number,
        sessions.event_count,
        sessions.page_view_count,
        sessions.product_view_count,
        sessions.add_to_cart_count,
        sessions.purchase_order_count,
        {{ dbt.datediff('sessions.started_at', 'sessions.ended_at', 'second') | trim }} as duration_seconds,
        step_names.funnel_step = 'purchase' as has_purchase,
        sessions.started_date,
        sessions.started_at,
        sessions.ended_at
    from sessions
    left join step_names
        on sessions.furthest_funnel_step_number = step_names.funnel_step_number
),

final as (
    select
        cast(session_id as {{ dbt.type_string() }}) as session_id,
        cast(device_id as {{ dbt.type_string() }}) as device_id,
        cast(member_id as {{ dbt.type_string() }}) as member_id,
        cast(order_id as {{ dbt.type_string() }}) as order_id,
        cast(platform as {{ dbt.type_string() }}) as platform,
        cast(channel as {{ dbt.type_string() }}) as channel,
        cast(utm_source as {{ dbt.type_string() }}) as utm_source,
        cast(utm_medium as {{ dbt.type_string() }}) as utm_medium,
        cast(utm_campaign as {{ dbt.type_string() }}) as utm_campaign,
        cast(furthest_funnel_step as {{ dbt.type_string() }}) as furthest_funnel_step,
        cast(furthest_funnel_step_number as bigint) as furthest_funnel_step_number,
        cast(event_count as bigint) as event_count,
        cast(page_view_count as bigint) as page_view_count,
        cast(product_view_count as bigint) as product_view_count,
        cast(add_to_cart_count as bigint) as add_to_cart_count,
        cast(purchase_order_count as bigint) as purchase_order_count,
        cast(duration_seconds as bigint) as duration_seconds,
        cast(coalesce(has_purchase, false) as boolean) as has_purchase,
        cast(started_date as date) as session_date,
        cast(started_at as timestamp) as started_at,
        cast(ended_at as timestamp) as ended_at
    from sessions_described
)

select * from final
-- Stored in time order: neighbouring rows then hold close timestamps, which
-- DuckDB compresses to fewer bytes (see "Where the space goes" in
-- docs/benchmarks.md).
order by started_at, device_id
