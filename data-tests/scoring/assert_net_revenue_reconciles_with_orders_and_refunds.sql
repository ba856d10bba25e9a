-- Members' net revenue to date adds up to the totals of the non-cancelled
-- orders placed by the analysis date less the refunds of those orders made
-- by then, counted straight from staging; likewise within the RFM window.
with

orders as (
    select * from {{ ref('stg_shop__orders') }}
),

refunds as (
    select * from {{ ref('stg_shop__refunds') }}
),

members as (
    select * from {{ ref('stg_shop__members') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

clv as (
    select * from {{ ref('int_members_clv_calculated') }}
),

rfm as (
    select * from {{ ref('int_members_rfm_scored') }}
),

counted_orders as (
    select
        orders.order_id,
        orders.order_total,
        orders.ordered_date,
        analysis_dates.rfm_window_start_date,
        analysis_dates.as_of_date
    from orders
    cross join analysis_dates
    inner join members
        on orders.member_id = members.member_id
    where
        not orders.is_cancelled
        and orders.ordered_date <= analysis_dates.as_of_date
        and members.signup_date <= analysis_dates.as_of_date
),

expected as (
    select
        (select coalesce(sum(order_total), 0) from counted_orders)
        - (
            select coalesce(sum(refunds.refund_amount), 0)
            from refunds
            inner join counted_orders
                on refunds.order_id = counted_orders.order_id
            where refunds.refunded_date <= counted_orders.as_of_date
        ) as net_revenue_to_date,
        (
            select coalesce(sum(order_total), 0) from counted_orders
            where ordered_date >= rfm_window_start_date
        )
        - (
            select coalesce(sum(refunds.refund_amount), 0)
            from refunds
            inner join counted_orders
                on refunds.order_id = counted_orders.order_id
            where refunds.refunded_date between counted_orders.rfm_window_start_date and counted_orders.as_of_date
        ) as net_revenue_in_window
),

actual as (
    select
        (select coalesce(sum(net_revenue), 0) from clv) as net_revenue_to_date,
        (select coalesce(sum(net_revenue_in_window), 0) from rfm) as net_revenue_in_window
)

select
    expected.net_revenue_to_date as expected_net_revenue_to_date,
    actual.net_revenue_to_date as actual_net_revenue_to_date,
    expected.net_revenue_in_window as expected_net_revenue_in_window,
    actual.net_revenue_in_window as actual_net_revenue_in_window
from expected
cross join actual
where
    abs(expected.net_revenue_to_date - actual.net_revenue_to_date) > 0.005
    or abs(expected.net_revenue_in_window - actual.net_revenue_in_window) > 0.005
