{#-
    Models, seeds and tests land in the schema their folder configures
    (staging, intermediate, marts, seeds) rather than `<target schema>_<name>`,
    so BI tools find the marts at the same, short address on every engine.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
