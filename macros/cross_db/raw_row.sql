{#-
    The whole current row of a relation in the FROM clause as one struct
    value, so that it can be carried through later steps and turned into JSON
    (struct_to_json) only for the rows that need it. Pass the relation's name
    or alias as it appears in the FROM clause.
-#}
{% macro raw_row(relation_alias) %}
    {{- adapter.dispatch('raw_row', 'member_value')(relation_alias) -}}
{% endmacro %}

{% macro default__raw_row(relation_alias) -%}
    {{ exceptions.raise_compiler_error(
        "member_value has no raw_row for adapter '" ~ adapter.type() ~ "'; add a "
        ~ adapter.type() ~ "__raw_row macro that packs a whole row into one struct value."
    ) }}
{%- endmacro %}

{% macro duckdb__raw_row(relation_alias) -%}
    {{ relation_alias }}
{%- endmacro %}
