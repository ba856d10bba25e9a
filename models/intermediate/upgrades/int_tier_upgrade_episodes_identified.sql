{#- A view: fct_tier_upgrades reads it once, and it reads only the upgrade candidates' months. -#}
{{ config(materialized='view') }}

{#-
    Upgrade eligibility episodes from the monthly tier facts: an episode
    starts at the month end a member's computed tier first rises above the
    official tier (the tier rank gap turns positive), and lasts while it
    stays above. Every member has a row for every month from signup, so a
    month with a positive gap starts an episode exactly when the member's
    previous month with a positive gap is not the month before: only the
    months with a positive gap are windowed, not every member-month.
-#}

with

monthly_tiers as (
    select * from {{ ref('fct_member_monthly_tiers') }}
),

candidate_months as (
    select
        member_id,
        {{ month_index('month_start_date') }} as month_index,
        official_tier,
        computed_tier,
        official_tier_rank,
        computed_tier_rank,
        month_start_date,
        evaluation_date
    from monthly_tiers
    where
        is_month_complete
        and tier_rank_gap > 0
),

sequenced as (
    select
        *,
        lag(month_index) over (partition by member_id order by month_index asc) as previous_candidate_month_index
    from candidate_months
),

final as (
    select
        {{ dbt.concat(['member_id', "':'", dbt.cast('evaluation_date', dbt.type_string())]) }} as episode_id,
        member_id,
        official_tier,
        computed_tier as target_tier,
        official_tier_rank,
        computed_tier_rank as target_tier_rank,
        month_start_date as eligibility_month,
        evaluation_date as eligibility_date
    from sequenced
    where previous_candidate_month_index is null or previous_candidate_month_index < month_index - 1
)

select * from final
