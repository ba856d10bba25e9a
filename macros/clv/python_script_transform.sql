{#-
    Rows computed by a Python script from the rows of `input_sql`: every input
    row is written to the script's standard input as tab-separated text and
    every line the script prints is a result row with `output_columns`
    (a list of "name type" strings). The script file (a path relative to the
    project folder) is shipped to the executors with ADD FILE by the calling
    model's pre-hook (macro python_script_file) and run with the Python in
    PYSPARK_PYTHON (python3 when unset), which needs numpy and scipy.

    Only Apache Spark runs scripts from SQL (TRANSFORM ... USING); on DuckDB
    the same files are dbt Python models, so other engines raise.
-#}
{% macro python_script_transform(input_sql, input_columns, script_file, output_columns) -%}
    {{ return(adapter.dispatch('python_script_transform', 'member_value')(
        input_sql, input_columns, script_file, output_columns
    )) }}
{%- endmacro %}

{#- Raises when run, not when parsed: dbt parses the disabled Spark models too. -#}
{% macro default__python_script_transform(input_sql, input_columns, script_file, output_columns) -%}
    {%- if execute -%}
    {{ exceptions.raise_compiler_error(
        "python_script_transform: the " ~ target.type ~ " adapter cannot run a Python script from SQL;"
        ~ " only Apache Spark can (TRANSFORM ... USING). On DuckDB, " ~ script_file
        ~ " runs as a dbt Python model."
    ) }}
    {%- endif -%}
{%- endmacro %}

{% macro spark__python_script_transform(input_sql, input_columns, script_file, output_columns) -%}
    {%- set file_name = script_file.split('/') | last -%}
    {%- if not modules.re.fullmatch('[A-Za-z0-9_]+[.]py', file_name) -%}
        {{ exceptions.raise_compiler_error(
            "python_script_transform: script_file is '" ~ script_file
            ~ "'; expected a path ending in a Python file name of letters, digits and underscores."
        ) }}
    {%- endif -%}
    select transform ({{ input_columns | join(', ') }})
        using '"${PYSPARK_PYTHON:-python3}" {{ file_name }}'
        as ({{ output_columns | join(', ') }})
    from (
        -- One partition: the script sees every row at once.
        select /*+ REPARTITION(1) */ * from ({{ input_sql }}) as script_input
    ) as partitioned_input
{%- endmacro %}
