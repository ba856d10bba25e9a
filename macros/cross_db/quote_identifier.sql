{#-
    A name quoted as an identifier, whatever it contains: the quote
    character inside is doubled, so a column name from a file header can
    never end the identifier. Use it for every name that comes from outside
    the project.
-#}
{% macro quote_identifier(name) %}
    {{- adapter.dispatch('quote_identifier', 'member_value')(name) -}}
{% endmacro %}

{#- Standard SQL (DuckDB and most engines): double quotes, doubled inside. -#}
{% macro default__quote_identifier(name) -%}
    "{{ name | string | replace('"', '""') }}"
{%- endmacro %}
