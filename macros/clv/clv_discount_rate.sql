{#-
    var('clv_annual_discount_rate') as a numeric literal, after checking that
    it is a number from 0 (no discounting) up to, not including, 1.
    Anything else stops compilation with a message that shows the value.
-#}
{% macro clv_discount_rate() %}
    {%- set text = var('clv_annual_discount_rate') | string | trim -%}
    {%- if not modules.re.fullmatch('(0|0?\.[0-9]+|0\.)', text) -%}
        {{ exceptions.raise_compiler_error(
            "var('clv_annual_discount_rate') is '" ~ text ~ "'; expected a yearly rate from 0 up to"
            ~ " (not including) 1 written as a decimal, for example 0.1 for 10% a year."
        ) }}
    {%- endif -%}
    {{- text -}}
{% endmacro %}
