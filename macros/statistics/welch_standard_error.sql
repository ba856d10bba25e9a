{#-
    Welch's standard error of the difference between two group means, from
    each group's sample variance (n - 1 in the denominator) and size:

        sqrt(variance_1 / count_1 + variance_2 / count_2)

    It does not assume equal variances. NULL when a group has fewer than two
    members (no sample variance). Doubles throughout.
-#}
{% macro welch_standard_error(variance_1, count_1, variance_2, count_2) -%}
    case
        when {{ count_1 }} > 1 and {{ count_2 }} > 1
            then sqrt(
                cast({{ variance_1 }} as double) / cast({{ count_1 }} as double)
                + cast({{ variance_2 }} as double) / cast({{ count_2 }} as double)
            )
    end
{%- endmacro %}
