{#-
    Adapter-specific pieces of register_raw_sources(). A raw file is described
    by a dict {path, format, size}; format is 'parquet' or 'csv'.
-#}

{% macro default__create_raw_schema(raw_schema) %}
    {%- do run_query("create schema if not exists " ~ quote_identifier(raw_schema)) -%}
{% endmacro %}


{#- The raw files of a table, Parquet first: a list of {path, format, size}, empty when there is none. -#}
{% macro default__find_raw_files(raw_dir, table_name) %}
    {{ exceptions.raise_compiler_error(
        "member_value cannot list raw files on adapter '" ~ adapter.type() ~ "'; add a "
        ~ adapter.type() ~ "__find_raw_files macro."
    ) }}
{% endmacro %}

{% macro duckdb__find_raw_files(raw_dir, table_name) %}
    {%- set found = [] -%}
    {%- for format in ['parquet', 'csv'] -%}
        {%- set path = raw_dir ~ "/" ~ table_name ~ "." ~ format -%}
        {%- set listed = run_query("select size from read_blob(" ~ sql_string(path) ~ ")") -%}
        {%- if listed.rows | length > 0 -%}
            {%- do found.append({'path': path, 'format': format, 'size': listed.rows[0][0] | int}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(found) }}
{% endmacro %}


{#-
    The header of a raw file: its column names as written. For CSV only the
    first line is read (split on commas, surrounding quotes removed), so a
    file whose later lines are malformed still has its columns.
-#}
{% macro default__raw_file_columns(raw_file) %}
    {{ exceptions.raise_compiler_error(
        "member_value cannot read raw file headers on adapter '" ~ adapter.type() ~ "'; add a "
        ~ adapter.type() ~ "__raw_file_columns macro."
    ) }}
{% endmacro %}

{% macro duckdb__raw_file_columns(raw_file) %}
    {%- if raw_file.format == 'parquet' -%}
        {%- set probe = run_query("select * from read_parquet(" ~ sql_string(raw_file.path) ~ ") limit 0") -%}
        {{ return(probe.column_names | list) }}
    {%- endif -%}
    {%- set first_line = run_query(
        "select line from read_csv(" ~ sql_string(raw_file.path) ~ ", auto_detect = false, header = false,"
        ~ " columns = {'line': 'VARCHAR'}, delim = chr(31), quote = '', escape = '', encoding = 'utf-8',"
        ~ " strict_mode = false, ignore_errors = true) limit 1"
    ) -%}
    {%- set header = (first_line.rows[0][0] if first_line.rows else '') or '' -%}
    {%- set names = [] -%}
    {%- for name in header.lstrip('\ufeff').split(',') -%}
        {%- do names.append(name.strip().strip('"').strip()) -%}
    {%- endfor -%}
    {{ return(names if header.strip() else []) }}
{% endmacro %}


{#-
    A table expression that reads the whole file. CSV is read with fixed
    options and the header's own column names, every column as text, and
    without sniffing, so one broken line cannot stop the others; malformed
    lines are left out here and kept by raw_malformed_lines().
-#}
{% macro default__read_raw_file(raw_file, file_columns) %}
    {{ exceptions.raise_compiler_error(
        "member_value cannot read raw files on adapter '" ~ adapter.type() ~ "'; add a "
        ~ adapter.type() ~ "__read_raw_file macro."
    ) }}
{% endmacro %}

{% macro duckdb__read_raw_file(raw_file, file_columns, keep_rejects=false) %}
    {%- if raw_file.format == 'parquet' -%}
        read_parquet({{ sql_string(raw_file.path) }})
    {%- else -%}
        {#- The filter reads every column, so every read decodes (and rejects) the same lines:
            DuckDB checks a value's encoding only when the column is read. -#}
        (select * from read_csv(
            {{ sql_string(raw_file.path) }},
            auto_detect = false, header = true, delim = ',', quote = '"', escape = '"', encoding = 'utf-8',
            columns = {
                {%- for name in file_columns -%}
                    {{ sql_string(name) }}: 'VARCHAR'{{ ", " if not loop.last }}
                {%- endfor -%}
            },
            {% if keep_rejects -%}
                store_rejects = true, rejects_table = 'member_value_rejected_lines', rejects_scan = 'member_value_rejected_scans'
            {%- else -%}
                ignore_errors = true
            {%- endif %}
        ) where strlen(concat_ws('', columns(*))) >= 0) as raw_file
    {%- endif -%}
{% endmacro %}


{#-
    The lines of a CSV raw file that DuckDB's reader rejects (wrong number of
    fields, unterminated quote, invalid UTF-8), as a query of
    (line_number, line_count, error_type, line_text): DuckDB's own rejects
    table (store_rejects). An unterminated quote runs to the end of the file,
    so its record holds every line from there on (line_count). Texts of
    tables with personal data are masked (mask_personal_data()).
-#}
{% macro default__raw_malformed_lines(raw_file, file_columns, table_name, has_personal_data) %}
    {{ return(none) }}
{% endmacro %}

{% macro duckdb__raw_malformed_lines(raw_file, file_columns, table_name, has_personal_data) %}
    {%- if raw_file.format != 'csv' -%}
        {{ return(none) }}
    {%- endif -%}
    {%- do run_query("drop table if exists member_value_rejected_lines") -%}
    {%- do run_query("drop table if exists member_value_rejected_scans") -%}
    {%- do run_query(
        "select count(*) from " ~ adapter.dispatch('read_raw_file', 'member_value')(raw_file, file_columns, keep_rejects=true)
    ) -%}
    {%- set text = "csv_line" if not has_personal_data else mask_personal_data("csv_line") -%}
    {#- One record per rejected line (the reader may report a line once per error). -#}
    {{ return(
        "select " ~ sql_string(table_name) ~ " as source_table, cast(line as bigint) as line_number,"
        ~ " cast(max(length(csv_line) - length(replace(csv_line, chr(10), '')) + 1) as bigint) as line_count,"
        ~ " min(error_type) as error_type, left(min(" ~ text ~ "), 2000) as line_text"
        ~ " from member_value_rejected_lines group by line"
    ) }}
{% endmacro %}


{% macro default__create_raw_relation(raw_schema, table_name, select_sql) %}
    {%- do run_query(
        "create or replace view " ~ quote_identifier(raw_schema) ~ "." ~ quote_identifier(table_name)
        ~ " as " ~ select_sql
    ) -%}
{% endmacro %}


{#- The relation of malformed lines: a table, (re)created empty each run and filled per CSV file. -#}
{% macro default__create_malformed_lines_relation(raw_schema) %}
    {%- do run_query(
        "create or replace table " ~ quote_identifier(raw_schema) ~ ".malformed_lines (source_table "
        ~ dbt.type_string() ~ ", line_number bigint, line_count bigint, error_type " ~ dbt.type_string()
        ~ ", line_text " ~ dbt.type_string() ~ ")"
    ) -%}
{% endmacro %}

{% macro default__insert_malformed_lines(raw_schema, select_sql) %}
    {%- do run_query("insert into " ~ quote_identifier(raw_schema) ~ ".malformed_lines " ~ select_sql) -%}
{% endmacro %}
