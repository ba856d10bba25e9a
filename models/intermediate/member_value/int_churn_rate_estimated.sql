{%- set max_lifespan_years = positive_integer_var('clv_max_lifespan_years', 'years') %}
{%- set default_lifespan_years = positive_integer_var('clv_default_lifespan_years', 'years') %}
{{ config(post_hook="{{ log_lifespan_fallback(this) }}") }}

with

revenue_entries as (
    select * from {{ ref('int_revenue_entries_unioned') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

member_activity as (
    select
        revenue_entries.member_id,
        max(case
            when revenue_entries.entry_date between analysis_dates.churn_base_start_date
                and analysis_dates.churn_base_end_date then 1
            else 0
        end) as is_active_in_base_period,
        max(case
            when revenue_entries.entry_date >= analysis_dates.churn_window_start_date then 1
            else 0
        end) as is_active_in_churn_window
    from revenue_entries
    cross join analysis_dates
    where revenue_entries.is_purchase
    group by revenue_entries.member_id
),

churn_counts as (
    select
        count(case when is_active_in_base_period = 1 then member_id end) as base_member_count,
        count(case when is_active_in_base_period = 1 and is_active_in_churn_window = 0 then member_id end)
            as churned_member_count
    from member_activity
),

churn_rates as (
    select
        analysis_dates.churn_window_days,
        churn_counts.base_member_count,
        churn_counts.churned_member_count,
        {{ safe_divide('churn_counts.churned_member_count', 'churn_counts.base_member_count') }}
            as churn_rate,
        analysis_dates.churn_base_start_date,
        analysis_dates.churn_base_end_date,
        analysis_dates.as_of_date
    from analysis_dates
    cross join churn_counts
),

final as (
    select
        churn_window_days,
        base_member_count,
        churned_member_count,
        cast({{ round_portably('churn_rate', 6) }} as decimal(18, 6)) as churn_rate,
        cast(
            {{ round_portably(
                expected_lifespan_years('churn_rate', 'churn_window_days', max_lifespan_years, default_lifespan_years), 4
            ) }}
            as decimal(18, 4)
        ) as expected_lifespan_years,
        churn_rate is not null as is_churn_rate_observed,
        churn_rate is null as is_lifespan_default,
        churn_base_start_date,
        churn_base_end_date,
        as_of_date
    from churn_rates
)

select * from final
