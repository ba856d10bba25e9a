with

source as (
    select * from {{ source('shop', 'products') }}
),

typed as (
    select
        {{ clean_text('product_id') }} as product_id,
        {{ clean_text('product_name') }} as product_name,
        {{ clean_category('category') }} as category,
        {{ clean_text('brand') }} as brand,
        {{ to_amount('list_price') }} as list_price,
        {{ to_amount('unit_cost') }} as unit_cost,
        {{ clean_text('product_id') }} as row_key,
        {{ record_to_json('source') }} as raw_record,
        case
            when {{ clean_text('product_id') }} is null then 'missing_key'
            when {{ is_unparseable('list_price', to_amount('list_price')) }}
                or {{ is_unparseable('unit_cost', to_amount('unit_cost')) }} then 'invalid_number'
        end as format_issue
    from source
),

checked as (
    select
        *,
        coalesce(
            format_issue,
            case
                when list_price < 0 or unit_cost < 0 then 'negative_amount'
            end
        ) as check_reason
    from typed
),

final as (
    select
        product_id,
        product_name,
        category,
        brand,
        list_price,
        unit_cost,
        row_key,
        raw_record,
        {{ quarantine_reason('check_reason', ['product_id'], 'product_name asc nulls last') }} as quarantine_reason
    from checked
)

select * from final
