{#- A code such as a currency or country: trimmed, upper-cased, blank becomes NULL. -#}
{% macro clean_code(column_name) -%}
    upper({{ clean_text(column_name) }})
{%- endmacro %}
