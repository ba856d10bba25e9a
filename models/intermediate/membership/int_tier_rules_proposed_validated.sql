{#- The proposed rule set: the seed named by var('tier_rules_proposal'), tier_rules_proposed by default. -#}
{%- set proposal_seed = var('tier_rules_proposal') | string | trim %}
{%- if not modules.re.match('^[A-Za-z_][A-Za-z0-9_]*$', proposal_seed) %}
    {{ exceptions.raise_compiler_error(
        "var('tier_rules_proposal') is '" ~ proposal_seed ~ "'; expected the name of a seed laid out like"
        ~ " tier_rules (letters, digits and underscores), for example tier_rules_proposed."
    ) }}
{%- endif %}

{{ validated_tier_rules(ref(proposal_seed), proposal_seed) }}
