{{ config(severity='warn') }}
-- Every combination of a recency score (1-5) and a frequency-monetary score
-- (1.0-5.0 in halves) is claimed by a named segment before the fallback rule,
-- so the fallback only catches what an edit of the seed left uncovered.
with

rules as (
    select * from {{ ref('rfm_segment_map') }}
),

fallback as (
    select max(segment_priority) as segment_priority
    from rules
),

recency_scores as (
    {% for score in range(1, 6) -%}
        select {{ score }} as recency_score
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

frequency_monetary_scores as (
    {% for half_steps in range(2, 11) -%}
        select cast({{ half_steps / 2 }} as decimal(4, 2)) as frequency_monetary_score
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

combinations as (
    select
        recency_scores.recency_score,
        frequency_monetary_scores.frequency_monetary_score
    from recency_scores
    cross join frequency_monetary_scores
),

claims as (
    select
        combinations.recency_score,
        combinations.frequency_monetary_score,
        count(rules.segment_priority) as claiming_rule_count
    from combinations
    cross join fallback
    left join rules
        on
            combinations.recency_score between rules.min_recency_score and rules.max_recency_score
            and combinations.frequency_monetary_score
            between rules.min_frequency_monetary_score and rules.max_frequency_monetary_score
            and fallback.segment_priority > rules.segment_priority
    group by combinations.recency_score, combinations.frequency_monetary_score
)

select *
from claims
where claiming_rule_count = 0
