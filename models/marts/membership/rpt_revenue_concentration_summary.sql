{%- set top_percent = positive_integer_var('revenue_concentration_top_percent', 'percent') | int %}
{%- if top_percent > 99 %}
    {{ exceptions.raise_compiler_error(
        "var('revenue_concentration_top_percent') is '" ~ top_percent ~ "'; expected a whole number of percent from 1 to 99."
    ) }}
{%- endif %}

with

curve as (
    select * from {{ ref('rpt_revenue_concentration') }}
),

totals as (
    select
        max(cumulative_member_count) as member_count,
        sum(net_revenue) as net_revenue
    from curve
),

top_members as (
    select
        cumulative_member_count as top_member_count,
        cumulative_net_revenue as top_net_revenue,
        cumulative_net_revenue_share as top_net_revenue_share,
        as_of_date
    from curve
    where member_percentile = {{ top_percent }}
),

final as (
    select
        cast(
            {{ dbt.concat([
                "'Top " ~ top_percent ~ "% of members bring '",
                "cast(cast(" ~ round_portably('100 * top_members.top_net_revenue_share', 1) ~ " as decimal(8, 1)) as "
                ~ dbt.type_string() ~ ")",
                "'% of net revenue (trailing 12 months)'",
            ]) }} as {{ dbt.type_string() }}
        ) as headline,
        cast({{ top_percent }} as bigint) as top_member_percent,
        cast(top_members.top_member_count as bigint) as top_member_count,
        cast(totals.member_count as bigint) as member_count,
        cast(top_members.top_net_revenue as decimal(18, 2)) as top_net_revenue,
        cast(totals.net_revenue as decimal(18, 2)) as net_revenue,
        cast(top_members.top_net_revenue_share as double) as top_net_revenue_share,
        top_members.as_of_date
    from top_members
    cross join totals
)

select * from final
