{#-
    Every member who had joined by the analysis date has exactly one row of
    the model, with a value in the column, and no one else has a row. Fails
    with every member that breaks this, and how many rows and values they
    have.
-#}
{% test one_row_per_member_as_of(model, column_name) %}

with

members as (
    select * from {{ ref('stg_shop__members') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

members_as_of as (
    select members.member_id
    from members
    cross join analysis_dates
    where members.signup_date <= analysis_dates.as_of_date
),

value_counts as (
    select
        member_id,
        count(*) as row_count,
        count({{ column_name }}) as value_count
    from {{ model }}
    group by member_id
)

select
    coalesce(members_as_of.member_id, value_counts.member_id) as member_id,
    members_as_of.member_id is not null as is_member_as_of,
    coalesce(value_counts.row_count, 0) as row_count,
    coalesce(value_counts.value_count, 0) as value_count
from members_as_of
full outer join value_counts
    on members_as_of.member_id = value_counts.member_id
where
    members_as_of.member_id is null
    or value_counts.member_id is null
    or value_counts.row_count <> 1
    or value_counts.value_count <> 1

{% endtest %}
