{#-
    Apache Spark's int_clv_parameters_fitted. dbt-spark runs Python models
    only on Databricks, so on Spark the same Python file, models/intermediate/
    clv/int_clv_parameters_fitted.py, runs as a script that Spark feeds the
    input rows to (a script transform) and whose output lines are the rows.
    Enabled on Spark only; the .py model is enabled everywhere else.
-#}
{%- set script_file = 'models/intermediate/clv/python/int_clv_parameters_fitted.py' %}
{{ config(pre_hook=python_script_file(script_file)) }}

{%- set input_sql -%}
    select * from {{ ref('int_clv_fit_inputs_grouped') }}
{%- endset %}

with

fitted as (
    {{ python_script_transform(
        input_sql,
        input_columns=[
            'calibration', 'likelihood', 'repeat_purchase_count', 'first_to_last_purchase_days',
            'first_purchase_to_calibration_days', 'repeat_purchase_amount', 'member_count', 'time_unit_days',
        ],
        script_file=script_file,
        output_columns=[
            'calibration string', 'model_name string', 'parameter_name string', 'parameter_value double',
            'log_likelihood double', 'fitted_member_count bigint', 'is_converged boolean', 'fit_status string',
            'time_unit_days bigint',
        ],
    ) }}
),

final as (
    select * from fitted
)

select * from final
