{#-
    Parses ISO-8601 text into a timestamp in UTC. Text with a UTC offset or a
    trailing `Z` is shifted to UTC; text without one is taken to be UTC already.
    Text that does not parse yields NULL. The result never depends on the
    session time zone.
-#}
{% macro to_utc_timestamp(expression) %}
    {{- adapter.dispatch('to_utc_timestamp', 'member_value')(expression) -}}
{% endmacro %}

{% macro default__to_utc_timestamp(expression) -%}
    {{ exceptions.raise_compiler_error(
        "member_value has no to_utc_timestamp for adapter '" ~ adapter.type() ~ "'; add a "
        ~ adapter.type() ~ "__to_utc_timestamp macro (strict ISO 8601 text to a UTC timestamp)."
    ) }}
{%- endmacro %}

{#-
    DuckDB: the common form `YYYY-MM-DD HH:MM:SS` (19 characters) goes
    through strptime, which takes nothing else (no zone names, no AM/PM). Any other text must
    match iso_timestamp_pattern() and is rebuilt as
    `YYYY-MM-DD HH:MM:SS[.fff]+HH:MM` (`+00:00` when it had no offset, so it
    is read as UTC) and cast with its explicit offset, which no session time
    zone changes; utc_offset() rejects offsets beyond +-14:00.
-#}
{% macro duckdb__to_utc_timestamp(expression) -%}
    {%- set parts = "regexp_extract(" ~ expression ~ ", " ~ sql_string('^' ~ iso_timestamp_pattern() ~ '$')
        ~ ", ['year', 'month', 'day', 'time', 'hour', 'minute', 'seconds', 'second', 'fraction_part', 'fraction', 'utc_offset', 'offset_minutes'])" -%}
    coalesce(
        case when length({{ expression }}) = 19 then try_strptime({{ expression }}, '%Y-%m-%d %H:%M:%S') end,
        case
            when {{ matches_pattern(expression, iso_timestamp_pattern()) }}
                then timezone('UTC', try_cast(
                    {{ iso_timestamp_text(parts ~ '.year', parts ~ '.month', parts ~ '.day', parts ~ '.hour',
                        parts ~ '.minute', parts ~ '.second', parts ~ '.fraction', parts ~ '.utc_offset') }}
                    as timestamptz
                ))
        end
    )
{%- endmacro %}
