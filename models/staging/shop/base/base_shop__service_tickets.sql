with

source as (
    select * from {{ source('shop', 'service_tickets') }}
),

members as (
    select member_id from {{ ref('stg_shop__members') }}
),

typed as (
    select
        {{ clean_text('ticket_id') }} as ticket_id,
        {{ clean_text('member_id') }} as member_id,
        {{ clean_category('ticket_category') }} as ticket_category,
        {{ to_integer('csat_score') }} as csat_score,
        {{ to_timestamp('opened_at') }} as opened_at,
        {{ to_timestamp('resolved_at') }} as resolved_at,
        {{ clean_text('ticket_id') }} as row_key,
        {{ record_to_json('source') }} as raw_record,
        case
            when {{ clean_text('ticket_id') }} is null then 'missing_key'
            when {{ clean_text('member_id') }} is null
                or {{ clean_text('opened_at') }} is null then 'missing_value'
            when {{ is_unparseable('csat_score', to_integer('csat_score')) }} then 'invalid_number'
            when {{ is_unparseable('opened_at', to_timestamp('opened_at')) }}
                or {{ is_unparseable('resolved_at', to_timestamp('resolved_at')) }} then 'invalid_timestamp'
        end as format_issue
    from source
),

checked as (
    select
        typed.*,
        coalesce(
            typed.format_issue,
            case
                when typed.csat_score not between 1 and 5 then 'out_of_range'
                when typed.opened_at > {{ future_timestamp_cutoff() }}
                    or typed.resolved_at > {{ future_timestamp_cutoff() }} then 'future_timestamp'
                when typed.resolved_at < typed.opened_at then 'out_of_range'
                when {{ is_not_accepted('typed.ticket_category', 'ticket_category') }} then 'invalid_category'
                when members.member_id is null then 'orphan_member'
            end
        ) as check_reason
    from typed
    left join members
        on typed.member_id = members.member_id
),

final as (
    select
        ticket_id,
        member_id,
        ticket_category,
        csat_score,
        opened_at,
        resolved_at,
        row_key,
        raw_record,
        {{ quarantine_reason('check_reason', ['ticket_id'], 'opened_at desc nulls last') }} as quarantine_reason
    from checked
)

select * from final
