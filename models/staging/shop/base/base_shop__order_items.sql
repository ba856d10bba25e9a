{%- set row_key = clean_text('order_item_id') %}

with

source as (
    select * from {{ source('shop', 'order_items') }}
),

duplicated_keys as (
    {{ duplicated_keys(source('shop', 'order_items'), row_key) }}
),

orders as (
    select
        order_id,
        rate_to_base
    from ({{ deduplicated_rows('orders') }}) as clean_orders
),

products as (
    select product_id from ({{ deduplicated_rows('products') }}) as clean_products
),

catalogue as (
    -- Product references are checked only when a product catalogue was supplied.
    select count(*) > 0 as is_supplied from products
),

cleaned as (
    select
        {{ row_key }} as row_key,
        {{ clean_text('order_id') }} as order_id,
        {{ clean_text('product_id') }} as product_id,
        {{ clean_text('quantity') }} as quantity_text,
        {{ clean_text('unit_price') }} as unit_price_text,
        {{ raw_row('source') }} as raw_row
    from source
),

typed as (
    select
        cleaned.*,
        {{ to_integer('quantity_text') }} as quantity,
        {{ to_amount('unit_price_text') }} as unit_price_local
    from cleaned
),

checked as (
    select
        typed.*,
        orders.rate_to_base,
        case
            when typed.row_key is null then 'missing_key'
            when typed.order_id is null
                or typed.product_id is null
                or typed.quantity_text is null
                or typed.unit_price_text is null then 'missing_value'
            when {{ is_unparseable('typed.quantity_text', 'typed.quantity') }}
                or {{ is_unparseable('typed.unit_price_text', 'typed.unit_price_local') }} then 'invalid_number'
            when typed.quantity < 1 then 'out_of_range'
            when typed.unit_price_local < 0 then 'negative_amount'
            when orders.order_id is null then 'orphan_order'
            when catalogue.is_supplied and products.product_id is null then 'orphan_product'
        end as check_reason,
        duplicated_keys.row_key is not null as has_duplicate_key
    from typed
    cross join catalogue
    left join orders
        on typed.order_id = orders.order_id
    left join products
        on typed.product_id = products.product_id
    left join duplicated_keys
        on typed.row_key = duplicated_keys.row_key
),

final as (
    select
        row_key as order_item_id,
        order_id,
        product_id,
        quantity,
        unit_price_local,
        rate_to_base,
        check_reason,
        has_duplicate_key,
        {{ raw_record('raw_row', 'check_reason is not null or has_duplicate_key') }} as raw_record
    from checked
)

select * from final
