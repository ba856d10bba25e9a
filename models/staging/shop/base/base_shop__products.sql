{%- set row_key = clean_text('product_id') %}

with

source as (
    select * from {{ source('shop', 'products') }}
),

duplicated_keys as (
    {{ duplicated_keys(source('shop', 'products'), row_key) }}
),

cleaned as (
    select
        {{ row_key }} as row_key,
        {{ clean_text('product_name') }} as product_name,
        {{ clean_category('category') }} as category,
        {{ clean_text('brand') }} as brand,
        {{ clean_text('list_price') }} as list_price_text,
        {{ clean_text('unit_cost') }} as unit_cost_text,
        {{ raw_row('source') }} as raw_row
    from source
),

typed as (
    select
        cleaned.*,
        {{ to_amount('list_price_text') }} as list_price,
        {{ to_amount('unit_cost_text') }} as unit_cost
    from cleaned
),

checked as (
    select
        typed.*,
        case
            when typed.row_key is null then 'missing_key:product_id'
            when {{ is_unparseable('typed.list_price_text', 'typed.list_price') }} then 'invalid_number:list_price'
            when {{ is_unparseable('typed.unit_cost_text', 'typed.unit_cost') }} then 'invalid_number:unit_cost'
            when typed.list_price < 0 then 'negative_amount:list_price'
            when typed.unit_cost < 0 then 'negative_amount:unit_cost'
            when typed.list_price > {{ max_amount() }} then 'out_of_range:list_price'
            when typed.unit_cost > {{ max_amount() }} then 'out_of_range:unit_cost'
        end as check_failure,
        duplicated_keys.row_key is not null as has_duplicate_key
    from typed
    left join duplicated_keys
        on typed.row_key = duplicated_keys.row_key
),

final as (
    select
        row_key as product_id,
        product_name,
        category,
        brand,
        list_price,
        unit_cost,
        {{ split_check_failure('check_failure') }},
        has_duplicate_key,
        {{ raw_record('raw_row', 'check_failure is not null or has_duplicate_key') }} as raw_record
    from checked
)

select * from final
