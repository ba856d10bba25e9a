{#- A calendar date parsed from cleaned ISO 8601 text (iso_date_pattern()): NULL when absent or not a real date. -#}
{% macro to_date(text_expression) -%}
    case
        when {{ matches_pattern(text_expression, iso_date_pattern()) }}
            then {{ safe_cast(
                dbt.concat([
                    'substr(' ~ text_expression ~ ', 1, 4)', "'-'",
                    "substr(" ~ regexp_replace_all(text_expression, '-', '') ~ ", 5, 2)", "'-'",
                    "substr(" ~ regexp_replace_all(text_expression, '-', '') ~ ", 7, 2)",
                ]),
                'date'
            ) }}
    end
{%- endmacro %}
