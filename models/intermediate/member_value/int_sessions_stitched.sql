{#-
    A view: fct_sessions is where these rows are materialised, once, and the
    engagement signals read them there. Events are the biggest input, so the
    two device windows below run once per build.
-#}
{{ config(materialized='view') }}

{%- set timeout_seconds = 60 * (positive_integer_var('session_timeout_minutes', 'minutes') | int) %}

with

events as (
    select * from {{ ref('stg_shop__events') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

funnel_steps as (
    select * from {{ ref('funnel_steps') }}
),

channels as (
    select * from {{ ref('int_event_channels_enumerated') }}
),

-- Only what the sessions need travels through the two windows below, as
-- narrow as it can: flags rather than event type names, one channel code
-- rather than the platform and utm strings (decoded per session in final),
-- and the order id of purchase events only.
device_events as (
    select
        coalesce(events.anonymous_id, {{ dbt.concat(["'member:'", 'events.member_id']) }}) as device_id,
        events.event_id,
        events.member_id,
        case when events.event_type = 'purchase' then events.order_id end as order_id,
        channels.channel_code,
        events.platform is not null as has_platform,
        events.utm_source is not null as has_utm_source,
        events.event_type = 'page_view' as is_page_view,
        events.event_type = 'product_view' as is_product_view,
        events.event_type = 'add_to_cart' as is_add_to_cart,
        funnel_steps.funnel_step_number,
        events.event_at
    from events
    left join funnel_steps
        on events.event_type = funnel_steps.event_type
    left join channels
        on events.platform is not distinct from channels.platform
            and events.utm_source is not distinct from channels.utm_source
            and events.utm_medium is not distinct from channels.utm_medium
            and events.utm_campaign is not distinct from channels.utm_campaign
    -- `not exists` rather than a join to analysis_dates (one row, tested): the
    -- same filter, but DuckDB estimates that join to leave a few dozen events,
    -- and would then build the hash tables of the joins above from all the
    -- events instead of from the seed and the channel codes (out of memory at
    -- 1,000,000 members).
    where
        not exists (
            select 1 from analysis_dates
            where events.event_date > analysis_dates.as_of_date
        )
        and (events.anonymous_id is not null or events.member_id is not null)
),

events_sequenced as (
    select
        device_id,
        member_id,
        order_id,
        channel_code,
        has_platform,
        has_utm_source,
        is_page_view,
        is_product_view,
        is_add_to_cart,
        funnel_step_number,
        row_number() over (
            partition by device_id
            order by event_at asc nulls last, event_id asc nulls last
        ) as event_sequence,
        event_at,
        lag(event_at) over (
            partition by device_id
            order by event_at asc nulls last, event_id asc nulls last
        ) as previous_event_at
    from device_events
),

sessions_numbered as (
    select
        device_id,
        member_id,
        order_id,
        channel_code,
        has_platform,
        has_utm_source,
        is_page_view,
        is_product_view,
        is_add_to_cart,
        funnel_step_number,
        event_sequence,
        sum(case
            when previous_event_at is null then 1
            when {{ dbt.datediff('previous_event_at', 'event_at', 'second') | trim }} > {{ timeout_seconds }} then 1
            else 0
        end) over (
            partition by device_id
            order by event_sequence asc
            rows between unbounded preceding and current row
        ) as session_number,
        event_at
    from events_sequenced
),

sessions_aggregated as (
    select
        device_id,
        session_number,
        min(member_id) as min_signed_in_member_id,
        max(member_id) as max_signed_in_member_id,
        {{ value_at_first('member_id', 'case when member_id is not null then event_sequence end') }}
            as first_signed_in_member_id,
        {{ value_at_first('order_id', 'case when order_id is not null then event_sequence end') }} as order_id,
        {{ value_at_first('channel_code', 'case when has_platform then event_sequence end') }}
            as platform_channel_code,
        -- The three utm fields come from the same event, so from one code.
        {{ value_at_first('channel_code', 'case when has_utm_source then event_sequence end') }}
            as utm_channel_code,
        count(*) as event_count,
        count(case when is_page_view then 1 end) as page_view_count,
        count(case when is_product_view then 1 end) as product_view_count,
        count(case when is_add_to_cart then 1 end) as add_to_cart_count,
        count(order_id) as purchase_order_count,
        max(funnel_step_number) as furthest_funnel_step_number,
        min(event_at) as started_at,
        max(event_at) as ended_at
    from sessions_numbered
    group by device_id, session_number
),

-- A device belongs to a member when exactly one member signed in on it up to
-- the analysis date; a session on any other device belongs to the first
-- member who signed in during it, if any.
device_members as (
    select
        device_id,
        min(min_signed_in_member_id) as member_id
    from sessions_aggregated
    group by device_id
    having min(min_signed_in_member_id) = max(max_signed_in_member_id)
),

final as (
    select
        {{ dbt.concat([
            'sessions_aggregated.device_id', "'#'",
            "cast(sessions_aggregated.session_number as " ~ dbt.type_string() ~ ")",
        ]) }} as session_id,
        sessions_aggregated.device_id,
        coalesce(device_members.member_id, sessions_aggregated.first_signed_in_member_id) as member_id,
        sessions_aggregated.order_id,
        platform_channels.platform,
        utm_channels.utm_source,
        utm_channels.utm_medium,
        utm_channels.utm_campaign,
        sessions_aggregated.event_count,
        sessions_aggregated.page_view_count,
        sessions_aggregated.product_view_count,
        sessions_aggregated.add_to_cart_count,
        sessions_aggregated.purchase_order_count,
        sessions_aggregated.furthest_funnel_step_number,
        cast(sessions_aggregated.started_at as date) as started_date,
        sessions_aggregated.started_at,
        sessions_aggregated.ended_at
    from sessions_aggregated
    left join device_members
        on sessions_aggregated.device_id = device_members.device_id
    left join channels as platform_channels
        on sessions_aggregated.platform_channel_code = platform_channels.channel_code
    left join channels as utm_channels
        on sessions_aggregated.utm_channel_code = utm_channels.channel_code
)

select * from final
