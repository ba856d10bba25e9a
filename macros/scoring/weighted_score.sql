{#-
    Aggregate that combines normalised signals (each 0-1) with weights that
    sum to 1 into a score from 0 to `scale`:

        score = scale * sum(weight * normalised_value)

    rounded to 2 decimals. Use it with GROUP BY over one row per signal.
-#}
{% macro weighted_score(normalised_value, weight, scale=100) -%}
    round({{ scale }} * sum({{ weight }} * {{ normalised_value }}), 2)
{%- endmacro %}
