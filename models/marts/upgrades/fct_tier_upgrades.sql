{%- set exposure_window_days = positive_integer_var('upgrade_exposure_window_days') | int %}
{%- set upgrade_window_days = positive_integer_var('upgrade_window_days') | int %}
{%- set retention_days = positive_integer_var('upgrade_retention_days') | int %}
{%- set retention_window_days = positive_integer_var('upgrade_retention_window_days') | int %}
{%- set activity_window_days = positive_integer_var('upgrade_activity_window_days') | int %}
{%- if retention_window_days > retention_days %}
    {{ exceptions.raise_compiler_error(
        "var('upgrade_retention_window_days') is " ~ retention_window_days ~ ", longer than var('upgrade_retention_days') ("
        ~ retention_days ~ "); the retention window ends upgrade_retention_days days after the upgrade and must fit"
        ~ " inside them."
    ) }}
{%- endif %}
{%- set last_followed_day = [activity_window_days, retention_days] | max %}

with

episodes as (
    select * from {{ ref('int_tier_upgrade_episodes_identified') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

campaigns as (
    select * from {{ ref('stg_shop__campaigns') }}
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

revenue_entries as (
    select * from {{ ref('int_revenue_entries_unioned') }}
),

service_tickets as (
    select * from {{ ref('stg_shop__service_tickets') }}
),

-- Upgrade invitations: treatment-arm exposures to tier_upgrade campaigns
-- (the control arm is held out and receives nothing).
upgrade_invitations as (
    select
        campaign_exposures.member_id,
        campaign_exposures.exposed_date
    from campaign_exposures
    inner join campaigns
        on campaign_exposures.campaign_id = campaigns.campaign_id
    cross join analysis_dates
    where
        campaigns.campaign_type = 'tier_upgrade'
        and campaign_exposures.is_treatment
        and campaign_exposures.exposed_date <= analysis_dates.as_of_date
),

first_exposures as (
    select
        episodes.episode_id,
        min(upgrade_invitations.exposed_date) as first_exposure_date
    from episodes
    inner join upgrade_invitations
        on
            episodes.member_id = upgrade_invitations.member_id
            and episodes.eligibility_date < upgrade_invitations.exposed_date
            and {{ dbt.datediff('episodes.eligibility_date', 'upgrade_invitations.exposed_date', 'day') | trim }}
            <= {{ exposure_window_days }}
    group by episodes.episode_id
),

official_tier_changes as (
    select
        tier_history.tier_change_id,
        tier_history.member_id,
        tier_history.tier,
        tier_rules.tier_rank,
        tier_history.effective_date,
        tier_history.effective_at
    from tier_history
    inner join tier_rules
        on tier_history.tier = tier_rules.tier
    cross join analysis_dates
    where tier_history.effective_date <= analysis_dates.as_of_date
),

-- The upgrade: the first official tier change above the official tier held
-- at eligibility, within the upgrade window.
official_rises as (
    select
        episodes.episode_id,
        official_tier_changes.tier,
        official_tier_changes.tier_rank,
        official_tier_changes.effective_date,
        row_number() over (
            partition by episodes.episode_id
            order by official_tier_changes.effective_at asc, official_tier_changes.tier_change_id asc
        ) as rise_sequence
    from episodes
    inner join official_tier_changes
        on
            episodes.member_id = official_tier_changes.member_id
            and episodes.eligibility_date < official_tier_changes.effective_date
            and episodes.official_tier_rank < official_tier_changes.tier_rank
            and {{ dbt.datediff('episodes.eligibility_date', 'official_tier_changes.effective_date', 'day') | trim }}
            <= {{ upgrade_window_days }}
),

followed as (
    select
        episodes.*,
        official_rises.tier as upgraded_tier,
        official_rises.tier_rank as upgraded_tier_rank,
        first_exposures.first_exposure_date,
        official_rises.effective_date as upgrade_date,
        -- The first day of the "after" windows: the upgrade's effective day,
        -- or the day after eligibility when there is no upgrade.
        coalesce(
            official_rises.effective_date,
            cast({{ dbt.dateadd('day', 1, 'episodes.eligibility_date') | trim }} as date)
        ) as pivot_date,
        analysis_dates.as_of_date
    from episodes
    cross join analysis_dates
    left join official_rises
        on
            episodes.episode_id = official_rises.episode_id
            and official_rises.rise_sequence = 1
    left join first_exposures
        on episodes.episode_id = first_exposures.episode_id
),

-- Revenue entries around the pivot, as days from it: the "before" window is
-- days -W to -1, the "after" window days 0 to W - 1, the retention window
-- days N - L to N - 1.
episode_entries as (
    select
        followed.episode_id,
        revenue_entries.revenue_entry_id,
        revenue_entries.is_purchase,
        revenue_entries.revenue_amount,
        revenue_entries.entry_date,
        {{ dbt.datediff('followed.pivot_date', 'revenue_entries.entry_date', 'day') | trim }} as day_offset
    from followed
    inner join revenue_entries
        on
            followed.member_id = revenue_entries.member_id
            and {{ dbt.datediff('followed.pivot_date', 'revenue_entries.entry_date', 'day') | trim }}
            between -{{ activity_window_days }} and {{ last_followed_day - 1 }}
),

episode_activity as (
    select
        episode_id,
        count(distinct case when is_purchase and day_offset < 0 then entry_date end) as purchase_days_before,
        count(distinct case
            when is_purchase and day_offset >= 0 and day_offset < {{ activity_window_days }} then entry_date
        end) as purchase_days_after,
        count(case when is_purchase and day_offset < 0 then revenue_entry_id end) as order_count_before,
        count(case
            when is_purchase and day_offset >= 0 and day_offset < {{ activity_window_days }} then revenue_entry_id
        end) as order_count_after,
        sum(case when day_offset < 0 then revenue_amount else 0 end) as net_revenue_before,
        sum(case
            when day_offset >= 0 and day_offset < {{ activity_window_days }} then revenue_amount else 0
        end) as net_revenue_after,
        max(case
            when is_purchase and day_offset >= {{ retention_days - retention_window_days }}
                and day_offset < {{ retention_days }} then 1
            else 0
        end) as has_retention_purchase
    from episode_entries
    group by episode_id
),

episode_tickets as (
    select
        followed.episode_id,
        service_tickets.csat_score,
        {{ dbt.datediff('followed.pivot_date', 'service_tickets.opened_date', 'day') | trim }} as day_offset
    from followed
    inner join service_tickets
        on
            followed.member_id = service_tickets.member_id
            and service_tickets.csat_score is not null
            and followed.as_of_date >= service_tickets.opened_date
            and {{ dbt.datediff('followed.pivot_date', 'service_tickets.opened_date', 'day') | trim }}
            between -{{ activity_window_days }} and {{ activity_window_days - 1 }}
),

episode_ratings as (
    select
        episode_id,
        count(case when day_offset < 0 then csat_score end) as rated_ticket_count_before,
        count(case when day_offset >= 0 then csat_score end) as rated_ticket_count_after,
        avg(case when day_offset < 0 then cast(csat_score as double) end) as average_csat_before,
        avg(case when day_offset >= 0 then cast(csat_score as double) end) as average_csat_after
    from episode_tickets
    group by episode_id
),

-- Days from the eligibility and pivot dates to the analysis date: a
-- window of N days after a date has closed when N or more have passed.
episode_clocks as (
    select
        episode_id,
        {{ dbt.datediff('eligibility_date', 'as_of_date', 'day') | trim }} as days_since_eligibility,
        {{ dbt.datediff('pivot_date', 'as_of_date', 'day') | trim }} as days_since_pivot,
        {{ dbt.datediff('eligibility_date', 'first_exposure_date', 'day') | trim }} as days_to_exposure,
        {{ dbt.datediff('eligibility_date', 'upgrade_date', 'day') | trim }} as days_to_upgrade
    from followed
),

final as (
    select
        cast(followed.episode_id as {{ dbt.type_string() }}) as episode_id,
        cast(followed.member_id as {{ dbt.type_string() }}) as member_id,
        cast(followed.official_tier as {{ dbt.type_string() }}) as official_tier,
        cast(followed.target_tier as {{ dbt.type_string() }}) as target_tier,
        cast(followed.upgraded_tier as {{ dbt.type_string() }}) as upgraded_tier,
        cast(followed.official_tier_rank as bigint) as official_tier_rank,
        cast(followed.target_tier_rank as bigint) as target_tier_rank,
        cast(followed.upgraded_tier_rank as bigint) as upgraded_tier_rank,
        cast(episode_clocks.days_to_exposure as bigint) as days_to_exposure,
        cast(episode_clocks.days_to_upgrade as bigint) as days_to_upgrade,
        cast(coalesce(episode_activity.purchase_days_before, 0) as bigint) as purchase_days_before,
        cast(coalesce(episode_activity.purchase_days_after, 0) as bigint) as purchase_days_after,
        cast(coalesce(episode_activity.order_count_before, 0) as bigint) as order_count_before,
        cast(coalesce(episode_activity.order_count_after, 0) as bigint) as order_count_after,
        cast(coalesce(episode_activity.net_revenue_before, 0) as decimal(18, 2)) as net_revenue_before,
        cast(coalesce(episode_activity.net_revenue_after, 0) as decimal(18, 2)) as net_revenue_after,
        cast(coalesce(episode_ratings.rated_ticket_count_before, 0) as bigint) as rated_ticket_count_before,
        cast(coalesce(episode_ratings.rated_ticket_count_after, 0) as bigint) as rated_ticket_count_after,
        cast(episode_ratings.average_csat_before as double) as average_csat_before,
        cast(episode_ratings.average_csat_after as double) as average_csat_after,
        followed.first_exposure_date is not null as is_exposed,
        followed.first_exposure_date is null
        and episode_clocks.days_since_eligibility < {{ exposure_window_days }} as is_exposure_censored,
        followed.upgrade_date is not null as is_upgraded,
        followed.upgrade_date is null
        and episode_clocks.days_since_eligibility < {{ upgrade_window_days }} as is_upgrade_censored,
        coalesce(episode_activity.has_retention_purchase, 0) = 1 as is_retained,
        coalesce(episode_activity.has_retention_purchase, 0) = 0
        and episode_clocks.days_since_pivot < {{ retention_days - 1 }} as is_retention_censored,
        episode_clocks.days_since_pivot >= {{ activity_window_days - 1 }} as is_activity_window_complete,
        followed.eligibility_month,
        followed.eligibility_date,
        followed.first_exposure_date,
        followed.upgrade_date,
        followed.pivot_date,
        followed.as_of_date
    from followed
    inner join episode_clocks
        on followed.episode_id = episode_clocks.episode_id
    left join episode_activity
        on followed.episode_id = episode_activity.episode_id
    left join episode_ratings
        on followed.episode_id = episode_ratings.episode_id
)

select * from final
