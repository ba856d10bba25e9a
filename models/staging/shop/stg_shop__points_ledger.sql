{{ after_quarantine_check() }}

with

clean_rows as (
    {{ deduplicated_rows('points_ledger') }}
),

final as (
    select
        entry_id,
        member_id,
        entry_reason,
        points,
        cast(entry_at as date) as entry_date,
        entry_at
    from clean_rows
)

select * from final
