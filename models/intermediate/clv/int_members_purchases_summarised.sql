with

revenue_entries as (
    select * from {{ ref('int_revenue_entries_unioned') }}
),

calibrations as (
    select * from {{ ref('int_clv_calibrations_resolved') }}
),

-- Each order's value as known on the calibration date: its total less the
-- refunds of it made by then.
orders_as_of_calibration as (
    select
        calibrations.calibration,
        revenue_entries.member_id,
        revenue_entries.order_id,
        max(case when revenue_entries.is_purchase then revenue_entries.entry_date end) as ordered_date,
        sum(revenue_entries.revenue_amount) as net_order_amount
    from revenue_entries
    inner join calibrations
        on revenue_entries.entry_date <= calibrations.calibration_date
    group by calibrations.calibration, revenue_entries.member_id, revenue_entries.order_id
),

-- Several orders on one day are one purchase (as in the literature's CDNOW data).
purchase_days as (
    select
        calibration,
        member_id,
        ordered_date as purchase_date,
        sum(net_order_amount) as purchase_amount
    from orders_as_of_calibration
    where ordered_date is not null
    group by calibration, member_id, ordered_date
),

member_purchases as (
    select
        calibration,
        member_id,
        count(*) as purchase_day_count,
        sum(purchase_amount) as purchase_amount,
        min(purchase_date) as first_purchase_date,
        max(purchase_date) as last_purchase_date
    from purchase_days
    group by calibration, member_id
),

first_purchases as (
    select
        member_purchases.calibration,
        member_purchases.member_id,
        purchase_days.purchase_amount as first_purchase_amount
    from member_purchases
    inner join purchase_days
        on
            member_purchases.calibration = purchase_days.calibration
            and member_purchases.member_id = purchase_days.member_id
            and member_purchases.first_purchase_date = purchase_days.purchase_date
),

final as (
    select
        member_purchases.calibration,
        member_purchases.member_id,
        member_purchases.purchase_day_count,
        member_purchases.purchase_day_count - 1 as repeat_purchase_count,
        {{ dbt.datediff('member_purchases.first_purchase_date', 'member_purchases.last_purchase_date', 'day') | trim }}
            as first_to_last_purchase_days,
        {{ dbt.datediff('member_purchases.first_purchase_date', 'calibrations.calibration_date', 'day') | trim }}
            as first_purchase_to_calibration_days,
        cast(member_purchases.purchase_amount as {{ amount_type() }}) as purchase_amount,
        cast(member_purchases.purchase_amount - first_purchases.first_purchase_amount as {{ amount_type() }})
            as repeat_purchase_amount,
        member_purchases.first_purchase_date,
        member_purchases.last_purchase_date,
        calibrations.calibration_date
    from member_purchases
    inner join first_purchases
        on
            member_purchases.calibration = first_purchases.calibration
            and member_purchases.member_id = first_purchases.member_id
    inner join calibrations
        on member_purchases.calibration = calibrations.calibration
)

select * from final
