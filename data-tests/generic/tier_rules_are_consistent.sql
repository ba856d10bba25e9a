{#-
    A tier-rules seed is usable: every rule is complete, the entry tier asks
    for nothing, and each higher tier asks for a higher composite score, more
    trailing-12-month spend and at least as many orders as the tier below.
    Fails with one row per faulty rule, its problem in a sentence (macro
    tier_rule_problems, which int_tier_rules_validated also applies).
-#}
{% test tier_rules_are_consistent(model) %}

{{ tier_rule_problems(model, model.identifier) }}

{% endtest %}
