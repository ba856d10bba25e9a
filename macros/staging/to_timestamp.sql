{#- A UTC timestamp parsed from text (NULL when absent or not a timestamp). -#}
{% macro to_timestamp(column_name) -%}
    {{ to_utc_timestamp(clean_text(column_name)) }}
{%- endmacro %}
