{%- set row_key = clean_text('exposure_id') %}

with

source as (
    select * from {{ source('shop', 'campaign_exposures') }}
),

duplicated_keys as (
    {{ duplicated_keys(source('shop', 'campaign_exposures'), row_key) }}
),

members as (
    select member_id from ({{ deduplicated_rows('members') }}) as clean_members
),

campaigns as (
    select campaign_id from ({{ deduplicated_rows('campaigns') }}) as clean_campaigns
),

cleaned as (
    select
        {{ row_key }} as row_key,
        {{ clean_text('campaign_id') }} as campaign_id,
        {{ clean_text('member_id') }} as member_id,
        {{ clean_category('variant') }} as variant,
        {{ clean_text('exposed_at') }} as exposed_at_text,
        {{ raw_row('source') }} as raw_row
    from source
),

typed as (
    select
        cleaned.*,
        {{ to_timestamp('exposed_at_text') }} as exposed_at
    from cleaned
),

checked as (
    select
        typed.*,
        case
            when typed.row_key is null then 'missing_key:exposure_id'
            when typed.campaign_id is null then 'missing_value:campaign_id'
            when typed.member_id is null then 'missing_value:member_id'
            when typed.variant is null then 'missing_value:variant'
            when typed.exposed_at_text is null then 'missing_value:exposed_at'
            when {{ is_unparseable('typed.exposed_at_text', 'typed.exposed_at') }} then 'invalid_timestamp:exposed_at'
            when typed.exposed_at > {{ future_timestamp_cutoff() }} then 'future_timestamp:exposed_at'
            when typed.exposed_at < {{ date_floor() }} then 'before_date_floor:exposed_at'
            when {{ is_not_accepted('typed.variant', 'variant') }} then 'invalid_category:variant'
            when members.member_id is null then 'orphan_member:member_id'
            when campaigns.campaign_id is null then 'orphan_campaign:campaign_id'
        end as check_failure,
        duplicated_keys.row_key is not null as has_duplicate_key
    from typed
    left join members
        on typed.member_id = members.member_id
    left join campaigns
        on typed.campaign_id = campaigns.campaign_id
    left join duplicated_keys
        on typed.row_key = duplicated_keys.row_key
),

final as (
    select
        row_key as exposure_id,
        campaign_id,
        member_id,
        variant,
        exposed_at,
        {{ split_check_failure('check_failure') }},
        has_duplicate_key,
        {{ raw_record('raw_row', 'check_failure is not null or has_duplicate_key') }} as raw_record
    from checked
)

select * from final
