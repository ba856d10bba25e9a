-- normal_cdf, normal_two_sided_p_value, chi_square_one_df_p_value and
-- normal_quantile give the values of the normal table within their
-- documented errors (7.5e-8, 1.5e-7, 1.5e-7 and 4e-9 absolute).
with

table_values as (
    select
        normal_table.macro_name,
        cast(normal_table.argument as double) as argument,
        cast(normal_table.expected as double) as expected,
        cast(normal_table.tolerance as double) as tolerance
    from (
        values
        ('normal_cdf', 0.0, 0.5, 0.000000075),
        ('normal_cdf', 0.5, 0.6914624612740131, 0.000000075),
        ('normal_cdf', 1.0, 0.8413447460685429, 0.000000075),
        ('normal_cdf', 1.644853627, 0.950000000005005, 0.000000075),
        ('normal_cdf', 1.959963985, 0.9750000000268816, 0.000000075),
        ('normal_cdf', 2.575829304, 0.9950000000065228, 0.000000075),
        ('normal_cdf', 3.0, 0.9986501019683699, 0.000000075),
        ('normal_cdf', 4.0, 0.9999683287581669, 0.000000075),
        ('normal_cdf', -1.0, 0.15865525393145707, 0.000000075),
        ('normal_cdf', -2.326347874, 0.010000000001088501, 0.000000075),
        ('normal_cdf', -4.5, 0.0000033976731247300535, 0.000000075),
        ('normal_two_sided_p_value', 1.959963985, 0.05, 0.00000015),
        ('normal_two_sided_p_value', -2.575829304, 0.01, 0.00000015),
        ('normal_two_sided_p_value', 0.0, 1.0, 0.00000015),
        ('chi_square_one_df_p_value', 4.0, 0.04550026389635857, 0.00000015),
        ('chi_square_one_df_p_value', 10.83, 0.0009986863791802592, 0.00000015),
        ('normal_quantile', 0.001, -3.090232306167813, 0.000000004),
        ('normal_quantile', 0.02, -2.053748910631823, 0.000000004),
        ('normal_quantile', 0.025, -1.9599639845400545, 0.000000004),
        ('normal_quantile', 0.5, 0.0, 0.000000004),
        ('normal_quantile', 0.9, 1.2815515655446004, 0.000000004),
        ('normal_quantile', 0.975, 1.959963984540054, 0.000000004),
        ('normal_quantile', 0.99, 2.3263478740408408, 0.000000004),
        ('normal_quantile', 0.9999, 3.719016485455709, 0.000000004)
    ) as normal_table (macro_name, argument, expected, tolerance)
),

computed as (
    select
        macro_name,
        argument,
        expected,
        tolerance,
        case macro_name
            when 'normal_cdf' then {{ normal_cdf('argument') }}
            when 'normal_two_sided_p_value' then {{ normal_two_sided_p_value('argument') }}
            when 'chi_square_one_df_p_value' then {{ chi_square_one_df_p_value('argument') }}
            when 'normal_quantile' then {{ normal_quantile('argument') }}
        end as computed_value
    from table_values
)

select *
from computed
where computed_value is null or abs(computed_value - expected) > tolerance
