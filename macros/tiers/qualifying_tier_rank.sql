{#-
    The rank of the highest tier whose every condition a member meets: value
    score at least min_value_score, trailing-12-month net revenue at least
    min_trailing_12m_spend and trailing-12-month orders at least
    min_trailing_12m_orders, tried from the highest rank down. The entry tier
    (rank 1) asks for nothing and is the floor, also for a member whose
    refunds made their spend negative. `pivoted` is the alias of a row of
    tier_rules_pivoted; ranks the rule set does not have never match.
-#}
{% macro qualifying_tier_rank(pivoted, value_score, net_revenue_t12m, order_count_t12m) -%}
    case
        {%- for rank in range(max_tier_count(), 1, -1) %}
        when
            {{ value_score }} >= {{ pivoted }}.min_value_score_{{ rank }}
            and {{ net_revenue_t12m }} >= {{ pivoted }}.min_trailing_12m_spend_{{ rank }}
            and {{ order_count_t12m }} >= {{ pivoted }}.min_trailing_12m_orders_{{ rank }}
            then {{ rank }}
        {%- endfor %}
        else 1
    end
{%- endmacro %}
