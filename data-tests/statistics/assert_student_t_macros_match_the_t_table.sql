-- student_t_two_sided_p_value and student_t_quantile give the values of the
-- t table within their documented errors at 10, 30, 100 and 1,000 degrees
-- of freedom (quantiles: relative errors 2e-4 at 30, 1.5e-5 at 100, 2e-7 at
-- 1,000, 2e-5 at 200), and the p-value of the quantile at p is 2 (1 - p).
with

table_values as (
    select
        t_table.macro_name,
        cast(t_table.argument as double) as argument,
        cast(t_table.degrees_of_freedom as double) as degrees_of_freedom,
        cast(t_table.expected as double) as expected,
        cast(t_table.tolerance as double) as tolerance
    from (
        values
        ('p_value', 2.228138852, 10.0, 0.05, 0.0005),
        ('p_value', 2.042272456, 30.0, 0.05, 0.00005),
        ('p_value', 2.0, 50.0, 0.05094706873769324, 0.00002),
        ('p_value', 1.983971519, 100.0, 0.05, 0.000005),
        ('p_value', 3.0, 1000.0, 0.0027667090442381925, 0.0000002),
        ('quantile', 0.975, 30.0, 2.0422724563012378, 0.0004084545),
        ('quantile', 0.975, 100.0, 1.9839715185235518, 0.0000297596),
        ('quantile', 0.975, 1000.0, 1.9623390808264083, 0.0000003925),
        ('quantile', 0.995, 200.0, 2.600634436191558, 0.0000520127)
    ) as t_table (macro_name, argument, degrees_of_freedom, expected, tolerance)
),

quantiles as (
    select
        macro_name,
        argument,
        degrees_of_freedom,
        expected,
        tolerance,
        case macro_name
            when 'p_value' then {{ student_t_two_sided_p_value('argument', 'degrees_of_freedom') }}
            when 'quantile' then {{ student_t_quantile('argument', 'degrees_of_freedom') }}
        end as computed_value
    from table_values
),

computed as (
    select
        *,
        -- The transformation inverts exactly.
        case macro_name
            when 'quantile'
                then {{ student_t_two_sided_p_value('computed_value', 'degrees_of_freedom') }} - 2 * (1 - argument)
            else 0
        end as inversion_error
    from quantiles
)

select *
from computed
where computed_value is null or abs(computed_value - expected) > tolerance or abs(inversion_error) > 0.0000002
