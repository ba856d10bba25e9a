{{ after_quarantine_check() }}

with

clean_rows as (
    {{ deduplicated_rows('refunds') }}
),

final as (
    select
        refund_id,
        order_id,
        refund_amount_local,
        {{ to_base_currency('refund_amount_local', 'rate_to_base') }} as refund_amount,
        cast(refunded_at as date) as refunded_date,
        refunded_at
    from clean_rows
)

select * from final
