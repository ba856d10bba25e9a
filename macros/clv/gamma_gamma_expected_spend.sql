{#-
    Gamma-Gamma expected spend per future purchase of a member with x repeat
    purchases of mean value m_x (Fader and Hardie):

        E(M | x, m_x) = p * (v + x * m_x) / (p * x + q - 1)

    a weighted average of the population mean p * v / (q - 1) and the
    member's own mean, trusting the member's more the more they bought. A
    member without a repeat purchase (x = 0) gets the population mean; a
    negative mean (refunds larger than purchases) counts as 0. Needs q > 1,
    which the fit checks.
-#}
{% macro gamma_gamma_expected_spend(x, mean_spend, p, q, v) -%}
    {{ p }} * ({{ v }} + {{ x }} * greatest(coalesce({{ mean_spend }}, 0), 0)) / ({{ p }} * {{ x }} + {{ q }} - 1)
{%- endmacro %}
