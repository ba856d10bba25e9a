{#- A UTC timestamp parsed from cleaned text (NULL when absent or not a timestamp). -#}
{% macro to_timestamp(text_expression) -%}
    {{ to_utc_timestamp(text_expression) }}
{%- endmacro %}
