{#-
    A higher score never has a worse raw value than a lower score, and equal
    raw values never get different scores: every raw value of score k + 1 is
    strictly better than every raw value of score k. `column_name` is the
    score, `value_column` the raw value it was computed from; set
    higher_is_better to false when a smaller raw value is better (recency).
    Rows with a NULL score or value are ignored. Fails with each pair of
    neighbouring scores whose value ranges overlap or touch.
-#}
{% test scores_are_monotonic(model, column_name, value_column, higher_is_better=true) %}

with

scored as (
    select
        {{ column_name }} as score,
        {{ value_column }} as raw_value
    from {{ model }}
    where {{ column_name }} is not null and {{ value_column }} is not null
),

score_ranges as (
    select
        score,
        min(raw_value) as lowest_value,
        max(raw_value) as highest_value
    from scored
    group by score
),

neighbours as (
    select
        score,
        lowest_value,
        highest_value,
        lead(score) over (order by score asc nulls last) as next_score,
        lead(lowest_value) over (order by score asc nulls last) as next_lowest_value,
        lead(highest_value) over (order by score asc nulls last) as next_highest_value
    from score_ranges
)

select *
from neighbours
where
    next_score is not null
    {%- if higher_is_better %}
    and next_lowest_value <= highest_value
    {%- else %}
    and next_highest_value >= lowest_value
    {%- endif %}

{% endtest %}
