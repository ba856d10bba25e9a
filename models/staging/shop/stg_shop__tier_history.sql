{{ after_quarantine_check() }}

with

clean_rows as (
    {{ deduplicated_rows('tier_history') }}
),

final as (
    select
        {{ dbt.hash('row_key') }} as tier_change_id,
        member_id,
        tier,
        change_reason,
        cast(effective_at as date) as effective_date,
        effective_at
    from clean_rows
)

select * from final
