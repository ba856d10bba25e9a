{{ after_quarantine_check() }}

with

clean_rows as (
    {{ deduplicated_rows('products') }}
),

final as (
    select
        product_id,
        product_name,
        category,
        brand,
        list_price,
        unit_cost
    from clean_rows
)

select * from final
