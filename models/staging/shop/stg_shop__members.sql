with

checked as (
    select * from {{ ref('base_shop__members') }}
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
        cast(signup_at as date) as signup_date
    from checked
    where quarantine_reason is null
)

select * from final
