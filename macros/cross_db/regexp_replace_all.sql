{#- Replaces every match of a regular expression. -#}
{% macro regexp_replace_all(expression, pattern, replacement) %}
    {{- adapter.dispatch('regexp_replace_all', 'member_value')(expression, pattern, replacement) -}}
{% endmacro %}

{% macro default__regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, '{{ pattern }}', '{{ replacement }}')
{%- endmacro %}

{% macro duckdb__regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}
