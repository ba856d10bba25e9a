{%- set horizon_days = positive_integer_var('churn_risk_horizon_days') | int %}

{#-
    The two dates members are scored for churn risk: `current`, the analysis
    date (dim_members, the next-best action), and `backtest`, the analysis
    date minus the horizon, whose scores rpt_churn_risk_backtest checks
    against what members did over the horizon that followed.
-#}

with

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

final as (
    select
        'current' as score_basis,
        {{ horizon_days }} as horizon_days,
        as_of_date as score_date,
        as_of_date
    from analysis_dates
    union all
    select
        'backtest' as score_basis,
        {{ horizon_days }} as horizon_days,
        {{ window_start_date('as_of_date', horizon_days + 1) }} as score_date,
        as_of_date
    from analysis_dates
)

select * from final
