with

source as (
    select * from {{ source('shop', 'campaign_exposures') }}
),

members as (
    select member_id from {{ ref('stg_shop__members') }}
),

campaigns as (
    select campaign_id from {{ ref('stg_shop__campaigns') }}
),

typed as (
    select
        {{ clean_text('exposure_id') }} as exposure_id,
        {{ clean_text('campaign_id') }} as campaign_id,
        {{ clean_text('member_id') }} as member_id,
        {{ clean_category('variant') }} as variant,
        {{ to_timestamp('exposed_at') }} as exposed_at,
        {{ clean_text('exposure_id') }} as row_key,
        {{ record_to_json('source') }} as raw_record,
        case
            when {{ clean_text('exposure_id') }} is null then 'missing_key'
            when {{ clean_text('campaign_id') }} is null
                or {{ clean_text('member_id') }} is null
                or {{ clean_text('variant') }} is null
                or {{ clean_text('exposed_at') }} is null then 'missing_value'
            when {{ is_unparseable('exposed_at', to_timestamp('exposed_at')) }} then 'invalid_timestamp'
        end as format_issue
    from source
),

checked as (
    select
        typed.*,
        coalesce(
            typed.format_issue,
            case
                when typed.exposed_at > {{ future_timestamp_cutoff() }} then 'future_timestamp'
                when {{ is_not_accepted('typed.variant', 'variant') }} then 'invalid_category'
                when members.member_id is null then 'orphan_member'
                when campaigns.campaign_id is null then 'orphan_campaign'
            end
        ) as check_reason
    from typed
    left join members
        on typed.member_id = members.member_id
    left join campaigns
        on typed.campaign_id = campaigns.campaign_id
),

final as (
    select
        exposure_id,
        campaign_id,
        member_id,
        variant,
        exposed_at,
        row_key,
        raw_record,
        {{ quarantine_reason('check_reason', ['exposure_id'], 'exposed_at asc nulls last') }} as quarantine_reason
    from checked
)

select * from final
