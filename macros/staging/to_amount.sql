{#- A money amount parsed from cleaned text (NULL when absent or not a number). -#}
{% macro to_amount(text_expression) -%}
    {{ safe_cast(text_expression, amount_type()) }}
{%- endmacro %}

{#- The type every money amount is held in. -#}
{% macro amount_type() -%}
    decimal(18, 2)
{%- endmacro %}
