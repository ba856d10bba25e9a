{#-
    True when the whole text matches a regular expression (anchored at both
    ends), NULL when the text is NULL. Write the pattern without backslashes
    so that it means the same on every engine (see macros/staging/text_patterns.sql).
-#}
{% macro matches_pattern(expression, pattern) %}
    {{- adapter.dispatch('matches_pattern', 'member_value')(expression, pattern) -}}
{% endmacro %}

{% macro default__matches_pattern(expression, pattern) -%}
    {{ exceptions.raise_compiler_error(
        "member_value has no matches_pattern for adapter '" ~ adapter.type() ~ "'; add a "
        ~ adapter.type() ~ "__matches_pattern macro (a whole-string regular-expression match)."
    ) }}
{%- endmacro %}

{% macro duckdb__matches_pattern(expression, pattern) -%}
    regexp_full_match({{ expression }}, {{ sql_string(pattern) }})
{%- endmacro %}
