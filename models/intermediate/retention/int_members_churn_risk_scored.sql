{%- set signals = churn_risk_signals() %}
{%- set component_columns = [] %}
{%- set weight_columns = [] %}
{%- for signal in signals %}
    {%- do component_columns.append(signal ~ '_component') %}
    {%- do weight_columns.append(signal ~ '_weight') %}
{%- endfor %}

with

signals as (
    select * from {{ ref('int_members_churn_signals_computed') }}
),

weights as (
    select * from {{ ref('int_churn_risk_weights_validated') }}
),

bands as (
    select * from {{ ref('int_churn_risk_bands_validated') }}
),

components as (
    select
        signals.member_id,
        signals.score_basis,
        {% for signal in signals -%}
            {{ churn_risk_component('signals.' ~ signal, 'weights.' ~ signal ~ '_full_risk_at') }}
                as {{ signal }}_component,
        {% endfor -%}
        {% for column in weight_columns -%}
            weights.{{ column }},
        {% endfor -%}
        signals.score_date
    from signals
    cross join weights
),

scored as (
    select
        member_id,
        score_basis,
        {% for signal in signals -%}
            {{ signal }}_component,
        {% endfor -%}
        {{ weighted_score(component_columns, weight_columns) }} as churn_risk_score,
        score_date
    from components
),

final as (
    select
        scored.member_id,
        scored.score_basis,
        bands.churn_band,
        {% for signal in signals -%}
            cast(scored.{{ signal }}_component as double) as {{ signal }}_component,
        {% endfor -%}
        cast(scored.churn_risk_score as double) as churn_risk_score,
        bands.band_rank as churn_band_rank,
        scored.score_date
    from scored
    inner join bands
        on
            scored.churn_risk_score >= bands.min_score
            and (bands.next_min_score is null or scored.churn_risk_score < bands.next_min_score)
)

select * from final
