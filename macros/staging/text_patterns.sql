{#-
    The spellings staging accepts, as regular expressions that mean the same
    on DuckDB (RE2) and Spark (Java): no backslashes, no look-arounds, the
    whole value must match. One place, so that the models, the docs and the
    tests agree on what parses.
-#}

{#- A whole number: optional sign, decimal digits only (no `2.5`, `0x10`, `1_000`, `1e3`). -#}
{% macro integer_pattern() -%}
    [+-]?[0-9]+
{%- endmacro %}

{#-
    A money amount in plain decimal notation with at most two significant
    decimals: `12`, `12.3`, `12.30`, `.5`, `-4.00`; trailing zeros beyond the
    cents are exact and accepted (`12.340`). Not `12.345`, `1e-3`, `1,000.00`.
-#}
{% macro amount_pattern() -%}
    [+-]?([0-9]+([.][0-9]{0,2}0*)?|[.][0-9]{1,2}0*)
{%- endmacro %}

{#- A calendar date, ISO 8601 extended (`2024-03-01`) or basic (`20240301`). -#}
{% macro iso_date_pattern() -%}
    ([0-9]{4})-?([0-9]{2})-?([0-9]{2})
{%- endmacro %}

{#-
    An ISO 8601 date and time, extended (`2024-03-01T12:30:00+02:00`) or
    basic (`20240301T123000Z`), every field two digits (four for the year).
    The time may follow `T` or a space and is optional (midnight), as are the
    seconds; a fraction (up to 9 digits, `.` or `,`) needs the seconds; the
    UTC offset is `Z`, `+02`, `+0200` or `+02:00`. Nothing else may follow:
    no zone names or abbreviations, no AM/PM. Groups: 1 year, 2 month, 3 day,
    5 hour, 6 minute, 8 second, 10 fraction, 11 offset.
-#}
{% macro iso_timestamp_pattern() -%}
    ([0-9]{4})-?([0-9]{2})-?([0-9]{2})([T ]([0-9]{2}):?([0-9]{2})(:?([0-9]{2})([.,]([0-9]{1,9}))?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?
{%- endmacro %}

{#- The characters that clean_text() removes from both ends of a value: Unicode white space, zero-width characters and the byte-order mark. -#}
{% macro edge_whitespace_characters() -%}
    {{- return(
        " \t\n\r\x0b\x0c\u0085\u00a0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
        ~ "\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
    ) -}}
{%- endmacro %}
