with

source as (
    select * from {{ source('shop', 'referrals') }}
),

members as (
    select member_id from {{ ref('stg_shop__members') }}
),

typed as (
    select
        {{ clean_text('referral_id') }} as referral_id,
        {{ clean_text('referrer_member_id') }} as referrer_member_id,
        {{ clean_text('referred_member_id') }} as referred_member_id,
        {{ to_timestamp('referred_at') }} as referred_at,
        {{ clean_text('referral_id') }} as row_key,
        {{ record_to_json('source') }} as raw_record,
        case
            when {{ clean_text('referral_id') }} is null then 'missing_key'
            when {{ clean_text('referrer_member_id') }} is null
                or {{ clean_text('referred_member_id') }} is null
                or {{ clean_text('referred_at') }} is null then 'missing_value'
            when {{ is_unparseable('referred_at', to_timestamp('referred_at')) }} then 'invalid_timestamp'
        end as format_issue
    from source
),

checked as (
    select
        typed.*,
        coalesce(
            typed.format_issue,
            case
                when typed.referred_at > {{ future_timestamp_cutoff() }} then 'future_timestamp'
                when referrers.member_id is null or referred.member_id is null then 'orphan_member'
            end
        ) as check_reason
    from typed
    left join members as referrers
        on typed.referrer_member_id = referrers.member_id
    left join members as referred
        on typed.referred_member_id = referred.member_id
),

final as (
    select
        referral_id,
        referrer_member_id,
        referred_member_id,
        referred_at,
        row_key,
        raw_record,
        {{ quarantine_reason('check_reason', ['referral_id'], 'referred_at asc nulls last') }} as quarantine_reason
    from checked
)

select * from final
