with

checked as (
    select * from {{ ref('base_shop__campaign_exposures') }}
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
    from checked
    where quarantine_reason is null
)

select * from final
