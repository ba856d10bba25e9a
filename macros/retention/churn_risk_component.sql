{#-
    One churn-risk signal turned into a 0-1 risk component: 0 for a value of
    0 or less (no sign of churn), rising in proportion to the value and
    capped at 1 from `full_risk_at` on:

        least(greatest(signal, 0) / full_risk_at, 1)

    `full_risk_at` comes from the churn_risk_weights seed (above 0, checked
    by int_churn_risk_weights_validated). NULL stays NULL.
-#}
{% macro churn_risk_component(signal, full_risk_at) -%}
    least(greatest(cast({{ signal }} as double), 0.0) / cast({{ full_risk_at }} as double), 1.0)
{%- endmacro %}
