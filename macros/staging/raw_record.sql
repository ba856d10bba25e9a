{#-
    The raw row as one JSON text value, computed only when `condition` holds
    (NULL otherwise): only rows that may end in the quarantine need it. Pass
    the column that holds the raw row (see raw_row()).
-#}
{% macro raw_record(raw_row_column, condition) -%}
    case when {{ condition }} then {{ struct_to_json(raw_row_column) }} end
{%- endmacro %}
