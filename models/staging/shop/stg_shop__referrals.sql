with

checked as (
    select * from {{ ref('base_shop__referrals') }}
),

final as (
    select
        referral_id,
        referrer_member_id,
        referred_member_id,
        cast(referred_at as date) as referred_date,
        referred_at
    from checked
    where quarantine_reason is null
)

select * from final
