-- Every member who had joined by the analysis date has exactly one row in
-- dim_members, with exactly one value segment, and no one else has a row.
with

members as (
    select * from {{ ref('stg_shop__members') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

dimension as (
    select * from {{ ref('dim_members') }}
),

members_as_of as (
    select members.member_id
    from members
    cross join analysis_dates
    where members.signup_date <= analysis_dates.as_of_date
),

segment_counts as (
    select
        member_id,
        count(*) as row_count,
        count(value_segment) as segment_count
    from dimension
    group by member_id
)

select
    coalesce(members_as_of.member_id, segment_counts.member_id) as member_id,
    members_as_of.member_id is not null as is_member_as_of,
    coalesce(segment_counts.row_count, 0) as row_count,
    coalesce(segment_counts.segment_count, 0) as segment_count
from members_as_of
full outer join segment_counts
    on members_as_of.member_id = segment_counts.member_id
where
    members_as_of.member_id is null
    or segment_counts.member_id is null
    or segment_counts.row_count <> 1
    or segment_counts.segment_count <> 1
