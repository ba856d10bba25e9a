{#- A categorical value: trimmed, lower-cased, blank becomes NULL. -#}
{% macro clean_category(column_name) -%}
    lower({{ clean_text(column_name) }})
{%- endmacro %}
