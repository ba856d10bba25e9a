{#-
    Upper-tail p-value of a chi-square statistic with one degree of freedom:
    P(X >= x) = P(|Z| >= sqrt(x)) for a standard normal Z, read off the
    normal tail (normal_two_sided_p_value, absolute error below 1.5e-7).
    NULL stays NULL.
-#}
{% macro chi_square_one_df_p_value(statistic) -%}
    {{ normal_two_sided_p_value('sqrt(cast(' ~ statistic ~ ' as double))') }}
{%- endmacro %}
