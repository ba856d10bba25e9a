{#- A timestamp as text in the form `YYYY-MM-DD HH:MM:SS`. -#}
{% macro format_timestamp(expression) %}
    {{- adapter.dispatch('format_timestamp', 'member_value')(expression) -}}
{% endmacro %}

{% macro default__format_timestamp(expression) -%}
    date_format({{ expression }}, 'yyyy-MM-dd HH:mm:ss')
{%- endmacro %}

{% macro duckdb__format_timestamp(expression) -%}
    strftime({{ expression }}, '%Y-%m-%d %H:%M:%S')
{%- endmacro %}
