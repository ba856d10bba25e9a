{#-
    The rows of base_shop__<table_name> that passed every check but share
    their key with another such row, each with its rank among them
    (`key_rank`, 1 = kept). The rank follows the table's deduplication_rule()
    and the raw record breaks any tie, so the choice is the same on every run
    and engine. Rows with a key of their own never reach the window.
-#}
{% macro ranked_duplicates(table_name) -%}
    {%- set rule = deduplication_rule(table_name) -%}
    select
        *,
        row_number() over (
            partition by {{ rule.key }}
            order by {{ rule.keep_first_by }}, raw_record
        ) as key_rank
    from {{ ref('base_shop__' ~ table_name) }}
    where check_reason is null and has_duplicate_key
{%- endmacro %}
