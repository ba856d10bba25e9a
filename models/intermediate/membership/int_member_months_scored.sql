{#-
    The composite value score of every member at every month end (and on the
    analysis date for the month in progress), from that month's trailing
    12 months only. Signals are summed over the member-month aggregates with
    window frames of whole months, so the cost grows with members x months,
    not with months x orders.
-#}

{%- set signals = value_score_signals() %}
{#- Money signals have nearly as many values as rows: their percentile is a
    window over the rows. The other signals are whole-number counts with few
    values: their percentile is computed over their distribution per month
    (one row per value), which is far cheaper, and joined back. -#}
{%- set money_signals = ['net_revenue_t12m', 'average_order_value_t12m'] %}
{%- set count_signals = signals | reject('in', money_signals) | list %}
{%- set max_months = 1200 %}
{%- set percentile_columns = [] %}
{%- set weight_columns = [] %}
{%- for signal in signals %}
    {%- do percentile_columns.append('normalised.' ~ signal ~ '_percentile') %}
    {%- do weight_columns.append('weights.' ~ signal ~ '_weight') %}
{%- endfor %}

with

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

members as (
    select * from {{ ref('int_members_tenure_computed') }}
),

member_months as (
    select * from {{ ref('int_member_months_aggregated') }}
),

weights as (
    select * from {{ ref('int_value_score_weights_pivoted') }}
),

first_activity_months as (
    select
        member_id,
        min(month_index) as first_activity_month_index
    from member_months
    group by member_id
),

-- Activity dated before a member's signup (it should not happen) still counts
-- in the windows that cover it, so a member's months start at the earlier of
-- the two; rows are kept from the signup month on.
member_spans as (
    select
        members.member_id,
        members.signup_date,
        {{ month_index('members.signup_date') }} as signup_month_index,
        least(
            {{ month_index('members.signup_date') }},
            coalesce(first_activity_months.first_activity_month_index, {{ month_index('members.signup_date') }})
        ) as first_month_index
    from members
    left join first_activity_months
        on members.member_id = first_activity_months.member_id
),

month_bounds as (
    select
        min(member_spans.first_month_index) as first_month_index,
        {{ month_index('analysis_dates.as_of_date') }} as as_of_month_index,
        analysis_dates.as_of_date
    from member_spans
    cross join analysis_dates
    group by analysis_dates.as_of_date
),

checked_month_bounds as (
    select *
    from month_bounds
    where {{ raise_error_if(
        "case when as_of_month_index - first_month_index >= " ~ max_months ~ " then "
        ~ dbt.concat([
            "'int_member_months_scored: the data spans '",
            "cast(as_of_month_index - first_month_index + 1 as " ~ dbt.type_string() ~ ")",
            "' months up to the analysis date; at most " ~ max_months ~ " months are supported.'",
        ]) ~ " end"
    ) }}
),

calendar as (
    select
        cast(checked_month_bounds.first_month_index + month_series.generated_number - 1 as bigint) as month_index,
        checked_month_bounds.as_of_date
    from ({{ dbt.generate_series(max_months) }}) as month_series
    cross join checked_month_bounds
    where
        checked_month_bounds.first_month_index + month_series.generated_number - 1
        <= checked_month_bounds.as_of_month_index
),

calendar_dates as (
    select
        month_index,
        {{ month_start_date('month_index') }} as month_start_date,
        as_of_date
    from calendar
),

months as (
    select
        month_index,
        month_start_date,
        least({{ dbt.last_day('month_start_date', 'month') }}, as_of_date) as evaluation_date,
        {{ dbt.last_day('month_start_date', 'month') }} <= as_of_date as is_month_complete
    from calendar_dates
),

member_month_grid as (
    select
        member_spans.member_id,
        member_spans.signup_month_index,
        months.month_index,
        {{ dbt.datediff('member_spans.signup_date', 'months.evaluation_date', 'day') | trim }} as tenure_days
    from member_spans
    inner join months
        on member_spans.first_month_index <= months.month_index
),

-- Trailing 12 months: the evaluation month and the 11 before it. The grid
-- has a row for every month from the member's first on, so 11 rows back is
-- 11 months back.
windowed as (
    select
        member_month_grid.member_id,
        member_month_grid.signup_month_index,
        member_month_grid.month_index,
        member_month_grid.tenure_days,
        sum(coalesce(member_months.net_revenue, 0)) over (
            partition by member_month_grid.member_id order by member_month_grid.month_index asc
            rows between 11 preceding and current row
        ) as net_revenue_t12m,
        sum(coalesce(member_months.order_count, 0)) over (
            partition by member_month_grid.member_id order by member_month_grid.month_index asc
            rows between 11 preceding and current row
        ) as order_count_t12m,
        sum(coalesce(member_months.purchase_day_count, 0)) over (
            partition by member_month_grid.member_id order by member_month_grid.month_index asc
            rows between 11 preceding and current row
        ) as purchase_day_count_t12m,
        sum(coalesce(member_months.review_count, 0)) over (
            partition by member_month_grid.member_id order by member_month_grid.month_index asc
            rows between 11 preceding and current row
        ) as review_count_t12m,
        sum(coalesce(member_months.campaign_response_count, 0)) over (
            partition by member_month_grid.member_id order by member_month_grid.month_index asc
            rows between 11 preceding and current row
        ) as campaign_response_count_t12m,
        sum(coalesce(member_months.referral_count, 0)) over (
            partition by member_month_grid.member_id order by member_month_grid.month_index asc
            rows between unbounded preceding and current row
        ) as referral_count,
        -- The latest official tier change so far: month x 100 + rank, so that
        -- the running maximum is the latest month's change (ranks are 1-9).
        max(member_months.official_tier_rank + 100 * member_month_grid.month_index) over (
            partition by member_month_grid.member_id order by member_month_grid.month_index asc
            rows between unbounded preceding and current row
        ) as latest_official_tier_key
    from member_month_grid
    left join member_months
        on
            member_month_grid.member_id = member_months.member_id
            and member_month_grid.month_index = member_months.month_index
),

signal_values as (
    select
        member_id,
        month_index,
        net_revenue_t12m,
        order_count_t12m,
        purchase_day_count_t12m,
        coalesce(
            {{ round_portably(safe_divide('net_revenue_t12m', 'order_count_t12m'), 2) }}, 0
        ) as average_order_value_t12m,
        review_count_t12m,
        campaign_response_count_t12m,
        referral_count,
        tenure_days,
        latest_official_tier_key % 100 as official_tier_rank
    from windowed
    where month_index >= signup_month_index
),
{% for signal in count_signals %}
{{ signal }}_distribution as (
    select
        month_index,
        {{ signal }} as signal_value,
        count(*) as row_count
    from signal_values
    group by month_index, {{ signal }}
),

{{ signal }}_percentiles as (
    select
        month_index,
        signal_value,
        {{ signal_percentile('signal_value', partition_by='month_index', row_count='row_count') }} as percentile
    from {{ signal }}_distribution
),
{% endfor %}
normalised as (
    select
        signal_values.*,
        {%- for signal in money_signals %}
        {{ signal_percentile('signal_values.' ~ signal, partition_by='signal_values.month_index') }}
            as {{ signal }}_percentile,
        {%- endfor %}
        {%- for signal in count_signals %}
        {{ signal }}_percentiles.percentile as {{ signal }}_percentile,
        {%- endfor %}
        months.is_month_complete,
        months.month_start_date,
        months.evaluation_date
    from signal_values
    inner join months
        on signal_values.month_index = months.month_index
    {%- for signal in count_signals %}
    inner join {{ signal }}_percentiles
        on
            signal_values.month_index = {{ signal }}_percentiles.month_index
            and signal_values.{{ signal }} = {{ signal }}_percentiles.signal_value
    {%- endfor %}
),

final as (
    select
        normalised.member_id,
        normalised.month_index,
        cast(normalised.net_revenue_t12m as {{ amount_type() }}) as net_revenue_t12m,
        cast(normalised.order_count_t12m as bigint) as order_count_t12m,
        cast(normalised.purchase_day_count_t12m as bigint) as purchase_day_count_t12m,
        cast(normalised.average_order_value_t12m as {{ amount_type() }}) as average_order_value_t12m,
        cast(normalised.review_count_t12m as bigint) as review_count_t12m,
        cast(normalised.campaign_response_count_t12m as bigint) as campaign_response_count_t12m,
        cast(normalised.referral_count as bigint) as referral_count,
        cast(normalised.tenure_days as bigint) as tenure_days,
        {%- for signal in signals %}
        cast(normalised.{{ signal }}_percentile as double) as {{ signal }}_percentile,
        {%- endfor %}
        cast({{ weighted_score(percentile_columns, weight_columns) }} as double) as value_score,
        cast(normalised.official_tier_rank as bigint) as official_tier_rank,
        normalised.is_month_complete,
        normalised.month_start_date,
        normalised.evaluation_date
    from normalised
    cross join weights
)

select * from final
