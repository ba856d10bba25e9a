{#-
    The two-proportion z statistic of the difference p1 - p2 between two
    success rates (successes / trials), with the pooled rate under the null
    hypothesis of no difference:

        p = (successes_1 + successes_2) / (trials_1 + trials_2)
        z = (p1 - p2) / sqrt(p (1 - p) (1 / trials_1 + 1 / trials_2))

    Normal under the null hypothesis for large samples; its p-value is
    normal_two_sided_p_value(z). NULL when either group is empty or the
    pooled rate is 0 or 1 (no variation: nothing to test). Doubles
    throughout.
-#}
{% macro two_proportion_z(successes_1, trials_1, successes_2, trials_2) -%}
    {%- set pooled -%}
        (cast({{ successes_1 }} + {{ successes_2 }} as double) / cast({{ trials_1 }} + {{ trials_2 }} as double))
    {%- endset -%}
    case
        when {{ trials_1 }} > 0 and {{ trials_2 }} > 0
            and {{ successes_1 }} + {{ successes_2 }} > 0
            and {{ successes_1 }} + {{ successes_2 }} < {{ trials_1 }} + {{ trials_2 }}
            then (
                cast({{ successes_1 }} as double) / cast({{ trials_1 }} as double)
                - cast({{ successes_2 }} as double) / cast({{ trials_2 }} as double)
            ) / sqrt(
                {{ pooled }} * (1.0 - {{ pooled }})
                * (1.0 / cast({{ trials_1 }} as double) + 1.0 / cast({{ trials_2 }} as double))
            )
    end
{%- endmacro %}
