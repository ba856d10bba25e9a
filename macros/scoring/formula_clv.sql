{#-
    The textbook customer lifetime value:

        average value per order x orders per year x expected lifespan in years

    Pass the average order value for the revenue version and the average
    gross margin per order for the margin version. A negative average (refunds
    or costs larger than what the member paid) counts as 0: a member is not
    expected to keep losing money, and the loss to date stays visible in the
    historical columns. Computed in 8-byte doubles, the same on every engine.
-#}
{% macro formula_clv(average_order_amount, orders_per_year, lifespan_years) -%}
    greatest(cast({{ average_order_amount }} as double), 0)
    * cast({{ orders_per_year }} as double)
    * cast({{ lifespan_years }} as double)
{%- endmacro %}
