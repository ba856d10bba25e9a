{#- Cast that yields NULL instead of failing when the value does not convert. -#}
{% macro safe_cast(expression, data_type) %}
    {{- adapter.dispatch('safe_cast', 'member_value')(expression, data_type) -}}
{% endmacro %}

{% macro default__safe_cast(expression, data_type) -%}
    {{ exceptions.raise_compiler_error(
        "member_value has no safe_cast for adapter '" ~ adapter.type() ~ "'; add a "
        ~ adapter.type() ~ "__safe_cast macro (a cast that yields NULL instead of failing)."
    ) }}
{%- endmacro %}

{% macro duckdb__safe_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}
