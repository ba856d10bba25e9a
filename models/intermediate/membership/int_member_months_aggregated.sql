{%- set response_days = positive_integer_var('campaign_response_days') %}

with

revenue_entries as (
    select * from {{ ref('int_revenue_entries_unioned') }}
),

reviews as (
    select * from {{ ref('stg_shop__reviews') }}
),

referrals as (
    select * from {{ ref('stg_shop__referrals') }}
),

campaign_exposures as (
    select * from {{ ref('stg_shop__campaign_exposures') }}
),

tier_history as (
    select * from {{ ref('stg_shop__tier_history') }}
),

tier_rules as (
    select * from {{ ref('int_tier_rules_validated') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

dated_revenue_entries as (
    select
        member_id,
        {{ month_index('entry_date') }} as month_index,
        revenue_entry_id,
        revenue_amount,
        is_purchase,
        entry_date
    from revenue_entries
),

revenue_months as (
    select
        member_id,
        month_index,
        count(distinct case when is_purchase then entry_date end) as purchase_day_count,
        count(case when is_purchase then revenue_entry_id end) as order_count,
        sum(revenue_amount) as net_revenue
    from dated_revenue_entries
    group by member_id, month_index
),

review_months as (
    select
        reviews.member_id,
        {{ month_index('reviews.reviewed_date') }} as month_index
    from reviews
    cross join analysis_dates
    where reviews.reviewed_date <= analysis_dates.as_of_date
),

referral_months as (
    select
        referrals.referrer_member_id as member_id,
        {{ month_index('referrals.referred_date') }} as month_index
    from referrals
    cross join analysis_dates
    where referrals.referred_date <= analysis_dates.as_of_date
),

-- A treatment-arm exposure is answered by the member's first purchase within
-- the response window; it counts in the month of that purchase, the day the
-- response became known. Purchases are never after the analysis date.
campaign_responses as (
    select
        campaign_exposures.exposure_id,
        campaign_exposures.member_id,
        min(revenue_entries.entry_date) as response_date
    from campaign_exposures
    inner join revenue_entries
        on
            campaign_exposures.member_id = revenue_entries.member_id
            and revenue_entries.is_purchase
            and campaign_exposures.exposed_date <= revenue_entries.entry_date
            and {{ dbt.datediff('campaign_exposures.exposed_date', 'revenue_entries.entry_date', 'day') }}
            <= {{ response_days }}
    where campaign_exposures.is_treatment
    group by campaign_exposures.exposure_id, campaign_exposures.member_id
),

response_months as (
    select
        member_id,
        {{ month_index('response_date') }} as month_index
    from campaign_responses
),

-- The official tier at the end of a month is the last change made in it
-- (on or before the analysis date), if any.
tier_changes as (
    select
        tier_history.member_id,
        {{ month_index('tier_history.effective_date') }} as month_index,
        tier_history.tier,
        row_number() over (
            partition by tier_history.member_id, {{ month_index('tier_history.effective_date') }}
            order by tier_history.effective_at desc, tier_history.tier_change_id desc
        ) as change_sequence
    from tier_history
    cross join analysis_dates
    where tier_history.effective_date <= analysis_dates.as_of_date
),

tier_months as (
    select
        tier_changes.member_id,
        tier_changes.month_index,
        tier_rules.tier_rank as official_tier_rank
    from tier_changes
    inner join tier_rules
        on tier_changes.tier = tier_rules.tier
    where tier_changes.change_sequence = 1
),

activity as (
    select
        member_id,
        month_index,
        purchase_day_count,
        order_count,
        net_revenue,
        0 as review_count,
        0 as campaign_response_count,
        0 as referral_count,
        cast(null as bigint) as official_tier_rank
    from revenue_months
    union all
    select
        member_id,
        month_index,
        0 as purchase_day_count,
        0 as order_count,
        0 as net_revenue,
        1 as review_count,
        0 as campaign_response_count,
        0 as referral_count,
        cast(null as bigint) as official_tier_rank
    from review_months
    union all
    select
        member_id,
        month_index,
        0 as purchase_day_count,
        0 as order_count,
        0 as net_revenue,
        0 as review_count,
        1 as campaign_response_count,
        0 as referral_count,
        cast(null as bigint) as official_tier_rank
    from response_months
    union all
    select
        member_id,
        month_index,
        0 as purchase_day_count,
        0 as order_count,
        0 as net_revenue,
        0 as review_count,
        0 as campaign_response_count,
        1 as referral_count,
        cast(null as bigint) as official_tier_rank
    from referral_months
    union all
    select
        member_id,
        month_index,
        0 as purchase_day_count,
        0 as order_count,
        0 as net_revenue,
        0 as review_count,
        0 as campaign_response_count,
        0 as referral_count,
        official_tier_rank
    from tier_months
),

final as (
    select
        member_id,
        month_index,
        cast(sum(purchase_day_count) as bigint) as purchase_day_count,
        cast(sum(order_count) as bigint) as order_count,
        cast(sum(net_revenue) as {{ amount_type() }}) as net_revenue,
        cast(sum(review_count) as bigint) as review_count,
        cast(sum(campaign_response_count) as bigint) as campaign_response_count,
        cast(sum(referral_count) as bigint) as referral_count,
        max(official_tier_rank) as official_tier_rank
    from activity
    group by member_id, month_index
)

select * from final
