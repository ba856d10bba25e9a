{#- Hex SHA-256 digest of a text expression (NULL stays NULL). -#}
{% macro hash_text(expression) %}
    {{- adapter.dispatch('hash_text', 'member_value')(expression) -}}
{% endmacro %}

{% macro default__hash_text(expression) -%}
    sha2({{ expression }}, 256)
{%- endmacro %}

{% macro duckdb__hash_text(expression) -%}
    sha256({{ expression }})
{%- endmacro %}
