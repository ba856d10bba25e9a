{%- set signals = value_score_signals() %}
{%- set text = dbt.type_string() %}

with

weights as (
    select * from {{ ref('value_score_weights') }}
),

known_signals as (
    {% for signal in signals -%}
        select '{{ signal }}' as signal_name
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

signal_rows as (
    select
        weights.signal,
        weights.weight,
        known_signals.signal_name is not null as is_known,
        count(*) over (partition by weights.signal) as row_count
    from weights
    left join known_signals
        on weights.signal = known_signals.signal_name
),

row_issues as (
    select
        signal,
        case
            when signal is null then 'has no signal name.'
            when not is_known then 'is not a signal of the value score; the signals are {{ signals | join(', ') }}.'
            when row_count > 1 then 'appears more than once; give each signal one row.'
            when weight is null or weight < 0 or weight > 1
                then {{ dbt.concat([
                    "'weight is '", "coalesce(cast(weight as " ~ text ~ "), 'empty')",
                    "'; it must lie between 0 and 1.'",
                ]) }}
        end as issue
    from signal_rows
),

row_problems as (
    select
        {{ dbt.concat([
            "'seed value_score_weights, row with signal '", "coalesce(signal, 'NULL')", "': '", 'issue',
        ]) }} as problem
    from row_issues
    where issue is not null
),

missing_signals as (
    select
        {{ dbt.concat([
            "'seed value_score_weights has no row for signal '", 'known_signals.signal_name',
            "'; give it a weight (0 leaves it out).'",
        ]) }} as problem
    from known_signals
    left join weights
        on known_signals.signal_name = weights.signal
    where weights.signal is null
),

weight_total as (
    select
        case
            when abs(coalesce(sum(weight), 0) - 1) > 0.000001
                then {{ dbt.concat([
                    "'seed value_score_weights: the weights add up to '",
                    "coalesce(cast(sum(weight) as " ~ text ~ "), '0')",
                    "', not 1; change them so that they sum to 1.'",
                ]) }}
        end as problem
    from weights
),

first_problem as (
    select min(problem) as problem
    from (
        select problem from row_problems
        union all
        select problem from missing_signals
        union all
        select problem from weight_total
    ) as problems
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
