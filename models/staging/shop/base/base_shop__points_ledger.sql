{%- set row_key = clean_text('entry_id') %}

with

source as (
    select * from {{ source('shop', 'points_ledger') }}
),

duplicated_keys as (
    {{ duplicated_keys(source('shop', 'points_ledger'), row_key) }}
),

members as (
    select member_id from ({{ deduplicated_rows('members') }}) as clean_members
),

cleaned as (
    select
        {{ row_key }} as row_key,
        {{ clean_text('member_id') }} as member_id,
        {{ clean_category('entry_reason') }} as entry_reason,
        {{ clean_text('points') }} as points_text,
        {{ clean_text('entry_at') }} as entry_at_text,
        {{ raw_row('source') }} as raw_row
    from source
),

typed as (
    select
        cleaned.*,
        {{ to_integer('points_text') }} as points,
        {{ to_timestamp('entry_at_text') }} as entry_at
    from cleaned
),

checked as (
    select
        typed.*,
        case
            when typed.row_key is null then 'missing_key:entry_id'
            when typed.member_id is null then 'missing_value:member_id'
            when typed.points_text is null then 'missing_value:points'
            when typed.entry_at_text is null then 'missing_value:entry_at'
            when {{ is_unparseable('typed.points_text', 'typed.points') }} then 'invalid_number:points'
            when {{ is_unparseable('typed.entry_at_text', 'typed.entry_at') }} then 'invalid_timestamp:entry_at'
            when abs(typed.points) > {{ positive_integer_var('max_points', 'points') }} then 'out_of_range:points'
            when typed.entry_at > {{ future_timestamp_cutoff() }} then 'future_timestamp:entry_at'
            when typed.entry_at < {{ date_floor() }} then 'before_date_floor:entry_at'
            when {{ is_not_accepted('typed.entry_reason', 'points_entry_reason') }}
                then 'invalid_category:entry_reason'
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
        row_key as entry_id,
        member_id,
        entry_reason,
        points,
        entry_at,
        {{ split_check_failure('check_failure') }},
        has_duplicate_key,
        {{ raw_record('raw_row', 'check_failure is not null or has_duplicate_key') }} as raw_record
    from checked
)

select * from final
