{#-
    Pearson's chi-square statistic of a two-way split against the intended
    one (a sample-ratio-mismatch check of an experiment): count_1 and
    count_2 members where shares expected_share_1 and 1 - expected_share_1
    were intended,

        sum over both groups of (observed - expected)^2 / expected

    with expected = share x (count_1 + count_2). One degree of freedom: its
    p-value is chi_square_one_df_p_value. NULL when there is nobody.
-#}
{% macro sample_ratio_chi_square(count_1, count_2, expected_share_1) -%}
    {%- set total = '(cast(' ~ count_1 ~ ' + ' ~ count_2 ~ ' as double))' -%}
    {%- set expected_1 = '(' ~ total ~ ' * cast(' ~ expected_share_1 ~ ' as double))' -%}
    {%- set expected_2 = '(' ~ total ~ ' * (1.0 - cast(' ~ expected_share_1 ~ ' as double)))' -%}
    case
        when {{ count_1 }} + {{ count_2 }} > 0
            then (cast({{ count_1 }} as double) - {{ expected_1 }}) * (cast({{ count_1 }} as double) - {{ expected_1 }})
            / {{ expected_1 }}
            + (cast({{ count_2 }} as double) - {{ expected_2 }}) * (cast({{ count_2 }} as double) - {{ expected_2 }})
            / {{ expected_2 }}
    end
{%- endmacro %}
