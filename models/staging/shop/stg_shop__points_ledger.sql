with

checked as (
    select * from {{ ref('base_shop__points_ledger') }}
),

final as (
    select
        entry_id,
        member_id,
        entry_reason,
        points,
        cast(entry_at as date) as entry_date,
        entry_at
    from checked
    where quarantine_reason is null
)

select * from final
