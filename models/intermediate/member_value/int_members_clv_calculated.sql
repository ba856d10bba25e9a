with

revenue_entries as (
    select * from {{ ref('int_revenue_entries_unioned') }}
),

order_costs as (
    select * from {{ ref('int_orders_cost_of_goods_summed') }}
),

churn as (
    select * from {{ ref('int_churn_rate_estimated') }}
),

member_tenures as (
    select * from {{ ref('int_members_tenure_computed') }}
),

costed_entries as (
    -- A purchase costs its goods; the first refund of a returned order gives that cost back.
    select
        revenue_entries.*,
        case
            when revenue_entries.is_purchase then coalesce(order_costs.cost_of_goods_amount, 0)
            when revenue_entries.returns_goods then -coalesce(order_costs.cost_of_goods_amount, 0)
            else 0
        end as cost_of_goods_amount
    from revenue_entries
    left join order_costs
        on revenue_entries.order_id = order_costs.order_id
),

member_history as (
    select
        member_id,
        count(case when is_purchase then revenue_entry_id end) as order_count,
        sum(case when is_purchase then revenue_amount else 0 end) as gross_revenue,
        sum(case when is_purchase then 0 else -revenue_amount end) as refund_amount,
        sum(revenue_amount) as net_revenue,
        sum(cost_of_goods_amount) as cost_of_goods,
        min(case when is_purchase then entry_date end) as first_order_date,
        max(case when is_purchase then entry_date end) as last_order_date
    from costed_entries
    group by member_id
),

history_as_of as (
    select
        member_tenures.member_id,
        coalesce(member_history.order_count, 0) as order_count,
        coalesce(member_history.gross_revenue, 0) as gross_revenue,
        coalesce(member_history.refund_amount, 0) as refund_amount,
        coalesce(member_history.net_revenue, 0) as net_revenue,
        coalesce(member_history.cost_of_goods, 0) as cost_of_goods,
        coalesce(member_history.net_revenue, 0) - coalesce(member_history.cost_of_goods, 0) as gross_margin,
        member_tenures.tenure_days,
        member_history.first_order_date,
        member_history.last_order_date,
        member_tenures.signup_date,
        member_tenures.as_of_date
    from member_tenures
    left join member_history
        on member_tenures.member_id = member_history.member_id
),

averages as (
    select
        history_as_of.*,
        cast(
            {{ round_portably(
                'coalesce(' ~ safe_divide('history_as_of.net_revenue', 'history_as_of.order_count') ~ ', 0)', 2
            ) }} as {{ amount_type() }}
        ) as average_order_value,
        cast(
            {{ round_portably(
                'coalesce(' ~ safe_divide('history_as_of.gross_margin', 'history_as_of.order_count') ~ ', 0)', 2
            ) }} as {{ amount_type() }}
        ) as average_order_margin,
        cast(
            {{ round_portably(purchase_frequency_per_year(
                'history_as_of.order_count', 'history_as_of.tenure_days', positive_integer_var('clv_min_tenure_days')
            ), 6) }} as decimal(18, 6)
        ) as purchase_frequency_per_year,
        churn.churn_rate,
        churn.expected_lifespan_years
    from history_as_of
    cross join churn
),

final as (
    select
        member_id,
        order_count,
        cast(gross_revenue as {{ amount_type() }}) as gross_revenue,
        cast(refund_amount as {{ amount_type() }}) as refund_amount,
        cast(net_revenue as {{ amount_type() }}) as net_revenue,
        cast(cost_of_goods as {{ amount_type() }}) as cost_of_goods,
        cast(gross_margin as {{ amount_type() }}) as gross_margin,
        average_order_value,
        average_order_margin,
        tenure_days,
        purchase_frequency_per_year,
        churn_rate,
        expected_lifespan_years,
        cast(
            {{ round_portably(
                formula_clv('average_order_value', 'purchase_frequency_per_year', 'expected_lifespan_years'), 2
            ) }} as {{ amount_type() }}
        ) as formula_clv,
        cast(
            {{ round_portably(
                formula_clv('average_order_margin', 'purchase_frequency_per_year', 'expected_lifespan_years'), 2
            ) }} as {{ amount_type() }}
        ) as formula_clv_margin,
        order_count > 0 as has_ordered,
        first_order_date,
        last_order_date,
        signup_date,
        as_of_date
    from averages
)

select * from final
