{{ after_quarantine_check() }}

with

clean_rows as (
    {{ deduplicated_rows('orders') }}
),

final as (
    select
        order_id,
        member_id,
        order_status,
        currency_code,
        sales_channel,
        order_total_local,
        discount_local,
        shipping_local,
        rate_to_base,
        {{ to_base_currency('order_total_local', 'rate_to_base') }} as order_total,
        {{ to_base_currency('discount_local', 'rate_to_base') }} as discount_amount,
        {{ to_base_currency('shipping_local', 'rate_to_base') }} as shipping_amount,
        order_status in ('cancelled') as is_cancelled,
        order_status in ('returned') as is_returned,
        cast(ordered_at as date) as ordered_date,
        ordered_at
    from clean_rows
)

select * from final
