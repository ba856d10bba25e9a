{#- A table: every reconciliation test reads it, and it is small (the rejected rows only). -#}
{{ config(materialized='table', post_hook="{{ check_quarantine_shares() }}") }}

{%- set checked_tables = raw_table_names() -%}

with

{% for table_name in checked_tables -%}
    {%- set key = deduplication_rule(table_name).key %}
    {{ table_name }}_rejected as (
        select
            '{{ table_name }}' as source_table,
            {{ key }} as row_key,
            check_reason as reason_code,
            check_column as reason_column,
            raw_record
        from {{ ref('base_shop__' ~ table_name) }}
        where check_reason is not null
    ),

    {{ table_name }}_duplicates as (
        select
            '{{ table_name }}' as source_table,
            {{ key }} as row_key,
            'duplicate_key' as reason_code,
            {{ sql_string(key) }} as reason_column,
            raw_record
        from ({{ duplicate_removals(table_name) }}) as removed
    ),

{% endfor -%}
malformed_lines as (
    select
        source_table,
        {{ dbt.concat(["'line '", "cast(line_number as " ~ dbt.type_string() ~ ")"]) }} as row_key,
        'malformed_line' as reason_code,
        cast(null as {{ dbt.type_string() }}) as reason_column,
        {{ struct_to_json(named_struct({
            'line_number': 'line_number',
            'line_count': 'line_count',
            'error_type': 'error_type',
            'line_text': 'line_text',
        })) }} as raw_record
    from {{ source('raw_registration', 'malformed_lines') }}
),

final as (
    select * from malformed_lines
    {% for table_name in checked_tables -%}
        union all
        select * from {{ table_name }}_rejected
        union all
        select * from {{ table_name }}_duplicates
    {% endfor %}
)

select * from final
