{{ after_quarantine_check() }}

with

clean_rows as (
    {{ deduplicated_rows('service_tickets') }}
),

final as (
    select
        ticket_id,
        member_id,
        ticket_category,
        csat_score,
        resolved_at is not null as is_resolved,
        cast(opened_at as date) as opened_date,
        opened_at,
        resolved_at
    from clean_rows
)

select * from final
