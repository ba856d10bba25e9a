with

engagement as (
    select * from {{ ref('int_members_engagement_aggregated') }}
),

normalised_signals as (
    select * from {{ ref('int_engagement_signals_normalised') }}
),

engagement_weights as (
    select * from {{ ref('engagement_weights') }}
),

weighted as (
    select
        normalised_signals.member_id,
        {{ weighted_score('normalised_signals.normalised_value', 'engagement_weights.weight') }} as weighted_score
    from normalised_signals
    inner join engagement_weights
        on normalised_signals.signal_name = engagement_weights.signal
    group by normalised_signals.member_id
),

final as (
    select
        engagement.member_id,
        cast(
            case when engagement.has_behaviour_data then coalesce(weighted.weighted_score, 0) else 0 end
            as decimal(5, 2)
        ) as engagement_score,
        engagement.has_behaviour_data,
        engagement.as_of_date
    from engagement
    left join weighted
        on engagement.member_id = weighted.member_id
)

select * from final
