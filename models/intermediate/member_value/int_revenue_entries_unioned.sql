with

orders as (
    select * from {{ ref('stg_shop__orders') }}
),

refunds as (
    select * from {{ ref('stg_shop__refunds') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

purchases as (
    select
        orders.order_id,
        orders.member_id,
        orders.order_total,
        orders.is_returned,
        orders.ordered_date
    from orders
    cross join analysis_dates
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
        true as is_purchase,
        false as returns_goods,
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
        false as is_purchase,
        purchases.is_returned and refunds_sequenced.refund_sequence = 1 as returns_goods,
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
