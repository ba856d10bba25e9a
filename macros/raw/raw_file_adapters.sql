{#-
    Adapter-specific pieces of register_raw_sources(). A raw file is described
    by a dict {path, format}; format is 'parquet' or 'csv'.
-#}

{% macro default__create_raw_schema(raw_schema) %}
    {%- do run_query("create schema if not exists " ~ raw_schema) -%}
{% endmacro %}


{#- The raw file of a table: Parquet wins over CSV when both exist; none when neither does. -#}
{% macro default__find_raw_file(raw_dir, table_name) %}
    {{ exceptions.raise_compiler_error(
        "member_value cannot list raw files on adapter '" ~ adapter.type() ~ "'; add a "
        ~ adapter.type() ~ "__find_raw_file macro."
    ) }}
{% endmacro %}

{% macro duckdb__find_raw_file(raw_dir, table_name) %}
    {%- for format in ['parquet', 'csv'] -%}
        {%- set path = raw_dir ~ "/" ~ table_name ~ "." ~ format -%}
        {%- set found = run_query("select file from glob(" ~ dbt.string_literal(path) ~ ")") -%}
        {%- if found.rows | length > 0 -%}
            {{ return({'path': path, 'format': format}) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(none) }}
{% endmacro %}


{#- A table expression that reads the whole file, every column as text where the format allows. -#}
{% macro default__read_raw_file(raw_file) %}
    {{ exceptions.raise_compiler_error(
        "member_value cannot read raw files on adapter '" ~ adapter.type() ~ "'; add a "
        ~ adapter.type() ~ "__read_raw_file macro."
    ) }}
{% endmacro %}

{% macro duckdb__read_raw_file(raw_file) %}
    {%- if raw_file.format == 'parquet' -%}
        read_parquet({{ dbt.string_literal(raw_file.path) }})
    {%- else -%}
        read_csv({{ dbt.string_literal(raw_file.path) }}, header = true, delim = ',', quote = '"',
            escape = '"', encoding = 'utf-8', all_varchar = true)
    {%- endif -%}
{% endmacro %}


{#- The column names of a raw file, as written in its header or schema. -#}
{% macro default__raw_file_columns(raw_file) %}
    {%- set probe = run_query("select * from " ~ adapter.dispatch('read_raw_file', 'member_value')(raw_file) ~ " limit 0") -%}
    {{ return(probe.column_names | list) }}
{% endmacro %}


{% macro default__create_raw_relation(raw_schema, table_name, select_sql, relation_type) %}
    {%- do run_query(
        "create or replace " ~ relation_type ~ " " ~ raw_schema ~ "." ~ table_name ~ " as " ~ select_sql
    ) -%}
{% endmacro %}
