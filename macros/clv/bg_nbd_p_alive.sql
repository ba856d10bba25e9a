{#-
    BG/NBD probability that a member is still alive (has not dropped out)
    at the end of the calibration period (Fader, Hardie and Lee 2005):

        P(alive) = 1 / (1 + [x > 0] * a / (b + x - 1) * ((alpha + T) / (alpha + t_x))^(r + x))

    computed in log space: with L = ln(a / (b + x - 1)) + (r + x) * ln((alpha + T) / (alpha + t_x)),
    P(alive) = exp(-softplus(L)) = exp(-(max(L, 0) + ln(1 + exp(-|L|)))), which
    neither overflows nor loses precision for very long tenures or many
    purchases. 1 for a member without a repeat purchase (x = 0).
-#}
{% macro bg_nbd_p_alive(x, t_x, t_cal, r, alpha, a, b) -%}
    {%- set log_odds -%}
        (ln({{ a }}) - ln({{ b }} + greatest({{ x }}, 1) - 1)
        + ({{ r }} + {{ x }}) * (ln({{ alpha }} + {{ t_cal }}) - ln({{ alpha }} + {{ t_x }})))
    {%- endset -%}
    case
        when {{ x }} = 0 then cast(1 as double)
        else exp(-(greatest({{ log_odds }}, 0) + ln(1 + exp(-abs({{ log_odds }})))))
    end
{%- endmacro %}
