with

episodes as (
    select * from {{ ref('fct_tier_upgrades') }}
),

-- Each episode's outcome at every step, as 0/1, so that the report is sums.
-- A step counts an episode only when it reached every step before it.
-- "Known" means the outcome is decided: reached, or its window has closed.
flagged as (
    select
        eligibility_month,
        target_tier,
        target_tier_rank,
        as_of_date,
        case when is_exposed then 1 else 0 end as is_exposed,
        case when is_exposed and is_upgraded then 1 else 0 end as is_exposed_upgraded,
        case when is_exposed and is_upgraded and is_retained then 1 else 0 end as is_exposed_retained,
        case when is_exposure_censored then 1 else 0 end as is_exposure_open,
        case when is_exposed and is_upgrade_censored then 1 else 0 end as is_exposed_upgrade_open,
        case when is_exposed and is_upgraded and is_retention_censored then 1 else 0 end as is_exposed_retention_open,
        case when is_upgraded then 1 else 0 end as is_upgraded,
        case when is_upgrade_censored then 1 else 0 end as is_upgrade_open,
        days_to_upgrade,
        -- Activity before and after the upgrade: upgraded, both windows over.
        case when is_upgraded and is_activity_window_complete then 1 else 0 end as is_activity_compared,
        -- Retention and value lift compare upgraded episodes with episodes
        -- whose upgrade window closed without an upgrade.
        case when is_upgraded and not is_retention_censored then 1 else 0 end as is_upgraded_retention_known,
        case
            when not is_upgraded and not is_upgrade_censored and not is_retention_censored then 1 else 0
        end as is_not_upgraded_retention_known,
        case when is_retained then 1 else 0 end as is_retained,
        case when is_upgraded and is_activity_window_complete then 1 else 0 end as is_upgraded_lift_known,
        case
            when not is_upgraded and not is_upgrade_censored and is_activity_window_complete then 1 else 0
        end as is_not_upgraded_lift_known,
        purchase_days_before,
        purchase_days_after,
        order_count_before,
        order_count_after,
        net_revenue_before,
        net_revenue_after,
        rated_ticket_count_before,
        rated_ticket_count_after,
        coalesce(average_csat_before * rated_ticket_count_before, 0) as csat_score_total_before,
        coalesce(average_csat_after * rated_ticket_count_after, 0) as csat_score_total_after
    from episodes
),

aggregated as (
    select
        eligibility_month,
        target_tier,
        target_tier_rank,
        as_of_date,
        count(*) as eligible_count,
        sum(is_exposed) as exposed_count,
        sum(is_exposed_upgraded) as exposed_upgraded_count,
        sum(is_exposed_retained) as exposed_retained_count,
        sum(is_exposure_open) as exposure_open_count,
        sum(is_exposed_upgrade_open) as exposed_upgrade_open_count,
        sum(is_exposed_retention_open) as exposed_retention_open_count,
        sum(is_upgraded) as upgraded_count,
        sum(is_upgrade_open) as upgrade_open_count,
        avg(cast(days_to_upgrade as double)) as average_days_to_upgrade,
        sum(is_activity_compared) as activity_compared_count,
        sum(is_activity_compared * purchase_days_before) as compared_purchase_days_before,
        sum(is_activity_compared * purchase_days_after) as compared_purchase_days_after,
        sum(is_activity_compared * order_count_before) as compared_order_count_before,
        sum(is_activity_compared * order_count_after) as compared_order_count_after,
        sum(is_activity_compared * net_revenue_before) as compared_net_revenue_before,
        sum(is_activity_compared * net_revenue_after) as compared_net_revenue_after,
        sum(is_activity_compared * rated_ticket_count_before) as rated_ticket_count_before,
        sum(is_activity_compared * rated_ticket_count_after) as rated_ticket_count_after,
        sum(is_activity_compared * csat_score_total_before) as csat_score_total_before,
        sum(is_activity_compared * csat_score_total_after) as csat_score_total_after,
        sum(is_upgraded_retention_known) as upgraded_retention_base_count,
        sum(is_upgraded_retention_known * is_retained) as upgraded_retained_count,
        sum(is_not_upgraded_retention_known) as not_upgraded_retention_base_count,
        sum(is_not_upgraded_retention_known * is_retained) as not_upgraded_retained_count,
        sum(is_upgraded_lift_known) as upgraded_lift_base_count,
        sum(is_upgraded_lift_known * net_revenue_before) as upgraded_net_revenue_before,
        sum(is_upgraded_lift_known * net_revenue_after) as upgraded_net_revenue_after,
        sum(is_not_upgraded_lift_known) as not_upgraded_lift_base_count,
        sum(is_not_upgraded_lift_known * net_revenue_before) as not_upgraded_net_revenue_before,
        sum(is_not_upgraded_lift_known * net_revenue_after) as not_upgraded_net_revenue_after
    from flagged
    group by eligibility_month, target_tier, target_tier_rank, as_of_date
),

rated as (
    select
        *,
        {{ safe_divide('exposed_count', 'eligible_count - exposure_open_count') }} as exposure_rate,
        {{ safe_divide('exposed_upgraded_count', 'exposed_count - exposed_upgrade_open_count') }}
            as exposed_upgrade_rate,
        {{ safe_divide('exposed_retained_count', 'exposed_upgraded_count - exposed_retention_open_count') }}
            as exposed_retention_rate,
        {{ safe_divide(
            'exposed_retained_count',
            'eligible_count - exposure_open_count - exposed_upgrade_open_count - exposed_retention_open_count'
        ) }} as overall_conversion_rate,
        {{ safe_divide('upgraded_count', 'eligible_count - upgrade_open_count') }} as upgrade_conversion_rate,
        {{ safe_divide('upgraded_retained_count', 'upgraded_retention_base_count') }} as upgraded_retention_rate,
        {{ safe_divide('not_upgraded_retained_count', 'not_upgraded_retention_base_count') }}
            as not_upgraded_retention_rate,
        {{ safe_divide('upgraded_net_revenue_before', 'upgraded_lift_base_count') }}
            as upgraded_revenue_per_member_before,
        {{ safe_divide('upgraded_net_revenue_after', 'upgraded_lift_base_count') }}
            as upgraded_revenue_per_member_after,
        {{ safe_divide('not_upgraded_net_revenue_before', 'not_upgraded_lift_base_count') }}
            as not_upgraded_revenue_per_member_before,
        {{ safe_divide('not_upgraded_net_revenue_after', 'not_upgraded_lift_base_count') }}
            as not_upgraded_revenue_per_member_after
    from aggregated
),

final as (
    select
        cast(target_tier as {{ dbt.type_string() }}) as target_tier,
        cast(target_tier_rank as bigint) as target_tier_rank,
        cast(eligible_count as bigint) as eligible_count,
        cast(exposed_count as bigint) as exposed_count,
        cast(exposed_upgraded_count as bigint) as exposed_upgraded_count,
        cast(exposed_retained_count as bigint) as exposed_retained_count,
        cast(exposure_open_count as bigint) as exposure_open_count,
        cast(exposed_upgrade_open_count as bigint) as exposed_upgrade_open_count,
        cast(exposed_retention_open_count as bigint) as exposed_retention_open_count,
        cast(exposure_rate as double) as exposure_rate,
        cast(exposed_upgrade_rate as double) as exposed_upgrade_rate,
        cast(exposed_retention_rate as double) as exposed_retention_rate,
        cast(overall_conversion_rate as double) as overall_conversion_rate,
        cast(upgraded_count as bigint) as upgraded_count,
        cast(upgrade_open_count as bigint) as upgrade_open_count,
        cast(upgrade_conversion_rate as double) as upgrade_conversion_rate,
        cast(average_days_to_upgrade as double) as average_days_to_upgrade,
        cast(activity_compared_count as bigint) as activity_compared_count,
        cast({{ safe_divide('compared_purchase_days_before', 'activity_compared_count') }} as double)
            as purchase_days_per_member_before,
        cast({{ safe_divide('compared_purchase_days_after', 'activity_compared_count') }} as double)
            as purchase_days_per_member_after,
        cast(
            {{ round_portably(safe_divide('compared_net_revenue_before', 'compared_order_count_before'), 2) }}
            as decimal(18, 2)
        ) as average_order_value_before,
        cast(
            {{ round_portably(safe_divide('compared_net_revenue_after', 'compared_order_count_after'), 2) }}
            as decimal(18, 2)
        ) as average_order_value_after,
        cast(upgraded_retention_base_count as bigint) as upgraded_retention_base_count,
        cast(upgraded_retained_count as bigint) as upgraded_retained_count,
        cast(upgraded_retention_rate as double) as upgraded_retention_rate,
        cast(not_upgraded_retention_base_count as bigint) as not_upgraded_retention_base_count,
        cast(not_upgraded_retained_count as bigint) as not_upgraded_retained_count,
        cast(not_upgraded_retention_rate as double) as not_upgraded_retention_rate,
        cast(upgraded_retention_rate - not_upgraded_retention_rate as double) as retention_rate_difference,
        cast(upgraded_lift_base_count as bigint) as upgraded_lift_base_count,
        cast(not_upgraded_lift_base_count as bigint) as not_upgraded_lift_base_count,
        cast({{ round_portably('upgraded_revenue_per_member_before', 2) }} as decimal(18, 2))
            as upgraded_revenue_per_member_before,
        cast({{ round_portably('upgraded_revenue_per_member_after', 2) }} as decimal(18, 2))
            as upgraded_revenue_per_member_after,
        cast({{ round_portably('not_upgraded_revenue_per_member_before', 2) }} as decimal(18, 2))
            as not_upgraded_revenue_per_member_before,
        cast({{ round_portably('not_upgraded_revenue_per_member_after', 2) }} as decimal(18, 2))
            as not_upgraded_revenue_per_member_after,
        cast(
            {{ round_portably(
                '(upgraded_revenue_per_member_after - upgraded_revenue_per_member_before)'
                ~ ' - (not_upgraded_revenue_per_member_after - not_upgraded_revenue_per_member_before)', 2
            ) }} as decimal(18, 2)
        ) as value_lift,
        cast(rated_ticket_count_before as bigint) as rated_ticket_count_before,
        cast(rated_ticket_count_after as bigint) as rated_ticket_count_after,
        cast({{ safe_divide('csat_score_total_before', 'rated_ticket_count_before') }} as double) as csat_before,
        cast({{ safe_divide('csat_score_total_after', 'rated_ticket_count_after') }} as double) as csat_after,
        eligibility_month,
        as_of_date
    from rated
)

select * from final
