with

checked as (
    select * from {{ ref('base_shop__tier_history') }}
),

final as (
    select
        {{ dbt.hash('row_key') }} as tier_change_id,
        member_id,
        tier,
        change_reason,
        cast(effective_at as date) as effective_date,
        effective_at
    from checked
    where quarantine_reason is null
)

select * from final
