{#-
    The first day of the month numbered `month_index_expression` (see
    month_index): month 24000 is January 2000, and every other month is that
    many months after (or before) it.
-#}
{% macro month_start_date(month_index_expression) -%}
    cast({{ dbt.dateadd('month', '(' ~ month_index_expression ~ ') - 24000', "cast('2000-01-01' as date)") }} as date)
{%- endmacro %}
