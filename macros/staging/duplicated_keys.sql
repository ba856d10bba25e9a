{#-
    The row keys that occur more than once in a raw relation. It reads only
    the key columns, so on a columnar file it is a narrow scan, and the rows
    that share a key (usually few) are the only ones ranked later.
-#}
{% macro duplicated_keys(relation, row_key) -%}
    select row_key
    from (
        select {{ row_key }} as row_key
        from {{ relation }}
    ) as keys
    where row_key is not null
    group by row_key
    having count(*) > 1
{%- endmacro %}
