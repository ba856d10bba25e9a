with

checked as (
    select * from {{ ref('base_shop__campaigns') }}
),

final as (
    select
        campaign_id,
        campaign_name,
        campaign_type,
        cast(started_at as date) as started_date,
        cast(ended_at as date) as ended_date,
        started_at,
        ended_at
    from checked
    where quarantine_reason is null
)

select * from final
