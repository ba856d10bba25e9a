{{ after_quarantine_check() }}

with

clean_rows as (
    {{ deduplicated_rows('campaigns') }}
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
    from clean_rows
)

select * from final
