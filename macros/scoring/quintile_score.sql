{#-
    Scores a value 1 to `buckets` (5 by default, the best score) by the share
    of the rows in the window that have a strictly worse value:

        score = 1 + floor(buckets * worse_row_count / row_count)

    computed in whole numbers, so that the result is exact on every engine.
    Equal values have the same number of worse rows, so ties always get the
    same score and the result does not depend on row order. NULL counts as
    the worst value. Use in a SELECT over the rows to be scored; pass
    `partition_by` to score several populations at once.
-#}
{% macro quintile_score(value_expression, higher_is_better=true, buckets=5, partition_by=none) %}
    {%- if higher_is_better not in [true, false] -%}
        {{ exceptions.raise_compiler_error(
            "quintile_score: higher_is_better is '" ~ higher_is_better ~ "'; expected true or false."
        ) }}
    {%- endif -%}
    {%- if buckets is not number or buckets != buckets | int or buckets < 2 -%}
        {{ exceptions.raise_compiler_error(
            "quintile_score: buckets is '" ~ buckets ~ "'; expected a whole number of at least 2."
        ) }}
    {%- endif -%}
    {%- set partition_clause = 'partition by ' ~ partition_by ~ ' ' if partition_by else '' -%}
    {%- set direction = 'asc' if higher_is_better else 'desc' -%}
    {%- set worse_row_count -%}
        (rank() over ({{ partition_clause }}order by {{ value_expression }} {{ direction }} nulls first) - 1)
    {%- endset -%}
    {%- set row_count = 'count(*) over (' ~ partition_clause | trim ~ ')' -%}
    case
        {%- for score in range(1, buckets | int) %}
        when {{ buckets | int }} * {{ worse_row_count }} < {{ score }} * {{ row_count }} then {{ score }}
        {%- endfor %}
        else {{ buckets | int }}
    end
{%- endmacro %}
