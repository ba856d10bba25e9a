with

source as (
    select * from {{ source('shop', 'orders') }}
),

members as (
    select member_id from {{ ref('stg_shop__members') }}
),

exchange_rates as (
    select * from {{ ref('exchange_rates') }}
),

typed as (
    select
        {{ clean_text('order_id') }} as order_id,
        {{ clean_text('member_id') }} as member_id,
        {{ clean_category('order_status') }} as order_status,
        {{ clean_code('currency_code') }} as currency_code,
        {{ clean_category('sales_channel') }} as sales_channel,
        {{ to_amount('order_total') }} as order_total_local,
        coalesce({{ to_amount('discount_amount') }}, 0) as discount_local,
        coalesce({{ to_amount('shipping_amount') }}, 0) as shipping_local,
        {{ to_timestamp('ordered_at') }} as ordered_at,
        {{ clean_text('order_id') }} as row_key,
        {{ record_to_json('source') }} as raw_record,
        case
            when {{ clean_text('order_id') }} is null then 'missing_key'
            when {{ clean_text('member_id') }} is null
                or {{ clean_text('ordered_at') }} is null
                or {{ clean_text('order_status') }} is null
                or {{ clean_text('currency_code') }} is null
                or {{ clean_text('order_total') }} is null then 'missing_value'
            when {{ is_unparseable('order_total', to_amount('order_total')) }}
                or {{ is_unparseable('discount_amount', to_amount('discount_amount')) }}
                or {{ is_unparseable('shipping_amount', to_amount('shipping_amount')) }} then 'invalid_number'
            when {{ is_unparseable('ordered_at', to_timestamp('ordered_at')) }} then 'invalid_timestamp'
        end as format_issue
    from source
),

checked as (
    select
        typed.*,
        exchange_rates.rate_to_base,
        coalesce(
            typed.format_issue,
            case
                when typed.order_total_local < 0
                    or typed.discount_local < 0
                    or typed.shipping_local < 0 then 'negative_amount'
                when typed.ordered_at > {{ future_timestamp_cutoff() }} then 'future_timestamp'
                when exchange_rates.currency_code is null then 'unknown_currency'
                when {{ is_not_accepted('typed.order_status', 'order_status') }}
                    or {{ is_not_accepted('typed.sales_channel', 'sales_channel') }} then 'invalid_category'
                when members.member_id is null then 'orphan_member'
            end
        ) as check_reason
    from typed
    left join exchange_rates
        on typed.currency_code = exchange_rates.currency_code
    left join members
        on typed.member_id = members.member_id
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
        ordered_at,
        row_key,
        raw_record,
        {{ quarantine_reason('check_reason', ['order_id'], 'ordered_at desc nulls last') }} as quarantine_reason
    from checked
)

select * from final
