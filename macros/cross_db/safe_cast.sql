{#- Cast that yields NULL instead of failing when the value does not convert. -#}
{% macro safe_cast(expression, data_type) %}
    {{- adapter.dispatch('safe_cast', 'member_value')(expression, data_type) -}}
{% endmacro %}

{% macro default__safe_cast(expression, data_type) -%}
    cast({{ expression }} as {{ data_type }})
{%- endmacro %}

{% macro duckdb__safe_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}
