-- The last value segment rule has no bounds, so every member gets a segment.
with

rules as (
    select * from {{ ref('value_segment_rules') }}
),

last_rule as (
    select
        segment_priority,
        value_segment,
        min_days_inactive,
        max_days_inactive,
        min_value_score,
        max_value_score
    from rules
    where segment_priority = (select max(rules_inner.segment_priority) from rules as rules_inner)
)

select
    segment_priority,
    value_segment,
    min_days_inactive,
    max_days_inactive,
    min_value_score,
    max_value_score
from last_rule
where
    min_days_inactive is not null
    or max_days_inactive is not null
    or min_value_score is not null
    or max_value_score is not null
