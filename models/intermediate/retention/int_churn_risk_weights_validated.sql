{%- set signals = churn_risk_signals() %}
{%- set text = dbt.type_string() %}

{#-
    One row: the weight and full-risk point of every churn-risk signal side
    by side (`<signal>_weight`, `<signal>_full_risk_at`), from the
    churn_risk_weights seed. Building it checks the seed and stops the build
    with a message naming the seed and the row when a signal is unknown,
    missing or repeated, a weight lies outside 0-1, a full-risk point is not
    above 0, or the weights do not sum to 1.
-#}

with

weights as (
    select * from {{ ref('churn_risk_weights') }}
),

weight_problems as (
    {{ weight_seed_problems(ref('churn_risk_weights'), 'churn_risk_weights', signals, 'the churn-risk score') }}
),

full_risk_problems as (
    select
        {{ dbt.concat([
            "'seed churn_risk_weights, row with signal '", 'signal',
            "': full_risk_at is '", "coalesce(cast(full_risk_at as " ~ text ~ "), 'empty')",
            "'; it must be above 0.'",
        ]) }} as problem
    from weights
    where full_risk_at is null or full_risk_at <= 0
),

first_problem as (
    select min(problem) as problem
    from (
        select problem from weight_problems
        union all
        select problem from full_risk_problems
    ) as problems
),

pivoted as (
    select
        {% for signal in signals -%}
            cast(max(case when signal = '{{ signal }}' then weight end) as double) as {{ signal }}_weight,
            cast(max(case when signal = '{{ signal }}' then full_risk_at end) as double) as {{ signal }}_full_risk_at
            {%- if not loop.last %},{% endif %}
        {% endfor %}
    from weights
),

final as (
    select pivoted.*
    from pivoted
    cross join first_problem
    where {{ raise_error_if('first_problem.problem') }}
)

select * from final
