with

revenue_entries as (
    select * from {{ ref('int_revenue_entries_unioned') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

members_as_of as (
    select * from {{ ref('int_members_tenure_computed') }}
),

member_purchases as (
    select
        revenue_entries.member_id,
        count(distinct case
            when revenue_entries.is_purchase
                and revenue_entries.entry_date >= analysis_dates.rfm_window_start_date
                then revenue_entries.entry_date
        end) as purchase_day_count,
        count(case
            when revenue_entries.is_purchase
                and revenue_entries.entry_date >= analysis_dates.rfm_window_start_date
                then revenue_entries.revenue_entry_id
        end) as order_count_in_window,
        sum(case
            when revenue_entries.entry_date >= analysis_dates.rfm_window_start_date
                then revenue_entries.revenue_amount
            else 0
        end) as net_revenue_in_window,
        max(case when revenue_entries.is_purchase then revenue_entries.entry_date end) as last_purchase_date
    from revenue_entries
    cross join analysis_dates
    group by revenue_entries.member_id
),

members_joined as (
    select
        members_as_of.member_id,
        member_purchases.purchase_day_count,
        member_purchases.order_count_in_window,
        member_purchases.net_revenue_in_window,
        member_purchases.last_purchase_date,
        members_as_of.as_of_date
    from members_as_of
    left join member_purchases
        on members_as_of.member_id = member_purchases.member_id
),

rfm_values as (
    select
        member_id,
        {{ recency_days('last_purchase_date', 'as_of_date') }} as recency_days,
        coalesce(purchase_day_count, 0) as purchase_day_count,
        coalesce(order_count_in_window, 0) as order_count_in_window,
        cast(coalesce(net_revenue_in_window, 0) as {{ amount_type() }}) as net_revenue_in_window,
        coalesce(purchase_day_count, 0) > 0 as has_purchase_in_window,
        last_purchase_date,
        as_of_date
    from members_joined
),

scored as (
    select
        member_id,
        {{ quintile_score('recency_days', higher_is_better=false) }} as recency_score,
        {{ quintile_score('purchase_day_count') }} as frequency_score,
        {{ quintile_score('net_revenue_in_window') }} as monetary_score
    from rfm_values
    where has_purchase_in_window
),

final as (
    select
        rfm_values.member_id,
        rfm_values.recency_days,
        rfm_values.purchase_day_count,
        rfm_values.order_count_in_window,
        rfm_values.net_revenue_in_window,
        coalesce(scored.recency_score, 1) as recency_score,
        coalesce(scored.frequency_score, 1) as frequency_score,
        coalesce(scored.monetary_score, 1) as monetary_score,
        rfm_values.has_purchase_in_window,
        rfm_values.last_purchase_date,
        rfm_values.as_of_date
    from rfm_values
    left join scored
        on rfm_values.member_id = scored.member_id
)

select * from final
