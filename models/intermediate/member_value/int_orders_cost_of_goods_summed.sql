with

order_items as (
    select * from {{ ref('stg_shop__order_items') }}
),

products as (
    select * from {{ ref('stg_shop__products') }}
),

final as (
    select
        order_items.order_id,
        cast(sum(order_items.quantity * coalesce(products.unit_cost, 0)) as {{ amount_type() }}) as cost_of_goods_amount
    from order_items
    left join products
        on order_items.product_id = products.product_id
    group by order_items.order_id
)

select * from final
