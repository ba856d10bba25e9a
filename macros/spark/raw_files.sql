{#-
    Apache Spark variants of the raw-file macros (see macros/raw/raw_file_adapters.sql).
    They use Spark SQL only, so they work both in-process (target `spark`) and
    through the Thrift server (target `spark_cluster`).

    Paths: Spark resolves a relative raw_dir against the working folder of the
    Spark driver. With the `spark` target that is the folder dbt runs in; with
    `spark_cluster` it is the folder the Thrift server was started in
    (scripts/spark/start-cluster.sh starts it in the project root). The macros
    hand on the absolute file URI that Spark lists, so executors on other
    machines read the same file.
-#}

{#- A Spark SQL string literal; Spark treats backslashes in literals as escapes. -#}
{% macro spark_string_literal(value) -%}
    '{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}


{#- A name quoted as a Spark identifier, back-ticks doubled inside. -#}
{% macro spark__quote_identifier(name) -%}
    `{{ name | string | replace("`", "``") }}`
{%- endmacro %}


{#- A file path quoted for `<format>.`<path>`` direct file queries. -#}
{% macro spark_path_identifier(path) -%}
    `{{ path | replace("`", "``") }}`
{%- endmacro %}


{#-
    Lists raw_dir with Spark's binaryFile source: it lists files and reads only
    the columns a query asks for, here just the path, never the contents.
    The lookup is recursive because a non-recursive one fails outright
    (CONFLICTING_DIRECTORY_STRUCTURES) as soon as raw_dir has a subfolder;
    only a file directly in raw_dir counts, as on DuckDB. A missing raw_dir
    fails with Spark's PATH_NOT_FOUND error naming it.
-#}
{% macro spark__find_raw_files(raw_dir, table_name) %}
    {%- set listing_view = 'member_value__raw_listing' -%}
    {%- do run_query(
        "create or replace temporary view " ~ listing_view ~ " using binaryFile options ("
        ~ "path " ~ spark_string_literal(raw_dir)
        ~ ", pathGlobFilter " ~ spark_string_literal(table_name ~ ".{parquet,csv}")
        ~ ", recursiveFileLookup 'true')"
    ) -%}
    {%- set listed = run_query("select path, length from " ~ listing_view) -%}
    {%- do run_query("drop view if exists " ~ listing_view) -%}
    {#- Spark lists qualified URIs (file:/abs/path/<file>); a file directly in
        raw_dir ends with raw_dir's normalised path and is the shallowest. -#}
    {%- set folder = spark_normalised_path(raw_dir) -%}
    {%- set found = [] -%}
    {%- for format in ['parquet', 'csv'] -%}
        {%- set file_name = table_name ~ '.' ~ format -%}
        {%- set suffix = ('/' ~ folder if folder else '') ~ '/' ~ file_name -%}
        {%- set matches = [] -%}
        {%- for row in listed.rows if row[0].endswith(suffix) -%}
            {%- do matches.append([row[0] | length, row[0], row[1] | int]) -%}
        {%- endfor -%}
        {%- if matches -%}
            {%- set shallowest = matches | sort | first -%}
            {%- do found.append({'path': shallowest[1], 'format': format, 'size': shallowest[2]}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(found) }}
{% endmacro %}


{#-
    A folder path without `.`, `..` (where it can be resolved), doubled or
    trailing slashes, and without the leading `/` or `..` parts: the tail that
    every listed URI of a file in that folder ends with.
-#}
{% macro spark_normalised_path(path) %}
    {%- set parts = [] -%}
    {%- for part in (path | string).split('/') if part not in ['', '.'] -%}
        {%- if part == '..' and parts and parts[-1] != '..' -%}
            {%- do parts.pop() -%}
        {%- else -%}
            {%- do parts.append(part) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set kept = [] -%}
    {%- for part in parts if part != '..' -%}
        {%- do kept.append(part) -%}
    {%- endfor -%}
    {{ return(kept | join('/')) }}
{% endmacro %}


{#-
    Parquet is read in place (`parquet.`<path>``). A CSV file needs reader
    options (header row, every column as text), which Spark SQL only takes in a
    table definition: the file is registered as the unmanaged table
    <raw_schema>.<table>__csv_file over that one file (dropping it never deletes
    the file); the raw view reads through it.
-#}
{% macro spark__read_raw_file(raw_file, file_columns) %}
    {%- if raw_file.format == 'parquet' -%}
        parquet.{{ spark_path_identifier(raw_file.path) }}
    {%- else -%}
        {%- set csv_table = spark_csv_file_table(raw_file) -%}
        {%- do run_query("drop table if exists " ~ csv_table) -%}
        {%- do run_query(
            "create table " ~ csv_table ~ " using csv options ("
            ~ "path " ~ spark_string_literal(raw_file.path)
            ~ ", header 'true', inferSchema 'false', sep ',', quote '\"', escape '\"'"
            ~ ", encoding 'UTF-8', multiLine 'true', mode 'PERMISSIVE')"
        ) -%}
        {{ csv_table }}
    {%- endif -%}
{% endmacro %}


{#- The helper table a CSV raw file is registered as: <raw_schema>.<file name without extension>__csv_file. -#}
{% macro spark_csv_file_table(raw_file) -%}
    {%- set file_name = raw_file.path.rstrip('/').split('/') | last -%}
    {{ quote_identifier(raw_schema_name()) }}.{{ quote_identifier(file_name[:-4] ~ '__csv_file') }}
{%- endmacro %}


{#-
    Raw relations are views over the files. Whatever relation a previous run
    left under the name (a view, or a table of an older layout) is dropped
    first: Spark has no `create or replace` across the two kinds.
-#}
{% macro spark__create_raw_relation(raw_schema, table_name, select_sql) %}
    {%- set relation_name = quote_identifier(raw_schema) ~ "." ~ quote_identifier(table_name) -%}
    {%- do spark_drop_relation(raw_schema, table_name) -%}
    {%- do run_query("create view " ~ relation_name ~ " as " ~ select_sql) -%}
{% endmacro %}


{#- Drops a table or view of the schema, whichever it is. -#}
{% macro spark_drop_relation(schema_name, relation_name) %}
    {%- set views = run_query(
        "show views in " ~ quote_identifier(schema_name) ~ " like " ~ spark_string_literal(relation_name)
    ) -%}
    {%- set is_view = [] -%}
    {%- for row in views.rows if row['viewName'] | lower == relation_name | lower and not row['isTemporary'] -%}
        {%- do is_view.append(true) -%}
    {%- endfor -%}
    {%- set kind = 'view' if is_view else 'table' -%}
    {%- do run_query("drop " ~ kind ~ " if exists " ~ quote_identifier(schema_name) ~ "." ~ quote_identifier(relation_name)) -%}
{% endmacro %}


{#-
    The header line of a raw file. Parquet: the schema's names. CSV: the
    first line read as text, so that duplicated names are seen as written.
-#}
{% macro spark__raw_file_columns(raw_file) %}
    {%- if raw_file.format == 'parquet' -%}
        {%- set probe = run_query("select * from parquet." ~ spark_path_identifier(raw_file.path) ~ " limit 0") -%}
        {{ return(probe.column_names | list) }}
    {%- endif -%}
    {%- set first_line = run_query("select value from text." ~ spark_path_identifier(raw_file.path) ~ " limit 1") -%}
    {%- set header = (first_line.rows[0][0] if first_line.rows else '') or '' -%}
    {%- set names = [] -%}
    {%- for name in header.lstrip('\ufeff').split(',') -%}
        {%- do names.append(name.strip().strip('"').strip()) -%}
    {%- endfor -%}
    {{ return(names if header.strip() else []) }}
{% endmacro %}


{#- The malformed-lines table, Parquet, recreated empty each run. -#}
{% macro spark__create_malformed_lines_relation(raw_schema) %}
    {%- do spark_drop_relation(raw_schema, 'malformed_lines') -%}
    {%- do run_query(
        "create table " ~ quote_identifier(raw_schema) ~ ".malformed_lines (source_table string,"
        ~ " line_number bigint, line_count bigint, error_type string, line_text string) using parquet"
    ) -%}
{% endmacro %}

