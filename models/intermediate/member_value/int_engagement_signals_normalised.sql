{#- The behavioural signals, by column of int_members_engagement_aggregated;
    each must have a weight in the engagement_weights seed. -#}
{%- set signals = [
    'session_count', 'product_view_count', 'add_to_cart_count', 'review_count',
    'referral_count', 'converted_referral_count', 'campaign_response_count',
    'points_redemption_count', 'average_csat_score', 'tenure_days',
] %}

with

engagement as (
    select * from {{ ref('int_members_engagement_aggregated') }}
),

signal_values as (
    {% for signal in signals -%}
        select
            member_id,
            '{{ signal }}' as signal_name,
            cast({{ signal }} as {{ dbt.type_numeric() }}) as signal_value
        from engagement
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        {{ dbt.concat(['member_id', "'|'", 'signal_name']) }} as member_signal_id,
        member_id,
        signal_name,
        signal_value,
        cast({{ signal_percentile("signal_value", partition_by="signal_name") }} as decimal(7, 6))
            as normalised_value
    from signal_values
)

select * from final
