{#- A timestamp as text in the form `YYYY-MM-DD HH:MM:SS`. -#}
{% macro format_timestamp(expression) %}
    {{- adapter.dispatch('format_timestamp', 'member_value')(expression) -}}
{% endmacro %}

{% macro default__format_timestamp(expression) -%}
    {{ exceptions.raise_compiler_error(
        "member_value has no format_timestamp for adapter '" ~ adapter.type() ~ "'; add a "
        ~ adapter.type() ~ "__format_timestamp macro (a timestamp as text 'YYYY-MM-DD HH:MM:SS')."
    ) }}
{%- endmacro %}

{% macro duckdb__format_timestamp(expression) -%}
    strftime({{ expression }}, '%Y-%m-%d %H:%M:%S')
{%- endmacro %}
