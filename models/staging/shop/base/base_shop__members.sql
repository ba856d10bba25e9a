{%- set row_key = clean_text('member_id') %}
{%- set max_age_years = positive_integer_var('max_member_age_years', 'years') | int %}

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
        {{ clean_text('referrer_member_id') }} as referrer_text,
        {{ hash_pii(clean_category('email')) }} as email_hash,
        {{ hash_pii(regexp_replace_all(clean_text('phone'), '[^0-9]', '')) }} as phone_hash,
        {{ clean_category('signup_channel') }} as signup_channel,
        {{ clean_code('country_code') }} as country_code,
        {{ clean_text('birth_date') }} as birth_date_text,
        {{ clean_text('signup_at') }} as signup_at_text,
        -- The raw record, with the personal data hashed the way staging hashes it.
        {{ named_struct({
            'member_id': 'source.member_id',
            'email': hash_pii(clean_category('source.email')),
            'phone': hash_pii(regexp_replace_all(clean_text('source.phone'), '[^0-9]', '')),
            'signup_at': 'source.signup_at',
            'signup_channel': 'source.signup_channel',
            'country_code': 'source.country_code',
            'birth_date': hash_pii(clean_text('source.birth_date')),
            'referrer_member_id': 'source.referrer_member_id',
        }) }} as raw_row
    from source
),

typed as (
    select
        cleaned.*,
        {{ to_date('birth_date_text') }} as birth_date,
        {{ to_timestamp('signup_at_text') }} as signup_at,
        cast({{ future_timestamp_cutoff() }} as date) as run_date
    from cleaned
),

checked as (
    select
        typed.*,
        case
            when typed.row_key is null then 'missing_key:member_id'
            when {{ is_unparseable('typed.signup_at_text', 'typed.signup_at') }} then 'invalid_timestamp:signup_at'
            when typed.signup_at > {{ future_timestamp_cutoff() }} then 'future_timestamp:signup_at'
            when typed.signup_at < {{ date_floor() }} then 'before_date_floor:signup_at'
            when {{ is_not_accepted('typed.signup_channel', 'signup_channel') }}
                then 'invalid_category:signup_channel'
        end as check_failure,
        duplicated_keys.row_key is not null as has_duplicate_key
    from typed
    left join duplicated_keys
        on typed.row_key = duplicated_keys.row_key
),

final as (
    select
        row_key as member_id,
        -- A member is never their own referrer: such a reference is dropped (see has_self_referral).
        case when referrer_text <> row_key then referrer_text end as referrer_member_id,
        email_hash,
        phone_hash,
        signup_channel,
        country_code,
        case
            when birth_date > run_date then null
            when extract(year from birth_date) < extract(year from run_date) - {{ max_age_years }} then null
            else extract(year from birth_date)
        end as birth_year,
        case
            when birth_date_text is null then 'missing'
            when birth_date is null then 'invalid'
            when birth_date > run_date then 'implausible'
            when extract(year from birth_date) < extract(year from run_date) - {{ max_age_years }} then 'implausible'
            else 'valid'
        end as birth_date_status,
        coalesce(referrer_text = row_key, false) as has_self_referral,
        signup_at,
        {{ split_check_failure('check_failure') }},
        has_duplicate_key,
        {{ raw_record('raw_row', 'check_failure is not null or has_duplicate_key') }} as raw_record
    from checked
)

select * from final
