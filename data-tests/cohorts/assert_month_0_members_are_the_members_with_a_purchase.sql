-- In every view of the retention triangle, the month-0 members summed over
-- all cohorts are the members (who joined by the analysis date) with a
-- non-cancelled order on or before it: each buyer is in exactly one cohort.
with

retention as (
    select * from {{ ref('rpt_retention_cohorts') }}
),

revenue_entries as (
    select * from {{ ref('int_revenue_entries_unioned') }}
),

members as (
    select * from {{ ref('int_members_tenure_computed') }}
),

buyers as (
    select count(distinct revenue_entries.member_id) as member_count
    from revenue_entries
    inner join members
        on revenue_entries.member_id = members.member_id
    where revenue_entries.is_purchase
),

-- Every view, and `all` even when the triangle is empty.
views as (
    select split_by from retention
    union
    select 'all' as split_by
),

month_0_members as (
    select
        views.split_by,
        coalesce(sum(retention.active_member_count), 0) as member_count
    from views
    left join retention
        on
            views.split_by = retention.split_by
            and retention.months_since_acquisition = 0
    group by views.split_by
)

select
    month_0_members.split_by,
    month_0_members.member_count as month_0_members,
    buyers.member_count as members_with_a_purchase
from month_0_members
cross join buyers
where month_0_members.member_count <> buyers.member_count
