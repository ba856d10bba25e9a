{%- set row_key = clean_text('ticket_id') %}

with

source as (
    select * from {{ source('shop', 'service_tickets') }}
),

duplicated_keys as (
    {{ duplicated_keys(source('shop', 'service_tickets'), row_key) }}
),

members as (
    select member_id from ({{ deduplicated_rows('members') }}) as clean_members
),

cleaned as (
    select
        {{ row_key }} as row_key,
        {{ clean_text('member_id') }} as member_id,
        {{ clean_category('ticket_category') }} as ticket_category,
        {{ clean_text('csat_score') }} as csat_score_text,
        {{ clean_text('opened_at') }} as opened_at_text,
        {{ clean_text('resolved_at') }} as resolved_at_text,
        {{ raw_row('source') }} as raw_row
    from source
),

typed as (
    select
        cleaned.*,
        {{ to_integer('csat_score_text') }} as csat_score,
        {{ to_timestamp('opened_at_text') }} as opened_at,
        {{ to_timestamp('resolved_at_text') }} as resolved_at
    from cleaned
),

checked as (
    select
        typed.*,
        case
            when typed.row_key is null then 'missing_key:ticket_id'
            when typed.member_id is null then 'missing_value:member_id'
            when typed.opened_at_text is null then 'missing_value:opened_at'
            when {{ is_unparseable('typed.csat_score_text', 'typed.csat_score') }} then 'invalid_number:csat_score'
            when {{ is_unparseable('typed.opened_at_text', 'typed.opened_at') }} then 'invalid_timestamp:opened_at'
            when {{ is_unparseable('typed.resolved_at_text', 'typed.resolved_at') }}
                then 'invalid_timestamp:resolved_at'
            when typed.csat_score not between 1 and 5 then 'out_of_range:csat_score'
            when typed.opened_at > {{ future_timestamp_cutoff() }} then 'future_timestamp:opened_at'
            when typed.resolved_at > {{ future_timestamp_cutoff() }} then 'future_timestamp:resolved_at'
            when typed.opened_at < {{ date_floor() }} then 'before_date_floor:opened_at'
            when typed.resolved_at < typed.opened_at then 'out_of_range:resolved_at'
            when {{ is_not_accepted('typed.ticket_category', 'ticket_category') }}
                then 'invalid_category:ticket_category'
            when members.member_id is null then 'orphan_member:member_id'
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
        row_key as ticket_id,
        member_id,
        ticket_category,
        csat_score,
        opened_at,
        resolved_at,
        {{ split_check_failure('check_failure') }},
        has_duplicate_key,
        {{ raw_record('raw_row', 'check_failure is not null or has_duplicate_key') }} as raw_record
    from checked
)

select * from final
