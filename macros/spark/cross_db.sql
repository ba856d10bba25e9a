{#-
    Apache Spark variants of the cross-database macros in macros/cross_db/.
    They give the same results as the DuckDB variants on the raw-data contract
    (tests/test_spark_parity.py), with spark.sql.ansi.enabled on or off.
    Spark SQL string literals treat backslashes as escapes, so the regular
    expressions below avoid them ([.] instead of \.).
-#}

{#-
    NULL instead of an error when the value does not convert. Integer types
    follow DuckDB, which rounds a decimal text to the nearest whole number
    ('2.5' -> 3) where Spark's try_cast would return NULL. Dates need a full
    `YYYY-MM-DD` like on DuckDB (Spark alone would also take '2024' or '2024-03').
-#}
{% macro spark__safe_cast(expression, data_type) -%}
    {%- set type_name = data_type | string | trim | lower -%}
    {%- if type_name in ['tinyint', 'smallint', 'int', 'integer', 'bigint', 'long', 'short', 'byte'] -%}
        try_cast(round(try_cast({{ expression }} as decimal(38, 18))) as {{ data_type }})
    {%- elif type_name == 'date' -%}
        case
            when trim({{ expression }}) rlike '{{ spark_iso_timestamp_pattern() }}'
                then try_cast(regexp_extract(trim({{ expression }}), '^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})', 1) as date)
        end
    {%- else -%}
        try_cast({{ expression }} as {{ data_type }})
    {%- endif -%}
{%- endmacro %}


{#-
    The ISO-8601 forms both engines read: a date, optionally followed by `T` or
    a space, a time of day (seconds and fraction optional) and a UTC offset
    (`Z`, `+02`, `+0200`, `+02:00`, ` UTC`, ` GMT`). DuckDB also takes rarer
    forms (`2024/03/01`, `12:00:00 PM`); those are NULL on Spark.
-#}
{% macro spark_iso_timestamp_pattern() -%}
    ^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([T ][0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2}([.][0-9]+)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?| UTC| GMT)?)?$
{%- endmacro %}


{#-
    The text is rebuilt as `YYYY-MM-DD HH:MM:SS[.f]<offset>` with an explicit
    offset (`Z` when it had none, so that it is read as UTC) and then cast:
    a cast of text that names its offset does not depend on the session time
    zone. try_cast yields NULL for what does not parse (2024-02-30, 25:00),
    whether ANSI mode is on or off. The result is a Spark `timestamp`, an
    instant; the profile's session time zone UTC makes it display, and cast to
    date, in UTC.
-#}
{% macro spark__to_utc_timestamp(expression) -%}
    {%- set text = "trim(" ~ expression ~ ")" -%}
    try_cast(
        case
            when {{ text }} rlike '{{ spark_iso_timestamp_pattern() }}'
                then concat(
                    regexp_extract({{ text }}, '^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})', 1),
                    ' ',
                    coalesce(nullif(regexp_extract({{ text }}, '^[^T ]+[T ]([0-9]{1,2}:[0-9]{1,2})', 1), ''), '00:00'),
                    coalesce(nullif(regexp_extract({{ text }}, '^[^T ]+[T ][0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2}([.][0-9]+)?)', 1), ''), ':00'),
                    coalesce(nullif(regexp_extract({{ text }}, '^[^T ]+[T ][0-9:.]+(Z|[+-][0-9]{2}(:?[0-9]{2})?| UTC| GMT)$', 1), ''), 'Z')
                )
        end
        as timestamp
    )
{%- endmacro %}


{#- `YYYY-MM-DD HH:MM:SS` of the instant in UTC, whatever the session time zone. -#}
{% macro spark__format_timestamp(expression) -%}
    date_format(to_utc_timestamp({{ expression }}, current_timezone()), 'yyyy-MM-dd HH:mm:ss')
{%- endmacro %}


{#- The current row as one struct value (see raw_row). -#}
{% macro spark__raw_row(relation_alias) -%}
    struct({{ relation_alias }}.*)
{%- endmacro %}


{#- Like DuckDB, NULL fields are kept as `null` (Spark's to_json drops them by default). -#}
{% macro spark__struct_to_json(expression) -%}
    to_json({{ expression }}, map('ignoreNullFields', 'false'))
{%- endmacro %}


{#-
    Spark's regexp_replace replaces every match. The pattern and replacement
    are written as on DuckDB; backslashes are doubled so that Spark's string
    literal hands them on to the regular expression unchanged.
-#}
{% macro spark__regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ spark_string_literal(pattern) }}, {{ spark_string_literal(replacement) }})
{%- endmacro %}


{#- Spark string literals treat backslashes as escapes: see spark_string_literal. -#}
{% macro spark__sql_string(value) -%}
    {{ spark_string_literal(value) }}
{%- endmacro %}
