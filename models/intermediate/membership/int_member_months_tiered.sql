{#-
    A view: fct_member_monthly_tiers is its one reader and where these rows
    are written; the per-member tier models and the transition matrix read
    that mart.
-#}
{{ config(materialized='view') }}

with

scored as (
    select * from {{ ref('int_member_months_scored') }}
),

tier_rules as (
    select * from {{ ref('int_tier_rules_validated') }}
),

pivoted_rules as (
    {{ tier_rules_pivoted('tier_rules') }}
),

tiered as (
    select
        scored.member_id,
        scored.month_index,
        scored.value_score,
        scored.net_revenue_t12m,
        scored.order_count_t12m,
        scored.purchase_day_count_t12m,
        scored.average_order_value_t12m,
        scored.review_count_t12m,
        scored.campaign_response_count_t12m,
        scored.referral_count,
        scored.tenure_days,
        {{ qualifying_tier_rank(
            'pivoted_rules', 'scored.value_score', 'scored.net_revenue_t12m', 'scored.order_count_t12m'
        ) }} as computed_tier_rank,
        coalesce(scored.official_tier_rank, 1) as official_tier_rank,
        scored.is_month_complete,
        scored.month_start_date,
        scored.evaluation_date
    from scored
    cross join pivoted_rules
),

final as (
    select
        tiered.member_id,
        {{ tier_name('pivoted_rules', 'tiered.computed_tier_rank') }} as computed_tier,
        {{ tier_name('pivoted_rules', 'tiered.official_tier_rank') }} as official_tier,
        tiered.month_index,
        tiered.value_score,
        tiered.net_revenue_t12m,
        tiered.order_count_t12m,
        tiered.purchase_day_count_t12m,
        tiered.average_order_value_t12m,
        tiered.review_count_t12m,
        tiered.campaign_response_count_t12m,
        tiered.referral_count,
        tiered.tenure_days,
        tiered.computed_tier_rank,
        tiered.official_tier_rank,
        tiered.is_month_complete,
        tiered.month_start_date,
        tiered.evaluation_date
    from tiered
    cross join pivoted_rules
)

select * from final
