{{ after_quarantine_check() }}

with

clean_rows as (
    {{ deduplicated_rows('referrals') }}
),

final as (
    select
        referral_id,
        referrer_member_id,
        referred_member_id,
        cast(referred_at as date) as referred_date,
        referred_at
    from clean_rows
)

select * from final
