{#-
    A query of what is wrong with a tier-rules seed, one row per faulty rule
    (tier, tier_rank, problem): a sentence naming the seed and the row. No
    row means the rules are usable: every rule is complete; scores lie in
    0-100; ranks run 1, 2, 3 ... up to max_tier_count() without gaps; the
    entry tier (rank 1) asks for nothing; and each
    higher tier asks for a higher composite score, more trailing-12-month
    spend and at least as many orders as the tier below it. Used by the
    models that read the rules (which stop the build on a problem) and by the
    seeds' data tests.
-#}
{% macro tier_rule_problems(rules_relation, seed_name) %}
    {%- if not modules.re.fullmatch('[A-Za-z_][A-Za-z0-9_]*', seed_name | string) -%}
        {{ exceptions.raise_compiler_error(
            "tier_rule_problems: seed_name is '" ~ seed_name ~ "'; expected the name of a seed (letters, digits, underscores)."
        ) }}
    {%- endif -%}
    {%- set text = dbt.type_string() -%}
    {%- set row_label = dbt.concat([
        dbt.string_literal('seed ' ~ seed_name ~ ', row with tier_rank '),
        "coalesce(cast(tier_rank as " ~ text ~ "), 'NULL')", "' ('", "coalesce(tier, 'NULL')", "'): '",
    ]) -%}
    select
        tier,
        tier_rank,
        {{ dbt.concat([row_label, 'problem']) }} as problem
    from (
        select
            tier,
            tier_rank,
            case
                when tier is null or tier_rank is null
                    then 'has no tier name or no tier_rank.'
                when tier_rank < 1 or tier_rank > {{ max_tier_count() }}
                    then 'tier_rank must be a whole number from 1 to {{ max_tier_count() }}.'
                when
                    min_value_score is null or min_trailing_12m_spend is null
                    or min_trailing_12m_orders is null or points_multiplier is null
                    then 'min_value_score, min_trailing_12m_spend, min_trailing_12m_orders and points_multiplier must all be set.'
                when min_value_score < 0 or min_value_score > 100
                    then {{ dbt.concat([
                        "'min_value_score is '", "cast(min_value_score as " ~ text ~ ")",
                        "'; it must lie between 0 and 100.'",
                    ]) }}
                when min_trailing_12m_spend < 0 or min_trailing_12m_orders < 0
                    then 'min_trailing_12m_spend and min_trailing_12m_orders must not be negative.'
                when points_multiplier <= 0
                    then 'points_multiplier must be above 0.'
                when
                    lower_tier_rank is null
                    and (min_value_score <> 0 or min_trailing_12m_spend <> 0 or min_trailing_12m_orders <> 0)
                    then 'is the entry tier (the lowest tier_rank), which every member holds, so its min_value_score, min_trailing_12m_spend and min_trailing_12m_orders must be 0.'
                when tier_rank = lower_tier_rank
                    then {{ dbt.concat([
                        "'shares its tier_rank with '", "lower_tier", "'; each tier needs a rank of its own.'",
                    ]) }}
                when tier_rank <> rank_position
                    then {{ dbt.concat([
                        "'is rule number '", "cast(rank_position as " ~ text ~ ")",
                        "' by tier_rank; tier ranks must run 1, 2, 3 and so on without gaps.'",
                    ]) }}
                when min_value_score <= lower_min_value_score
                    then {{ dbt.concat([
                        "'asks for min_value_score '", "cast(min_value_score as " ~ text ~ ")",
                        "', not more than the tier below ('", "lower_tier", "': '",
                        "cast(lower_min_value_score as " ~ text ~ ")",
                        "'); each tier must ask for a higher score than the one below it.'",
                    ]) }}
                when min_trailing_12m_spend <= lower_min_trailing_12m_spend
                    then {{ dbt.concat([
                        "'asks for min_trailing_12m_spend '", "cast(min_trailing_12m_spend as " ~ text ~ ")",
                        "', not more than the tier below ('", "lower_tier", "': '",
                        "cast(lower_min_trailing_12m_spend as " ~ text ~ ")",
                        "'); each tier must ask for more spend than the one below it.'",
                    ]) }}
                when min_trailing_12m_orders < lower_min_trailing_12m_orders
                    then {{ dbt.concat([
                        "'asks for min_trailing_12m_orders '", "cast(min_trailing_12m_orders as " ~ text ~ ")",
                        "', fewer than the tier below ('", "lower_tier", "': '",
                        "cast(lower_min_trailing_12m_orders as " ~ text ~ ")",
                        "'); each tier must ask for at least as many orders as the one below it.'",
                    ]) }}
            end as problem
        from (
            select
                tier,
                tier_rank,
                min_value_score,
                min_trailing_12m_spend,
                min_trailing_12m_orders,
                points_multiplier,
                row_number() over (order by tier_rank asc nulls first, tier asc nulls first) as rank_position,
                lag(tier) over (order by tier_rank asc nulls first, tier asc nulls first) as lower_tier,
                lag(tier_rank) over (order by tier_rank asc nulls first, tier asc nulls first) as lower_tier_rank,
                lag(min_value_score) over (order by tier_rank asc nulls first, tier asc nulls first)
                    as lower_min_value_score,
                lag(min_trailing_12m_spend) over (order by tier_rank asc nulls first, tier asc nulls first)
                    as lower_min_trailing_12m_spend,
                lag(min_trailing_12m_orders) over (order by tier_rank asc nulls first, tier asc nulls first)
                    as lower_min_trailing_12m_orders
            from {{ rules_relation }}
        ) as ranked_rules
    ) as checked_rules
    where problem is not null
{% endmacro %}
