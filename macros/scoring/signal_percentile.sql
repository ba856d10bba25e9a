{#-
    Normalises a non-negative behavioural signal to 0-1 by percentile: the
    share of the rows in the window whose value is at or below this row's
    (cume_dist), and exactly 0 when the value is 0 or NULL (no activity earns
    nothing). The highest value gets 1, equal values get equal results, and
    the result does not depend on row order.
-#}
{% macro signal_percentile(value_expression, partition_by=none) -%}
    {%- set partition_clause = 'partition by ' ~ partition_by ~ ' ' if partition_by else '' -%}
    case
        when coalesce({{ value_expression }}, 0) <= 0 then 0.0
        else cume_dist() over ({{ partition_clause }}order by {{ value_expression }} asc nulls first)
    end
{%- endmacro %}
