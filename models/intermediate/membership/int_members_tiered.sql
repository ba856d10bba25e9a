with

member_months as (
    select * from {{ ref('fct_member_monthly_tiers') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

final as (
    select
        member_months.member_id,
        member_months.computed_tier,
        member_months.official_tier,
        member_months.value_score,
        member_months.net_revenue_t12m,
        member_months.order_count_t12m,
        member_months.purchase_day_count_t12m,
        member_months.average_order_value_t12m,
        member_months.review_count_t12m,
        member_months.campaign_response_count_t12m,
        member_months.referral_count,
        member_months.tenure_days,
        member_months.computed_tier_rank,
        member_months.official_tier_rank,
        member_months.is_month_complete,
        member_months.month_start_date,
        member_months.evaluation_date
    from member_months
    inner join analysis_dates
        on member_months.evaluation_date = analysis_dates.as_of_date
)

select * from final
