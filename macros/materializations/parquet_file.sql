{#-
    DuckDB only: writes the model's result once, to a zstd-compressed
    Parquet file next to the warehouse file, and makes the model a view over
    that file. Used for the base staging models and the stored intermediate
    models, the largest relations of a build apart from the marts: nothing
    but dbt and its tests reads them, and compressed Parquet holds them in
    less space than DuckDB's own table format.

    The file is <folder of the warehouse file>/<warehouse file name without
    .duckdb>.<schema>.<model>.parquet, an absolute path, so that the view
    works from any working folder. Rebuilding overwrites it.
-#}
{% materialization parquet_file, adapter='duckdb' %}
    {%- set target_relation = this.incorporate(type='view') -%}
    {%- set existing_relation = load_cached_relation(this) -%}
    {%- set location = parquet_file_location(this) -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {%- if existing_relation is not none and not existing_relation.is_view -%}
        {{ adapter.drop_relation(existing_relation) }}
    {%- endif -%}

    {% call statement('main') -%}
        copy (
            {{ sql }}
        ) to {{ sql_string(location) }} ({{ parquet_file_options() }})
    {%- endcall %}

    {% call statement('create_view') -%}
        create or replace view {{ target_relation }} as
        select * from read_parquet({{ sql_string(location) }})
    {%- endcall %}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {% do persist_docs(target_relation, model) %}
    {{ adapter.commit() }}
    {{ run_hooks(post_hooks, inside_transaction=False) }}

    {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}


{#-
    How parquet_file writes: Parquet 2 encodings with light zstd, which on
    the staging tables is both smaller and cheaper to write than Parquet 1
    with zstd's default level, and as fast to read.
-#}
{% macro parquet_file_options() -%}
    format parquet, compression zstd, compression_level 1, parquet_version v2
{%- endmacro %}


{#- The absolute path of the Parquet file of a parquet_file model (see above). -#}
{% macro parquet_file_location(relation) %}
    {%- set found = run_query(
        "select path from duckdb_databases() where database_name = current_database()"
    ) -%}
    {%- set database_path = found.rows[0][0] if found.rows else none -%}
    {%- if not database_path -%}
        {{ exceptions.raise_compiler_error(
            "The parquet_file materialization of " ~ relation ~ " writes next to the warehouse file,"
            ~ " but the DuckDB database is in memory; set `path` in profiles.yml (MEMBER_VALUE_DB)."
        ) }}
    {%- endif -%}
    {%- set stem = database_path[:-7] if database_path.endswith('.duckdb') else database_path -%}
    {{ return(stem ~ '.' ~ relation.schema ~ '.' ~ relation.identifier ~ '.parquet') }}
{% endmacro %}
