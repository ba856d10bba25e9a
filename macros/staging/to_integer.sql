{#- A whole number parsed from cleaned text (NULL when absent or not a whole number). -#}
{% macro to_integer(text_expression) -%}
    {{ safe_cast(text_expression, dbt.type_bigint()) }}
{%- endmacro %}
