{{ validated_tier_rules(ref('tier_rules'), 'tier_rules') }}
