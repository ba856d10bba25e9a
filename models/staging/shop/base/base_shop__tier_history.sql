{#- The raw table has no id of its own: a change is keyed by member and effective time. -#}
with

source as (
    select * from {{ source('shop', 'tier_history') }}
),

members as (
    select member_id from {{ ref('stg_shop__members') }}
),

typed as (
    select
        {{ clean_text('member_id') }} as member_id,
        {{ clean_category('tier') }} as tier,
        {{ clean_category('change_reason') }} as change_reason,
        {{ to_timestamp('effective_at') }} as effective_at,
        {{ dbt.concat([clean_text('member_id'), "'|'", format_timestamp(to_timestamp('effective_at'))]) }} as row_key,
        {{ record_to_json('source') }} as raw_record,
        case
            when {{ clean_text('member_id') }} is null
                or {{ clean_text('effective_at') }} is null then 'missing_key'
            when {{ clean_text('tier') }} is null then 'missing_value'
            when {{ is_unparseable('effective_at', to_timestamp('effective_at')) }} then 'invalid_timestamp'
        end as format_issue
    from source
),

checked as (
    select
        typed.*,
        coalesce(
            typed.format_issue,
            case
                when typed.effective_at > {{ future_timestamp_cutoff() }} then 'future_timestamp'
                when {{ is_not_accepted('typed.tier', 'tier') }}
                    or {{ is_not_accepted('typed.change_reason', 'tier_change_reason') }} then 'invalid_category'
                when members.member_id is null then 'orphan_member'
            end
        ) as check_reason
    from typed
    left join members
        on typed.member_id = members.member_id
),

final as (
    select
        member_id,
        tier,
        change_reason,
        effective_at,
        row_key,
        raw_record,
        {{ quarantine_reason(
            'check_reason', ['member_id', 'effective_at'], 'tier asc nulls last'
        ) }} as quarantine_reason
    from checked
)

select * from final
