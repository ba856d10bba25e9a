{%- set response_days = positive_integer_var('campaign_response_days') %}

with

sessions as (
    select * from {{ ref('fct_sessions') }}
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

points_ledger as (
    select * from {{ ref('stg_shop__points_ledger') }}
),

service_tickets as (
    select * from {{ ref('stg_shop__service_tickets') }}
),

revenue_entries as (
    select * from {{ ref('int_revenue_entries_unioned') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

member_tenures as (
    select * from {{ ref('int_members_tenure_computed') }}
),

member_sessions as (
    select
        sessions.member_id,
        count(*) as session_count,
        sum(sessions.product_view_count) as product_view_count,
        sum(sessions.add_to_cart_count) as add_to_cart_count
    from sessions
    cross join analysis_dates
    where
        sessions.member_id is not null
        and sessions.session_date between analysis_dates.engagement_window_start_date and analysis_dates.as_of_date
    group by sessions.member_id
),

member_reviews as (
    select
        reviews.member_id,
        count(*) as review_count
    from reviews
    cross join analysis_dates
    where reviews.reviewed_date between analysis_dates.engagement_window_start_date and analysis_dates.as_of_date
    group by reviews.member_id
),

purchasing_members as (
    select distinct member_id
    from revenue_entries
    where is_purchase
),

member_referrals as (
    select
        referrals.referrer_member_id as member_id,
        count(*) as referral_count,
        count(purchasing_members.member_id) as converted_referral_count
    from referrals
    cross join analysis_dates
    left join purchasing_members
        on referrals.referred_member_id = purchasing_members.member_id
    where referrals.referred_date between analysis_dates.engagement_window_start_date and analysis_dates.as_of_date
    group by referrals.referrer_member_id
),

responded_exposures as (
    select distinct
        campaign_exposures.exposure_id,
        campaign_exposures.member_id
    from campaign_exposures
    cross join analysis_dates
    inner join revenue_entries
        on
            campaign_exposures.member_id = revenue_entries.member_id
            and revenue_entries.is_purchase
            and campaign_exposures.exposed_date <= revenue_entries.entry_date
            and {{ dbt.datediff('campaign_exposures.exposed_date', 'revenue_entries.entry_date', 'day') }}
            <= {{ response_days }}
    where
        campaign_exposures.is_treatment
        and campaign_exposures.exposed_date
        between analysis_dates.engagement_window_start_date and analysis_dates.as_of_date
),

member_campaign_responses as (
    select
        member_id,
        count(*) as campaign_response_count
    from responded_exposures
    group by member_id
),

member_points as (
    select
        points_ledger.member_id,
        count(*) as points_redemption_count
    from points_ledger
    cross join analysis_dates
    where
        points_ledger.entry_reason = 'redemption'
        and points_ledger.entry_date between analysis_dates.engagement_window_start_date and analysis_dates.as_of_date
    group by points_ledger.member_id
),

member_service as (
    select
        service_tickets.member_id,
        count(*) as rated_ticket_count,
        avg(service_tickets.csat_score) as average_csat_score
    from service_tickets
    cross join analysis_dates
    where
        service_tickets.csat_score is not null
        and cast(service_tickets.resolved_at as date)
        between analysis_dates.engagement_window_start_date and analysis_dates.as_of_date
    group by service_tickets.member_id
),

final as (
    select
        member_tenures.member_id,
        coalesce(member_sessions.session_count, 0) as session_count,
        cast(coalesce(member_sessions.product_view_count, 0) as {{ dbt.type_bigint() }}) as product_view_count,
        cast(coalesce(member_sessions.add_to_cart_count, 0) as {{ dbt.type_bigint() }}) as add_to_cart_count,
        coalesce(member_reviews.review_count, 0) as review_count,
        coalesce(member_referrals.referral_count, 0) as referral_count,
        coalesce(member_referrals.converted_referral_count, 0) as converted_referral_count,
        coalesce(member_campaign_responses.campaign_response_count, 0) as campaign_response_count,
        coalesce(member_points.points_redemption_count, 0) as points_redemption_count,
        coalesce(member_service.rated_ticket_count, 0) as rated_ticket_count,
        cast(
            {{ round_portably('coalesce(member_service.average_csat_score, 0)', 2) }} as decimal(4, 2)
        ) as average_csat_score,
        member_tenures.tenure_days,
        (
            member_sessions.member_id is not null
            or member_reviews.member_id is not null
            or member_referrals.member_id is not null
            or member_campaign_responses.member_id is not null
            or member_points.member_id is not null
            or member_service.member_id is not null
        ) as has_behaviour_data,
        member_tenures.as_of_date
    from member_tenures
    left join member_sessions
        on member_tenures.member_id = member_sessions.member_id
    left join member_reviews
        on member_tenures.member_id = member_reviews.member_id
    left join member_referrals
        on member_tenures.member_id = member_referrals.member_id
    left join member_campaign_responses
        on member_tenures.member_id = member_campaign_responses.member_id
    left join member_points
        on member_tenures.member_id = member_points.member_id
    left join member_service
        on member_tenures.member_id = member_service.member_id
)

select * from final
