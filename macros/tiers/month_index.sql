{#-
    A calendar month as a whole number, `year x 12 + month - 1`, so that
    months can be compared, subtracted and used as the order of a window
    frame in whole months: 2024-01 is 24288, 2024-12 is 24299.
-#}
{% macro month_index(date_expression) -%}
    cast(extract(year from {{ date_expression }}) * 12 + extract(month from {{ date_expression }}) - 1 as bigint)
{%- endmacro %}
