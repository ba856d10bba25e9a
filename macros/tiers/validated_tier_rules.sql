{#-
    The query of a validated tier-rules model: the rules of the seed, typed,
    with their next tier's thresholds, and is_entry_tier for the lowest rank.
    Stops the query with the first problem tier_rule_problems finds (a
    sentence naming the seed and the row), so that bad rules fail the build
    instead of tiering members wrongly.
-#}
{% macro validated_tier_rules(rules_relation, seed_name) %}
    with

    rules as (
        select * from {{ rules_relation }}
    ),

    rule_problems as (
        {{ tier_rule_problems(rules_relation, seed_name) }}
    ),

    first_problem as (
        select min(problem) as problem
        from rule_problems
    ),

    checked as (
        select rules.*
        from rules
        cross join first_problem
        where {{ raise_error_if('first_problem.problem') }}
    ),

    sequenced as (
        select
            tier,
            tier_rank,
            min_value_score,
            min_trailing_12m_spend,
            min_trailing_12m_orders,
            points_multiplier,
            benefits,
            tier_rank = min(tier_rank) over () as is_entry_tier,
            lead(tier) over (order by tier_rank asc) as next_tier,
            lead(tier_rank) over (order by tier_rank asc) as next_tier_rank,
            lead(min_value_score) over (order by tier_rank asc) as next_min_value_score,
            lead(min_trailing_12m_spend) over (order by tier_rank asc)
                as next_min_trailing_12m_spend,
            lead(min_trailing_12m_orders) over (order by tier_rank asc)
                as next_min_trailing_12m_orders
        from checked
    ),

    final as (
        select
            cast(tier as {{ dbt.type_string() }}) as tier,
            cast(benefits as {{ dbt.type_string() }}) as benefits,
            cast(next_tier as {{ dbt.type_string() }}) as next_tier,
            cast(tier_rank as bigint) as tier_rank,
            cast(next_tier_rank as bigint) as next_tier_rank,
            cast(min_value_score as double) as min_value_score,
            cast(min_trailing_12m_spend as decimal(18, 2)) as min_trailing_12m_spend,
            cast(min_trailing_12m_orders as bigint) as min_trailing_12m_orders,
            cast(points_multiplier as decimal(6, 2)) as points_multiplier,
            cast(next_min_value_score as double) as next_min_value_score,
            cast(next_min_trailing_12m_spend as decimal(18, 2)) as next_min_trailing_12m_spend,
            cast(next_min_trailing_12m_orders as bigint) as next_min_trailing_12m_orders,
            is_entry_tier
        from sequenced
    )

    select * from final
{% endmacro %}
