with

source as (
    select * from {{ source('shop', 'events') }}
),

members as (
    select member_id from {{ ref('stg_shop__members') }}
),

typed as (
    select
        {{ clean_text('event_id') }} as event_id,
        {{ clean_text('member_id') }} as member_id,
        {{ clean_text('anonymous_id') }} as anonymous_id,
        {{ clean_text('product_id') }} as product_id,
        {{ clean_text('order_id') }} as order_id,
        {{ clean_category('event_type') }} as event_type,
        {{ clean_category('platform') }} as platform,
        {{ clean_text('utm_source') }} as utm_source,
        {{ clean_text('utm_medium') }} as utm_medium,
        {{ clean_text('utm_campaign') }} as utm_campaign,
        {{ to_timestamp('event_at') }} as event_at,
        {{ clean_text('event_id') }} as row_key,
        {{ record_to_json('source') }} as raw_record,
        case
            when {{ clean_text('event_id') }} is null then 'missing_key'
            when {{ clean_text('event_type') }} is null
                or {{ clean_text('event_at') }} is null then 'missing_value'
            when {{ is_unparseable('event_at', to_timestamp('event_at')) }} then 'invalid_timestamp'
        end as format_issue
    from source
),

checked as (
    select
        typed.*,
        coalesce(
            typed.format_issue,
            case
                when typed.event_at > {{ future_timestamp_cutoff() }} then 'future_timestamp'
                when {{ is_not_accepted('typed.event_type', 'event_type') }}
                    or {{ is_not_accepted('typed.platform', 'platform') }} then 'invalid_category'
                when typed.member_id is not null and members.member_id is null then 'orphan_member'
            end
        ) as check_reason
    from typed
    left join members
        on typed.member_id = members.member_id
),

final as (
    select
        event_id,
        member_id,
        anonymous_id,
        product_id,
        order_id,
        event_type,
        platform,
        utm_source,
        utm_medium,
        utm_campaign,
        event_at,
        row_key,
        raw_record,
        {{ quarantine_reason('check_reason', ['event_id'], 'event_at asc nulls last') }} as quarantine_reason
    from checked
)

select * from final
