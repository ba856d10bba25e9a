{#-
    A struct value as JSON text: one object, every field by name, NULL fields
    written as `null`, so that a quarantined row keeps everything it arrived
    with and reads the same on every engine.
-#}
{% macro struct_to_json(expression) %}
    {{- adapter.dispatch('struct_to_json', 'member_value')(expression) -}}
{% endmacro %}

{% macro default__struct_to_json(expression) -%}
    {{ exceptions.raise_compiler_error(
        "member_value has no struct_to_json for adapter '" ~ adapter.type() ~ "'; add a "
        ~ adapter.type() ~ "__struct_to_json macro that writes a struct as JSON text, nulls included."
    ) }}
{%- endmacro %}

{% macro duckdb__struct_to_json(expression) -%}
    cast(to_json({{ expression }}) as varchar)
{%- endmacro %}
