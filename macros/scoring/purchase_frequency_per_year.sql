{#-
    Orders per year of membership: order_count * 365 / tenure_days, with the
    tenure counted as at least `min_tenure_days` so that a member who joined
    last week and bought once is not extrapolated to 52 orders a year.
    Computed in 8-byte doubles, the same on every engine.
-#}
{% macro purchase_frequency_per_year(order_count, tenure_days, min_tenure_days) -%}
    cast({{ order_count }} as double) * 365 / cast(greatest({{ tenure_days }}, {{ min_tenure_days }}) as double)
{%- endmacro %}
