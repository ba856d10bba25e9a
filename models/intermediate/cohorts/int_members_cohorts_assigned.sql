with

members as (
    select * from {{ ref('stg_shop__members') }}
),

member_history as (
    select * from {{ ref('int_members_clv_calculated') }}
),

final as (
    select
        member_history.member_id,
        members.signup_channel,
        {{ dbt.datediff('member_history.signup_date', 'member_history.first_order_date', 'day') | trim }}
            as days_to_first_purchase,
        member_history.has_ordered as has_purchased,
        cast({{ dbt.date_trunc('month', 'member_history.signup_date') }} as date) as signup_month,
        cast({{ dbt.date_trunc('month', 'member_history.first_order_date') }} as date) as cohort_month,
        member_history.signup_date,
        member_history.first_order_date as first_purchase_date,
        member_history.as_of_date
    from member_history
    inner join members
        on member_history.member_id = members.member_id
)

select * from final
