{#- A view: rpt_campaign_experiments reads it once (the tests read it to recompute the report). -#}
{{ config(materialized='view') }}

{%- set response_days = positive_integer_var('campaign_response_days') | int %}

{#-
    One row per campaign and exposed member (the member's first exposure to
    the campaign, on or before the analysis date): the member's arm, and the
    non-cancelled orders the member placed in the response window, from the
    moment of the exposure up to (not including) campaign_response_days x 24
    hours after it, with their value net of the refunds recorded by the
    analysis date.
-#}

with

campaign_exposures as (
    select * from {{ ref('stg_shop__campaign_exposures') }}
),

orders as (
    select * from {{ ref('stg_shop__orders') }}
),

refunds as (
    select * from {{ ref('stg_shop__refunds') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

first_exposures as (
    select
        campaign_exposures.exposure_id,
        campaign_exposures.campaign_id,
        campaign_exposures.member_id,
        campaign_exposures.variant,
        campaign_exposures.is_treatment,
        campaign_exposures.exposed_date,
        campaign_exposures.exposed_at,
        analysis_dates.as_of_date,
        row_number() over (
            partition by campaign_exposures.campaign_id, campaign_exposures.member_id
            order by campaign_exposures.exposed_at asc, campaign_exposures.exposure_id asc
        ) as exposure_sequence
    from campaign_exposures
    cross join analysis_dates
    where campaign_exposures.exposed_date <= analysis_dates.as_of_date
),

order_refunds as (
    select
        refunds.order_id,
        sum(refunds.refund_amount) as refund_amount
    from refunds
    cross join analysis_dates
    where refunds.refunded_date <= analysis_dates.as_of_date
    group by refunds.order_id
),

order_values as (
    select
        orders.order_id,
        orders.member_id,
        orders.order_total - coalesce(order_refunds.refund_amount, 0) as net_amount,
        orders.ordered_date,
        orders.ordered_at
    from orders
    cross join analysis_dates
    left join order_refunds
        on orders.order_id = order_refunds.order_id
    where
        not orders.is_cancelled
        and orders.ordered_date <= analysis_dates.as_of_date
),

responses as (
    select
        first_exposures.exposure_id,
        count(*) as response_order_count,
        sum(order_values.net_amount) as response_net_revenue
    from first_exposures
    inner join order_values
        on
            first_exposures.member_id = order_values.member_id
            and first_exposures.exposed_date <= order_values.ordered_date
            and {{ dbt.datediff('first_exposures.exposed_date', 'order_values.ordered_date', 'day') | trim }}
            <= {{ response_days }}
            and first_exposures.exposed_at <= order_values.ordered_at
            and {{ dbt.datediff('first_exposures.exposed_at', 'order_values.ordered_at', 'second') | trim }}
            < {{ response_days * 86400 }}
    where first_exposures.exposure_sequence = 1
    group by first_exposures.exposure_id
),

final as (
    select
        first_exposures.exposure_id,
        first_exposures.campaign_id,
        first_exposures.member_id,
        first_exposures.variant,
        cast(coalesce(responses.response_order_count, 0) as bigint) as response_order_count,
        cast(coalesce(responses.response_net_revenue, 0) as decimal(18, 2)) as response_net_revenue,
        first_exposures.is_treatment,
        responses.exposure_id is not null as has_converted,
        -- The window ends on exposed_date + response days at the latest.
        {{ dbt.datediff('first_exposures.exposed_date', 'first_exposures.as_of_date', 'day') | trim }}
        >= {{ response_days }} as is_response_window_complete,
        first_exposures.exposed_date,
        first_exposures.exposed_at
    from first_exposures
    left join responses
        on first_exposures.exposure_id = responses.exposure_id
    where first_exposures.exposure_sequence = 1
)

select * from final
