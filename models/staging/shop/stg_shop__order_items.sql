with

checked as (
    select * from {{ ref('base_shop__order_items') }}
),

final as (
    select
        order_item_id,
        order_id,
        product_id,
        quantity,
        unit_price_local,
        round(unit_price_local * rate_to_base, 2) as unit_price,
        round(quantity * unit_price_local * rate_to_base, 2) as line_amount
    from checked
    where quarantine_reason is null
)

select * from final
