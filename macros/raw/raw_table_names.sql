{#-
    The tables of the raw-data contract, in the order reports list them. Models
    that loop over every raw table (the quarantine, the quarantine summary)
    take the list from here, because ref() and source() must be known when
    dbt parses the project, before the sources yml can be read.
    register_raw_sources() checks that this list and the `shop` source
    declare the same tables.
-#}
{% macro raw_table_names() %}
    {{ return([
        'members', 'orders', 'order_items', 'refunds', 'products', 'events', 'reviews',
        'referrals', 'campaigns', 'campaign_exposures', 'tier_history', 'points_ledger',
        'service_tickets',
    ]) }}
{% endmacro %}
