-- Where does the funnel leak most, by platform? For each platform, the
-- sessions at each step over the last 90 days up to the analysis date, the
-- share lost at each step, and the step that loses the most sessions.
-- Compile with `dbt compile` and run the SQL in target/compiled/.
{%- set steps = ['page_view', 'product_view', 'add_to_cart', 'begin_checkout', 'purchase'] %}

with

funnel as (
    select * from {{ ref('rpt_conversion_funnel') }}
),

analysis_dates as (
    select * from {{ ref('int_analysis_dates_resolved') }}
),

platform_steps as (
    select
        funnel.platform,
        sum(funnel.page_view_session_count) as page_view_session_count,
        sum(funnel.product_view_session_count) as product_view_session_count,
        sum(funnel.add_to_cart_session_count) as add_to_cart_session_count,
        sum(funnel.begin_checkout_session_count) as begin_checkout_session_count,
        sum(funnel.purchase_session_count) as purchase_session_count
    from funnel
    cross join analysis_dates
    where funnel.session_date > {{ dbt.dateadd('day', -90, 'analysis_dates.as_of_date') }}
    group by funnel.platform
),

step_losses as (
    {% for step in steps[:-1] -%}
        select
            platform,
            {{ loop.index }} as step_number,
            '{{ step }} -> {{ steps[loop.index] }}' as transition,
            {{ step }}_session_count as sessions_in,
            {{ steps[loop.index] }}_session_count as sessions_out,
            {{ safe_divide(
                step ~ '_session_count - ' ~ steps[loop.index] ~ '_session_count', step ~ '_session_count'
            ) }} as drop_off_rate
        from platform_steps
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        step_losses.*,
        rank() over (
            partition by step_losses.platform
            order by step_losses.sessions_in - step_losses.sessions_out desc
        ) = 1 as is_biggest_loss
    from step_losses
)

select * from final
order by platform asc, step_number asc
