{%- set text = dbt.type_string() %}

{#-
    The member_playbook seed, checked: every value of value_segment, tier
    and churn_band is `*` (any) or a value the project knows (a segment of
    value_segment_rules, a tier of tier_rules, a band of churn_risk_bands),
    every rule names an action and a channel, and the last rule (highest
    rule_priority) matches everyone, so that every member gets an action.
    Anything else stops the build with a message naming the seed and the row.
-#}

with

playbook as (
    select * from {{ ref('member_playbook') }}
),

value_segments as (
    select distinct value_segment from {{ ref('value_segment_rules') }}
),

tiers as (
    select tier from {{ ref('int_tier_rules_validated') }}
),

bands as (
    select churn_band from {{ ref('int_churn_risk_bands_validated') }}
),

rules as (
    select
        playbook.rule_priority,
        playbook.value_segment,
        playbook.tier,
        playbook.churn_band,
        playbook.action,
        playbook.channel,
        playbook.rationale,
        playbook.value_segment = '*' or value_segments.value_segment is not null as is_known_value_segment,
        playbook.tier = '*' or tiers.tier is not null as is_known_tier,
        playbook.churn_band = '*' or bands.churn_band is not null as is_known_churn_band,
        max(playbook.rule_priority) over () as last_rule_priority,
        count(*) over (partition by playbook.rule_priority) as priority_count
    from playbook
    left join value_segments
        on playbook.value_segment = value_segments.value_segment
    left join tiers
        on playbook.tier = tiers.tier
    left join bands
        on playbook.churn_band = bands.churn_band
),

row_issues as (
    select
        rule_priority,
        case
            when rule_priority is null then 'has no rule_priority.'
            when priority_count > 1 then 'shares its rule_priority with another rule; give each rule its own.'
            when value_segment is null or not is_known_value_segment
                then 'names a value_segment that is neither * nor a segment of value_segment_rules.'
            when tier is null or not is_known_tier then 'names a tier that is neither * nor a tier of tier_rules.'
            when churn_band is null or not is_known_churn_band
                then 'names a churn_band that is neither * nor a band of churn_risk_bands.'
            when action is null or channel is null then 'has no action or no channel.'
            when rule_priority = last_rule_priority and (value_segment <> '*' or tier <> '*' or churn_band <> '*')
                then 'is the last rule: as the fallback it must match everyone (* in all three columns).'
        end as issue
    from rules
),

first_problem as (
    select
        min({{ dbt.concat([
            "'seed member_playbook, rule with rule_priority '",
            "coalesce(cast(rule_priority as " ~ text ~ "), 'NULL')", "': '", 'issue',
        ]) }}) as problem
    from row_issues
    where issue is not null
),

final as (
    select
        cast(rules.rule_priority as bigint) as rule_priority,
        rules.value_segment,
        rules.tier,
        rules.churn_band,
        rules.action,
        rules.channel,
        rules.rationale
    from rules
    cross join first_problem
    where {{ raise_error_if('first_problem.problem') }}
)

select * from final
