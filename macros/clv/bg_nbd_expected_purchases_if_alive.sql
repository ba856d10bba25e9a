{#-
    BG/NBD expected number of purchases in the next t time units of a member
    who is alive at the end of the calibration period, with x repeat
    purchases and T time units since the first (Fader, Hardie and Lee 2005,
    eq. 10 divided by P(alive)), after Euler's transformation of 2F1:

        (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t))^(a - 1) * F)

    where F = 2F1(a + b - 1 - r, a - 1; a + b + x - 1; t / (alpha + T + t)),
    evaluated by int_clv_hypergeometric_evaluated. The expected purchases
    of a member are P(alive) times this. Never below 0 (rounding can leave a
    -1e-17).
-#}
{% macro bg_nbd_expected_purchases_if_alive(x, t_cal, horizon, alpha, a, b, hypergeometric_value) -%}
    greatest(
        ({{ a }} + {{ b }} + {{ x }} - 1) / ({{ a }} - 1)
        * (1 - exp(({{ a }} - 1) * (ln({{ alpha }} + {{ t_cal }}) - ln({{ alpha }} + {{ t_cal }} + {{ horizon }})))
            * {{ hypergeometric_value }}),
        0
    )
{%- endmacro %}
