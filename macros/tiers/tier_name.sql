{#-
    The name of the tier of rank `rank_expression` in a row of
    tier_rules_pivoted (alias `pivoted`): a CASE per row instead of a join
    with the rules.
-#}
{% macro tier_name(pivoted, rank_expression) -%}
    case {{ rank_expression }}
        {%- for rank in range(1, max_tier_count() + 1) %}
        when {{ rank }} then {{ pivoted }}.tier_{{ rank }}
        {%- endfor %}
    end
{%- endmacro %}
