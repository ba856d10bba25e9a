with

source as (
    select * from {{ source('shop', 'refunds') }}
),

orders as (
    select
        order_id,
        rate_to_base
    from {{ ref('stg_shop__orders') }}
),

typed as (
    select
        {{ clean_text('refund_id') }} as refund_id,
        {{ clean_text('order_id') }} as order_id,
        {{ to_amount('refund_amount') }} as refund_amount_local,
        {{ to_timestamp('refunded_at') }} as refunded_at,
        {{ clean_text('refund_id') }} as row_key,
        {{ record_to_json('source') }} as raw_record,
        case
            when {{ clean_text('refund_id') }} is null then 'missing_key'
            when {{ clean_text('order_id') }} is null
                or {{ clean_text('refunded_at') }} is null
                or {{ clean_text('refund_amount') }} is null then 'missing_value'
            when {{ is_unparseable('refund_amount', to_amount('refund_amount')) }} then 'invalid_number'
            when {{ is_unparseable('refunded_at', to_timestamp('refunded_at')) }} then 'invalid_timestamp'
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
                when typed.refund_amount_local < 0 then 'negative_amount'
                when typed.refunded_at > {{ future_timestamp_cutoff() }} then 'future_timestamp'
                when orders.order_id is null then 'orphan_order'
            end
        ) as check_reason
    from typed
    left join orders
        on typed.order_id = orders.order_id
),

final as (
    select
        refund_id,
        order_id,
        refund_amount_local,
        rate_to_base,
        refunded_at,
        row_key,
        raw_record,
        {{ quarantine_reason('check_reason', ['refund_id'], 'refunded_at desc nulls last') }} as quarantine_reason
    from checked
)

select * from final
