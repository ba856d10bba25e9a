with

clean_rows as (
    {{ deduplicated_rows('members') }}
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
    from clean_rows
)

select * from final
