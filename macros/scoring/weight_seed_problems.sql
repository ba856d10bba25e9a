{#-
    A query of what is wrong with a seed of signal weights (columns `signal`
    and `weight`, one row per signal, like value_score_weights and
    churn_risk_weights), one row per problem, a sentence naming the seed and
    the row: a row without a signal name, a signal that is not one of
    `signals`, a signal given twice, a weight outside 0-1, a signal of
    `signals` without a row, and weights that do not add up to 1. Rows whose
    problem is NULL may occur; take min(problem) for the first one. The
    models that read such a seed stop the build with it (raise_error_if).
-#}
{% macro weight_seed_problems(weights_relation, seed_name, signals, score_label) %}
    {%- if not modules.re.fullmatch('[A-Za-z_][A-Za-z0-9_]*', seed_name | string) -%}
        {{ exceptions.raise_compiler_error(
            "weight_seed_problems: seed_name is '" ~ seed_name ~ "'; expected the name of a seed (letters, digits, underscores)."
        ) }}
    {%- endif -%}
    {%- set malformed = [] -%}
    {%- if signals is not string and signals is iterable -%}
        {%- for signal in signals if not modules.re.fullmatch('[a-z_][a-z0-9_]*', signal | string) -%}
            {%- do malformed.append(signal) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if signals is string or signals is not iterable or signals | length == 0 or malformed | length > 0 -%}
        {{ exceptions.raise_compiler_error(
            "weight_seed_problems: signals is '" ~ signals ~ "'; expected a non-empty list of lower-case signal names."
        ) }}
    {%- endif -%}
    {%- set text = dbt.type_string() -%}
    {%- set known_signals -%}
        {%- for signal in signals %}
        select '{{ signal }}' as signal_name
        {%- if not loop.last %} union all{% endif %}
        {%- endfor %}
    {%- endset -%}
    select
        {{ dbt.concat([
            dbt.string_literal('seed ' ~ seed_name ~ ', row with signal '), "coalesce(signal, 'NULL')", "': '", 'issue',
        ]) }} as problem
    from (
        select
            signal,
            case
                when signal is null then 'has no signal name.'
                when not is_known
                    then {{ dbt.string_literal(
                        'is not a signal of ' ~ score_label ~ '; the signals are ' ~ signals | join(', ') ~ '.'
                    ) }}
                when row_count > 1 then 'appears more than once; give each signal one row.'
                when weight is null or weight < 0 or weight > 1
                    then {{ dbt.concat([
                        "'weight is '", "coalesce(cast(weight as " ~ text ~ "), 'empty')",
                        "'; it must lie between 0 and 1.'",
                    ]) }}
            end as issue
        from (
            select
                weights.signal,
                weights.weight,
                known_signals.signal_name is not null as is_known,
                count(*) over (partition by weights.signal) as row_count
            from {{ weights_relation }} as weights
            left join ({{ known_signals }}
            ) as known_signals
                on weights.signal = known_signals.signal_name
        ) as signal_rows
    ) as row_issues
    where issue is not null
    union all
    select
        {{ dbt.concat([
            dbt.string_literal('seed ' ~ seed_name ~ ' has no row for signal '), 'known_signals.signal_name',
            "'; give it a weight (0 leaves it out).'",
        ]) }} as problem
    from ({{ known_signals }}
    ) as known_signals
    left join {{ weights_relation }} as weights
        on known_signals.signal_name = weights.signal
    where weights.signal is null
    union all
    select
        case
            when abs(coalesce(sum(weight), 0) - 1) > 0.000001
                then {{ dbt.concat([
                    dbt.string_literal('seed ' ~ seed_name ~ ': the weights add up to '),
                    "coalesce(cast(sum(weight) as " ~ text ~ "), '0')",
                    "', not 1; change them so that they sum to 1.'",
                ]) }}
        end as problem
    from {{ weights_relation }}
{% endmacro %}
