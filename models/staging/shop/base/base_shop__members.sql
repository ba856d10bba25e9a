with

source as (
    select * from {{ source('shop', 'members') }}
),

typed as (
    select
        {{ clean_text('member_id') }} as member_id,
        {{ clean_text('referrer_member_id') }} as referrer_member_id,
        {{ hash_pii(clean_category('email')) }} as email_hash,
        {{ hash_pii(regexp_replace_all(clean_text('phone'), '[^0-9]', '')) }} as phone_hash,
        {{ clean_category('signup_channel') }} as signup_channel,
        {{ clean_code('country_code') }} as country_code,
        extract(year from {{ safe_cast(clean_text('birth_date'), 'date') }}) as birth_year,
        {{ to_timestamp('signup_at') }} as signup_at,
        {{ clean_text('member_id') }} as row_key,
        {{ record_to_json('source') }} as raw_record,
        case
            when {{ clean_text('member_id') }} is null then 'missing_key'
            when {{ clean_text('signup_at') }} is null then 'missing_value'
            when {{ is_unparseable('signup_at', to_timestamp('signup_at')) }} then 'invalid_timestamp'
        end as format_issue
    from source
),

checked as (
    select
        *,
        coalesce(
            format_issue,
            case
                when signup_at > {{ future_timestamp_cutoff() }} then 'future_timestamp'
                when {{ is_not_accepted('signup_channel', 'signup_channel') }} then 'invalid_category'
            end
        ) as check_reason
    from typed
),

final as (
    select
        member_id,
        referrer_member_id,
        email_hash,
        phone_hash,
        signup_channel,
        country_code,
        birth_year,
        signup_at,
        row_key,
        raw_record,
        {{ quarantine_reason('check_reason', ['member_id'], 'signup_at asc nulls last') }} as quarantine_reason
    from checked
)

select * from final
