{#-
    A struct value with the given fields in the given order, from a mapping
    of field name to SQL expression (names must be plain identifiers).
-#}
{% macro named_struct(fields) %}
    {{- adapter.dispatch('named_struct', 'member_value')(fields) -}}
{% endmacro %}

{% macro default__named_struct(fields) -%}
    {{ exceptions.raise_compiler_error(
        "member_value has no named_struct for adapter '" ~ adapter.type() ~ "'; add a "
        ~ adapter.type() ~ "__named_struct macro (a struct value from named fields)."
    ) }}
{%- endmacro %}

{% macro duckdb__named_struct(fields) -%}
    struct_pack(
        {%- for name, expression in fields.items() -%}
            {{ name }} := {{ expression }}{{ ", " if not loop.last }}
        {%- endfor -%}
    )
{%- endmacro %}
