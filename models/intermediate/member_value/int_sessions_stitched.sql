{%- set timeout_seconds = 60 * (positive_integer_var('session_timeout_minutes', 'minutes') | int) %}

with

events as (
    select * from {{ ref('stg_shop__events') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

-- A device (anonymous_id) belongs to a member when, up to the analysis date,
-- exactly one member has signed in on it.
device_members as (
    select
        events.anonymous_id,
        min(events.member_id) as member_id
    from events
    cross join analysis_dates
    where
        events.member_id is not null
        and events.anonymous_id is not null
        and events.event_date <= analysis_dates.as_of_date
    group by events.anonymous_id
    having count(distinct events.member_id) = 1
),

window_events as (
    select
        events.event_id,
        coalesce(events.anonymous_id, {{ dbt.concat(["'member:'", 'events.member_id']) }}) as device_id,
        coalesce(events.member_id, device_members.member_id) as member_id,
        events.event_type,
        events.event_at
    from events
    cross join analysis_dates
    left join device_members
        on events.anonymous_id = device_members.anonymous_id
    where
        events.event_date between analysis_dates.engagement_window_start_date and analysis_dates.as_of_date
        and (events.anonymous_id is not null or events.member_id is not null)
),

previous_events as (
    select
        event_id,
        device_id,
        member_id,
        event_type,
        event_at,
        lag(event_at) over (
            partition by device_id
            order by event_at asc nulls last, event_id asc nulls last
        ) as previous_event_at
    from window_events
),

event_gaps as (
    select
        event_id,
        device_id,
        member_id,
        event_type,
        event_at,
        previous_event_at,
        {{ dbt.datediff('previous_event_at', 'event_at', 'second') | trim }} as seconds_since_previous_event
    from previous_events
),

sessions_numbered as (
    select
        event_id,
        device_id,
        member_id,
        event_type,
        event_at,
        sum(case
            when previous_event_at is null then 1
            when seconds_since_previous_event > {{ timeout_seconds }} then 1
            else 0
        end) over (
            partition by device_id
            order by event_at asc nulls last, event_id asc nulls last
            rows between unbounded preceding and current row
        ) as session_number
    from event_gaps
),

final as (
    select
        {{ dbt.concat(['device_id', "'#'", "cast(session_number as " ~ dbt.type_string() ~ ")"]) }} as session_id,
        device_id,
        max(member_id) as member_id,
        count(*) as event_count,
        count(case when event_type = 'product_view' then 1 end) as product_view_count,
        count(case when event_type = 'add_to_cart' then 1 end) as add_to_cart_count,
        min(event_at) as started_at,
        max(event_at) as ended_at
    from sessions_numbered
    group by device_id, session_number
)

select * from final
