{#-
    One row per member who had joined by the analysis date. Each block of
    columns comes from a per-member intermediate model keyed by member_id and
    left-joined to the member list, so a new score (predictive CLV, churn
    risk, next-best action) joins in as one more import CTE, one more left
    join and its columns in `final`.
-#}

with

members_as_of as (
    select * from {{ ref('int_members_tenure_computed') }}
),

members as (
    select * from {{ ref('stg_shop__members') }}
),

rfm_scores as (
    select * from {{ ref('int_members_rfm_scored') }}
),

rfm_segments as (
    select * from {{ ref('int_members_rfm_segmented') }}
),

clv as (
    select * from {{ ref('int_members_clv_calculated') }}
),

engagement as (
    select * from {{ ref('int_members_engagement_scored') }}
),

tiers as (
    select * from {{ ref('int_members_tiered') }}
),

next_tiers as (
    select * from {{ ref('int_members_next_tier_computed') }}
),

value_segments as (
    select * from {{ ref('int_members_value_segmented') }}
),

clv_predictions as (
    select * from {{ ref('int_members_clv_predicted') }}
),

churn_risk as (
    select * from {{ ref('int_members_churn_risk_scored') }}
    where score_basis = 'current'
),

next_best_actions as (
    select * from {{ ref('int_members_next_best_action_chosen') }}
),

final as (
    select
        cast(members_as_of.member_id as {{ dbt.type_string() }}) as member_id,
        cast(members.country_code as {{ dbt.type_string() }}) as country_code,
        cast(members.signup_channel as {{ dbt.type_string() }}) as signup_channel,
        cast(rfm_segments.rfm_segment as {{ dbt.type_string() }}) as rfm_segment,
        cast(rfm_segments.rfm_cell as {{ dbt.type_string() }}) as rfm_cell,
        cast(tiers.computed_tier as {{ dbt.type_string() }}) as computed_tier,
        cast(tiers.official_tier as {{ dbt.type_string() }}) as official_tier,
        cast(next_tiers.next_tier as {{ dbt.type_string() }}) as next_tier,
        cast(value_segments.value_segment as {{ dbt.type_string() }}) as value_segment,
        cast(clv_predictions.prediction_status as {{ dbt.type_string() }}) as prediction_status,
        cast(churn_risk.churn_band as {{ dbt.type_string() }}) as churn_band,
        cast(next_best_actions.action as {{ dbt.type_string() }}) as next_best_action,
        cast(next_best_actions.channel as {{ dbt.type_string() }}) as next_best_action_channel,
        cast(members.birth_year as bigint) as birth_year,
        cast(members_as_of.tenure_days as bigint) as tenure_days,
        cast(rfm_scores.recency_days as bigint) as recency_days,
        cast(rfm_scores.purchase_day_count as bigint) as purchase_day_count,
        cast(rfm_scores.order_count_in_window as bigint) as order_count_in_window,
        cast(rfm_scores.net_revenue_in_window as decimal(18, 2)) as net_revenue_in_window,
        cast(rfm_scores.recency_score as bigint) as recency_score,
        cast(rfm_scores.frequency_score as bigint) as frequency_score,
        cast(rfm_scores.monetary_score as bigint) as monetary_score,
        cast(clv.order_count as bigint) as order_count,
        cast(clv.net_revenue as decimal(18, 2)) as net_revenue,
        cast(clv.gross_margin as decimal(18, 2)) as gross_margin,
        cast(clv.average_order_value as decimal(18, 2)) as average_order_value,
        cast(clv.purchase_frequency_per_year as double) as purchase_frequency_per_year,
        cast(clv.formula_clv as decimal(18, 2)) as formula_clv,
        cast(clv.formula_clv_margin as decimal(18, 2)) as formula_clv_margin,
        cast(clv_predictions.p_alive as double) as p_alive,
        cast(clv_predictions.expected_purchases as double) as expected_purchases,
        cast(clv_predictions.expected_spend as decimal(18, 2)) as expected_spend,
        cast(clv_predictions.predicted_clv as decimal(18, 2)) as predicted_clv,
        cast(engagement.engagement_score as double) as engagement_score,
        cast(tiers.net_revenue_t12m as decimal(18, 2)) as net_revenue_t12m,
        cast(tiers.order_count_t12m as bigint) as order_count_t12m,
        cast(tiers.purchase_day_count_t12m as bigint) as purchase_day_count_t12m,
        cast(tiers.average_order_value_t12m as decimal(18, 2)) as average_order_value_t12m,
        cast(tiers.review_count_t12m as bigint) as review_count_t12m,
        cast(tiers.campaign_response_count_t12m as bigint) as campaign_response_count_t12m,
        cast(tiers.referral_count as bigint) as referral_count,
        cast(tiers.value_score as double) as value_score,
        cast(tiers.computed_tier_rank as bigint) as computed_tier_rank,
        cast(tiers.official_tier_rank as bigint) as official_tier_rank,
        cast(tiers.computed_tier_rank - tiers.official_tier_rank as bigint) as tier_rank_gap,
        cast(next_tiers.next_tier_score_points_missing as double) as next_tier_score_points_missing,
        cast(next_tiers.next_tier_spend_missing as decimal(18, 2)) as next_tier_spend_missing,
        cast(next_tiers.next_tier_orders_missing as bigint) as next_tier_orders_missing,
        cast(value_segments.days_inactive as bigint) as days_inactive,
        cast(churn_risk.churn_risk_score as double) as churn_risk_score,
        members.referrer_member_id is not null as has_referrer,
        rfm_scores.has_purchase_in_window,
        engagement.has_behaviour_data,
        members_as_of.signup_date,
        rfm_scores.last_purchase_date,
        members_as_of.as_of_date
    from members_as_of
    inner join members
        on members_as_of.member_id = members.member_id
    left join rfm_scores
        on members_as_of.member_id = rfm_scores.member_id
    left join rfm_segments
        on members_as_of.member_id = rfm_segments.member_id
    left join clv
        on members_as_of.member_id = clv.member_id
    left join engagement
        on members_as_of.member_id = engagement.member_id
    left join tiers
        on members_as_of.member_id = tiers.member_id
    left join next_tiers
        on members_as_of.member_id = next_tiers.member_id
    left join value_segments
        on members_as_of.member_id = value_segments.member_id
    left join clv_predictions
        on members_as_of.member_id = clv_predictions.member_id
    left join churn_risk
        on members_as_of.member_id = churn_risk.member_id
    left join next_best_actions
        on members_as_of.member_id = next_best_actions.member_id
)

select * from final
