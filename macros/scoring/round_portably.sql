{#-
    Rounds to `decimals` places so that every engine gets the same result:
    the value is taken as an 8-byte double and rounded half up with floor():

        floor(value x 10^decimals + 0.5) / 10^decimals

    Dividing decimals gives a double on DuckDB and an exact decimal on Spark,
    and their round() functions treat halves differently, so a plain round()
    of a ratio can differ by one cent between the engines; IEEE doubles and
    floor() behave the same everywhere. (`double` is the 8-byte float on both
    engines; dbt.type_float() is the 4-byte one.)
-#}
{% macro round_portably(expression, decimals=2) -%}
    {%- if decimals is not number or decimals != decimals | int or decimals < 0 -%}
        {{ exceptions.raise_compiler_error(
            "round_portably: decimals is '" ~ decimals ~ "'; expected a whole number of 0 or more."
        ) }}
    {%- endif -%}
    floor(cast({{ expression }} as double) * {{ 10 ** (decimals | int) }} + 0.5) / {{ 10 ** (decimals | int) }}
{%- endmacro %}
