{#- A table: every reconciliation test reads it, and it is small (the rejected rows only). -#}
{{ config(materialized='table') }}

{%- set checked_tables = raw_table_names() -%}

with

{% for table_name in checked_tables -%}
    {%- set key = deduplication_rule(table_name).key %}
    {{ table_name }}_rejected as (
        select
            '{{ table_name }}' as source_table,
            {{ key }} as row_key,
            check_reason as reason_code,
            raw_record
        from {{ ref('base_shop__' ~ table_name) }}
        where check_reason is not null
    ),

    {{ table_name }}_duplicates as (
        select
            '{{ table_name }}' as source_table,
            {{ key }} as row_key,
            'duplicate_key' as reason_code,
            raw_record
        from ({{ duplicate_removals(table_name) }}) as removed
    ),

{% endfor -%}
final as (
    {% for table_name in checked_tables -%}
        select * from {{ table_name }}_rejected
        union all
        select * from {{ table_name }}_duplicates
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from final
