{#- A view: int_member_months_tiered reads it once, so it is not written. -#}
{{ config(materialized='view') }}

{#-
    The composite value score of every member at every month end (and on the
    analysis date for the month in progress): each trailing-12-month signal
    of int_member_months_windowed normalised among the members of the month
    (macro signal_percentile), then weighted (macro weighted_score).
-#}

{%- set signals = value_score_signals() %}
{#- Money signals have nearly as many values as rows: their percentile is a
    window over the rows. The other signals are whole-number counts with few
    values: their percentile is computed over their distribution per month
    (one row per value), which is far cheaper, and joined back. -#}
{%- set money_signals = ['net_revenue_t12m', 'average_order_value_t12m'] %}
{%- set count_signals = signals | reject('in', money_signals) | list %}
{%- set percentile_columns = [] %}
{%- set weight_columns = [] %}
{%- for signal in signals %}
    {%- do percentile_columns.append('normalised.' ~ signal ~ '_percentile') %}
    {%- do weight_columns.append('weights.' ~ signal ~ '_weight') %}
{%- endfor %}

with

signal_values as (
    select * from {{ ref('int_member_months_windowed') }}
),

months as (
    select * from {{ ref('int_tier_months_enumerated') }}
),

weights as (
    select * from {{ ref('int_value_score_weights_pivoted') }}
),

count_signal_values as (
    {% for signal in count_signals -%}
        select
            month_index,
            '{{ signal }}' as signal_name,
            {{ signal }} as signal_value
        from signal_values
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

count_signal_distributions as (
    select
        signal_name,
        month_index,
        signal_value,
        count(*) as row_count
    from count_signal_values
    group by signal_name, month_index, signal_value
),

count_signal_percentiles as (
    select
        signal_name,
        month_index,
        signal_value,
        {{ signal_percentile(
            'signal_value', partition_by='signal_name, month_index', row_count='row_count'
        ) }} as percentile
    from count_signal_distributions
),

normalised as (
    select
        signal_values.*,
        {% for signal in money_signals -%}
            {{ signal_percentile('signal_values.' ~ signal, partition_by='signal_values.month_index') }}
                as {{ signal }}_percentile,
        {% endfor %}
        {% for signal in count_signals -%}
            {{ signal }}_percentiles.percentile as {{ signal }}_percentile,
        {% endfor %}
        months.is_month_complete,
        months.month_start_date,
        months.evaluation_date
    from signal_values
    inner join months
        on signal_values.month_index = months.month_index
    {% for signal in count_signals -%}
        inner join count_signal_percentiles as {{ signal }}_percentiles
            on
                {{ signal }}_percentiles.signal_name = '{{ signal }}'
                and signal_values.month_index = {{ signal }}_percentiles.month_index
                and signal_values.{{ signal }} = {{ signal }}_percentiles.signal_value
    {% endfor %}
),

final as (
    select
        normalised.member_id,
        normalised.month_index,
        cast(normalised.net_revenue_t12m as {{ amount_type() }}) as net_revenue_t12m,
        cast(normalised.order_count_t12m as bigint) as order_count_t12m,
        cast(normalised.purchase_day_count_t12m as bigint) as purchase_day_count_t12m,
        cast(normalised.average_order_value_t12m as {{ amount_type() }}) as average_order_value_t12m,
        cast(normalised.review_count_t12m as bigint) as review_count_t12m,
        cast(normalised.campaign_response_count_t12m as bigint) as campaign_response_count_t12m,
        cast(normalised.referral_count as bigint) as referral_count,
        cast(normalised.tenure_days as bigint) as tenure_days,
        {% for signal in signals -%}
            cast(normalised.{{ signal }}_percentile as double) as {{ signal }}_percentile,
        {% endfor %}
        cast({{ weighted_score(percentile_columns, weight_columns) }} as double) as value_score,
        cast(normalised.official_tier_rank as bigint) as official_tier_rank,
        normalised.is_month_complete,
        normalised.month_start_date,
        normalised.evaluation_date
    from normalised
    cross join weights
)

select * from final
