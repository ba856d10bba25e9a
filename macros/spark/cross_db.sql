{#-
    Apache Spark variants of the cross-database macros in macros/cross_db/.
    They give the same results as the DuckDB variants on the raw-data contract
    (tests/test_spark_parity.py), with spark.sql.ansi.enabled on or off.
    Spark SQL string literals treat backslashes as escapes, so the regular
    expressions below avoid them ([.] instead of \.).
-#}

{#-
    NULL instead of an error when the value does not convert. The staging
    parsers only hand it text that matches their pattern (macros/staging/
    text_patterns.sql), so both engines read the same values.
-#}
{% macro spark__safe_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}


{% macro spark__matches_pattern(expression, pattern) -%}
    ({{ expression }} rlike {{ spark_string_literal('^(' ~ pattern ~ ')$') }})
{%- endmacro %}


{#-
    Text that matches iso_timestamp_pattern() is rebuilt as
    `YYYY-MM-DD HH:MM:SS[.f]+HH:MM` (`+00:00` when it had no offset, so that it
    is read as UTC) and cast: a cast of text that names its offset does not
    depend on the session time zone, and try_cast yields NULL for what does
    not parse (2024-02-30, 25:00) whether ANSI mode is on or off. The result
    is a Spark `timestamp`, an instant; the profile's session time zone UTC
    makes it display, and cast to date, in UTC.
-#}
{% macro spark__to_utc_timestamp(expression) -%}
    {%- set pattern = spark_string_literal('^' ~ iso_timestamp_pattern() ~ '$') -%}
    {%- set parts = {} -%}
    {%- for name, group in [('year', 1), ('month', 2), ('day', 3), ('hour', 5), ('minute', 6), ('second', 8),
        ('fraction', 10), ('utc_offset', 11)] -%}
        {%- do parts.update({name: "regexp_extract(" ~ expression ~ ", " ~ pattern ~ ", " ~ group ~ ")"}) -%}
    {%- endfor -%}
    case
        when {{ matches_pattern(expression, iso_timestamp_pattern()) }}
            then try_cast(
                {{ iso_timestamp_text(parts.year, parts.month, parts.day, parts.hour,
                    parts.minute, parts.second, parts.fraction, parts.utc_offset) }}
                as timestamp
            )
    end
{%- endmacro %}


{#- Trims edge_whitespace_characters() from both ends; blank becomes NULL. -#}
{% macro spark__clean_text(column_name) -%}
    {%- set character_class = '[' ~ edge_whitespace_characters() ~ ']' -%}
    nullif(
        regexp_replace({{ column_name }}, {{ spark_string_literal('^' ~ character_class ~ '+|' ~ character_class ~ '+$') }}, ''),
        ''
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


{% macro spark__named_struct(fields) -%}
    named_struct(
        {%- for name, expression in fields.items() -%}
            '{{ name }}', {{ expression }}{{ ", " if not loop.last }}
        {%- endfor -%}
    )
{%- endmacro %}


{% macro spark__hash_text(expression) -%}
    sha2({{ expression }}, 256)
{%- endmacro %}
