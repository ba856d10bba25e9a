{#- A whole number parsed from cleaned text: NULL when absent, not a plain whole number (integer_pattern()) or beyond bigint. -#}
{% macro to_integer(text_expression) -%}
    case
        when {{ matches_pattern(text_expression, integer_pattern()) }}
            then {{ safe_cast(text_expression, dbt.type_bigint()) }}
    end
{%- endmacro %}
