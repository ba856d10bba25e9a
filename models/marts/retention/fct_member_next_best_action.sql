with

actions as (
    select * from {{ ref('int_members_next_best_action_chosen') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

final as (
    select
        cast(actions.member_id as {{ dbt.type_string() }}) as member_id,
        cast(actions.action as {{ dbt.type_string() }}) as next_best_action,
        cast(actions.channel as {{ dbt.type_string() }}) as next_best_action_channel,
        cast(actions.rationale as {{ dbt.type_string() }}) as next_best_action_rationale,
        cast(actions.value_segment as {{ dbt.type_string() }}) as value_segment,
        cast(actions.official_tier as {{ dbt.type_string() }}) as official_tier,
        cast(actions.churn_band as {{ dbt.type_string() }}) as churn_band,
        cast(actions.rule_priority as bigint) as playbook_rule_priority,
        cast(actions.churn_risk_score as double) as churn_risk_score,
        analysis_dates.as_of_date
    from actions
    cross join analysis_dates
)

select * from final
