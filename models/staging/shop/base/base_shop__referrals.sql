{%- set row_key = clean_text('referral_id') %}

with

source as (
    select * from {{ source('shop', 'referrals') }}
),

duplicated_keys as (
    {{ duplicated_keys(source('shop', 'referrals'), row_key) }}
),

referrers as (
    select member_id from ({{ deduplicated_rows('members') }}) as clean_members
),

referred as (
    select member_id from ({{ deduplicated_rows('members') }}) as clean_members
),

cleaned as (
    select
        {{ row_key }} as row_key,
        {{ clean_text('referrer_member_id') }} as referrer_member_id,
        {{ clean_text('referred_member_id') }} as referred_member_id,
        {{ clean_text('referred_at') }} as referred_at_text,
        {{ raw_row('source') }} as raw_row
    from source
),

typed as (
    select
        cleaned.*,
        {{ to_timestamp('referred_at_text') }} as referred_at
    from cleaned
),

checked as (
    select
        typed.*,
        case
            when typed.row_key is null then 'missing_key:referral_id'
            when typed.referrer_member_id is null then 'missing_value:referrer_member_id'
            when typed.referred_member_id is null then 'missing_value:referred_member_id'
            when typed.referred_at_text is null then 'missing_value:referred_at'
            when {{ is_unparseable('typed.referred_at_text', 'typed.referred_at') }}
                then 'invalid_timestamp:referred_at'
            when typed.referred_at > {{ future_timestamp_cutoff() }} then 'future_timestamp:referred_at'
            when typed.referred_at < {{ date_floor() }} then 'before_date_floor:referred_at'
            when referrers.member_id is null then 'orphan_member:referrer_member_id'
            when referred.member_id is null then 'orphan_member:referred_member_id'
            when typed.referrer_member_id = typed.referred_member_id then 'self_referral:referred_member_id'
        end as check_failure,
        duplicated_keys.row_key is not null as has_duplicate_key
    from typed
    left join referrers
        on typed.referrer_member_id = referrers.member_id
    left join referred
        on typed.referred_member_id = referred.member_id
    left join duplicated_keys
        on typed.row_key = duplicated_keys.row_key
),

final as (
    select
        row_key as referral_id,
        referrer_member_id,
        referred_member_id,
        referred_at,
        {{ split_check_failure('check_failure') }},
        has_duplicate_key,
        {{ raw_record('raw_row', 'check_failure is not null or has_duplicate_key') }} as raw_record
    from checked
)

select * from final
