{#-
    The final quarantine reason of a row: its first failed check, or
    duplicate_key when another row with the same key passed every check and
    ranks before it. Rows that pass come first; among them the order_by
    expression decides (for example the latest version of a record wins) and
    the raw record breaks any tie, so the choice is the same on every run.
-#}
{% macro quarantine_reason(check_reason, key_columns, order_by) -%}
    coalesce(
        {{ check_reason }},
        case
            when row_number() over (
                partition by {{ key_columns | join(', ') }}
                order by
                    case when {{ check_reason }} is null then 0 else 1 end,
                    {{ order_by }},
                    raw_record
            ) > 1 then 'duplicate_key'
        end
    )
{%- endmacro %}
