with

checked as (
    select * from {{ ref('base_shop__events') }}
),

final as (
    select
        event_id,
        member_id,
        anonymous_id,
        product_id,
        order_id,
        event_type,
        platform,
        utm_source,
        utm_medium,
        utm_campaign,
        member_id is not null as is_signed_in,
        cast(event_at as date) as event_date,
        event_at
    from checked
    where quarantine_reason is null
)

select * from final
