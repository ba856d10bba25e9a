with

clean_rows as (
    {{ deduplicated_rows('order_items') }}
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
    from clean_rows
)

select * from final
