with

parameters as (
    select * from {{ ref('int_clv_parameters_fitted') }}
),

calibrations as (
    select * from {{ ref('int_clv_calibrations_resolved') }}
),

pivoted as (
    select
        calibration,
        max(case when model_name = 'bg_nbd' and parameter_name = 'r' then parameter_value end) as r,
        max(case when model_name = 'bg_nbd' and parameter_name = 'alpha' then parameter_value end) as alpha,
        max(case when model_name = 'bg_nbd' and parameter_name = 'a' then parameter_value end) as a,
        max(case when model_name = 'bg_nbd' and parameter_name = 'b' then parameter_value end) as b,
        max(case when model_name = 'gamma_gamma' and parameter_name = 'p' then parameter_value end) as p,
        max(case when model_name = 'gamma_gamma' and parameter_name = 'q' then parameter_value end) as q,
        max(case when model_name = 'gamma_gamma' and parameter_name = 'v' then parameter_value end) as v,
        max(case when model_name = 'bg_nbd' and is_converged then 1 else 0 end) = 1 as is_bg_nbd_fitted,
        max(case when model_name = 'gamma_gamma' and is_converged then 1 else 0 end) = 1 as is_gamma_gamma_fitted
    from parameters
    group by calibration
),

final as (
    select
        calibrations.calibration,
        pivoted.r,
        pivoted.alpha,
        pivoted.a,
        pivoted.b,
        pivoted.p,
        pivoted.q,
        pivoted.v,
        calibrations.time_unit_days,
        coalesce(pivoted.is_bg_nbd_fitted, false) as is_bg_nbd_fitted,
        coalesce(pivoted.is_gamma_gamma_fitted, false) as is_gamma_gamma_fitted,
        calibrations.calibration_date
    from calibrations
    left join pivoted
        on calibrations.calibration = pivoted.calibration
)

select * from final
