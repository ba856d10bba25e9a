{#-
    An amount in the base currency (var('base_currency')): amount x rate,
    rounded half up to cents on exact decimals (the amount is amount_type(),
    the rate decimal(18, 6) from the exchange_rates seed), so the result is
    the same to the cent on every engine. The one place money is converted
    or rounded; ratios held in doubles go through round_portably().
-#}
{% macro to_base_currency(amount, rate) -%}
    cast(round({{ amount }} * {{ rate }}, 2) as {{ amount_type() }})
{%- endmacro %}
