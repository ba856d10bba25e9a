{#-
    The statement that ships a Python script of the project to Apache
    Spark's executors (ADD FILE), for a pre-hook of a model that runs it with
    python_script_transform. The path is relative to the project folder,
    where dbt runs (the `spark` target) and where the local cluster's Thrift
    server was started (`spark_cluster`). Other engines get no statement.
-#}
{% macro python_script_file(script_file) -%}
    {{ return(adapter.dispatch('python_script_file', 'member_value')(script_file)) }}
{%- endmacro %}

{% macro default__python_script_file(script_file) -%}
{%- endmacro %}

{% macro spark__python_script_file(script_file) -%}
    {%- if not modules.re.fullmatch('[A-Za-z0-9_./-]+[.]py', script_file) or '..' in script_file -%}
        {{ exceptions.raise_compiler_error(
            "python_script_file: script_file is '" ~ script_file
            ~ "'; expected a path inside the project of letters, digits, '_', '-', '.' and '/', ending in .py."
        ) }}
    {%- endif -%}
    add file {{ dbt.string_literal(script_file) }}
{%- endmacro %}
