{#-
    The value of a project var that must be a probability strictly between 0
    and 1 (a confidence level, an intended share, a significance level), as
    a numeric literal. Anything else stops compilation with a message that
    shows the value.
-#}
{% macro probability_var(var_name) %}
    {%- set text = var(var_name) | string | trim -%}
    {%- if not modules.re.fullmatch('(0?[.][0-9]+|0|1)', text) or (text | float) <= 0 or (text | float) >= 1 -%}
        {{ exceptions.raise_compiler_error(
            "var('" ~ var_name ~ "') is '" ~ text ~ "'; expected a probability strictly between 0 and 1"
            ~ " written as a decimal (for example 0.95)."
        ) }}
    {%- endif -%}
    {{- text -}}
{% endmacro %}
