{#-
    Parses ISO-8601 text into a timestamp in UTC. Text with a UTC offset or a
    trailing `Z` is shifted to UTC; text without one is taken to be UTC already.
    Text that does not parse yields NULL. The result never depends on the
    session time zone.
-#}
{% macro to_utc_timestamp(expression) %}
    {{- adapter.dispatch('to_utc_timestamp', 'member_value')(expression) -}}
{% endmacro %}

{% macro default__to_utc_timestamp(expression) -%}
    cast({{ expression }} as {{ dbt.type_timestamp() }})
{%- endmacro %}

{% macro duckdb__to_utc_timestamp(expression) -%}
    {%- set has_offset = "regexp_matches(" ~ expression ~ ", '(Z|[+-][0-9]{2}(:?[0-9]{2})?)$')" -%}
    {#- One line on purpose: the expression is nested inside others in the models. -#}
    case when {{ has_offset }} then timezone('UTC', try_cast({{ expression }} as timestamptz)) else try_cast({{ expression }} as timestamp) end
{%- endmacro %}
