{#-
    How the clean rows of one raw table that share a key are told apart:
    `key`, the base model's column that holds the row's key, and
    `keep_first_by`, the order in which such rows are ranked (the first is
    kept, the others are duplicate removals). One rule per table, in one
    place, so that the staging model (which keeps the first row) and the
    quarantine (which receives the others) agree.
-#}
{% macro deduplication_rule(table_name) -%}
    {%- set rules = {
        'members': {'key': 'member_id', 'keep_first_by': 'signup_at asc nulls last'},
        'orders': {'key': 'order_id', 'keep_first_by': 'ordered_at desc nulls last'},
        'order_items': {'key': 'order_item_id', 'keep_first_by': 'order_id asc nulls last'},
        'refunds': {'key': 'refund_id', 'keep_first_by': 'refunded_at desc nulls last'},
        'products': {'key': 'product_id', 'keep_first_by': 'product_name asc nulls last'},
        'events': {'key': 'event_id', 'keep_first_by': 'event_at asc nulls last'},
        'reviews': {'key': 'review_id', 'keep_first_by': 'reviewed_at desc nulls last'},
        'referrals': {'key': 'referral_id', 'keep_first_by': 'referred_at asc nulls last'},
        'campaigns': {'key': 'campaign_id', 'keep_first_by': 'started_at asc nulls last'},
        'campaign_exposures': {'key': 'exposure_id', 'keep_first_by': 'exposed_at asc nulls last'},
        'tier_history': {'key': 'row_key', 'keep_first_by': 'tier asc nulls last'},
        'points_ledger': {'key': 'entry_id', 'keep_first_by': 'entry_at asc nulls last'},
        'service_tickets': {'key': 'ticket_id', 'keep_first_by': 'opened_at desc nulls last'},
    } -%}
    {%- if table_name not in rules -%}
        {{ exceptions.raise_compiler_error(
            "deduplication_rule: no rule for table '" ~ table_name ~ "'; add one to"
            ~ " macros/staging/deduplication_rule.sql. Tables with a rule: "
            ~ (rules.keys() | sort | join(", ")) ~ "."
        ) }}
    {%- endif -%}
    {{ return(rules[table_name]) }}
{%- endmacro %}
