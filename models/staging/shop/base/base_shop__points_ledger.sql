with

source as (
    select * from {{ source('shop', 'points_ledger') }}
),

members as (
    select member_id from {{ ref('stg_shop__members') }}
),

typed as (
    select
        {{ clean_text('entry_id') }} as entry_id,
        {{ clean_text('member_id') }} as member_id,
        {{ clean_category('entry_reason') }} as entry_reason,
        {{ to_integer('points') }} as points,
        {{ to_timestamp('entry_at') }} as entry_at,
        {{ clean_text('entry_id') }} as row_key,
        {{ record_to_json('source') }} as raw_record,
        case
            when {{ clean_text('entry_id') }} is null then 'missing_key'
            when {{ clean_text('member_id') }} is null
                or {{ clean_text('points') }} is null
                or {{ clean_text('entry_at') }} is null then 'missing_value'
            when {{ is_unparseable('points', to_integer('points')) }} then 'invalid_number'
            when {{ is_unparseable('entry_at', to_timestamp('entry_at')) }} then 'invalid_timestamp'
        end as format_issue
    from source
),

checked as (
    select
        typed.*,
        coalesce(
            typed.format_issue,
            case
                when typed.entry_at > {{ future_timestamp_cutoff() }} then 'future_timestamp'
                when {{ is_not_accepted('typed.entry_reason', 'points_entry_reason') }} then 'invalid_category'
                when members.member_id is null then 'orphan_member'
            end
        ) as check_reason
    from typed
    left join members
        on typed.member_id = members.member_id
),

final as (
    select
        entry_id,
        member_id,
        entry_reason,
        points,
        entry_at,
        row_key,
        raw_record,
        {{ quarantine_reason('check_reason', ['entry_id'], 'entry_at asc nulls last') }} as quarantine_reason
    from checked
)

select * from final
