-- Which signup channel's cohorts retain best? Retention and spend per
-- acquired member 1, 3, 6 and 12 months after the first purchase, by signup
-- channel, pooled over every cohort that has lived through that month in
-- full (members weighted equally, not cohorts). Compile with `dbt compile`
-- and run the SQL in target/compiled/, or paste it into a BI tool.
with

retention as (
    select * from {{ ref('rpt_retention_cohorts') }}
),

milestones as (
    select
        split_value as signup_channel,
        months_since_acquisition,
        count(*) as cohort_count,
        sum(cohort_size) as member_count,
        sum(active_member_count) as active_member_count,
        sum(cumulative_revenue) as cumulative_revenue
    from retention
    where
        split_by = 'signup_channel'
        and is_complete_month
        and months_since_acquisition in (1, 3, 6, 12)
    group by split_value, months_since_acquisition
),

final as (
    select
        signup_channel,
        months_since_acquisition,
        cohort_count,
        member_count,
        {{ safe_divide('active_member_count', 'member_count') }} as retention_rate,
        {{ safe_divide('cumulative_revenue', 'member_count') }} as cumulative_revenue_per_member,
        rank() over (
            partition by months_since_acquisition
            order by {{ safe_divide('active_member_count', 'member_count') }} desc
        ) as retention_rank
    from milestones
)

select * from final
order by months_since_acquisition asc, retention_rank asc
