{#-
    Whole days from the last purchase to the analysis date: 0 when the member
    bought on the analysis date itself; NULL when there was no purchase.
-#}
{% macro recency_days(last_purchase_date, as_of_date) -%}
    {{ dbt.datediff(last_purchase_date, as_of_date, 'day') | trim }}
{%- endmacro %}
