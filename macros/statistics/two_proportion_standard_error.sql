{#-
    The standard error of the difference p1 - p2 between two success rates
    (successes / trials), unpooled, as a confidence interval of the
    difference uses it:

        sqrt(p1 (1 - p1) / trials_1 + p2 (1 - p2) / trials_2)

    (the Wald interval: difference +/- z x standard error). NULL when either
    group is empty. Doubles throughout.
-#}
{% macro two_proportion_standard_error(successes_1, trials_1, successes_2, trials_2) -%}
    {%- set p1 = '(cast(' ~ successes_1 ~ ' as double) / cast(' ~ trials_1 ~ ' as double))' -%}
    {%- set p2 = '(cast(' ~ successes_2 ~ ' as double) / cast(' ~ trials_2 ~ ' as double))' -%}
    case
        when {{ trials_1 }} > 0 and {{ trials_2 }} > 0
            then sqrt(
                {{ p1 }} * (1.0 - {{ p1 }}) / cast({{ trials_1 }} as double)
                + {{ p2 }} * (1.0 - {{ p2 }}) / cast({{ trials_2 }} as double)
            )
    end
{%- endmacro %}
