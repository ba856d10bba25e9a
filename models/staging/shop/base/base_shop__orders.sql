{%- set row_key = clean_text('order_id') %}

with

source as (
    select * from {{ source('shop', 'orders') }}
),

duplicated_keys as (
    {{ duplicated_keys(source('shop', 'orders'), row_key) }}
),

members as (
    select member_id from ({{ deduplicated_rows('members') }}) as clean_members
),

exchange_rates as (
    select * from {{ ref('exchange_rates') }}
),

status_map as (
    select * from {{ ref('order_status_map') }}
),

cleaned as (
    select
        {{ row_key }} as row_key,
        {{ clean_text('member_id') }} as member_id,
        {{ clean_category('order_status') }} as source_status,
        {{ clean_code('currency_code') }} as currency_code,
        {{ clean_category('sales_channel') }} as sales_channel,
        {{ clean_text('order_total') }} as order_total_text,
        {{ clean_text('discount_amount') }} as discount_text,
        {{ clean_text('shipping_amount') }} as shipping_text,
        {{ clean_text('ordered_at') }} as ordered_at_text,
        {{ raw_row('source') }} as raw_row
    from source
),

typed as (
    select
        cleaned.*,
        {{ to_amount('order_total_text') }} as order_total_local,
        {{ to_amount('discount_text') }} as discount_parsed,
        {{ to_amount('shipping_text') }} as shipping_parsed,
        {{ to_timestamp('ordered_at_text') }} as ordered_at
    from cleaned
),

checked as (
    select
        typed.*,
        status_map.order_status,
        exchange_rates.rate_to_base,
        case
            when typed.row_key is null then 'missing_key:order_id'
            when typed.member_id is null then 'missing_value:member_id'
            when typed.ordered_at_text is null then 'missing_value:ordered_at'
            when typed.source_status is null then 'missing_value:order_status'
            when typed.currency_code is null then 'missing_value:currency_code'
            when typed.order_total_text is null then 'missing_value:order_total'
            when {{ is_unparseable('typed.order_total_text', 'typed.order_total_local') }}
                then 'invalid_number:order_total'
            when {{ is_unparseable('typed.discount_text', 'typed.discount_parsed') }}
                then 'invalid_number:discount_amount'
            when {{ is_unparseable('typed.shipping_text', 'typed.shipping_parsed') }}
                then 'invalid_number:shipping_amount'
            when {{ is_unparseable('typed.ordered_at_text', 'typed.ordered_at') }} then 'invalid_timestamp:ordered_at'
            when typed.order_total_local < 0 then 'negative_amount:order_total'
            when typed.discount_parsed < 0 then 'negative_amount:discount_amount'
            when typed.shipping_parsed < 0 then 'negative_amount:shipping_amount'
            when typed.order_total_local > {{ max_amount() }} then 'out_of_range:order_total'
            when typed.discount_parsed > {{ max_amount() }} then 'out_of_range:discount_amount'
            when typed.shipping_parsed > {{ max_amount() }} then 'out_of_range:shipping_amount'
            when typed.ordered_at > {{ future_timestamp_cutoff() }} then 'future_timestamp:ordered_at'
            when typed.ordered_at < {{ date_floor() }} then 'before_date_floor:ordered_at'
            when exchange_rates.currency_code is null then 'unknown_currency:currency_code'
            when status_map.order_status is null then 'invalid_category:order_status'
            when {{ is_not_accepted('typed.sales_channel', 'sales_channel') }} then 'invalid_category:sales_channel'
            when members.member_id is null then 'orphan_member:member_id'
        end as check_failure,
        duplicated_keys.row_key is not null as has_duplicate_key
    from typed
    left join status_map
        on typed.source_status = status_map.source_status
    left join exchange_rates
        on typed.currency_code = exchange_rates.currency_code
    left join members
        on typed.member_id = members.member_id
    left join duplicated_keys
        on typed.row_key = duplicated_keys.row_key
),

final as (
    select
        row_key as order_id,
        member_id,
        order_status,
        currency_code,
        sales_channel,
        order_total_local,
        coalesce(discount_parsed, 0) as discount_local,
        coalesce(shipping_parsed, 0) as shipping_local,
        rate_to_base,
        ordered_at,
        {{ split_check_failure('check_failure') }},
        has_duplicate_key,
        {{ raw_record('raw_row', 'check_failure is not null or has_duplicate_key') }} as raw_record
    from checked
)

select * from final
