{#-
    numerator / denominator as 8-byte doubles, or NULL when the denominator
    is 0 or NULL, instead of an error or an infinity. Dividing doubles (not
    decimals, which DuckDB and Spark divide differently) gives the same
    quotient on every engine.
-#}
{% macro safe_divide(numerator, denominator) -%}
    case
        when {{ denominator }} = 0 then null
        else cast({{ numerator }} as double) / cast({{ denominator }} as double)
    end
{%- endmacro %}
