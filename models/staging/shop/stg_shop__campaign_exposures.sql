{{ after_quarantine_check() }}

with

clean_rows as (
    {{ deduplicated_rows('campaign_exposures') }}
),

final as (
    select
        exposure_id,
        campaign_id,
        member_id,
        variant,
        variant = 'treatment' as is_treatment,
        cast(exposed_at as date) as exposed_date,
        exposed_at
    from clean_rows
)

select * from final
