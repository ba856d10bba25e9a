{#- A whole number parsed from text (NULL when absent or not a whole number). -#}
{% macro to_integer(column_name) -%}
    {{ safe_cast(clean_text(column_name), dbt.type_bigint()) }}
{%- endmacro %}
