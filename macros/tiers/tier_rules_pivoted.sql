{#-
    A one-row query of a validated rule set (int_tier_rules_validated or
    int_tier_rules_proposed_validated) with the thresholds of every rank side
    by side: tier_<rank> (the name), min_value_score_<rank>, min_trailing_12m_spend_<rank> and
    min_trailing_12m_orders_<rank> for rank 1 to max_tier_count(), NULL for
    ranks the rule set does not have. qualifying_tier_rank and
    tier_name read it.
-#}
{% macro tier_rules_pivoted(rules_relation) %}
    select
        {%- for rank in range(1, max_tier_count() + 1) %}
        max(case when tier_rank = {{ rank }} then tier end) as tier_{{ rank }},
        max(case when tier_rank = {{ rank }} then min_value_score end) as min_value_score_{{ rank }},
        max(case when tier_rank = {{ rank }} then min_trailing_12m_spend end) as min_trailing_12m_spend_{{ rank }},
        max(case when tier_rank = {{ rank }} then min_trailing_12m_orders end) as min_trailing_12m_orders_{{ rank }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ rules_relation }}
{% endmacro %}
