with

fitted_parameters as (
    select * from {{ ref('int_clv_parameters_fitted') }}
    where calibration = 'scoring'
),

calibrations as (
    select * from {{ ref('int_clv_calibrations_resolved') }}
    where calibration = 'scoring'
),

-- Every parameter gets a row, also when its model could not be fitted.
parameter_names as (
    select
        'bg_nbd' as model_name,
        1 as parameter_position,
        'r' as parameter_name
    union all
    select
        'bg_nbd' as model_name,
        2 as parameter_position,
        'alpha' as parameter_name
    union all
    select
        'bg_nbd' as model_name,
        3 as parameter_position,
        'a' as parameter_name
    union all
    select
        'bg_nbd' as model_name,
        4 as parameter_position,
        'b' as parameter_name
    union all
    select
        'gamma_gamma' as model_name,
        5 as parameter_position,
        'p' as parameter_name
    union all
    select
        'gamma_gamma' as model_name,
        6 as parameter_position,
        'q' as parameter_name
    union all
    select
        'gamma_gamma' as model_name,
        7 as parameter_position,
        'v' as parameter_name
),

final as (
    select
        cast(parameter_names.model_name as {{ dbt.type_string() }}) as model_name,
        cast(parameter_names.parameter_name as {{ dbt.type_string() }}) as parameter_name,
        cast(coalesce(fitted_parameters.fit_status, 'no member has bought: nothing to fit') as {{ dbt.type_string() }})
            as fit_status,
        cast(parameter_names.parameter_position as bigint) as parameter_position,
        cast(fitted_parameters.parameter_value as double) as parameter_value,
        cast(fitted_parameters.log_likelihood as double) as log_likelihood,
        cast(coalesce(fitted_parameters.fitted_member_count, 0) as bigint) as fitted_member_count,
        cast(calibrations.time_unit_days as bigint) as time_unit_days,
        cast(coalesce(fitted_parameters.is_converged, false) as boolean) as is_converged,
        cast(calibrations.as_of_date as date) as as_of_date
    from parameter_names
    cross join calibrations
    left join fitted_parameters
        on
            parameter_names.model_name = fitted_parameters.model_name
            and parameter_names.parameter_name = fitted_parameters.parameter_name
)

select * from final
