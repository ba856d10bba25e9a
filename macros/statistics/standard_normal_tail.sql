{#-
    P(Z > x) for a standard normal Z and x >= 0, by the polynomial
    approximation of Zelen and Severo (Abramowitz and Stegun 26.2.17):

        t = 1 / (1 + 0.2316419 x)
        P(Z > x) = phi(x) (b1 t + b2 t^2 + b3 t^3 + b4 t^4 + b5 t^5)

    with phi the normal density. Its absolute error is below 7.5e-8 for every
    x >= 0. Only exp() and arithmetic: the same SQL on every engine. Pass a
    column or a simple expression (it is repeated); pass abs(z) for a z that
    may be negative.
-#}
{% macro standard_normal_tail(x) -%}
    {%- set x = 'cast(' ~ x ~ ' as double)' -%}
    (
        0.3989422804014327 * exp(-0.5 * {{ x }} * {{ x }})
        * (
            (1.0 / (1.0 + 0.2316419 * {{ x }}))
            * (0.319381530 + (1.0 / (1.0 + 0.2316419 * {{ x }}))
                * (-0.356563782 + (1.0 / (1.0 + 0.2316419 * {{ x }}))
                    * (1.781477937 + (1.0 / (1.0 + 0.2316419 * {{ x }}))
                        * (-1.821255978 + (1.0 / (1.0 + 0.2316419 * {{ x }})) * 1.330274429))))
        )
    )
{%- endmacro %}
