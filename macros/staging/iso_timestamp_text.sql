{#-
    `YYYY-MM-DD HH:MM:SS[.fff]+HH:MM` from the parts of an ISO 8601 timestamp
    (each a text expression, '' or NULL when absent): the time defaults to
    midnight and the seconds to 0, a fraction is cut to microseconds (the
    precision of a timestamp), the offset defaults to `+00:00` (UTC). NULL
    when the offset is not a real one (see utc_offset_text()).
-#}
{% macro iso_timestamp_text(year, month, day, hour, minute, second, fraction, utc_offset) -%}
    {{ dbt.concat([
        year, "'-'", month, "'-'", day, "' '",
        "coalesce(nullif(" ~ hour ~ ", ''), '00')", "':'",
        "coalesce(nullif(" ~ minute ~ ", ''), '00')", "':'",
        "coalesce(nullif(" ~ second ~ ", ''), '00')",
        "coalesce('.' || substr(nullif(" ~ fraction ~ ", ''), 1, 6), '')",
        utc_offset_text(utc_offset),
    ]) }}
{%- endmacro %}
