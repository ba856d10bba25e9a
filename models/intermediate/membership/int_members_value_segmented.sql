with

members as (
    select * from {{ ref('int_members_tenure_computed') }}
),

value_scores as (
    select * from {{ ref('int_members_tiered') }}
),

rfm_values as (
    select * from {{ ref('int_members_rfm_scored') }}
),

segment_rules as (
    select * from {{ ref('value_segment_rules') }}
),

member_measures as (
    select
        members.member_id,
        coalesce(rfm_values.recency_days, members.tenure_days) as days_inactive,
        value_scores.value_score
    from members
    inner join value_scores
        on members.member_id = value_scores.member_id
    left join rfm_values
        on members.member_id = rfm_values.member_id
),

first_matches as (
    select
        member_measures.member_id,
        min(segment_rules.segment_priority) as segment_priority
    from member_measures
    inner join segment_rules
        on
            (
                segment_rules.min_days_inactive is null
                or member_measures.days_inactive >= segment_rules.min_days_inactive
            )
            and (
                segment_rules.max_days_inactive is null
                or member_measures.days_inactive <= segment_rules.max_days_inactive
            )
            and (segment_rules.min_value_score is null or member_measures.value_score >= segment_rules.min_value_score)
            and (segment_rules.max_value_score is null or member_measures.value_score <= segment_rules.max_value_score)
    group by member_measures.member_id
),

final as (
    select
        member_measures.member_id,
        segment_rules.value_segment,
        first_matches.segment_priority,
        member_measures.days_inactive,
        member_measures.value_score
    from member_measures
    left join first_matches
        on member_measures.member_id = first_matches.member_id
    left join segment_rules
        on first_matches.segment_priority = segment_rules.segment_priority
)

select * from final
