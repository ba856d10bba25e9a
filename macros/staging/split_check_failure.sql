{#-
    The two columns of a base model's first failed check, from its
    `<reason>:<column>` text: check_reason (a code of the quarantine_reasons
    seed) and check_column (the raw column that failed). Both NULL when the
    row passed every check.
-#}
{% macro split_check_failure(failure_column) -%}
    nullif(split_part({{ failure_column }}, ':', 1), '') as check_reason,
    nullif(split_part({{ failure_column }}, ':', 2), '') as check_column
{%- endmacro %}
