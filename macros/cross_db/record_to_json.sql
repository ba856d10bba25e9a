{#-
    The whole current row of a relation in the FROM clause, as one JSON text
    value, so that a quarantined row keeps everything it arrived with. Pass
    the relation's name or alias as it appears in the FROM clause.
-#}
{% macro record_to_json(relation_alias) %}
    {{- adapter.dispatch('record_to_json', 'member_value')(relation_alias) -}}
{% endmacro %}

{% macro default__record_to_json(relation_alias) -%}
    to_json(struct({{ relation_alias }}.*))
{%- endmacro %}

{% macro duckdb__record_to_json(relation_alias) -%}
    cast(to_json({{ relation_alias }}) as varchar)
{%- endmacro %}
