with

member_months as (
    select * from {{ ref('int_member_months_tiered') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

final as (
    select member_months.*
    from member_months
    inner join analysis_dates
        on member_months.evaluation_date = analysis_dates.as_of_date
)

select * from final
