-- The two-proportion z, its standard error, Welch's standard error and
-- degrees of freedom and the sample-ratio chi-square give the values worked
-- out by hand for small examples (to 1e-6):
-- - 50 of 100 against 35 of 100: pooled rate 0.425, z = 0.15 /
--   sqrt(0.425 x 0.575 x 0.02) = 2.1455956; unpooled standard error
--   sqrt(0.25/100 + 0.2275/100) = 0.0691014; nobody converting gives no z;
-- - variances 4 and 9 in groups of 10 and 15: se = sqrt(0.4 + 0.6) = 1,
--   df = 1 / (0.16/9 + 0.36/14) = 22.9927007;
-- - 5,100 against 4,900 where 50/50 was meant: 2 x 100^2 / 5,000 = 4;
--   2,600 against 7,400 where 25/75 was meant: 100^2/2,500 + 100^2/7,500.
with

examples as (
    select
        {{ two_proportion_z(50, 100, 35, 100) }} as two_proportion_z,
        {{ two_proportion_standard_error(50, 100, 35, 100) }} as two_proportion_standard_error,
        coalesce({{ two_proportion_z(0, 100, 0, 100) }}, -1) as two_proportion_z_without_converters,
        {{ welch_standard_error(4, 10, 9, 15) }} as welch_standard_error,
        {{ welch_degrees_of_freedom(4, 10, 9, 15) }} as welch_degrees_of_freedom,
        {{ sample_ratio_chi_square(5100, 4900, 0.5) }} as sample_ratio_chi_square_even,
        {{ sample_ratio_chi_square(2600, 7400, 0.25) }} as sample_ratio_chi_square_uneven
)

select *
from examples
where
    not coalesce(abs(two_proportion_z - 2.1455956196) < 0.000001, false)
    or not coalesce(abs(two_proportion_standard_error - 0.0691013748) < 0.000001, false)
    or not coalesce(two_proportion_z_without_converters = -1, false)
    or not coalesce(abs(welch_standard_error - 1.0) < 0.000001, false)
    or not coalesce(abs(welch_degrees_of_freedom - 22.9927007299) < 0.000001, false)
    or not coalesce(abs(sample_ratio_chi_square_even - 4.0) < 0.000001, false)
    or not coalesce(abs(sample_ratio_chi_square_uneven - 5.3333333333) < 0.000001, false)
