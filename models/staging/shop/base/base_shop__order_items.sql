with

source as (
    select * from {{ source('shop', 'order_items') }}
),

orders as (
    select
        order_id,
        rate_to_base
    from {{ ref('stg_shop__orders') }}
),

products as (
    select product_id from {{ ref('stg_shop__products') }}
),

catalogue as (
    -- Product references are checked only when a product catalogue was supplied.
    select count(*) > 0 as is_supplied from products
),

typed as (
    select
        {{ clean_text('order_item_id') }} as order_item_id,
        {{ clean_text('order_id') }} as order_id,
        {{ clean_text('product_id') }} as product_id,
        {{ to_integer('quantity') }} as quantity,
        {{ to_amount('unit_price') }} as unit_price_local,
        {{ clean_text('order_item_id') }} as row_key,
        {{ record_to_json('source') }} as raw_record,
        case
            when {{ clean_text('order_item_id') }} is null then 'missing_key'
            when {{ clean_text('order_id') }} is null
                or {{ clean_text('product_id') }} is null
                or {{ clean_text('quantity') }} is null
                or {{ clean_text('unit_price') }} is null then 'missing_value'
            when {{ is_unparseable('quantity', to_integer('quantity')) }}
                or {{ is_unparseable('unit_price', to_amount('unit_price')) }} then 'invalid_number'
        end as format_issue
    from source
),

checked as (
    select
        typed.*,
        orders.rate_to_base,
        coalesce(
            typed.format_issue,
            case
                when typed.quantity < 1 then 'out_of_range'
                when typed.unit_price_local < 0 then 'negative_amount'
                when orders.order_id is null then 'orphan_order'
                when catalogue.is_supplied and products.product_id is null then 'orphan_product'
            end
        ) as check_reason
    from typed
    cross join catalogue
    left join orders
        on typed.order_id = orders.order_id
    left join products
        on typed.product_id = products.product_id
),

final as (
    select
        order_item_id,
        order_id,
        product_id,
        quantity,
        unit_price_local,
        rate_to_base,
        row_key,
        raw_record,
        {{ quarantine_reason('check_reason', ['order_item_id'], 'order_id asc nulls last') }} as quarantine_reason
    from checked
)

select * from final
