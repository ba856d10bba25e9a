{#- Replaces every match of a regular expression. -#}
{% macro regexp_replace_all(expression, pattern, replacement) %}
    {{- adapter.dispatch('regexp_replace_all', 'member_value')(expression, pattern, replacement) -}}
{% endmacro %}

{% macro default__regexp_replace_all(expression, pattern, replacement) -%}
    {{ exceptions.raise_compiler_error(
        "member_value has no regexp_replace_all for adapter '" ~ adapter.type() ~ "'; add a "
        ~ adapter.type() ~ "__regexp_replace_all macro (replace every match of a regular expression)."
    ) }}
{%- endmacro %}

{% macro duckdb__regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ sql_string(pattern) }}, {{ sql_string(replacement) }}, 'g')
{%- endmacro %}
