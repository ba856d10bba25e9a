{#-
    True when the raw text column holds a value that its parsed form lost:
    present in the file, but not a valid number, timestamp or date.
-#}
{% macro is_unparseable(column_name, parsed_expression) -%}
    ({{ clean_text(column_name) }} is not null and ({{ parsed_expression }}) is null)
{%- endmacro %}
