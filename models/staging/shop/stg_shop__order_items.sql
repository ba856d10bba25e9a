{{ after_quarantine_check() }}

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
        {{ to_base_currency('unit_price_local', 'rate_to_base') }} as unit_price,
        {{ to_base_currency('quantity * unit_price_local', 'rate_to_base') }} as line_amount
    from clean_rows
)

select * from final
