{#-
    The clean rows of base_shop__<table_name>, one per key: the rows that
    passed every check and have a key of their own, plus the first-ranked
    row of every key that several such rows share (ranked_duplicates()).
    Every row carries key_rank (1). The base table is referenced directly
    in both branches so that no engine buffers it as a common table
    expression.
-#}
{% macro deduplicated_rows(table_name) -%}
    select
        *,
        1 as key_rank
    from {{ ref('base_shop__' ~ table_name) }}
    where check_reason is null and not has_duplicate_key

    union all

    select *
    from ({{ ranked_duplicates(table_name) }}) as ranked
    where key_rank = 1
{%- endmacro %}
