{#- A money amount parsed from cleaned text: NULL when absent, not a plain decimal with at most two significant decimals (amount_pattern()) or too large for amount_type(). -#}
{% macro to_amount(text_expression) -%}
    case
        when {{ matches_pattern(text_expression, amount_pattern()) }}
            then {{ safe_cast(text_expression, amount_type()) }}
    end
{%- endmacro %}

{#- The type every money amount is held in. -#}
{% macro amount_type() -%}
    decimal(18, 2)
{%- endmacro %}
