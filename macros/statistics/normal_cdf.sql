{#-
    The standard normal distribution function Phi(x) = P(Z <= x), from the
    tail approximation of standard_normal_tail (absolute error below 7.5e-8
    everywhere): 1 - tail(x) for x >= 0 and tail(-x) below 0, so that the
    lower tail keeps its precision. NULL stays NULL.
-#}
{% macro normal_cdf(x) -%}
    case
        when {{ x }} >= 0 then 1.0 - {{ standard_normal_tail(x) }}
        when {{ x }} < 0 then {{ standard_normal_tail('-(' ~ x ~ ')') }}
    end
{%- endmacro %}
