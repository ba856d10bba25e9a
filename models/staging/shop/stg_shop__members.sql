{#- A table: every model that scores members reads it, and the signup inference reads the orders. -#}
{{ config(materialized='table') }}
{{ after_quarantine_check() }}

with

clean_rows as (
    {{ deduplicated_rows('members') }}
),

orders as (
    select
        member_id,
        ordered_at
    from ({{ deduplicated_rows('orders') }}) as clean_orders
),

first_orders as (
    -- Only for members whose file gives no signup time.
    select
        orders.member_id,
        min(orders.ordered_at) as first_ordered_at
    from orders
    where
        orders.member_id in (
            select members_without_signup.member_id
            from clean_rows as members_without_signup
            where members_without_signup.signup_at is null
        )
    group by orders.member_id
),

final as (
    select
        clean_rows.member_id,
        clean_rows.referrer_member_id,
        clean_rows.email_hash,
        clean_rows.phone_hash,
        clean_rows.signup_channel,
        clean_rows.country_code,
        clean_rows.birth_date_status,
        clean_rows.birth_year,
        clean_rows.has_self_referral,
        clean_rows.signup_at is null and first_orders.first_ordered_at is not null as is_signup_inferred,
        cast(coalesce(clean_rows.signup_at, first_orders.first_ordered_at) as date) as signup_date,
        coalesce(clean_rows.signup_at, first_orders.first_ordered_at) as signup_at
    from clean_rows
    left join first_orders
        on clean_rows.member_id = first_orders.member_id
)

select * from final
