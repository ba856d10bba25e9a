{#-
    The upper quantile of Student's t distribution with `degrees_of_freedom`
    at probability p (0.5 <= p < 1), the inverse of the normalising
    transformation of student_t_two_sided_p_value applied to the normal
    quantile z_p (normal_quantile):

        t_p = sqrt(df (exp(z_p^2 / (df - 1/2)) - 1))

    so that a confidence interval built with it excludes 0 exactly when that
    p-value is below 1 - confidence. Relative error against the exact
    quantile at p = 0.975: 0.2% at 10 degrees of freedom, 2e-4 at 30, 1.5e-5
    at 100, 1.5e-7 at 1,000. NULL when the degrees of freedom are 1/2 or
    fewer.
-#}
{% macro student_t_quantile(p, degrees_of_freedom) -%}
    {%- if p is number and not (0.5 <= p < 1) -%}
        {{ exceptions.raise_compiler_error(
            "student_t_quantile: p is " ~ p ~ "; expected an upper probability from 0.5 up to (not including) 1."
        ) }}
    {%- endif -%}
    case
        when {{ degrees_of_freedom }} > 0.5
            then sqrt(
                cast({{ degrees_of_freedom }} as double)
                * (exp(
                    ({{ normal_quantile(p) }}) * ({{ normal_quantile(p) }}) / (cast({{ degrees_of_freedom }} as double) - 0.5)
                ) - 1.0)
            )
    end
{%- endmacro %}
