{{ after_quarantine_check() }}

with

clean_rows as (
    {{ deduplicated_rows('events') }}
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
    from clean_rows
)

select * from final
