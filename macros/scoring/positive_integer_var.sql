{#-
    The value of a project var that must be a whole number of at least 1 (a
    lookback window in days, a lifespan cap in years), as an integer literal.
    Anything else stops compilation with a message that shows the value.
-#}
{% macro positive_integer_var(var_name, unit='days') %}
    {%- set text = var(var_name) | string | trim -%}
    {%- if not modules.re.fullmatch('[0-9]+', text) or (text | int) < 1 -%}
        {{ exceptions.raise_compiler_error(
            "var('" ~ var_name ~ "') is '" ~ text ~ "'; expected a whole number of " ~ unit
            ~ " of at least 1 (for example 365)."
        ) }}
    {%- endif -%}
    {{- text | int -}}
{% endmacro %}
