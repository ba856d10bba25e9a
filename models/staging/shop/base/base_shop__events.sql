{%- set row_key = clean_text('event_id') %}

with

source as (
    select * from {{ source('shop', 'events') }}
),

duplicated_keys as (
    {{ duplicated_keys(source('shop', 'events'), row_key) }}
),

members as (
    select member_id from ({{ deduplicated_rows('members') }}) as clean_members
),

cleaned as (
    select
        {{ row_key }} as row_key,
        {{ clean_text('member_id') }} as member_id,
        {{ clean_text('anonymous_id') }} as anonymous_id,
        {{ clean_text('product_id') }} as product_id,
        {{ clean_text('order_id') }} as order_id,
        {{ clean_category('event_type') }} as event_type,
        {{ clean_category('platform') }} as platform,
        {{ clean_text('utm_source') }} as utm_source,
        {{ clean_text('utm_medium') }} as utm_medium,
        {{ clean_text('utm_campaign') }} as utm_campaign,
        {{ clean_text('event_at') }} as event_at_text,
        {{ raw_row('source') }} as raw_row
    from source
),

typed as (
    select
        cleaned.*,
        {{ to_timestamp('event_at_text') }} as event_at
    from cleaned
),

checked as (
    select
        typed.*,
        case
            when typed.row_key is null then 'missing_key:event_id'
            when typed.event_type is null then 'missing_value:event_type'
            when typed.event_at_text is null then 'missing_value:event_at'
            when {{ is_unparseable('typed.event_at_text', 'typed.event_at') }} then 'invalid_timestamp:event_at'
            when typed.event_at > {{ future_timestamp_cutoff() }} then 'future_timestamp:event_at'
            when typed.event_at < {{ date_floor() }} then 'before_date_floor:event_at'
            when {{ is_not_accepted('typed.event_type', 'event_type') }} then 'invalid_category:event_type'
            when {{ is_not_accepted('typed.platform', 'platform') }} then 'invalid_category:platform'
            when typed.member_id is not null and members.member_id is null then 'orphan_member:member_id'
        end as check_failure,
        duplicated_keys.row_key is not null as has_duplicate_key
    from typed
    left join members
        on typed.member_id = members.member_id
    left join duplicated_keys
        on typed.row_key = duplicated_keys.row_key
),

final as (
    select
        row_key as event_id,
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
        {{ split_check_failure('check_failure') }},
        has_duplicate_key,
        {{ raw_record('raw_row', 'check_failure is not null or has_duplicate_key') }} as raw_record
    from checked
)

select * from final
