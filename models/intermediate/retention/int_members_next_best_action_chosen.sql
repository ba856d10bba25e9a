{#-
    Every member's next-best action as of the analysis date: the first rule
    of the member_playbook seed, by rule_priority, whose value segment, tier
    (the official tier, the one the member holds) and churn band each match
    the member's or are `*`. The playbook's last rule matches everyone, so
    every member gets exactly one action.
-#}

with

value_segments as (
    select * from {{ ref('int_members_value_segmented') }}
),

tiers as (
    select * from {{ ref('int_members_tiered') }}
),

churn_risk as (
    select * from {{ ref('int_members_churn_risk_scored') }}
    where score_basis = 'current'
),

playbook as (
    select * from {{ ref('int_member_playbook_validated') }}
),

member_profiles as (
    select
        value_segments.member_id,
        value_segments.value_segment,
        tiers.official_tier,
        churn_risk.churn_band,
        churn_risk.churn_risk_score
    from value_segments
    inner join tiers
        on value_segments.member_id = tiers.member_id
    inner join churn_risk
        on value_segments.member_id = churn_risk.member_id
),

first_matches as (
    select
        member_profiles.member_id,
        min(playbook.rule_priority) as rule_priority
    from member_profiles
    inner join playbook
        on
            (playbook.value_segment = '*' or member_profiles.value_segment = playbook.value_segment)
            and (playbook.tier = '*' or member_profiles.official_tier = playbook.tier)
            and (playbook.churn_band = '*' or member_profiles.churn_band = playbook.churn_band)
    group by member_profiles.member_id
),

final as (
    select
        member_profiles.member_id,
        member_profiles.value_segment,
        member_profiles.official_tier,
        member_profiles.churn_band,
        playbook.action,
        playbook.channel,
        playbook.rationale,
        first_matches.rule_priority,
        member_profiles.churn_risk_score
    from member_profiles
    inner join first_matches
        on member_profiles.member_id = first_matches.member_id
    inner join playbook
        on first_matches.rule_priority = playbook.rule_priority
)

select * from final
