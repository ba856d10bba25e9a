{%- set signals = value_score_signals() %}

with

weights as (
    select * from {{ ref('value_score_weights') }}
),

weight_problems as (
    {{ weight_seed_problems(ref('value_score_weights'), 'value_score_weights', signals, 'the value score') }}
),

first_problem as (
    select min(problem) as problem
    from weight_problems
),

pivoted as (
    select
        {% for signal in signals -%}
            cast(max(case when signal = '{{ signal }}' then weight end) as double) as {{ signal }}_weight
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
