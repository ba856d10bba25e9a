with

holdout_members as (
    select * from {{ ref('int_members_clv_holdout_compared') }}
),

predictions as (
    {% for predictor in ['predicted_clv', 'formula_clv', 'historical_revenue'] -%}
        select
            member_id,
            '{{ predictor }}' as predictor,
            {{ loop.index }} as predictor_position,
            {{ predictor }} as predicted_amount,
            actual_spend,
            calibration_date,
            horizon_end_date
        from holdout_members
        where prediction_status = 'predicted'
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

-- Spearman's rank correlation is the Pearson correlation of the ranks, tied
-- values sharing the average of the ranks they span.
ranked as (
    select
        predictor,
        predictor_position,
        predicted_amount,
        actual_spend,
        rank() over (partition by predictor order by predicted_amount)
        + (count(*) over (partition by predictor, predicted_amount) - 1) / 2.0 as predicted_rank,
        rank() over (partition by predictor order by actual_spend)
        + (count(*) over (partition by predictor, actual_spend) - 1) / 2.0 as actual_rank,
        calibration_date,
        horizon_end_date
    from predictions
),

evaluated as (
    select
        predictor,
        predictor_position,
        count(*) as members_evaluated,
        corr(cast(predicted_rank as double), cast(actual_rank as double)) as rank_correlation,
        avg(abs(cast(predicted_amount as double) - cast(actual_spend as double))) as mean_absolute_error,
        sum(predicted_amount) as total_predicted,
        sum(actual_spend) as total_actual,
        min(calibration_date) as calibration_date,
        min(horizon_end_date) as horizon_end_date
    from ranked
    group by predictor, predictor_position
),

final as (
    select
        cast(predictor as {{ dbt.type_string() }}) as predictor,
        cast(predictor_position as bigint) as predictor_position,
        cast(members_evaluated as bigint) as members_evaluated,
        cast(rank_correlation as double) as rank_correlation,
        cast({{ round_portably('mean_absolute_error', 2) }} as {{ amount_type() }}) as mean_absolute_error,
        cast(total_predicted as {{ amount_type() }}) as total_predicted,
        cast(total_actual as {{ amount_type() }}) as total_actual,
        cast({{ safe_divide('total_predicted', 'total_actual') }} as double) as predicted_to_actual_ratio,
        cast(calibration_date as date) as calibration_date,
        cast(horizon_end_date as date) as horizon_end_date
    from evaluated
)

select * from final
