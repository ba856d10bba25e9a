{#-
    Two-sided p-value of a Student t statistic with `degrees_of_freedom`
    (not necessarily whole, as Welch's are): P(|T| >= |t|). The t statistic
    is turned into an approximately standard normal one by the normalising
    transformation

        z = sqrt((df - 1/2) ln(1 + t^2 / df))

    and z is read off the normal tail (normal_two_sided_p_value). Against the
    exact t distribution the p-value is off by at most 5e-4 at 10 degrees of
    freedom, 5e-5 at 30, 5e-6 at 100 and 5e-8 at 1,000 (larger below 10:
    2e-3 at 5). NULL when the degrees of freedom are 1/2 or fewer, or NULL.
-#}
{% macro student_t_two_sided_p_value(t, degrees_of_freedom) -%}
    case
        when {{ degrees_of_freedom }} > 0.5
            then {{ normal_two_sided_p_value(
                'sqrt((cast(' ~ degrees_of_freedom ~ ' as double) - 0.5) * ln(1.0 + cast(' ~ t ~ ' as double) * cast('
                ~ t ~ ' as double) / cast(' ~ degrees_of_freedom ~ ' as double)))'
            ) }}
    end
{%- endmacro %}
