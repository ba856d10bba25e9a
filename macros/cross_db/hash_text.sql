{#- Hex SHA-256 digest of a text expression (NULL stays NULL). -#}
{% macro hash_text(expression) %}
    {{- adapter.dispatch('hash_text', 'member_value')(expression) -}}
{% endmacro %}

{% macro default__hash_text(expression) -%}
    {{ exceptions.raise_compiler_error(
        "member_value has no hash_text for adapter '" ~ adapter.type() ~ "'; add a "
        ~ adapter.type() ~ "__hash_text macro (the hex SHA-256 digest of a text)."
    ) }}
{%- endmacro %}

{% macro duckdb__hash_text(expression) -%}
    sha256({{ expression }})
{%- endmacro %}
