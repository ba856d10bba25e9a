{#-
    A SQL string literal holding `value` exactly, whatever it contains:
    quotes (and, on Spark, backslashes) are escaped, so a path, an
    environment variable or a var can never end the literal and run SQL of
    its own. dbt's string_literal() does not escape; use this for any value
    that comes from outside the project.
-#}
{% macro sql_string(value) %}
    {{- adapter.dispatch('sql_string', 'member_value')(value) -}}
{% endmacro %}

{#- Standard SQL (DuckDB and most engines): a quote inside the literal is doubled. -#}
{% macro default__sql_string(value) -%}
    '{{ value | string | replace("'", "''") }}'
{%- endmacro %}
