{%- set checked_tables = raw_table_names() -%}

with

{% for table_name in checked_tables -%}
    {{ table_name }} as (
        select
            '{{ table_name }}' as source_table,
            row_key,
            quarantine_reason as reason_code,
            raw_record
        from {{ ref('base_shop__' ~ table_name) }}
        where quarantine_reason is not null
    ),

{% endfor -%}
final as (
    {% for table_name in checked_tables -%}
        select * from {{ table_name }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from final
