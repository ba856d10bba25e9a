{%- set row_key = clean_text('member_id') %}

with

source as (
    select * from {{ source('shop', 'members') }}
),

duplicated_keys as (
    {{ duplicated_keys(source('shop', 'members'), row_key) }}
),

cleaned as (
    select
        {{ row_key }} as row_key,
        {{ clean_text('referrer_member_id') }} as referrer_member_id,
        {{ hash_pii(clean_category('email')) }} as email_hash,
        {{ hash_pii(regexp_replace_all(clean_text('phone'), '[^0-9]', '')) }} as phone_hash,
        {{ clean_category('signup_channel') }} as signup_channel,
        {{ clean_code('country_code') }} as country_code,
        {{ clean_text('birth_date') }} as birth_date_text,
        {{ clean_text('signup_at') }} as signup_at_text,
        {{ raw_row('source') }} as raw_row
    from source
),

typed as (
    select
        cleaned.*,
        extract(year from {{ safe_cast('birth_date_text', 'date') }}) as birth_year,
        {{ to_timestamp('signup_at_text') }} as signup_at
    from cleaned
),

checked as (
    select
        typed.*,
        case
            when typed.row_key is null then 'missing_key'
            when typed.signup_at_text is null then 'missing_value'
            when {{ is_unparseable('typed.signup_at_text', 'typed.signup_at') }} then 'invalid_timestamp'
            when typed.signup_at > {{ future_timestamp_cutoff() }} then 'future_timestamp'
            when {{ is_not_accepted('typed.signup_channel', 'signup_channel') }} then 'invalid_category'
        end as check_reason,
        duplicated_keys.row_key is not null as has_duplicate_key
    from typed
    left join duplicated_keys
        on typed.row_key = duplicated_keys.row_key
),

final as (
    select
        row_key as member_id,
        referrer_member_id,
        email_hash,
        phone_hash,
        signup_channel,
        country_code,
        birth_year,
        signup_at,
        check_reason,
        has_duplicate_key,
        {{ raw_record('raw_row', 'check_reason is not null or has_duplicate_key') }} as raw_record
    from checked
)

select * from final
