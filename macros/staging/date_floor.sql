{#-
    var('earliest_plausible_date') (`YYYY-MM-DD`) as a SQL timestamp literal:
    raw timestamps before it are quarantined as before_date_floor. A value
    that is not a date in that form stops compilation with a message.
-#}
{% macro date_floor() -%}
    {%- set text = var('earliest_plausible_date') | string | trim -%}
    {%- if not modules.re.fullmatch('[0-9]{4}-[0-9]{2}-[0-9]{2}', text) -%}
        {{ exceptions.raise_compiler_error(
            "var('earliest_plausible_date') is '" ~ text ~ "'; expected a date in the form YYYY-MM-DD"
            ~ " (for example 1990-01-01)."
        ) }}
    {%- endif -%}
    cast({{ sql_string(text ~ ' 00:00:00') }} as {{ dbt.type_timestamp() }})
{%- endmacro %}
