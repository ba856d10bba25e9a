{%- set row_key = clean_text('refund_id') %}

with

source as (
    select * from {{ source('shop', 'refunds') }}
),

duplicated_keys as (
    {{ duplicated_keys(source('shop', 'refunds'), row_key) }}
),

orders as (
    select
        order_id,
        order_total_local,
        rate_to_base,
        ordered_at
    from ({{ deduplicated_rows('orders') }}) as clean_orders
),

cleaned as (
    select
        {{ row_key }} as row_key,
        {{ clean_text('order_id') }} as order_id,
        {{ clean_text('refund_amount') }} as refund_amount_text,
        {{ clean_text('refunded_at') }} as refunded_at_text,
        {{ raw_row('source') }} as raw_row
    from source
),

typed as (
    select
        cleaned.*,
        {{ to_amount('refund_amount_text') }} as refund_amount_local,
        {{ to_timestamp('refunded_at_text') }} as refunded_at
    from cleaned
),

checked as (
    select
        typed.*,
        orders.rate_to_base,
        case
            when typed.row_key is null then 'missing_key:refund_id'
            when typed.order_id is null then 'missing_value:order_id'
            when typed.refunded_at_text is null then 'missing_value:refunded_at'
            when typed.refund_amount_text is null then 'missing_value:refund_amount'
            when {{ is_unparseable('typed.refund_amount_text', 'typed.refund_amount_local') }}
                then 'invalid_number:refund_amount'
            when {{ is_unparseable('typed.refunded_at_text', 'typed.refunded_at') }}
                then 'invalid_timestamp:refunded_at'
            when typed.refund_amount_local < 0 then 'negative_amount:refund_amount'
            when typed.refund_amount_local > {{ max_amount() }} then 'out_of_range:refund_amount'
            when typed.refunded_at > {{ future_timestamp_cutoff() }} then 'future_timestamp:refunded_at'
            when typed.refunded_at < {{ date_floor() }} then 'before_date_floor:refunded_at'
            when orders.order_id is null then 'orphan_order:order_id'
            when typed.refunded_at < orders.ordered_at then 'refund_before_order:refunded_at'
            when typed.refund_amount_local > orders.order_total_local then 'refund_exceeds_order:refund_amount'
        end as check_failure,
        duplicated_keys.row_key is not null as has_duplicate_key
    from typed
    left join orders
        on typed.order_id = orders.order_id
    left join duplicated_keys
        on typed.row_key = duplicated_keys.row_key
),

final as (
    select
        row_key as refund_id,
        order_id,
        refund_amount_local,
        rate_to_base,
        refunded_at,
        {{ split_check_failure('check_failure') }},
        has_duplicate_key,
        {{ raw_record('raw_row', 'check_failure is not null or has_duplicate_key') }} as raw_record
    from checked
)

select * from final
