{#- The views of the triangle: (split_by, the column whose value splits the cohorts). -#}
{%- set splits = [
    ('all', none),
    ('signup_channel', 'signup_channel'),
    ('acquisition_tier', 'acquisition_tier'),
] %}

with

cohort_members as (
    select * from {{ ref('int_members_cohorts_assigned') }}
),

revenue_entries as (
    select * from {{ ref('int_revenue_entries_unioned') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

monthly_tiers as (
    select * from {{ ref('fct_member_monthly_tiers') }}
),

acquired_members as (
    select
        cohort_members.member_id,
        coalesce(cohort_members.signup_channel, 'unknown') as signup_channel,
        coalesce(monthly_tiers.computed_tier, 'unknown') as acquisition_tier,
        cohort_members.cohort_month
    from cohort_members
    left join monthly_tiers
        on
            cohort_members.member_id = monthly_tiers.member_id
            and cohort_members.cohort_month = monthly_tiers.month_start_date
    where cohort_members.has_purchased
),

member_months as (
    select
        member_id,
        cast({{ dbt.date_trunc('month', 'entry_date') }} as date) as activity_month,
        count(*) as order_count,
        sum(revenue_amount) as revenue
    from revenue_entries
    where is_purchase
    group by member_id, cast({{ dbt.date_trunc('month', 'entry_date') }} as date)
),

-- Cohorts at the finest split (channel x tier), which the three views sum up.
cohort_sizes as (
    select
        cohort_month,
        signup_channel,
        acquisition_tier,
        count(*) as cohort_size
    from acquired_members
    group by cohort_month, signup_channel, acquisition_tier
),

cohort_activity as (
    select
        acquired_members.cohort_month,
        acquired_members.signup_channel,
        acquired_members.acquisition_tier,
        member_months.activity_month,
        count(*) as active_member_count,
        sum(member_months.order_count) as order_count,
        sum(member_months.revenue) as revenue
    from member_months
    inner join acquired_members
        on member_months.member_id = acquired_members.member_id
    group by
        acquired_members.cohort_month,
        acquired_members.signup_channel,
        acquired_members.acquisition_tier,
        member_months.activity_month
),

-- Which part of each view every (signup channel, tier) cell belongs to.
cell_views as (
    {% for split_by, split_column in splits -%}
        select distinct
            signup_channel,
            acquisition_tier,
            {{ dbt.string_literal(split_by) }} as split_by,
            {{ split_column or dbt.string_literal('all') }} as split_value
        from cohort_sizes
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

split_sizes as (
    select
        cohort_sizes.cohort_month,
        cell_views.split_by,
        cell_views.split_value,
        sum(cohort_sizes.cohort_size) as cohort_size
    from cohort_sizes
    inner join cell_views
        on
            cohort_sizes.signup_channel = cell_views.signup_channel
            and cohort_sizes.acquisition_tier = cell_views.acquisition_tier
    group by cohort_sizes.cohort_month, cell_views.split_by, cell_views.split_value
),

split_activity as (
    select
        cohort_activity.cohort_month,
        cell_views.split_by,
        cell_views.split_value,
        cohort_activity.activity_month,
        sum(cohort_activity.active_member_count) as active_member_count,
        sum(cohort_activity.order_count) as order_count,
        sum(cohort_activity.revenue) as revenue
    from cohort_activity
    inner join cell_views
        on
            cohort_activity.signup_channel = cell_views.signup_channel
            and cohort_activity.acquisition_tier = cell_views.acquisition_tier
    group by
        cohort_activity.cohort_month,
        cell_views.split_by,
        cell_views.split_value,
        cohort_activity.activity_month
),

month_bounds as (
    select
        min(acquired_members.cohort_month) as first_cohort_month,
        max(analysis_dates.as_of_date) as as_of_date
    from acquired_members
    cross join analysis_dates
),

months as (
    {{ month_start_series('month_bounds.first_cohort_month', 'month_bounds.as_of_date', 'month_bounds') }}
),

-- Every cohort gets a row for every month from its own to the analysis
-- date's, with or without activity.
triangle as (
    select
        split_sizes.cohort_month,
        split_sizes.split_by,
        split_sizes.split_value,
        split_sizes.cohort_size,
        months.month_start as activity_month,
        {{ dbt.datediff('split_sizes.cohort_month', 'months.month_start', 'month') | trim }}
            as months_since_acquisition
    from split_sizes
    inner join months
        on split_sizes.cohort_month <= months.month_start
),

triangle_filled as (
    select
        triangle.cohort_month,
        triangle.split_by,
        triangle.split_value,
        triangle.cohort_size,
        triangle.activity_month,
        triangle.months_since_acquisition,
        coalesce(split_activity.active_member_count, 0) as active_member_count,
        coalesce(split_activity.order_count, 0) as order_count,
        coalesce(split_activity.revenue, 0) as revenue
    from triangle
    left join split_activity
        on
            triangle.cohort_month = split_activity.cohort_month
            and triangle.split_by = split_activity.split_by
            and triangle.split_value = split_activity.split_value
            and triangle.activity_month = split_activity.activity_month
),

cumulated as (
    select
        triangle_filled.*,
        sum(triangle_filled.revenue) over (
            partition by triangle_filled.cohort_month, triangle_filled.split_by, triangle_filled.split_value
            order by triangle_filled.months_since_acquisition asc
            rows between unbounded preceding and current row
        ) as cumulative_revenue
    from triangle_filled
),

final as (
    select
        cast(cumulated.split_by as {{ dbt.type_string() }}) as split_by,
        cast(cumulated.split_value as {{ dbt.type_string() }}) as split_value,
        cast(cumulated.months_since_acquisition as bigint) as months_since_acquisition,
        cast(cumulated.cohort_size as bigint) as cohort_size,
        cast(cumulated.active_member_count as bigint) as active_member_count,
        cast(cumulated.order_count as bigint) as order_count,
        cast({{ safe_divide('cumulated.active_member_count', 'cumulated.cohort_size') }} as double)
            as retention_rate,
        cast(cumulated.revenue as {{ amount_type() }}) as revenue,
        cast(cumulated.cumulative_revenue as {{ amount_type() }}) as cumulative_revenue,
        cast(
            {{ round_portably(safe_divide('cumulated.cumulative_revenue', 'cumulated.cohort_size'), 2) }}
            as {{ amount_type() }}
        ) as cumulative_revenue_per_member,
        cast(
            {{ dbt.last_day('cumulated.activity_month', 'month') }} <= analysis_dates.as_of_date as boolean
        ) as is_complete_month,
        cast(cumulated.cohort_month as date) as cohort_month,
        cast(cumulated.activity_month as date) as activity_month,
        cast(analysis_dates.as_of_date as date) as as_of_date
    from cumulated
    cross join analysis_dates
)

select * from final
