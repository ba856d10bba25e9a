{%- set rfm_window_days = positive_integer_var('rfm_window_days') %}
{%- set churn_window_days = positive_integer_var('churn_window_days') %}
{%- set engagement_window_days = positive_integer_var('engagement_window_days') %}

with

orders as (
    select * from {{ ref('stg_shop__orders') }}
),

latest_order as (
    select max(ordered_date) as latest_order_date
    from orders
),

resolved as (
    select
        latest_order_date,
        {{ as_of_date('latest_order_date') }} as as_of_date
    from latest_order
),

final as (
    select
        {{ rfm_window_days }} as rfm_window_days,
        {{ churn_window_days }} as churn_window_days,
        {{ engagement_window_days }} as engagement_window_days,
        as_of_date,
        latest_order_date,
        {{ window_start_date('as_of_date', rfm_window_days) }} as rfm_window_start_date,
        {{ window_start_date('as_of_date', churn_window_days) }} as churn_window_start_date,
        {{ window_start_date('as_of_date', 2 * (churn_window_days | int)) }} as churn_base_start_date,
        {{ window_start_date('as_of_date', (churn_window_days | int) + 1) }} as churn_base_end_date,
        {{ window_start_date('as_of_date', engagement_window_days) }} as engagement_window_start_date
    from resolved
)

select * from final
