{{ config(materialized='table') }}

with

orders as (
    select * from {{ ref('stg_shop__orders') }}
),

order_items as (
    select * from {{ ref('stg_shop__order_items') }}
),

products as (
    select * from {{ ref('stg_shop__products') }}
),

refunds as (
    select * from {{ ref('stg_shop__refunds') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

order_costs as (
    select
        order_items.order_id,
        sum(order_items.quantity * coalesce(products.unit_cost, 0)) as cost_of_goods_amount
    from order_items
    left join products
        on order_items.product_id = products.product_id
    group by order_items.order_id
),

purchases as (
    select
        orders.order_id,
        orders.member_id,
        orders.order_total,
        coalesce(order_costs.cost_of_goods_amount, 0) as cost_of_goods_amount,
        orders.is_returned,
        orders.ordered_date
    from orders
    cross join analysis_dates
    left join order_costs
        on orders.order_id = order_costs.order_id
    where
        not orders.is_cancelled
        and orders.ordered_date <= analysis_dates.as_of_date
),

refunds_sequenced as (
    select
        refunds.refund_id,
        refunds.order_id,
        refunds.refund_amount,
        refunds.refunded_date,
        row_number() over (
            partition by refunds.order_id
            order by refunds.refunded_at asc nulls last, refunds.refund_id asc nulls last
        ) as refund_sequence
    from refunds
    cross join analysis_dates
    where refunds.refunded_date <= analysis_dates.as_of_date
),

order_entries as (
    select
        {{ dbt.concat(["'order:'", 'order_id']) }} as revenue_entry_id,
        order_id,
        member_id,
        'order' as entry_type,
        order_total as revenue_amount,
        cost_of_goods_amount,
        true as is_purchase,
        ordered_date as entry_date
    from purchases
),

refund_entries as (
    select
        {{ dbt.concat(["'refund:'", 'refunds_sequenced.refund_id']) }} as revenue_entry_id,
        refunds_sequenced.order_id,
        purchases.member_id,
        'refund' as entry_type,
        -refunds_sequenced.refund_amount as revenue_amount,
        case
            when purchases.is_returned and refunds_sequenced.refund_sequence = 1
                then -purchases.cost_of_goods_amount
            else 0
        end as cost_of_goods_amount,
        false as is_purchase,
        refunds_sequenced.refunded_date as entry_date
    from refunds_sequenced
    inner join purchases
        on refunds_sequenced.order_id = purchases.order_id
),

final as (
    select * from order_entries
    union all
    select * from refund_entries
)

select * from final
