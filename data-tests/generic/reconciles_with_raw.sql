{#-
    Nothing is lost between a raw table and its staging model: every raw row
    is either a clean row of the model or a quarantined row (a duplicate_key
    row being a documented duplicate removal). Fails with the three counts
    when they do not add up.
-#}
{% test reconciles_with_raw(model, source_table, quarantine_model) %}

with

raw_rows as (
    -- Well-formed rows of the file plus the records the CSV reader rejected.
    select
        (select count(*) from {{ source('shop', source_table) }})
        + (
            select count(*) from {{ source('raw_registration', 'malformed_lines') }}
            where source_table = '{{ source_table }}'
        ) as raw_row_count
),

clean_rows as (
    select count(*) as clean_row_count from {{ model }}
),

quarantined_rows as (
    select
        coalesce(sum(case when reason_code = 'duplicate_key' then 0 else 1 end), 0) as rejected_row_count,
        coalesce(sum(case when reason_code = 'duplicate_key' then 1 else 0 end), 0) as duplicate_row_count
    from {{ quarantine_model }}
    where source_table = '{{ source_table }}'
)

select
    raw_rows.raw_row_count,
    clean_rows.clean_row_count,
    quarantined_rows.rejected_row_count,
    quarantined_rows.duplicate_row_count
from raw_rows
cross join clean_rows
cross join quarantined_rows
where
    raw_rows.raw_row_count
    <> clean_rows.clean_row_count + quarantined_rows.rejected_row_count + quarantined_rows.duplicate_row_count

{% endtest %}
