{#- The views of the activation table: (split_by, the expression whose value splits the months). -#}
{%- set splits = [
    ('all', "'all'"),
    ('signup_channel', "coalesce(signup_channel, 'unknown')"),
] %}

with

cohort_members as (
    select * from {{ ref('int_members_cohorts_assigned') }}
),

split_members as (
    {% for split_by, split_value in splits -%}
        select
            signup_month,
            {{ dbt.string_literal(split_by) }} as split_by,
            {{ split_value }} as split_value,
            member_id,
            has_purchased,
            days_to_first_purchase,
            as_of_date
        from cohort_members
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

activation as (
    select
        signup_month,
        split_by,
        split_value,
        count(*) as member_count,
        count(case when has_purchased then 1 end) as activated_member_count,
        percentile_cont(0.5) within group (order by days_to_first_purchase) as median_days_to_first_purchase,
        max(as_of_date) as as_of_date
    from split_members
    group by signup_month, split_by, split_value
),

final as (
    select
        cast(split_by as {{ dbt.type_string() }}) as split_by,
        cast(split_value as {{ dbt.type_string() }}) as split_value,
        cast(member_count as bigint) as member_count,
        cast(activated_member_count as bigint) as activated_member_count,
        cast({{ safe_divide('activated_member_count', 'member_count') }} as double) as activation_rate,
        cast(median_days_to_first_purchase as double) as median_days_to_first_purchase,
        cast(signup_month as date) as signup_month,
        cast(as_of_date as date) as as_of_date
    from activation
)

select * from final
