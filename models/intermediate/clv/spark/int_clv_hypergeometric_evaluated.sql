{#-
    Apache Spark's int_clv_hypergeometric_evaluated: the Python file
    models/intermediate/clv/python/int_clv_hypergeometric_evaluated.py run as a
    script transform (see int_clv_parameters_fitted.sql in this folder).
    Enabled on Spark only.
-#}
{%- set script_file = 'models/intermediate/clv/python/int_clv_hypergeometric_evaluated.py' %}
{{ config(pre_hook=python_script_file(script_file)) }}

{%- set input_sql -%}
    select * from {{ ref('int_clv_hypergeometric_inputs_listed') }}
{%- endset %}

with

evaluated as (
    {{ python_script_transform(
        input_sql,
        input_columns=[
            'calibration', 'repeat_purchase_count', 'first_purchase_to_calibration_days', 'horizon_days',
            'time_unit_days', 'r', 'alpha', 'a', 'b',
        ],
        script_file=script_file,
        output_columns=[
            'calibration string', 'repeat_purchase_count bigint', 'first_purchase_to_calibration_days bigint',
            'horizon_days bigint', 'hypergeometric_value double',
        ],
    ) }}
),

final as (
    select * from evaluated
)

select * from final
