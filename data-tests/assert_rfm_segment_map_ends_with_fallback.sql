-- The last rule of the RFM segment map accepts every score combination, so
-- every member gets a segment.
with

rules as (
    select * from {{ ref('rfm_segment_map') }}
),

last_rule as (
    select
        rfm_segment,
        min_recency_score,
        max_recency_score,
        min_frequency_monetary_score,
        max_frequency_monetary_score
    from rules
    where segment_priority = (select max(rules_inner.segment_priority) from rules as rules_inner)
)

select
    rfm_segment,
    min_recency_score,
    max_recency_score,
    min_frequency_monetary_score,
    max_frequency_monetary_score
from last_rule
where
    min_recency_score > 1
    or max_recency_score < 5
    or min_frequency_monetary_score > 1
    or max_frequency_monetary_score < 5
