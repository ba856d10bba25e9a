-- Purchase sessions reconcile with the orders their purchase events carry:
-- every order id on a purchase event up to the analysis date (of a device or
-- member) is counted once in fct_sessions.purchase_order_count, the sessions
-- with at least one such event are exactly those that name an order, and a
-- session's order belongs to the session's member.
with

events as (
    select * from {{ ref('stg_shop__events') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

sessions as (
    select * from {{ ref('fct_sessions') }}
),

orders as (
    select * from {{ ref('stg_shop__orders') }}
),

carried_orders as (
    select count(distinct events.order_id) as order_count
    from events
    cross join analysis_dates
    where
        events.event_type = 'purchase'
        and events.order_id is not null
        and events.event_date <= analysis_dates.as_of_date
        and (events.anonymous_id is not null or events.member_id is not null)
),

session_orders as (
    select
        coalesce(sum(purchase_order_count), 0) as order_count,
        count(order_id) as sessions_naming_an_order,
        sum(case when purchase_order_count > 0 then 1 else 0 end) as sessions_with_an_order_event
    from sessions
),

totals_mismatch as (
    select
        'totals' as problem,
        cast(null as {{ dbt.type_string() }}) as session_id,
        carried_orders.order_count as orders_on_purchase_events,
        session_orders.order_count as orders_in_sessions
    from carried_orders
    cross join session_orders
    where
        carried_orders.order_count <> session_orders.order_count
        or session_orders.sessions_naming_an_order <> session_orders.sessions_with_an_order_event
),

member_mismatch as (
    select
        'order of another member' as problem,
        sessions.session_id,
        cast(null as bigint) as orders_on_purchase_events,
        cast(null as bigint) as orders_in_sessions
    from sessions
    inner join orders
        on sessions.order_id = orders.order_id
    where sessions.member_id <> orders.member_id
)

select * from totals_mismatch
union all
select * from member_mismatch
