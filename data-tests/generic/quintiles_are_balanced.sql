{#-
    Each score band holds its share of the rows (1 / buckets), within the
    tolerance that ties force: for every boundary k, the rows scored 1..k
    are at least k / buckets of all rows, and they exceed that share by less
    than the group of rows tied on the best raw value scored at most k (a
    tied group cannot be split, so it moves below the boundary as a whole).
    `column_name` is the score, `value_column` the raw value it was computed
    from; set higher_is_better to false when a smaller raw value is better.
    Scope the population with the test's `where` config. Fails with every
    boundary that is off by more than its tied group.
-#}
{% test quintiles_are_balanced(model, column_name, value_column, higher_is_better=true, buckets=5) %}

with

scored as (
    select
        {{ column_name }} as score,
        {{ value_column }} as raw_value
    from {{ model }}
),

population as (
    select count(*) as row_count
    from scored
),

boundaries as (
    {% for boundary in range(1, buckets | int) -%}
        select {{ boundary }} as boundary
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

at_or_below as (
    select
        boundaries.boundary,
        count(scored.score) as at_or_below_count,
        {{ 'max' if higher_is_better else 'min' }}(scored.raw_value) as best_value_at_or_below
    from boundaries
    left join scored
        on scored.score <= boundaries.boundary
    group by boundaries.boundary
),

boundary_ties as (
    select
        at_or_below.boundary,
        count(scored.score) as tied_count
    from at_or_below
    left join scored
        on
            scored.score <= at_or_below.boundary
            and scored.raw_value = at_or_below.best_value_at_or_below
    group by at_or_below.boundary
),

checked as (
    select
        at_or_below.boundary,
        population.row_count,
        at_or_below.at_or_below_count,
        boundary_ties.tied_count,
        at_or_below.best_value_at_or_below
    from at_or_below
    inner join boundary_ties
        on at_or_below.boundary = boundary_ties.boundary
    cross join population
)

select *
from checked
where
    row_count > 0
    and (
        {{ buckets }} * at_or_below_count < boundary * row_count
        or {{ buckets }} * (at_or_below_count - tied_count) >= boundary * row_count
    )

{% endtest %}
