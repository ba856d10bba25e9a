{#- A money amount parsed from text (NULL when absent or not a number). -#}
{% macro to_amount(column_name) -%}
    {{ safe_cast(clean_text(column_name), amount_type()) }}
{%- endmacro %}

{#- The type every money amount is held in. -#}
{% macro amount_type() -%}
    decimal(18, 2)
{%- endmacro %}
