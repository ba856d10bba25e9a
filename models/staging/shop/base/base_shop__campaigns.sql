with

source as (
    select * from {{ source('shop', 'campaigns') }}
),

typed as (
    select
        {{ clean_text('campaign_id') }} as campaign_id,
        {{ clean_text('campaign_name') }} as campaign_name,
        {{ clean_category('campaign_type') }} as campaign_type,
        {{ to_timestamp('started_at') }} as started_at,
        {{ to_timestamp('ended_at') }} as ended_at,
        {{ clean_text('campaign_id') }} as row_key,
        {{ record_to_json('source') }} as raw_record,
        case
            when {{ clean_text('campaign_id') }} is null then 'missing_key'
            when {{ clean_text('campaign_type') }} is null
                or {{ clean_text('started_at') }} is null then 'missing_value'
            when {{ is_unparseable('started_at', to_timestamp('started_at')) }}
                or {{ is_unparseable('ended_at', to_timestamp('ended_at')) }} then 'invalid_timestamp'
        end as format_issue
    from source
),

checked as (
    select
        *,
        coalesce(
            format_issue,
            case
                when ended_at < started_at then 'out_of_range'
                when {{ is_not_accepted('campaign_type', 'campaign_type') }} then 'invalid_category'
            end
        ) as check_reason
    from typed
),

final as (
    select
        campaign_id,
        campaign_name,
        campaign_type,
        started_at,
        ended_at,
        row_key,
        raw_record,
        {{ quarantine_reason('check_reason', ['campaign_id'], 'started_at asc nulls last') }} as quarantine_reason
    from checked
)

select * from final
