{#-
    Two-sided p-value of a statistic that is standard normal under the null
    hypothesis: P(|Z| >= |z|) = 2 P(Z > |z|), computed from the tail directly
    (standard_normal_tail, absolute error below 1.5e-7) so that small
    p-values are not lost to cancellation. NULL stays NULL.
-#}
{% macro normal_two_sided_p_value(z) -%}
    least(1.0, 2.0 * {{ standard_normal_tail('abs(' ~ z ~ ')') }})
{%- endmacro %}
