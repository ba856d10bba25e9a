with

rfm_scores as (
    select * from {{ ref('int_members_rfm_scored') }}
),

segment_map as (
    select * from {{ ref('rfm_segment_map') }}
),

combined_scores as (
    select
        member_id,
        recency_score,
        frequency_score,
        monetary_score,
        {{ frequency_monetary_score('frequency_score', 'monetary_score') }} as frequency_monetary_score,
        as_of_date
    from rfm_scores
),

first_matches as (
    select
        combined_scores.member_id,
        min(segment_map.segment_priority) as segment_priority
    from combined_scores
    inner join segment_map
        on
            combined_scores.recency_score between segment_map.min_recency_score and segment_map.max_recency_score
            and combined_scores.frequency_monetary_score
            between segment_map.min_frequency_monetary_score and segment_map.max_frequency_monetary_score
    group by combined_scores.member_id
),

final as (
    select
        combined_scores.member_id,
        segment_map.rfm_segment,
        {{ dbt.concat([
            "cast(combined_scores.recency_score as " ~ dbt.type_string() ~ ")", "'-'",
            "cast(combined_scores.frequency_score as " ~ dbt.type_string() ~ ")", "'-'",
            "cast(combined_scores.monetary_score as " ~ dbt.type_string() ~ ")",
        ]) }} as rfm_cell,
        first_matches.segment_priority,
        combined_scores.recency_score,
        combined_scores.frequency_score,
        combined_scores.monetary_score,
        combined_scores.frequency_monetary_score,
        combined_scores.as_of_date
    from combined_scores
    left join first_matches
        on combined_scores.member_id = first_matches.member_id
    left join segment_map
        on first_matches.segment_priority = segment_map.segment_priority
)

select * from final
