{#-
    First day of a lookback window of `days` days that ends on, and includes,
    `end_date`: end_date - (days - 1). A 365-day window ending 2024-12-31
    starts on 2024-01-02.
-#}
{% macro window_start_date(end_date, days) -%}
    cast({{ dbt.dateadd('day', -(days | int) + 1, end_date) }} as date)
{%- endmacro %}
