{#-
    The Welch-Satterthwaite degrees of freedom of Welch's t statistic, from
    each group's sample variance and size:

        (v1 / n1 + v2 / n2)^2 / ((v1 / n1)^2 / (n1 - 1) + (v2 / n2)^2 / (n2 - 1))

    Between the smaller of n1 - 1 and n2 - 1 and n1 + n2 - 2; not a whole
    number in general. NULL when a group has fewer than two members or both
    variances are 0. Doubles throughout.
-#}
{% macro welch_degrees_of_freedom(variance_1, count_1, variance_2, count_2) -%}
    {%- set share_1 = '(cast(' ~ variance_1 ~ ' as double) / cast(' ~ count_1 ~ ' as double))' -%}
    {%- set share_2 = '(cast(' ~ variance_2 ~ ' as double) / cast(' ~ count_2 ~ ' as double))' -%}
    case
        when {{ count_1 }} > 1 and {{ count_2 }} > 1 and {{ share_1 }} + {{ share_2 }} > 0
            then ({{ share_1 }} + {{ share_2 }}) * ({{ share_1 }} + {{ share_2 }})
            / (
                {{ share_1 }} * {{ share_1 }} / cast({{ count_1 }} - 1 as double)
                + {{ share_2 }} * {{ share_2 }} / cast({{ count_2 }} - 1 as double)
            )
    end
{%- endmacro %}
