-- The retention triangle is complete: every cohort of every view has one row
-- for each month from its cohort month to the analysis date's month (months
-- 0 to n without gaps, zeros included), and every view holds the same cohorts.
with

retention as (
    select * from {{ ref('rpt_retention_cohorts') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

cohort_rows as (
    select
        retention.cohort_month,
        retention.split_by,
        retention.split_value,
        count(*) as row_count,
        min(retention.months_since_acquisition) as first_month,
        max(retention.months_since_acquisition) as last_month,
        max(
            {{ dbt.datediff(
                'retention.cohort_month',
                'cast(' ~ dbt.date_trunc('month', 'analysis_dates.as_of_date') ~ ' as date)',
                'month'
            ) }}
        ) as expected_last_month
    from retention
    cross join analysis_dates
    group by retention.cohort_month, retention.split_by, retention.split_value
),

incomplete_cohorts as (
    select
        cohort_month,
        split_by,
        split_value,
        'rows missing or out of range' as problem
    from cohort_rows
    where
        first_month <> 0
        or last_month <> expected_last_month
        or row_count <> expected_last_month + 1
),

view_cohorts as (
    select distinct
        split_by,
        cohort_month
    from retention
),

cohort_views as (
    select
        cohort_month,
        count(*) as view_count
    from view_cohorts
    group by cohort_month
),

view_count as (
    select count(distinct split_by) as view_count
    from view_cohorts
),

cohorts_missing_a_view as (
    select
        cohort_views.cohort_month,
        cast(null as {{ dbt.type_string() }}) as split_by,
        cast(null as {{ dbt.type_string() }}) as split_value,
        'cohort missing from a view' as problem
    from cohort_views
    cross join view_count
    where cohort_views.view_count <> view_count.view_count
)

select * from incomplete_cohorts
union all
select * from cohorts_missing_a_view
