{%- set row_key = clean_text('campaign_id') %}

with

source as (
    select * from {{ source('shop', 'campaigns') }}
),

duplicated_keys as (
    {{ duplicated_keys(source('shop', 'campaigns'), row_key) }}
),

cleaned as (
    select
        {{ row_key }} as row_key,
        {{ clean_text('campaign_name') }} as campaign_name,
        {{ clean_category('campaign_type') }} as campaign_type,
        {{ clean_text('started_at') }} as started_at_text,
        {{ clean_text('ended_at') }} as ended_at_text,
        {{ raw_row('source') }} as raw_row
    from source
),

typed as (
    select
        cleaned.*,
        {{ to_timestamp('started_at_text') }} as started_at,
        {{ to_timestamp('ended_at_text') }} as ended_at
    from cleaned
),

checked as (
    select
        typed.*,
        case
            when typed.row_key is null then 'missing_key:campaign_id'
            when typed.campaign_type is null then 'missing_value:campaign_type'
            when typed.started_at_text is null then 'missing_value:started_at'
            when {{ is_unparseable('typed.started_at_text', 'typed.started_at') }} then 'invalid_timestamp:started_at'
            when {{ is_unparseable('typed.ended_at_text', 'typed.ended_at') }} then 'invalid_timestamp:ended_at'
            when typed.started_at < {{ date_floor() }} then 'before_date_floor:started_at'
            when typed.ended_at < typed.started_at then 'out_of_range:ended_at'
            when {{ is_not_accepted('typed.campaign_type', 'campaign_type') }} then 'invalid_category:campaign_type'
        end as check_failure,
        duplicated_keys.row_key is not null as has_duplicate_key
    from typed
    left join duplicated_keys
        on typed.row_key = duplicated_keys.row_key
),

final as (
    select
        row_key as campaign_id,
        campaign_name,
        campaign_type,
        started_at,
        ended_at,
        {{ split_check_failure('check_failure') }},
        has_duplicate_key,
        {{ raw_record('raw_row', 'check_failure is not null or has_duplicate_key') }} as raw_record
    from checked
)

select * from final
