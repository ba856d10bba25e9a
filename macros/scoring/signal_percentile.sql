{#-
    Normalises a non-negative behavioural signal to 0-1 by percentile: the
    share of the rows in the window whose value is at or below this row's
    (cume_dist), and exactly 0 when the value is 0 or NULL (no activity earns
    nothing). The highest value gets 1, equal values get equal results, and
    the result does not depend on row order.

    With `row_count`, the same percentile is computed over a distribution:
    one row per distinct value with the number of rows that hold it (from a
    GROUP BY). `sum(row_count)` up to and including the value over
    `sum(row_count)` of the window is exactly the cume_dist of the rows the
    distribution stands for. A signal with few distinct values (a count of
    days or orders) is far cheaper to normalise that way over millions of
    rows; join the result back on the value.
-#}
{% macro signal_percentile(value_expression, partition_by=none, row_count=none) -%}
    {%- set partition_clause = 'partition by ' ~ partition_by ~ ' ' if partition_by else '' -%}
    case
        when coalesce({{ value_expression }}, 0) <= 0 then 0.0
        {%- if row_count is none %}
        else cume_dist() over ({{ partition_clause }}order by {{ value_expression }} asc nulls first)
        {%- else %}
        else
            cast(sum({{ row_count }}) over (
                {{ partition_clause }}order by {{ value_expression }} asc nulls first
                range between unbounded preceding and current row
            ) as double)
            / cast(sum({{ row_count }}) over ({{ partition_clause | trim }}) as double)
        {%- endif %}
    end
{%- endmacro %}
