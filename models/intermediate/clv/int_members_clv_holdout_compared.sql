{%- set churn_window_days = positive_integer_var('churn_window_days') | int %}
{%- set max_lifespan_years = positive_integer_var('clv_max_lifespan_years', 'years') %}
{%- set default_lifespan_years = positive_integer_var('clv_default_lifespan_years', 'years') %}
{%- set min_tenure_days = positive_integer_var('clv_min_tenure_days') %}

with

revenue_entries as (
    select * from {{ ref('int_revenue_entries_unioned') }}
),

member_tenures as (
    select * from {{ ref('int_members_tenure_computed') }}
),

calibrations as (
    select * from {{ ref('int_clv_calibrations_resolved') }}
    where calibration = 'holdout'
),

scored as (
    select * from {{ ref('int_members_clv_scored') }}
    where calibration = 'holdout'
),

-- What the scoring layer knew on the calibration date, and what happened in
-- the horizon after it, for every member.
member_entries as (
    select
        revenue_entries.member_id,
        count(case
            when revenue_entries.is_purchase and revenue_entries.entry_date <= calibrations.calibration_date
                then revenue_entries.revenue_entry_id
        end) as order_count,
        sum(case
            when revenue_entries.entry_date <= calibrations.calibration_date then revenue_entries.revenue_amount
            else 0
        end) as net_revenue,
        max(case
            when revenue_entries.is_purchase
                and revenue_entries.entry_date
                between {{ window_start_date('calibrations.calibration_date', 2 * churn_window_days) }}
                and {{ window_start_date('calibrations.calibration_date', churn_window_days + 1) }}
                then 1
            else 0
        end) as is_active_in_base_period,
        max(case
            when revenue_entries.is_purchase
                and revenue_entries.entry_date
                between {{ window_start_date('calibrations.calibration_date', churn_window_days) }}
                and calibrations.calibration_date
                then 1
            else 0
        end) as is_active_in_churn_window,
        sum(case
            when revenue_entries.entry_date > calibrations.calibration_date
                and revenue_entries.entry_date <= calibrations.horizon_end_date
                then revenue_entries.revenue_amount
            else 0
        end) as actual_spend,
        count(distinct case
            when revenue_entries.is_purchase
                and revenue_entries.entry_date > calibrations.calibration_date
                and revenue_entries.entry_date <= calibrations.horizon_end_date
                then revenue_entries.entry_date
        end) as actual_purchase_day_count
    from revenue_entries
    cross join calibrations
    group by revenue_entries.member_id
),

-- The observed churn rate and the lifespan it implies, as of the calibration date.
churn as (
    select
        {{ safe_divide(
            'count(case when is_active_in_base_period = 1 and is_active_in_churn_window = 0 then member_id end)',
            'count(case when is_active_in_base_period = 1 then member_id end)'
        ) }} as churn_rate
    from member_entries
),

lifespan as (
    select
        cast(
            {{ round_portably(
                expected_lifespan_years('churn_rate', churn_window_days, max_lifespan_years, default_lifespan_years), 4
            ) }}
            as double
        ) as expected_lifespan_years
    from churn
),

formula_inputs as (
    select
        scored.member_id,
        scored.predicted_clv,
        scored.expected_horizon_purchases,
        scored.prediction_status,
        member_entries.net_revenue,
        member_entries.actual_spend,
        member_entries.actual_purchase_day_count,
        {{ round_portably(
            'coalesce(' ~ safe_divide('member_entries.net_revenue', 'member_entries.order_count') ~ ', 0)', 2
        ) }} as average_order_value,
        {{ round_portably(purchase_frequency_per_year(
            'member_entries.order_count',
            dbt.datediff('member_tenures.signup_date', 'calibrations.calibration_date', 'day') | trim,
            min_tenure_days
        ), 6) }} as purchase_frequency_per_year,
        lifespan.expected_lifespan_years,
        calibrations.calibration_date,
        calibrations.horizon_end_date
    from scored
    inner join member_tenures
        on scored.member_id = member_tenures.member_id
    inner join member_entries
        on scored.member_id = member_entries.member_id
    cross join calibrations
    cross join lifespan
    where member_tenures.signup_date <= calibrations.calibration_date
),

final as (
    select
        member_id,
        prediction_status,
        cast({{ round_portably('predicted_clv', 2) }} as {{ amount_type() }}) as predicted_clv,
        cast(
            {{ round_portably(
                formula_clv('average_order_value', 'purchase_frequency_per_year', 'expected_lifespan_years'), 2
            ) }} as {{ amount_type() }}
        ) as formula_clv,
        cast(net_revenue as {{ amount_type() }}) as historical_revenue,
        cast(actual_spend as {{ amount_type() }}) as actual_spend,
        expected_horizon_purchases,
        cast(actual_purchase_day_count as bigint) as actual_purchase_day_count,
        calibration_date,
        horizon_end_date
    from formula_inputs
)

select * from final
