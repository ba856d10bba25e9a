{#-
    A UTC offset as `+HH:MM` from its ISO 8601 spellings (`Z`, `+02`,
    `+0200`, `+02:00`; '' or NULL means UTC, `+00:00`). NULL for an offset
    that no place on Earth uses: hours above 14, minutes above 59, or beyond
    +-14:00.
-#}
{% macro utc_offset_text(utc_offset) -%}
    {%- set digits = "replace(" ~ utc_offset ~ ", ':', '')" -%}
    case
        when nullif({{ utc_offset }}, '') is null or {{ utc_offset }} = 'Z' then '+00:00'
        when cast(substr({{ digits }}, 2, 2) as int) * 60 + cast(coalesce(nullif(substr({{ digits }}, 4, 2), ''), '0') as int) <= 14 * 60
            and cast(coalesce(nullif(substr({{ digits }}, 4, 2), ''), '0') as int) < 60
            then {{ dbt.concat([
                "substr(" ~ digits ~ ", 1, 3)", "':'",
                "coalesce(nullif(substr(" ~ digits ~ ", 4, 2), ''), '00')",
            ]) }}
    end
{%- endmacro %}
