-- Data-quality report: how many raw rows of each table were quarantined, and
-- why, as a share of the table's raw rows. Compile with `dbt compile` and run
-- the SQL in target/compiled/, or paste it into a BI tool.
with

quarantine as (
    select * from {{ ref('stg_shop__quarantine') }}
),

reasons as (
    select * from {{ ref('quarantine_reasons') }}
),

raw_counts as (
    {% for table_name in raw_table_names() -%}
        select
            '{{ table_name }}' as source_table,
            count(*) as raw_row_count
        from {{ source('shop', table_name) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

quarantined_counts as (
    select
        source_table,
        reason_code,
        count(*) as quarantined_row_count
    from quarantine
    group by source_table, reason_code
),

final as (
    select
        quarantined_counts.source_table,
        quarantined_counts.reason_code,
        reasons.description as reason_description,
        quarantined_counts.quarantined_row_count,
        raw_counts.raw_row_count,
        round(100.0 * quarantined_counts.quarantined_row_count / raw_counts.raw_row_count, 3)
            as quarantined_row_pct
    from quarantined_counts
    inner join raw_counts
        on quarantined_counts.source_table = raw_counts.source_table
    left join reasons
        on quarantined_counts.reason_code = reasons.reason_code
)

select * from final
order by source_table asc, quarantined_row_count desc
