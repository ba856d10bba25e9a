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
            when typed.row_key is null then 'missing_key:order_item_id'
            when typed.order_id is null then 'missing_value:order_id'
            when typed.product_id is null then 'missing_value:product_id'
            when typed.quantity_text is null then 'missing_value:quantity'
            when typed.unit_price_text is null then 'missing_value:unit_price'
            when {{ is_unparseable('typed.quantity_text', 'typed.quantity') }} then 'invalid_number:quantity'
            when {{ is_unparseable('typed.unit_price_text', 'typed.unit_price_local') }}
                then 'invalid_number:unit_price'
            when typed.quantity < 1 then 'out_of_range:quantity'
            when typed.quantity > {{ positive_integer_var('max_quantity', 'items') }} then 'out_of_range:quantity'
            when typed.unit_price_local < 0 then 'negative_amount:unit_price'
            when typed.unit_price_local > {{ max_amount() }} then 'out_of_range:unit_price'
            when orders.order_id is null then 'orphan_order:order_id'
            when catalogue.is_supplied and products.product_id is null then 'orphan_product:product_id'
        end as check_failure,
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
        {{ split_check_failure('check_failure') }},
        has_duplicate_key,
        {{ raw_record('raw_row', 'check_failure is not null or has_duplicate_key') }} as raw_record
    from checked
)

select * from final
