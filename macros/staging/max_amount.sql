{#- var('max_amount'), the largest money amount believed (in the row's currency), checked to be a whole number. -#}
{% macro max_amount() -%}
    {{ positive_integer_var('max_amount', 'currency units') }}
{%- endmacro %}
